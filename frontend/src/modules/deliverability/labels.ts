/** Words and colours of the Deliverability pages: scores, penalties, rates, alerts, bounces. */

/** "4.5%", "0.05%", "0%": rates come in percent, shown with at most two decimals. */
export function pct(value: number | null | undefined): string {
  const rounded = Math.round((value ?? 0) * 100) / 100
  return `${rounded.toLocaleString('en-US', { maximumFractionDigits: 2 })}%`
}

export const count = (value: number | null | undefined) => (value ?? 0).toLocaleString('en-US')

/** Over the limit pauses sending (the API pauses when a rate passes its limit, not at it). */
export const isOver = (rate: number, limit: number) => rate > limit

export type ScoreLook = { label: string; color: string }

/** A health score's word and colour: 90+ good, 70+ needs attention, below that at risk. */
export function scoreLook(score: number | null | undefined): ScoreLook {
  if (score === null || score === undefined) return { label: 'Not checked yet', color: 'gray' }
  if (score >= 90) return { label: 'Good', color: 'teal' }
  if (score >= 70) return { label: 'Needs attention', color: 'yellow' }
  return { label: 'At risk', color: 'red' }
}

const PENALTY_WORDS: Record<string, string> = {
  authentication: 'DNS records (SPF, DKIM, DMARC, return path) missing or wrong',
  blocklists: 'Listed on a block list',
  reverse_dns: 'A sending server’s IP has no matching reverse DNS',
  bounces: 'Bounces in the last 7 days',
  complaints: 'Spam complaints in the last 7 days',
}

/** What costs points, in words, biggest first (penalties of 0 left out). */
export function penaltyLines(penalties: Record<string, number> | undefined): { key: string; words: string; points: number }[] {
  return Object.entries(penalties ?? {})
    .filter(([, points]) => points > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([key, points]) => ({ key, words: PENALTY_WORDS[key] ?? key.replace(/_/g, ' '), points }))
}

const ALERT_KINDS: Record<string, string> = {
  bounce_rate: 'Bounce rate',
  complaint_rate: 'Complaint rate',
  blocklisted: 'Block list',
  authentication: 'DNS records',
}

export const alertKindLabel = (kind: string) => ALERT_KINDS[kind] ?? kind.replace(/_/g, ' ')

const BOUNCE_LOOK: Record<string, { label: string; color: string; hint: string }> = {
  hard: { label: 'Hard bounce', color: 'red', hint: 'The address does not exist: it is no longer mailed.' },
  soft: { label: 'Soft bounce', color: 'orange', hint: 'A passing problem, like a full mailbox: three in a week stop mail to it.' },
  complaint: { label: 'Complaint', color: 'grape', hint: 'Marked as spam: the person left every list.' },
}

export function bounceLook(kind: string): { label: string; color: string; hint: string } {
  return BOUNCE_LOOK[kind] ?? { label: kind, color: 'gray', hint: '' }
}

export const BOUNCE_KIND_OPTIONS = [
  { value: 'hard', label: 'Hard bounces' },
  { value: 'soft', label: 'Soft bounces' },
  { value: 'complaint', label: 'Complaints' },
]

/** A block list's answer: listed (red), not listed (green), or nobody answered (grey). */
export function listingLook(listed: boolean | null | undefined): { label: string; color: string } {
  if (listed === true) return { label: 'Listed', color: 'red' }
  if (listed === false) return { label: 'Not listed', color: 'teal' }
  return { label: 'No answer', color: 'gray' }
}
