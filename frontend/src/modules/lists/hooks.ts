import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useDetailQuery, useListQuery } from '../../api/queries'
import { activitiesKey, contactsKey } from '../contacts/hooks'
import type { ListInput, ListPatch, SubscriptionInput, SubscriptionStatus } from './types'

export const listsKey = (ws: number) => ['ws', ws, 'lists'] as const
const subscribersKey = (ws: number, listId: number) => [...detailKey(listsKey(ws), listId), 'subscribers'] as const
const contactSubscriptionsKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'subscriptions'] as const

export type ListQuery = { q?: string; deleted?: boolean; page?: number; page_size?: number; sort?: string }

/** A page of lists (or of the trash) with each list's subscribers by status. */
export function useLists(ws: number, query: ListQuery, options: { enabled?: boolean } = {}) {
  return useListQuery(
    listsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/lists', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) && (options.enabled ?? true) },
  )
}

export function useList(ws: number, listId: number) {
  return useDetailQuery(
    listsKey(ws),
    listId,
    () => api.GET('/api/v1/workspaces/{ws}/lists/{list_id}', { params: { path: { ws, list_id: listId } } }),
    { enabled: Number.isFinite(ws) },
  )
}

/** Create a list, or change one (`renew_form` gives it a new form address). */
export function useSaveList(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id?: number; body: ListInput | ListPatch; idempotencyKey?: string }) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/lists', {
            params: { path: { ws } },
            body: body as ListInput,
            headers: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
          })
        : api.PATCH('/api/v1/workspaces/{ws}/lists/{list_id}', { params: { path: { ws, list_id: id } }, body }),
    onSuccess: (list, _v, client) => client.setQueryData(detailKey(listsKey(ws), list.id), list),
    invalidates: [[...listsKey(ws), 'list']],
  })
}

export function useDeleteList(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/lists/{list_id}', { params: { path: { ws, list_id: id } } }),
    // Lists only: the deleted list itself would answer 404.
    invalidates: [[...listsKey(ws), 'list']],
  })
}

export function useRestoreList(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.POST('/api/v1/workspaces/{ws}/lists/{list_id}/restore', { params: { path: { ws, list_id: id } } }),
    invalidates: [listsKey(ws)],
  })
}

export type SubscriberQuery = { status?: SubscriptionStatus; q?: string; page?: number; page_size?: number; sort?: string }

export function useSubscribers(ws: number, listId: number, query: SubscriberQuery) {
  return useListQuery(
    subscribersKey(ws, listId),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/lists/{list_id}/subscriptions', { params: { path: { ws, list_id: listId }, query: q } }),
    { enabled: Number.isFinite(ws) && Number.isFinite(listId) },
  )
}

/** What the history says about a change staff made (the API's default reads "Added by a team
 * member", which is wrong for leaving). */
const STAFF_SOURCE: Partial<Record<string, string>> = {
  unsubscribed: 'Unsubscribed by a team member',
  unconfirmed: 'Asked to confirm by a team member',
}

/** Add a contact to a list or change its status: the list's counts, its subscribers, the
 * contact's subscriptions and its timeline all change. */
export function useSetSubscription(ws: number) {
  return useApiMutation({
    mutationFn: ({ listId, body }: { listId: number; body: SubscriptionInput }) =>
      api.POST('/api/v1/workspaces/{ws}/lists/{list_id}/subscriptions', {
        params: { path: { ws, list_id: listId } },
        body: body.source || !STAFF_SOURCE[body.status] ? body : { ...body, source: STAFF_SOURCE[body.status] },
      }),
    invalidates: (_d, { listId, body }) => [
      detailKey(listsKey(ws), listId),
      [...listsKey(ws), 'list'],
      contactSubscriptionsKey(ws, body.contact_id),
      activitiesKey(ws, body.contact_id),
    ],
  })
}

/** Every list the contact is or was on, and each change with its proof, newest first. */
export function useContactSubscriptions(ws: number, contactId: number) {
  return useQuery({
    queryKey: contactSubscriptionsKey(ws, contactId),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/subscriptions', { params: { path: { ws, contact_id: contactId } } })).data!,
    enabled: Number.isFinite(ws) && Number.isFinite(contactId),
  })
}

// ---- the public preference page (no login: the token in the link is the key) ----------------

const preferencesKey = (token: string) => ['public', 'preferences', token] as const

export function usePreferences(token: string) {
  return useQuery({
    queryKey: preferencesKey(token),
    queryFn: async () => (await api.GET('/api/v1/public/preferences/{token}', { params: { path: { token } } })).data!,
    enabled: !!token,
    retry: false,
    staleTime: Infinity,
  })
}

/** Be on exactly the lists in `subscribed`, or (`unsubscribe_all`) on none; the answer is the page anew. */
export function useSavePreferences(token: string) {
  return useApiMutation({
    mutationFn: (body: { subscribed?: number[]; unsubscribe_all?: boolean }) =>
      api.POST('/api/v1/public/preferences/{token}', {
        params: { path: { token } },
        body: { subscribed: body.subscribed ?? [], unsubscribe_all: body.unsubscribe_all ?? false },
      }),
    onSuccess: (page, _v, client) => client.setQueryData(preferencesKey(token), page),
    invalidates: [],
  })
}
