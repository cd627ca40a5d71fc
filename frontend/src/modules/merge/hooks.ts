import { useQueries } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey } from '../contacts/hooks'
import type { Contact } from '../contacts/types'

export type DuplicateGroup = Schemas['DuplicateGroup']
export type DuplicateReason = DuplicateGroup['reason']

/** Under the contacts key: any change to contacts refreshes the groups too. */
export const duplicatesKey = (ws: number) => [...contactsKey(ws), 'duplicates'] as const

export function useDuplicates(ws: number, query: { page: number; page_size: number; reason?: DuplicateReason }) {
  return useListQuery(
    duplicatesKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/contacts/duplicates', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

/** Several contacts' cards at once (each cached like the card page's). */
export function useContactsById(ws: number, ids: number[], enabled = true) {
  return useQueries({
    queries: ids.map((id) => ({
      enabled,
      queryKey: detailKey(contactsKey(ws), id),
      queryFn: async () => {
        const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}', {
          params: { path: { ws, contact_id: id } },
        })
        return data as Contact
      },
    })),
  })
}

export type MergeInput = { ids: number[]; survivor_id: number; fields: Record<string, number> }

export function useMergeContacts(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: MergeInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/merge', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [contactsKey(ws)],
  })
}

export function useMergeAllDuplicates(ws: number) {
  return useApiMutation({
    mutationFn: ({ reason, idempotencyKey }: { reason?: DuplicateReason; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/duplicates/merge-all', {
        params: { path: { ws } },
        body: { reason: reason ?? null },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [],
  })
}
