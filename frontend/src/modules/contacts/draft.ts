import { parseLocaleNumber } from '../../ui/number'
import type { CustomField } from '../settings/fields/types'
import type { Contact, ContactInput, CustomValue } from './types'

/** Form state of a contact: strings for text inputs, typed values for custom fields. */
export type ContactDraft = {
  first_name: string
  last_name: string
  email: string
  phone: string
  company: string
  company_id: number | null
  job_title: string
  next_action: string
  /** A datetime-local value ("2026-12-01T09:00") in the browser's time zone, or "". */
  follow_up_at: string
  time_zone: string | null
  contact_class_id: string | null
  tags: string[]
  custom: Record<string, CustomValue | ''>
}

export function toDraft(contact?: Contact | null, defaultClassId?: number | null): ContactDraft {
  return {
    first_name: contact?.first_name ?? '',
    last_name: contact?.last_name ?? '',
    email: contact?.email ?? '',
    phone: contact?.phone_display ?? contact?.phone ?? '',
    company: contact?.company ?? '',
    company_id: contact?.company_id ?? null,
    job_title: contact?.job_title ?? '',
    next_action: contact?.next_action ?? '',
    follow_up_at: contact?.follow_up_at ? toLocalInput(contact.follow_up_at) : '',
    time_zone: contact?.time_zone ?? null,
    contact_class_id:
      contact?.contact_class_id != null ? String(contact.contact_class_id) : defaultClassId != null ? String(defaultClassId) : null,
    tags: contact?.tags ?? [],
    custom: { ...((contact?.custom ?? {}) as Record<string, CustomValue>) },
  }
}

/** An ISO instant as a datetime-local value in the browser's time zone. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

function isEmpty(v: unknown): boolean {
  return v === '' || v === null || v === undefined || (Array.isArray(v) && v.length === 0)
}

/** A custom value in the type the API wants (number → number, date → "YYYY-MM-DD", ...). */
export function coerceCustom(field: Pick<CustomField, 'type'>, value: unknown): CustomValue {
  if (isEmpty(value)) return field.type === 'boolean' ? false : null
  switch (field.type) {
    case 'number': {
      const n = typeof value === 'number' ? value : parseLocaleNumber(String(value))
      return n ?? (String(value) as CustomValue) // not a number: the API says so under the field
    }
    case 'boolean':
      return value === true || value === 'true'
    case 'multi_choice':
      return Array.isArray(value) ? value.map(String) : [String(value)]
    case 'date':
      return String(value).slice(0, 10)
    default:
      return String(value)
  }
}

/**
 * Request body from the form. On create empty values are left out; on update they are sent
 * as null so that clearing a field clears it.
 */
export function toPayload(draft: ContactDraft, fields: CustomField[], mode: 'create' | 'update'): ContactInput {
  const out: ContactInput = {}
  const text = ['first_name', 'last_name', 'email', 'phone', 'company', 'job_title', 'next_action'] as const
  for (const k of text) {
    const v = draft[k].trim()
    if (v) out[k] = v
    else if (mode === 'update') out[k] = null
  }
  // A linked company names the contact's company (the server copies its name).
  if (draft.company_id != null) out.company_id = draft.company_id
  else if (mode === 'update') out.company_id = null
  if (draft.time_zone) out.time_zone = draft.time_zone
  else if (mode === 'update') out.time_zone = null
  // A local date and time becomes an instant with its offset (the API wants the zone).
  const followUp = draft.follow_up_at ? new Date(draft.follow_up_at) : null
  if (followUp && !Number.isNaN(followUp.getTime())) out.follow_up_at = followUp.toISOString()
  else if (mode === 'update') out.follow_up_at = null
  if (draft.contact_class_id) out.contact_class_id = Number(draft.contact_class_id)
  // On the card, tags (some expiring) have their own panel; the form sets them on create only.
  if (mode === 'create') out.tags = draft.tags
  const custom: Record<string, CustomValue> = {}
  for (const f of fields) {
    const raw = draft.custom[f.key]
    if (isEmpty(raw) && f.type !== 'boolean') {
      if (mode === 'update' && f.key in draft.custom) custom[f.key] = null
      continue
    }
    if (f.type === 'boolean' && raw === undefined && mode === 'create') continue
    custom[f.key] = coerceCustom(f, raw)
  }
  out.custom = custom
  return out
}
