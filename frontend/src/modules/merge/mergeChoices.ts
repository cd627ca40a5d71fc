import type { Contact } from '../contacts/types'

/** One row of the merge dialog: a field whose values differ between the contacts. */
export type MergeField = {
  /** What the API takes in `fields` ("phone", "custom.budget"). */
  name: string
  label: string
  /** The value of each contact as shown (empty string: none). */
  values: Record<number, string>
}

type Lookup = { classNames?: Record<number, string>; fieldLabels?: Record<string, string>; formatDate?: (iso: string) => string }

/** Profile fields the dialog offers; the phone and company rows carry their linked column
 * (phone_display, company_id) with them, as the API does. */
const PROFILE: { name: string; label: string }[] = [
  { name: 'first_name', label: 'First name' },
  { name: 'last_name', label: 'Last name' },
  { name: 'email', label: 'Email' },
  { name: 'phone', label: 'Phone' },
  { name: 'company', label: 'Company' },
  { name: 'job_title', label: 'Job title' },
  { name: 'time_zone', label: 'Time zone' },
  { name: 'contact_class_id', label: 'Contact class' },
  { name: 'next_action', label: 'Next action' },
  { name: 'follow_up_at', label: 'Follow-up' },
]

export function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
}

function shown(value: unknown): string {
  if (isEmpty(value)) return ''
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'boolean') return value ? 'Yes' : 'No'
  return String(value)
}

/** The raw value a field's choice compares (linked columns included). */
function raw(contact: Contact, name: string): unknown {
  if (name.startsWith('custom.')) return (contact.custom as Record<string, unknown>)[name.slice(7)]
  if (name === 'phone') return contact.phone_display || contact.phone
  if (name === 'company') return contact.company || (contact.company_id ? `#${contact.company_id}` : null)
  return (contact as Record<string, unknown>)[name]
}

function display(contact: Contact, name: string, lookup: Lookup): string {
  const value = raw(contact, name)
  if (isEmpty(value)) return ''
  if (name === 'contact_class_id') return lookup.classNames?.[value as number] ?? `Class ${value}`
  if (name === 'follow_up_at' && lookup.formatDate) return lookup.formatDate(value as string)
  return shown(value)
}

/** Newest first (by updated_at, then id), as the API orders its defaults. */
export function newestFirst(contacts: Contact[]): Contact[] {
  return [...contacts].sort((a, b) => (a.updated_at === b.updated_at ? b.id - a.id : a.updated_at < b.updated_at ? 1 : -1))
}

/** Rows for the fields whose values differ between the contacts. */
export function differingFields(contacts: Contact[], lookup: Lookup = {}): MergeField[] {
  const keys = new Set<string>()
  for (const c of contacts) for (const k of Object.keys(c.custom ?? {})) keys.add(k)
  const all = [
    ...PROFILE,
    ...[...keys].sort().map((k) => ({ name: `custom.${k}`, label: lookup.fieldLabels?.[k] ?? k })),
  ]
  const linked = (c: Contact, name: string) =>
    name === 'phone' ? [c.phone, c.phone_display] : name === 'company' ? [c.company, c.company_id] : [raw(c, name)]
  return all
    .filter(({ name }) => new Set(contacts.map((c) => JSON.stringify(linked(c, name).map((v) => (isEmpty(v) ? null : v))))).size > 1)
    .map(({ name, label }) => ({
      name,
      label,
      values: Object.fromEntries(contacts.map((c) => [c.id, display(c, name, lookup)])),
    }))
}

/** The default winner per field: the newest contact with a non-empty value. */
export function defaultChoices(contacts: Contact[], fields: MergeField[]): Record<string, number> {
  const ordered = newestFirst(contacts)
  return Object.fromEntries(
    fields.map((f) => [f.name, (ordered.find((c) => f.values[c.id] !== '') ?? ordered[0]).id]),
  )
}
