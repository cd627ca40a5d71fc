import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { useApiMutation } from '../../api/queries'
import type { components } from '../../api/schema'
import type { WidgetPlace } from './layout'

export type CardLayout = components['schemas']['CardLayout']

export const cardLayoutKey = (ws: number) => ['ws', ws, 'card-layout'] as const

/** The caller's layout: their own, or the workspace default (always while it is locked), or built-in ([]). */
export function useCardLayout(ws: number) {
  return useQuery({
    queryKey: cardLayoutKey(ws),
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/card-layout', { params: { path: { ws } } })).data!,
    enabled: Number.isFinite(ws),
    staleTime: 60_000,
    retry: false,
  })
}

/** Saves the caller's own layout; the answer goes straight into the cache (no refetch, no jump). */
export function useSaveCardLayout(ws: number) {
  return useApiMutation({
    mutationFn: (layout: WidgetPlace[]) => api.PUT('/api/v1/workspaces/{ws}/card-layout', { params: { path: { ws } }, body: { layout } }),
    onSuccess: (data, _layout, client) => client.setQueryData(cardLayoutKey(ws), data),
    invalidates: [],
  })
}

/** Forgets the caller's own layout: back to the workspace default. */
export function useResetCardLayout(ws: number) {
  return useApiMutation({
    mutationFn: () => api.DELETE('/api/v1/workspaces/{ws}/card-layout', { params: { path: { ws } } }),
    invalidates: [cardLayoutKey(ws)],
  })
}

/** Admins: publish the workspace default and/or lock it (a part left out keeps its value). */
export function usePublishCardLayout(ws: number) {
  return useApiMutation({
    mutationFn: (body: { layout?: WidgetPlace[]; locked?: boolean }) =>
      api.PUT('/api/v1/workspaces/{ws}/card-layout/default', { params: { path: { ws } }, body }),
    invalidates: [cardLayoutKey(ws)],
  })
}
