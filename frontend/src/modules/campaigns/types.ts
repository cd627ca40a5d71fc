import type { Schemas } from '../../api/types'

export type Template = Schemas['Template']
export type TemplateInput = Schemas['TemplateIn']
export type Rendered = Schemas['Rendered']
export type Campaign = Schemas['Campaign']
export type CampaignInput = Schemas['CampaignIn']
export type Ab = Schemas['Ab']
export type Report = Schemas['Report']
export type Figures = Schemas['Figures']
export type VersionFigures = Schemas['VersionFigures']
export type Message = Schemas['Message']

export const n = (v: number | null | undefined) => (v ?? 0).toLocaleString('en-US')

/** A share (0.1234) as "12.3%". */
export function percent(rate: number | null | undefined): string {
  const value = Math.round((rate ?? 0) * 1000) / 10
  return `${value.toLocaleString('en-US')}%`
}

/** "1 person", "1,234 people". */
export const people = (count: number) => `${n(count)} ${count === 1 ? 'person' : 'people'}`

// ---- a campaign's status ---------------------------------------------------------------------

/** The API's campaign statuses, in the order of a campaign's life. */
export const CAMPAIGN_STATUSES = ['draft', 'scheduled', 'sending', 'testing', 'paused', 'sent', 'cancelled'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

export function isCampaignStatus(value: unknown): value is CampaignStatus {
  return typeof value === 'string' && (CAMPAIGN_STATUSES as readonly string[]).includes(value)
}

type Meta = { label: string; color: string; hint: string }

export const CAMPAIGN_STATUS: Record<CampaignStatus, Meta> = {
  draft: { label: 'Draft', color: 'gray', hint: 'Not sent yet: it can still be changed.' },
  scheduled: { label: 'Scheduled', color: 'blue', hint: 'Goes out by itself at the time set; it can still be changed.' },
  sending: { label: 'Sending', color: 'indigo', hint: 'Going out now.' },
  testing: { label: 'Testing A/B', color: 'grape', hint: 'The test group got version A or B; the rest get the winner when the test ends.' },
  paused: { label: 'Paused', color: 'yellow', hint: 'Nothing more goes out until it is resumed.' },
  sent: { label: 'Sent', color: 'teal', hint: 'Every message was handed to the mail server (or could not be).' },
  cancelled: { label: 'Cancelled', color: 'red', hint: 'Stopped for good: what had not gone out yet never will.' },
}

export function campaignStatusMeta(status: string): Meta {
  return isCampaignStatus(status) ? CAMPAIGN_STATUS[status] : { label: status, color: 'gray', hint: '' }
}

export const CAMPAIGN_STATUS_OPTIONS = CAMPAIGN_STATUSES.map((s) => ({ value: s, label: CAMPAIGN_STATUS[s].label }))

export type CampaignAction = 'edit' | 'send' | 'schedule' | 'pause' | 'resume' | 'cancel' | 'delete'

/** What may be done with a campaign in each status (what the API allows). */
export function campaignActions(status: string): CampaignAction[] {
  switch (status) {
    case 'draft':
      return ['edit', 'send', 'schedule', 'delete']
    case 'scheduled':
      return ['edit', 'send', 'schedule', 'cancel']
    case 'sending':
    case 'testing':
      return ['pause', 'cancel']
    case 'paused':
      return ['resume', 'cancel']
    case 'sent':
    case 'cancelled':
      return ['delete']
    default:
      return []
  }
}

/** A draft or a scheduled campaign is edited; any other shows its report. */
export const showsReport = (status: string) => !campaignActions(status).includes('edit')

/** Messages are going out (or an A/B winner is awaited): poll. */
export const isLive = (status: string) => status === 'sending' || status === 'testing'

// ---- the outbox ------------------------------------------------------------------------------

export type OutboxPart = { key: string; label: string; count: number; color: string; value: number }

const WAITING = ['queued', 'held', 'claimed', 'sending']

/** The outbox by outcome for a progress bar: sent, failed, uncertain, skipped, cancelled and
 * waiting (queued, held for an A/B winner, being sent), each with its share of all. */
export function outboxParts(progress: Record<string, number>): { total: number; parts: OutboxPart[] } {
  const get = (k: string) => progress[k] ?? 0
  const rows = [
    { key: 'sent', label: 'sent', count: get('sent'), color: 'teal' },
    { key: 'failed', label: 'failed', count: get('failed'), color: 'red' },
    { key: 'uncertain', label: 'uncertain', count: get('uncertain'), color: 'orange' },
    { key: 'skipped', label: 'skipped', count: get('skipped'), color: 'gray.5' },
    { key: 'cancelled', label: 'not sent (cancelled)', count: get('cancelled'), color: 'gray.3' },
    { key: 'waiting', label: 'waiting', count: WAITING.reduce((sum, k) => sum + get(k), 0), color: 'blue.3' },
  ]
  const total = rows.reduce((sum, r) => sum + r.count, 0)
  return { total, parts: rows.map((r) => ({ ...r, value: total ? (r.count / total) * 100 : 0 })) }
}

// ---- one message -----------------------------------------------------------------------------

/** What became of one message, as a badge: delivered, bounced, failed, uncertain, skipped… */
export function messageBadge(m: Pick<Message, 'state' | 'delivered' | 'bounced_at'>): Meta {
  switch (m.state) {
    case 'sent':
      return m.bounced_at
        ? { label: 'Bounced', color: 'orange', hint: 'Accepted, then returned by the recipient’s mail server.' }
        : { label: 'Delivered', color: 'teal', hint: 'Handed to the recipient’s mail server.' }
    case 'failed':
      return { label: 'Failed', color: 'red', hint: 'The mail server refused it; it is not sent again.' }
    case 'uncertain':
      return {
        label: 'Uncertain',
        color: 'yellow',
        hint: 'The sender stopped while handing it to the mail server: it may have arrived. It is never sent again automatically, so nobody gets it twice.',
      }
    case 'skipped':
      return { label: 'Skipped', color: 'gray', hint: 'Not sent: the person could no longer be mailed when their turn came (unsubscribed, address invalid or suppressed).' }
    case 'cancelled':
      return { label: 'Not sent', color: 'gray', hint: 'The campaign was cancelled before this message went out.' }
    default:
      return { label: 'Waiting', color: 'blue', hint: 'Not sent yet.' }
  }
}

// ---- template variables (the help popover) ---------------------------------------------------

export const TEMPLATE_VARIABLES: { code: string; meaning: string }[] = [
  { code: '{{ contact.first_name }}', meaning: 'First name (also last_name, email, company, job_title, phone)' },
  { code: "{{ contact.first_name | default('friend') }}", meaning: 'A fallback when the value is missing or empty' },
  { code: '{{ contact.custom.plan }}', meaning: 'A custom field, by its key' },
  { code: "{% if 'vip' in contact.tags %}…{% endif %}", meaning: 'Only for contacts with a tag' },
  { code: '{{ unsubscribe_url }}', meaning: 'One-click unsubscribe link (put it in every message)' },
  { code: '{{ preferences_url }}', meaning: 'The person’s preference page (their lists)' },
  { code: '{{ workspace.name }}', meaning: 'This workspace’s name' },
  { code: '{{ campaign.name }}', meaning: 'The campaign’s name' },
]

/** "Line 3: unexpected '}'" → 3 (the API names the line of a template error). */
export function errorLine(message: string | undefined): number | null {
  const found = message ? /\bLine (\d+):/.exec(message) : null
  return found ? Number(found[1]) : null
}

/** That line of the source, trimmed and shortened for showing under the field. */
export function sourceLine(source: string, line: number | null, max = 100): string | null {
  if (!line) return null
  const text = source.split(/\r?\n/)[line - 1]?.trim()
  if (!text) return null
  return text.length > max ? `${text.slice(0, max - 1)}…` : text
}

/** Where line `line` starts and ends in `source` (to select it in the textarea). */
export function lineRange(source: string, line: number): [number, number] | null {
  const lines = source.split('\n')
  if (line < 1 || line > lines.length) return null
  const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0)
  return [start, start + lines[line - 1].length]
}
