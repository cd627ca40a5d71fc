import type { Import, ImportStatus, ReportCounts } from './types'

/** Why a row was not imported, for people. */
export const REJECTED_LABELS: Record<string, string> = {
  invalid_syntax: 'Not a valid email address (or none)',
  no_mx: 'Domain receives no mail',
  disposable: 'Disposable (throwaway) address',
  suppressed: 'On the suppression list (unsubscribed, bounced or complained)',
  forgotten: 'Asked to be forgotten (GDPR erasure)',
  fake: 'Fake or placeholder address',
  invalid_value: 'A value the field cannot hold',
}

/** Imported, but worth a look. */
export const FLAGGED_LABELS: Record<string, string> = {
  role: 'Role address (info@, sales@…): often read by many or by nobody',
  typo: 'Possible typo in the domain (like gmial.com)',
}

export const STATUS_LABELS: Record<ImportStatus, string> = {
  draft: 'Draft',
  queued: 'Waiting to start',
  running: 'Importing',
  finished: 'Finished',
  failed: 'Failed',
  cancelled: 'Cancelled',
}

export const STATUS_COLORS: Record<ImportStatus, string> = {
  draft: 'gray',
  queued: 'gray',
  running: 'blue',
  finished: 'teal',
  failed: 'red',
  cancelled: 'orange',
}

/** "some_new_reason" -> "Some new reason", for reasons this version does not know yet. */
export function humanize(key: string): string {
  const text = key.replace(/[_.-]+/g, ' ').trim()
  return text ? text[0].toUpperCase() + text.slice(1) : key
}

export const rejectedLabel = (reason: string): string => REJECTED_LABELS[reason] ?? humanize(reason)
export const flaggedLabel = (reason: string): string => FLAGGED_LABELS[reason] ?? humanize(reason)

export const n = (v: number): string => v.toLocaleString('en-US')

const sum = (by: Record<string, number> | undefined): number => Object.values(by ?? {}).reduce((a, b) => a + (Number(b) || 0), 0)

/** The report's counts, complete (the list's `counts` is {} for a draft, partial while running). */
export function normalizeCounts(raw: unknown): ReportCounts {
  const c = (raw && typeof raw === 'object' ? raw : {}) as Partial<ReportCounts>
  const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0)
  const byReason = (v: unknown) =>
    Object.fromEntries(Object.entries(v && typeof v === 'object' ? (v as Record<string, unknown>) : {}).map(([k, x]) => [k, num(x)]))
  return {
    created: num(c.created),
    updated: num(c.updated),
    unchanged: num(c.unchanged),
    duplicate_in_file: num(c.duplicate_in_file),
    rejected: byReason(c.rejected),
    flagged: byReason(c.flagged),
  }
}

export const rejectedTotal = (counts: ReportCounts): number => sum(counts.rejected)
export const flaggedTotal = (counts: ReportCounts): number => sum(counts.flagged)

/** The outcomes every row ends in (flagged rows are among the created/updated ones). */
export function outcomes(counts: ReportCounts): { key: string; label: string; value: number; color: string }[] {
  return [
    { key: 'created', label: 'Created', value: counts.created, color: '#12b886' },
    { key: 'updated', label: 'Updated', value: counts.updated, color: '#228be6' },
    { key: 'unchanged', label: 'Unchanged', value: counts.unchanged, color: '#868e96' },
    { key: 'duplicate_in_file', label: 'Duplicates in the file', value: counts.duplicate_in_file, color: '#fab005' },
    { key: 'rejected', label: 'Rejected', value: rejectedTotal(counts), color: '#fa5252' },
  ]
}

/** One line for the list: "12 created · 3 updated · 2 rejected" (zeros left out). */
export function countsSummary(raw: unknown): string {
  const c = normalizeCounts(raw)
  const parts: [number, string][] = [
    [c.created, 'created'],
    [c.updated, 'updated'],
    [c.unchanged, 'unchanged'],
    [c.duplicate_in_file, c.duplicate_in_file === 1 ? 'duplicate in the file' : 'duplicates in the file'],
    [rejectedTotal(c), 'rejected'],
    [flaggedTotal(c), 'flagged'],
  ]
  return parts
    .filter(([value]) => value > 0)
    .map(([value, label]) => `${n(value)} ${label}`)
    .join(' · ')
}

/** 0..100 from done/total (0 while the total is not known yet). */
export function percentDone(done: number, total: number | null | undefined): number {
  if (!total) return 0
  return Math.max(0, Math.min(100, Math.round((done / total) * 100)))
}

/** Seconds left, for people: 42 -> "about 42 seconds", 150 -> "about 3 minutes", 7300 -> "about 2 hours". */
export function timeLeft(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null
  if (seconds < 5) return 'a few seconds'
  if (seconds < 90) return `about ${Math.round(seconds)} seconds`
  if (seconds < 90 * 60) return `about ${Math.round(seconds / 60)} minutes`
  const hours = Math.round((seconds / 3600) * 10) / 10
  return `about ${hours} hours`
}

/** What an import came to, in one line. */
export function resultText(record: Import): string {
  if (record.status === 'draft') return 'Not started: choices to finish'
  if (record.status === 'queued') return 'Waiting to start'
  const summary = countsSummary(record.counts)
  if (record.status === 'failed') return record.error || 'Stopped with an error'
  return summary || (record.status === 'cancelled' ? 'Cancelled before any row' : 'No rows')
}
