import type { Schemas } from '../../api/types'

export type Workspace = Schemas['Workspace']
export type WorkspaceInput = Schemas['WorkspaceCreate']
