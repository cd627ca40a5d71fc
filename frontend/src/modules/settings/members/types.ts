import type { Role } from '../../../api/types'

export type Member = {
  user_id: number
  email: string
  name: string | null
  role: Role
  all_contacts: boolean
  contact_class_ids: number[]
  status: 'active' | 'invited'
}

export type MemberAccess = { role: Role; all_contacts: boolean; contact_class_ids: number[] }
export type InviteInput = MemberAccess & { email: string }

export const ROLES: { value: Role; label: string }[] = [
  { value: 'admin', label: 'Admin' },
  { value: 'member', label: 'Member' },
  { value: 'viewer', label: 'Viewer' },
]
