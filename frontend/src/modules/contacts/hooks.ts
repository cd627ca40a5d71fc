import { api } from '../../api/client'
import { useQuery } from '@tanstack/react-query'
import { detailKey, useApiMutation, useDetailQuery, useKeysetQuery, useListQuery } from '../../api/queries'
import type { ContactInput, ContactListQuery, ContactTagInput } from './types'

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

/** Everything under it refreshes when a module writes to the contact's timeline. */
export const activitiesKey = (ws: number, id: number) => [...detailKey(contactsKey(ws), id), 'activities'] as const

/** The timeline, newest first, in keyset pages; `type`: comma-separated kinds, or all. */
export function useActivities(ws: number, id: number, type?: string) {
  return useKeysetQuery(
    activitiesKey(ws, id),
    { type, limit: 50 },
    (query) => api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/activity', { params: { path: { ws, contact_id: id }, query } }),
    { enabled: Number.isFinite(ws) && Number.isFinite(id) },
  )
}

export function useActivityHistogram(ws: number, id: number, by: 'hour' | 'weekday', tz: string, type?: string) {
  return useListQuery(
    [...activitiesKey(ws, id), 'histogram'],
    { by, tz, type },
    (query) =>
      api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/activity/histogram', {
        params: { path: { ws, contact_id: id }, query: { by, tz, ...query } },
      }),
    { enabled: Number.isFinite(ws) && Number.isFinite(id) },
  )
}

const contactTagsKey = (ws: number, id: number) => [...detailKey(contactsKey(ws), id), 'tags'] as const

export function useContactTags(ws: number, id: number) {
  return useQuery({
    queryKey: contactTagsKey(ws, id),
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/tags', { params: { path: { ws, contact_id: id } } })).data!,
    enabled: Number.isFinite(ws) && Number.isFinite(id),
  })
}

/** Tag the contact, optionally until `expires_at`; the card, lists and tag counts refresh. */
export function useAddContactTag(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (body: ContactTagInput) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/tags', { params: { path: { ws, contact_id: id } }, body }),
    invalidates: [contactsKey(ws), tagsKey(ws)],
  })
}

export function useRemoveContactTag(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (tagId: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}/tags/{tag_id}', {
        params: { path: { ws, contact_id: id, tag_id: tagId } },
      }),
    invalidates: [contactsKey(ws), tagsKey(ws)],
  })
}

export function useTagCloud(ws: number) {
  return useQuery({
    queryKey: [...tagsKey(ws), 'cloud'],
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/tags/cloud', { params: { path: { ws } } })).data!,
    enabled: Number.isFinite(ws),
    staleTime: 30_000,
  })
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
