import type { Schemas } from '../../api/types'

export type HygieneRun = Schemas['HygieneRun']
export type HygieneRunDetail = Schemas['HygieneRunDetail']
export type HygieneChange = Schemas['HygieneChange']
export type HygieneDuplicate = Schemas['HygieneDuplicate']
export type HygieneSettings = Schemas['HygieneSettings']
export type Schedule = HygieneSettings['schedule']
export type RunStatus = HygieneRun['status']

/** What Cardfile last found about an address (the API's EMAIL_STATUSES), in list order. */
export const EMAIL_STATUSES = ['valid', 'risky', 'invalid', 'suppressed', 'unverified'] as const
export type EmailStatus = (typeof EMAIL_STATUSES)[number]

export function isEmailStatus(value: unknown): value is EmailStatus {
  return typeof value === 'string' && (EMAIL_STATUSES as readonly string[]).includes(value)
}

type StatusMeta = { label: string; color: string; hint: string }

export const EMAIL_STATUS: Record<EmailStatus, StatusMeta> = {
  valid: { label: 'Valid', color: 'teal', hint: 'The address looks right and its domain takes mail.' },
  risky: { label: 'Risky', color: 'yellow', hint: 'Deliverable, but a role address or a probable typo.' },
  invalid: { label: 'Invalid', color: 'red', hint: 'Mail to this address cannot arrive.' },
  suppressed: { label: 'Suppressed', color: 'grape', hint: 'On the suppression list: never mailed or imported again.' },
  unverified: { label: 'Unverified', color: 'gray', hint: 'Not confirmed yet: not checked, or no DNS server answered.' },
}

/** Label and colour of any status the API sends (an unknown one is shown as it is, in gray). */
export function statusMeta(status: string): StatusMeta {
  return isEmailStatus(status) ? EMAIL_STATUS[status] : { label: status, color: 'gray', hint: '' }
}

export const EMAIL_STATUS_OPTIONS = EMAIL_STATUSES.map((s) => ({ value: s, label: EMAIL_STATUS[s].label }))

/** The reason codes of `by_reason` and `reason_code`, for people. */
export const REASON_LABELS: Record<string, string> = {
  invalid_syntax: 'Not a valid email address',
  no_mx: 'The domain takes no mail (no MX or A record)',
  disposable: 'A disposable (throw-away) address',
  fake: 'A fake or placeholder address',
  suppressed: 'On the suppression list',
  forgotten: 'The person asked to be forgotten',
  role: 'A role address (info@, sales@…)',
  typo: 'A probable typo of a mail provider',
  unverified: 'No DNS server answered (checked again next time)',
}

export function reasonLabel(code: string | null | undefined): string {
  if (!code) return '—'
  return REASON_LABELS[code] ?? code.replace(/_/g, ' ')
}

export const SCHEDULE_OPTIONS: { value: Schedule; label: string }[] = [
  { value: 'off', label: 'Off (only by hand)' },
  { value: 'daily', label: 'Every night' },
  { value: 'weekly', label: 'Once a week' },
  { value: 'monthly', label: 'Once a month' },
]

export function scheduleLabel(schedule: string): string {
  return SCHEDULE_OPTIONS.find((o) => o.value === schedule)?.label ?? schedule
}

export const RUN_STATUS: Record<RunStatus, { label: string; color: string }> = {
  queued: { label: 'Waiting', color: 'gray' },
  running: { label: 'Checking', color: 'blue' },
  finished: { label: 'Finished', color: 'teal' },
  failed: { label: 'Failed', color: 'red' },
  cancelled: { label: 'Cancelled', color: 'orange' },
}

export function isRunActive(run: Pick<HygieneRun, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running'
}

export const DUPLICATE_KIND: Record<HygieneDuplicate['kind'], { label: string; hint: string }> = {
  duplicate: { label: 'Same address', hint: 'The same address, written with other capitals, spaces or look-alike characters.' },
  possible_duplicate: {
    label: 'Possibly the same Gmail mailbox',
    hint: 'Gmail ignores dots and +tags, and googlemail.com is gmail.com: these may be one person.',
  },
}

/** The run's counts per status, in EMAIL_STATUSES order (zeros kept, other keys after). */
export function statusCounts(byStatus: Record<string, number>): { status: string; count: number }[] {
  const known = EMAIL_STATUSES.map((status) => ({ status, count: byStatus[status] ?? 0 }))
  const other = Object.entries(byStatus)
    .filter(([s]) => !isEmailStatus(s))
    .map(([status, count]) => ({ status, count }))
  return [...known, ...other]
}

/** The run's counts per reason, largest first, with their labels. */
export function reasonCounts(byReason: Record<string, number>): { code: string; label: string; count: number }[] {
  return Object.entries(byReason)
    .filter(([, count]) => count > 0)
    .map(([code, count]) => ({ code, label: reasonLabel(code), count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label))
}

export const n = (v: number) => v.toLocaleString('en-US')
export const plural = (v: number, noun: string, many = `${noun}s`) => `${n(v)} ${v === 1 ? noun : many}`
