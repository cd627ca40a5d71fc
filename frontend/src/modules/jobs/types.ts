import type { Schemas } from '../../api/types'

export type Job = Schemas['Job']
export type JobStatus = Job['status']

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'queued' || job.status === 'started'
}

/** 0..100 for a Progress bar. */
export function percent(job: Pick<Job, 'progress' | 'done' | 'total' | 'status'>): number {
  if (job.status === 'finished') return 100
  if (typeof job.progress === 'number') return Math.max(0, Math.min(100, Math.round(job.progress * 100)))
  if (job.total) return Math.max(0, Math.min(100, Math.round(((job.done ?? 0) / job.total) * 100)))
  return 0
}

/** What people read: the server's label ("Add tag “VIP”"); the kind only for old records. */
export function jobLabel(job: Pick<Job, 'label' | 'kind'>): string {
  return job.label || job.kind.replace(/[._]/g, ' ').replace(/^\w/, (c) => c.toUpperCase())
}

/** Short summary of a finished job's result (e.g. "120 contacts updated"). */
export function resultSummary(job: Job): string | null {
  if (job.status === 'failed') return job.error || 'Failed'
  if (job.status === 'cancelled') return job.total != null ? `Cancelled after ${job.done ?? 0} of ${job.total}` : 'Cancelled'
  if (job.status !== 'finished') return null
  const r = job.result
  const own = r && typeof r === 'object' ? SUMMARIES[job.kind]?.(r as Record<string, unknown>) : null
  if (own) return own
  if (r && typeof r === 'object') {
    const entries = Object.entries(r as Record<string, unknown>).filter(([, v]) => typeof v === 'number' || typeof v === 'string')
    if (entries.length) return entries.map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`).join(', ')
  }
  if (typeof r === 'number' || typeof r === 'string') return String(r)
  if (job.total != null) return `${job.done ?? job.total} of ${job.total} done`
  return 'Done'
}

const count = (v: unknown): number => (typeof v === 'number' ? v : 0)
const total = (v: unknown): number =>
  v && typeof v === 'object' ? Object.values(v as Record<string, unknown>).reduce<number>((a, b) => a + count(b), 0) : 0

/** Results worth a sentence of their own, by job kind (the others list their numbers). */
const SUMMARIES: Record<string, (r: Record<string, unknown>) => string | null> = {
  import: (r) => {
    const c = r.counts as Record<string, unknown> | undefined
    if (!c) return null
    const parts = [`${count(c.created)} created`, `${count(c.updated)} updated`]
    const rejected = total(c.rejected) + count(c.duplicate_in_file)
    if (rejected) parts.push(`${rejected} not imported`)
    return parts.join(', ')
  },
  hygiene: (r) =>
    typeof r.checked === 'number' ? `${r.checked} addresses checked, ${count(r.changed)} changed` : null,
}
