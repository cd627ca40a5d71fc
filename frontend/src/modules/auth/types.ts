import type { Schemas } from '../../api/types'

export type User = Schemas['User']
export type AuthResponse = Schemas['Session']
export type MeAgency = Schemas['AgencyRef']
export type MeWorkspace = Schemas['WorkspaceRef']
export type Me = Schemas['Me']

export type LoginInput = Schemas['Login']
export type SignupInput = Schemas['Signup']
export type AcceptInvitationInput = Schemas['AcceptInvitation']
