import { useQuery } from '@tanstack/react-query'
import { useMemo } from 'react'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { activitiesKey, contactsKey } from '../contacts/hooks'
import { useMembers } from '../settings/members/hooks'

export type Owner = Schemas['Owner']
export type Responsible = Schemas['Responsible']
export type OwnedContact = Schemas['OwnedContact']

const ownersKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'owners'] as const
/** Counts change with any contact's owners: refreshed with them. */
export const responsiblesKey = (ws: number) => ['ws', ws, 'responsibles'] as const

export function useOwners(ws: number, contactId: number) {
  return useQuery({
    queryKey: ownersKey(ws, contactId),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/owners', { params: { path: { ws, contact_id: contactId } } })).data!,
    enabled: Number.isFinite(ws) && Number.isFinite(contactId),
  })
}

export function useSetOwners(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: (userIds: number[]) =>
      api.PUT('/api/v1/workspaces/{ws}/contacts/{contact_id}/owners', {
        params: { path: { ws, contact_id: contactId } },
        body: { user_ids: userIds },
      }),
    invalidates: [ownersKey(ws, contactId), activitiesKey(ws, contactId), responsiblesKey(ws)],
  })
}

export function useResponsibles(ws: number) {
  return useQuery({
    queryKey: responsiblesKey(ws),
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/responsibles', { params: { path: { ws } } })).data!,
    enabled: Number.isFinite(ws),
  })
}

export function useResponsibleContacts(ws: number, userId: number | undefined, page: number, pageSize = 25) {
  return useListQuery(
    [...responsiblesKey(ws), userId ?? 0, 'contacts'],
    { page, page_size: pageSize },
    (query) =>
      api.GET('/api/v1/workspaces/{ws}/responsibles/{user_id}/contacts', {
        params: { path: { ws, user_id: userId! }, query },
      }),
    { enabled: Number.isFinite(ws) && userId !== undefined },
  )
}

export type MemberOption = { value: string; label: string }

/**
 * Members who accepted their invitation, as Select options (value: the user id). Those are the
 * people the API takes as an owner or an assignee.
 */
export function useMemberOptions(ws: number) {
  const members = useMembers(ws)
  const options = useMemo<MemberOption[]>(
    () =>
      (members.data?.items ?? [])
        .filter((m) => m.status === 'active')
        .map((m) => ({ value: String(m.user_id), label: m.name === m.email ? m.name : `${m.name} (${m.email})` }))
        .sort((a, b) => a.label.localeCompare(b.label)),
    [members.data],
  )
  return { options, isPending: members.isPending, error: members.error }
}
