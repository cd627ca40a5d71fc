import type { Schemas } from '../api/types'

/*
 * API answers for tests, typed by the generated schema: a fixture with a field the API does not
 * send, or without one it always sends, fails `tsc`. Defaults describe one small workspace
 * (7, "Acme") with Ada Lovelace in class 1 "General"; pass overrides for what a test is about.
 */

type Build<T> = (overrides?: Partial<T>) => T

/** `defaults` is checked against T (extra fields too); each call gets a fresh deep copy of it. */
function builder<T>(defaults: T): Build<T> {
  const json = JSON.stringify(defaults)
  return (overrides = {}) => ({ ...(JSON.parse(json) as T), ...overrides })
}

export const user = builder<Schemas['User']>({ id: 1, email: 'a@example.com', name: 'A', time_zone: 'UTC' })

export const workspaceRef = builder<Schemas['WorkspaceRef']>({
  id: 7,
  name: 'Acme',
  agency_id: 1,
  agency_name: 'Agency',
  time_zone: 'UTC',
  role: 'member',
  slug: 'acme',
})

export const agencyRef = builder<Schemas['AgencyRef']>({ id: 1, name: 'Agency', role: 'owner' })

export const me = builder<Schemas['Me']>({
  user: user(),
  csrf_token: 't',
  dev_mailbox: false,
  agencies: [],
  workspaces: [workspaceRef()],
})

export const contact = builder<Schemas['Contact']>({
  id: 3,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: null,
  company: null,
  time_zone: null,
  company_id: null,
  job_title: null,
  created_by: 'user',
  created_by_user_id: 1,
  source: 'Added in Cardfile',
  lifetime_value: {},
  order_count: 0,
  score: 0,
  last_activity_at: null,
  email_status: 'unverified',
  email_status_reason: null,
  email_checked_at: null,
  tracking_disabled: false,
  contact_class_id: 1,
  custom: {},
  tags: [],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
})

export const contactClass = builder<Schemas['ContactClass']>({ id: 1, name: 'General', color: 'gray', contact_count: 0 })

export const tag = builder<Schemas['Tag']>({ id: 1, name: 'vip', color: 'blue', contact_count: 1 })

export const customField = builder<Schemas['CustomField']>({
  id: 1,
  key: 'budget',
  label: 'Budget',
  type: 'number',
  choices: [],
  position: 1,
  entity: 'contact',
})

export const company = builder<Schemas['Company']>({
  id: 5,
  name: 'Globex',
  domain: 'globex.example',
  industry: null,
  size: null,
  address: null,
  custom: {},
  contact_count: 2,
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
})

export const activity = builder<Schemas['Activity']>({
  id: 1,
  kind: 'updated',
  data: {},
  actor_kind: 'user',
  actor_name: null,
  created_at: '2026-01-02T00:00:00Z',
})

export const note = builder<Schemas['Note']>({
  id: 1,
  contact_id: 1,
  body: '<p>Call back on Friday</p>',
  pinned: false,
  author_name: 'Ann',
  created_at: '2026-01-02T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
})

export const job = builder<Schemas['Job']>({
  id: 'j1',
  kind: 'bulk_add_tag',
  label: 'Add tag “vip”',
  status: 'started',
  done: 40,
  total: 100,
  progress: 0.4,
  result: null,
  error: null,
  created_at: '2026-01-01T10:00:00Z',
  finished_at: null,
})

/** The envelope every list endpoint answers with (`ContactPage`, `TagPage`, ...), around `items`. */
export type ApiPage<T> = Omit<Schemas['ContactPage'], 'items'> & { items: T[] }

export function page<T>(items: T[], overrides: Partial<Omit<ApiPage<T>, 'items'>> = {}): ApiPage<T> {
  return { items, total: items.length, page: 1, page_size: 50, ...overrides }
}

/** A finished list-hygiene run's report (modules/hygiene): 10 addresses, 4 of them changed. */
export const hygieneRun = builder<Schemas['HygieneRunDetail']>({
  id: 5,
  status: 'finished',
  error: null,
  scope: 'workspace',
  trigger: 'manual',
  job_id: 'h1',
  total: 10,
  checked: 10,
  changed: 4,
  by_status: { valid: 5, invalid: 4, risky: 1 },
  by_reason: { no_mx: 2, fake: 1, disposable: 1, role: 1 },
  created_by: 1,
  created_at: '2026-03-01T10:00:00Z',
  started_at: '2026-03-01T10:00:01Z',
  finished_at: '2026-03-01T10:00:09Z',
  changes: [],
  changes_total: 4,
  transitions: [
    { old_status: 'unverified', new_status: 'invalid', count: 3 },
    { old_status: 'valid', new_status: 'invalid', count: 1 },
  ],
  duplicates: [],
})

export const hygieneChange = builder<Schemas['HygieneChange']>({
  id: 1,
  contact_id: 11,
  email: 'zofia@nomail.example',
  first_name: 'Zofia',
  last_name: 'Gęślą',
  old_status: 'unverified',
  new_status: 'invalid',
  reason_code: 'no_mx',
  reason: 'The domain cannot receive mail (no MX or A record)',
})
