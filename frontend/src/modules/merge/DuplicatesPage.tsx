import { useWorkspaceId } from '../workspaces/hooks'
import { DuplicatesView } from './DuplicatesView'

export function DuplicatesPage() {
  return <DuplicatesView ws={useWorkspaceId()} />
}
