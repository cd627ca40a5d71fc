import { api } from '../../api/client'
import { useApiMutation } from '../../api/queries'
import type { Schemas } from '../../api/types'
import type { SelectionBody } from './useContactSelection'

export type BulkAction = Schemas['BulkIn']['action']
export type BulkReport = Schemas['BulkReport']
export type BulkInput = { action: BulkAction; params: Record<string, unknown> } & SelectionBody

/** What `contacts/bulk` answered: the report at once (≤ 500 contacts), or a job to follow. */
export type BulkOutcome = { report: BulkReport; jobId?: undefined } | { jobId: string; report?: undefined }

/** A job's result, when it is a bulk report. */
export function asReport(result: unknown): BulkReport | null {
  const r = result as Partial<BulkReport> | null
  return r && typeof r === 'object' && typeof r.changed === 'number' && typeof r.total === 'number' ? (r as BulkReport) : null
}

/** Runs one bulk action on a selection; afterwards everything of the workspace on screen refetches
 * (tags, owners, classes, trash and counts may all have changed). */
export function useBulkAction(ws: number) {
  return useApiMutation<{ body: BulkInput; idempotencyKey: string }, BulkOutcome>({
    mutationFn: async ({ body, idempotencyKey }) => {
      const { data, response } = await api.POST('/api/v1/workspaces/{ws}/contacts/bulk', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
      if (response.status === 202) return { data: { jobId: (data as Schemas['JobAccepted']).job_id } }
      return { data: { report: data as BulkReport } }
    },
    invalidates: (outcome) => (outcome.report ? [['ws', ws]] : [['ws', ws, 'jobs']]),
  })
}
