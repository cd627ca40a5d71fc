import { api } from '../../api/client'
import { cleanQuery, detailKey, useApiMutation, useDetailQuery, useListQuery } from '../../api/queries'
import { jobsKey } from '../jobs/hooks'
import type { BulkTagInput, ContactInput, ContactListQuery } from './types'

export const contactsKey = (ws: number) => ['ws', ws, 'contacts'] as const
export const tagsKey = (ws: number) => ['ws', ws, 'tags'] as const

export function useContacts(ws: number, query: ContactListQuery) {
  return useListQuery(
    contactsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/contacts', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useContact(ws: number, id: number) {
  return useDetailQuery(
    contactsKey(ws),
    id,
    () => api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}', { params: { path: { ws, contact_id: id } } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useActivities(ws: number, id: number) {
  return useListQuery(
    [...detailKey(contactsKey(ws), id), 'activities'],
    { page_size: 100 },
    (query) => api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/activities', { params: { path: { ws, contact_id: id }, query } }),
    { enabled: Number.isFinite(ws) && Number.isFinite(id) },
  )
}

export function useCreateContact(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ContactInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [contactsKey(ws), tagsKey(ws)],
  })
}

export function useUpdateContact(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (body: ContactInput) =>
      api.PATCH('/api/v1/workspaces/{ws}/contacts/{contact_id}', { params: { path: { ws, contact_id: id } }, body }),
    onSuccess: (contact, _body, client) => client.setQueryData(detailKey(contactsKey(ws), id), contact),
    invalidates: [contactsKey(ws), tagsKey(ws)],
  })
}

// Lists only: refetching the deleted contact itself would answer 404 on the card being left.
const afterDeleteOrRestore = (ws: number) => [[...contactsKey(ws), 'list'], tagsKey(ws)]

export function useDeleteContact(ws: number, id: number) {
  return useApiMutation({
    mutationFn: () => api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}', { params: { path: { ws, contact_id: id } } }),
    invalidates: afterDeleteOrRestore(ws),
  })
}

/** Undo a delete: the contact comes back with its tags and timeline. */
export function useRestoreContact(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/restore', { params: { path: { ws, contact_id: id } } }),
    invalidates: afterDeleteOrRestore(ws),
  })
}

export function useTags(ws: number, q?: string) {
  return useListQuery(
    tagsKey(ws),
    { q, page_size: 200 },
    (query) => api.GET('/api/v1/workspaces/{ws}/tags', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws), staleTime: 30_000 },
  )
}

export function useBulkTag(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: BulkTagInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/bulk-tag', {
        params: { path: { ws } },
        body: { ...cleanQuery(body), tag: body.tag, remove: body.remove },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [jobsKey(ws)],
  })
}
