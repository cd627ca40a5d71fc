import type { Role } from '../../api/types'

export type User = { id: number; email: string; name: string; time_zone: string | null }

export type AuthResponse = { user: User; csrf_token: string }

export type MeAgency = { id: number; name: string; role: Role }

export type MeWorkspace = {
  id: number
  name: string
  agency_id: number
  agency_name: string
  time_zone: string
  role: Role
}

export type Me = {
  user: User
  csrf_token: string
  agencies: MeAgency[]
  workspaces: MeWorkspace[]
}

export type LoginInput = { email: string; password: string }
export type SignupInput = { email: string; password: string; name: string; agency_name: string }
export type AcceptInvitationInput = { token: string; name: string; password: string }
