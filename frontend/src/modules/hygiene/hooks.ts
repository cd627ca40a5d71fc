import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { cleanQuery, detailKey, listKey, useApiMutation, useListQuery } from '../../api/queries'
import { contactsKey } from '../contacts/hooks'
import { isRunActive, type EmailStatus, type HygieneRunDetail, type HygieneSettings, type Schedule } from './types'

export const hygieneKey = (ws: number) => ['ws', ws, 'hygiene'] as const
const settingsKey = (ws: number) => [...hygieneKey(ws), 'settings'] as const

/** Runs, newest first; polled every 2 s while one is waiting or checking. */
export function useHygieneRuns(ws: number, query: { page: number; page_size: number; sort?: string }) {
  const clean = cleanQuery(query)
  return useQuery({
    queryKey: listKey(hygieneKey(ws), clean),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/hygiene/runs', { params: { path: { ws }, query: clean } })
      return data!
    },
    enabled: Number.isFinite(ws),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(isRunActive) ? 2000 : false),
  })
}

/** One run's report; polled every second while it is waiting or checking. */
export function useHygieneRun(ws: number, runId: number) {
  return useQuery({
    queryKey: detailKey(hygieneKey(ws), runId),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/hygiene/runs/{run_id}', {
        params: { path: { ws, run_id: runId } },
      })
      return data as HygieneRunDetail
    },
    enabled: Number.isFinite(ws) && Number.isInteger(runId) && runId > 0,
    refetchInterval: (q) => (q.state.data && !isRunActive(q.state.data) ? false : 1000),
  })
}

/** The contacts a run changed, a page at a time, optionally only those now in one status. */
export function useHygieneChanges(ws: number, runId: number, query: { page: number; page_size: number; status?: EmailStatus }) {
  return useListQuery(
    [...detailKey(hygieneKey(ws), runId), 'changes'],
    query,
    (q) =>
      api.GET('/api/v1/workspaces/{ws}/hygiene/runs/{run_id}/changes', {
        params: { path: { ws, run_id: runId }, query: q },
      }),
    { enabled: Number.isFinite(ws) && Number.isInteger(runId) && runId > 0 },
  )
}

/** Check the addresses of the whole workspace (what the caller may see) as a job. */
/** A run over the whole workspace, or over a selection ({ids} or {filter}, as bulk actions). */
export function useStartHygieneRun(ws: number) {
  return useApiMutation({
    mutationFn: ({ idempotencyKey, scope = 'workspace' }: { idempotencyKey: string; scope?: 'workspace' | Record<string, unknown> }) =>
      api.POST('/api/v1/workspaces/{ws}/hygiene/runs', {
        params: { path: { ws } },
        body: { scope },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [hygieneKey(ws), ['ws', ws, 'jobs']],
  })
}

export function useHygieneSettings(ws: number) {
  return useQuery({
    queryKey: settingsKey(ws),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/hygiene/settings', { params: { path: { ws } } })
      return data as HygieneSettings
    },
    enabled: Number.isFinite(ws),
  })
}

export function useUpdateHygieneSettings(ws: number) {
  return useApiMutation({
    mutationFn: (schedule: Schedule) =>
      api.PUT('/api/v1/workspaces/{ws}/hygiene/settings', { params: { path: { ws } }, body: { schedule } }),
    onSuccess: (data, _v, client) => client.setQueryData(settingsKey(ws), data),
    invalidates: [],
  })
}

/** How many contacts I may see have this status now (one row asked for: the total). */
export function useStatusTotal(ws: number, status: EmailStatus, enabled = true) {
  return useQuery({
    queryKey: [...contactsKey(ws), 'status-total', status],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts', {
        params: { path: { ws }, query: { email_status: status, page_size: 1 } },
      })
      return data!.total
    },
    enabled: enabled && Number.isFinite(ws),
  })
}
