export type CustomValue = string | number | boolean | string[] | null

export type Contact = {
  id: number
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  company: string | null
  time_zone: string | null
  contact_class_id: number | null
  custom: Record<string, CustomValue>
  tags: string[]
  created_at: string
  updated_at: string
}

export type ContactInput = Partial<Omit<Contact, 'id' | 'created_at' | 'updated_at'>>

export type ContactFilters = {
  q?: string
  tag?: string
  contact_class_id?: number
}

export type ContactListQuery = ContactFilters & { page?: number; page_size?: number; sort?: string }

export type Activity = {
  id: number
  kind: string
  data: Record<string, unknown> | null
  actor_name: string | null
  created_at: string
}

export type Tag = { id: number; name: string; color: string | null; contact_count: number }

export type BulkTagInput = {
  tag: string
  remove?: boolean
  q?: string
  tag_filter?: string
  contact_class_id?: number
}

export const CONTACT_SORTS = ['created_at', 'updated_at', 'email', 'first_name', 'last_name', 'company'] as const

export function contactName(c: Pick<Contact, 'first_name' | 'last_name' | 'email' | 'phone'>): string {
  const name = [c.first_name, c.last_name].filter(Boolean).join(' ').trim()
  return name || c.email || c.phone || 'Unnamed contact'
}
