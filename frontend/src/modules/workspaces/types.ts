import type { Role } from '../../api/types'

export type Workspace = {
  id: number
  name: string
  time_zone: string
  agency_id: number
  agency_name: string
  role: Role
  created_at: string
}

export type WorkspaceInput = { name: string; time_zone: string; agency_id?: number }
