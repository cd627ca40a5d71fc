import type { Schemas } from '../../api/types'
import type { EmailStatus } from '../hygiene/types'

export type CustomValue = string | number | boolean | string[] | null

export type Contact = Schemas['Contact']
export type ContactInput = Schemas['ContactIn']

export type ContactFilters = {
  q?: string
  tag?: string
  contact_class_id?: number
  /** valid, risky, invalid, suppressed or unverified (modules/hygiene) */
  email_status?: EmailStatus
}

export type ContactListQuery = ContactFilters & { page?: number; page_size?: number; sort?: string }

export type Activity = Schemas['Activity']
export type Tag = Schemas['Tag']
export type ContactTag = Schemas['ContactTag']
export type ContactTagInput = Schemas['ContactTagIn']

export const CONTACT_SORTS = ['created_at', 'updated_at', 'email', 'first_name', 'last_name', 'company'] as const

export function contactName(c: Pick<Contact, 'first_name' | 'last_name' | 'email' | 'phone'>): string {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ').trim()
  return name || c.email || c.phone || 'Unnamed contact'
}
