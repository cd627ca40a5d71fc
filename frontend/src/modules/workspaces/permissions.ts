import type { Role } from '../../api/types'

export type Action = 'read' | 'write_contacts' | 'manage_settings'

/** What a workspace role may do: viewers read, members work contacts, admins manage settings. */
export function can(role: Role | null | undefined, action: Action): boolean {
  if (!role) return false
  switch (action) {
    case 'read':
      return true
    case 'write_contacts':
      return role === 'admin' || role === 'member'
    case 'manage_settings':
      return role === 'admin'
  }
}
