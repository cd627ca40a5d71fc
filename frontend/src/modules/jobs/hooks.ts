import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/queries'
import { isActive, type Job } from './types'

export const jobsKey = (ws: number) => ['ws', ws, 'jobs'] as const

/** Poll interval: every second while something runs, otherwise slowly. */
export function jobsPollInterval(jobs: Job[] | undefined, idleMs = 15_000): number {
  return jobs?.some(isActive) ? 1000 : idleMs
}

/** Recent jobs of a workspace; refetches every second while any is queued/started. */
export function useJobs(ws: number) {
  const qc = useQueryClient()
  const query = useQuery({
    queryKey: jobsKey(ws),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/jobs', {
        params: { path: { ws }, query: { page_size: 20 } },
      })
      return data!
    },
    enabled: Number.isFinite(ws) && ws > 0,
    refetchInterval: (q) => jobsPollInterval(q.state.data?.items),
    retry: false,
  })
  // When a job finishes, the data it touched is stale.
  const seen = useRef(new Map<string, string>())
  useEffect(() => {
    const items = query.data?.items ?? []
    let changed = false
    for (const j of items) {
      const before = seen.current.get(j.id)
      if (before && before !== j.status && !isActive(j)) changed = true
      seen.current.set(j.id, j.status)
    }
    if (changed) refreshJobResults(qc, ws)
  }, [query.data, qc, ws])
  return query
}

/** When a job ends, the data it touched is stale. */
function refreshJobResults(qc: QueryClient, ws: number) {
  qc.invalidateQueries({ queryKey: ['ws', ws, 'contacts'] })
  qc.invalidateQueries({ queryKey: ['ws', ws, 'tags'] })
}

/** One job, polled every second until it ends; then what it touched is refetched (even if
 * it ended before the first poll saw it running). */
export function useJob(ws: number, jobId: string | null) {
  const qc = useQueryClient()
  const query = useQuery({
    queryKey: [...jobsKey(ws), 'one', jobId],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/jobs/{job_id}', {
        params: { path: { ws, job_id: jobId! } },
      })
      return data!
    },
    enabled: !!jobId,
    refetchInterval: (q) => (q.state.data && !isActive(q.state.data) ? false : 1000),
  })
  const ended = query.data && !isActive(query.data) ? query.data.id : null
  useEffect(() => {
    if (ended) refreshJobResults(qc, ws)
  }, [ended, qc, ws])
  return query
}

/** Ask a job to stop: a queued one ends at once, a running one after its current batch. */
export function useCancelJob(ws: number) {
  return useApiMutation<string, Job>({
    mutationFn: (jobId) =>
      api.POST('/api/v1/workspaces/{ws}/jobs/{job_id}/cancel', { params: { path: { ws, job_id: jobId } } }),
    invalidates: [jobsKey(ws)],
  })
}
