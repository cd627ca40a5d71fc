import type { Role } from '../../api/types'

/** Agency roles that may create and delete workspaces (the API's AGENCY_ADMIN_ROLES). */
export const AGENCY_ADMIN_ROLES = ['owner', 'admin']

export function managesAgency(role: string | null | undefined): boolean {
  return !!role && AGENCY_ADMIN_ROLES.includes(role)
}

export type Action = 'read' | 'write_contacts' | 'manage_settings'

/** What a workspace role may do: viewers read, members work contacts, admins manage settings. */
export function can(role: Role | string | null | undefined, action: Action): boolean {
  if (!role) return false
  switch (action) {
    case 'read':
      return role === 'admin' || role === 'member' || role === 'viewer'
    case 'write_contacts':
      return role === 'admin' || role === 'member'
    case 'manage_settings':
      return role === 'admin'
  }
}
