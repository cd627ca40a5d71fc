import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey } from '../contacts/hooks'

export type ConsentPurpose = Schemas['ConsentPurpose']
export type PurposeInput = Schemas['ConsentPurposeIn']
export type Consents = Schemas['Consents']
export type ConsentState = Schemas['ConsentState']
export type ConsentEvent = Schemas['ConsentEvent']
export type ConsentInput = Schemas['ConsentIn']

export const purposesKey = (ws: number) => ['ws', ws, 'consent-purposes'] as const
const contactKey = (ws: number, contactId: number) => detailKey(contactsKey(ws), contactId)
const consentsKey = (ws: number, contactId: number) => [...contactKey(ws, contactId), 'consents']
const activitiesKey = (ws: number, contactId: number) => [...contactKey(ws, contactId), 'activities']

/** The workspace's consent purposes: built-in ones first, then in the order they were added. */
export function usePurposes(ws: number) {
  return useListQuery(
    purposesKey(ws),
    { page_size: 200 },
    (query) => api.GET('/api/v1/workspaces/{ws}/consent-purposes', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws), staleTime: 30_000 },
  )
}

export function useSavePurpose(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id?: number; body: PurposeInput; idempotencyKey: string }) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/consent-purposes', {
            params: { path: { ws } },
            body,
            headers: { 'Idempotency-Key': idempotencyKey },
          })
        : api.PATCH('/api/v1/workspaces/{ws}/consent-purposes/{purpose_id}', {
            params: { path: { ws, purpose_id: id } },
            body: { name: body.name, description: body.description },
          }),
    // Every card's consents name the purposes too.
    invalidates: [purposesKey(ws), contactsKey(ws)],
  })
}

export function useDeletePurpose(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/consent-purposes/{purpose_id}', { params: { path: { ws, purpose_id: id } } }),
    invalidates: [purposesKey(ws), contactsKey(ws)],
  })
}

/** Each purpose's current state (also "unknown") and every change, newest first. */
export function useConsents(ws: number, contactId: number) {
  return useQuery({
    queryKey: consentsKey(ws, contactId),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/consents', { params: { path: { ws, contact_id: contactId } } }))
        .data!,
    enabled: Number.isFinite(ws) && Number.isFinite(contactId),
  })
}

export function useRecordConsent(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: ConsentInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/consents', {
        params: { path: { ws, contact_id: contactId } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [consentsKey(ws, contactId), activitiesKey(ws, contactId)],
  })
}
