import type { Role, Schemas } from '../../../api/types'

export type Member = Schemas['Member']

export type MemberAccess = { role: Role; all_contacts: boolean; contact_class_ids: number[] }
export type InviteInput = MemberAccess & { email: string }

export const ROLES: { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
]
