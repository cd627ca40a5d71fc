import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useDetailQuery, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import type { ApiGroup } from './rules'

export type Segment = Schemas['Segment']
export type PreviewContact = Schemas['PreviewContact']

export const segmentsKey = (ws: number) => ['ws', ws, 'segments'] as const
/** Counts and previews change with any contact: kept apart, short-lived. */
const matchKey = (ws: number) => ['ws', ws, 'segment-match'] as const

export type SegmentQuery = { q?: string; deleted?: boolean; page?: number; page_size?: number; sort?: string }

export function useSegments(ws: number, query: SegmentQuery) {
  return useListQuery(
    segmentsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/segments', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useSegment(ws: number, id: number, enabled = true) {
  return useDetailQuery(
    segmentsKey(ws),
    id,
    () => api.GET('/api/v1/workspaces/{ws}/segments/{segment_id}', { params: { path: { ws, segment_id: id } } }),
    { enabled: enabled && Number.isFinite(ws) },
  )
}

type SaveInput = { id?: number; body: { name: string; description: string | null; rules: ApiGroup }; idempotencyKey: string }

export function useSaveSegment(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: SaveInput) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/segments', { params: { path: { ws } }, body, headers: { 'Idempotency-Key': idempotencyKey } })
        : api.PATCH('/api/v1/workspaces/{ws}/segments/{segment_id}', { params: { path: { ws, segment_id: id } }, body }),
    onSuccess: (segment, _v, client) => client.setQueryData(detailKey(segmentsKey(ws), segment.id), segment),
    invalidates: [[...segmentsKey(ws), 'list']],
  })
}

export function useDeleteSegment(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/segments/{segment_id}', { params: { path: { ws, segment_id: id } } }),
    invalidates: [[...segmentsKey(ws), 'list']],
  })
}

export function useRestoreSegment(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.POST('/api/v1/workspaces/{ws}/segments/{segment_id}/restore', { params: { path: { ws, segment_id: id } } }),
    invalidates: [segmentsKey(ws)],
  })
}

/** How many contacts I may see match `rules` (sent as given: debounce before). */
export function useSegmentCount(ws: number, rules: ApiGroup) {
  const body = JSON.stringify(rules)
  return useQuery({
    queryKey: [...matchKey(ws), 'count', body],
    queryFn: async () => (await api.POST('/api/v1/workspaces/{ws}/segments/count', { params: { path: { ws } }, body: { rules } })).data!.count,
    enabled: Number.isFinite(ws),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  })
}

/** A page of the contacts matching `rules`. */
export function useSegmentPreview(ws: number, rules: ApiGroup, query: { page: number; page_size: number; sort?: string }, enabled = true) {
  const body = JSON.stringify(rules)
  return useQuery({
    queryKey: [...matchKey(ws), 'preview', body, query],
    queryFn: async () =>
      (await api.POST('/api/v1/workspaces/{ws}/segments/preview', { params: { path: { ws }, query }, body: { rules } })).data!,
    enabled: enabled && Number.isFinite(ws),
    placeholderData: keepPreviousData,
    staleTime: 15_000,
    retry: false,
  })
}
