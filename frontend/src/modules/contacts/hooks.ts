import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { jobsKey } from '../jobs/hooks'
import type { BulkTagInput, ContactInput, ContactListQuery } from './types'

export const contactsKey = (ws: number) => ['ws', ws, 'contacts'] as const
export const tagsKey = (ws: number) => ['ws', ws, 'tags'] as const

/** Drops empty values so they are not sent as query parameters. */
function cleanQuery<T extends Record<string, unknown>>(q: T): Partial<T> {
  return Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>
}

export function useContacts(ws: number, query: ContactListQuery) {
  const q = cleanQuery(query)
  return useQuery({
    queryKey: [...contactsKey(ws), 'list', q],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts', { params: { path: { ws }, query: q } })
      return data!
    },
    placeholderData: keepPreviousData,
    enabled: Number.isFinite(ws),
  })
}

export function useContact(ws: number, id: number) {
  return useQuery({
    queryKey: [...contactsKey(ws), 'one', id],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}', {
        params: { path: { ws, contact_id: id } },
      })
      return data!
    },
    enabled: Number.isFinite(ws) && Number.isFinite(id),
  })
}

export function useActivities(ws: number, id: number) {
  return useQuery({
    queryKey: [...contactsKey(ws), 'one', id, 'activities'],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/activities', {
        params: { path: { ws, contact_id: id }, query: { page_size: 100 } },
      })
      return data!
    },
    enabled: Number.isFinite(ws) && Number.isFinite(id),
  })
}

export function useCreateContact(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: ContactInput; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/workspaces/{ws}/contacts', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
      return data!
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: contactsKey(ws) })
      qc.invalidateQueries({ queryKey: tagsKey(ws) })
    },
  })
}

export function useUpdateContact(ws: number, id: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: ContactInput) => {
      const { data } = await api.PATCH('/api/v1/workspaces/{ws}/contacts/{contact_id}', {
        params: { path: { ws, contact_id: id } },
        body,
      })
      return data!
    },
    onSuccess: (contact) => {
      qc.setQueryData([...contactsKey(ws), 'one', id], contact)
      qc.invalidateQueries({ queryKey: contactsKey(ws) })
      qc.invalidateQueries({ queryKey: tagsKey(ws) })
    },
  })
}

export function useDeleteContact(ws: number, id: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      await api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}', { params: { path: { ws, contact_id: id } } })
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...contactsKey(ws), 'list'] })
      qc.invalidateQueries({ queryKey: tagsKey(ws) })
    },
  })
}

/** Undo a delete: the contact comes back with its tags and timeline. */
export function useRestoreContact(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: number) => {
      const { data, error } = await api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/restore', {
        params: { path: { ws, contact_id: id } },
      })
      if (error) throw error
      return data
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...contactsKey(ws), 'list'] })
      qc.invalidateQueries({ queryKey: tagsKey(ws) })
    },
  })
}

export function useTags(ws: number, q?: string) {
  return useQuery({
    queryKey: [...tagsKey(ws), q ?? ''],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/tags', {
        params: { path: { ws }, query: cleanQuery({ q, page_size: 200 }) },
      })
      return data!
    },
    enabled: Number.isFinite(ws),
    staleTime: 30_000,
  })
}

export function useBulkTag(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: BulkTagInput; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/workspaces/{ws}/contacts/bulk-tag', {
        params: { path: { ws } },
        body: { ...cleanQuery(body), tag: body.tag, remove: body.remove },
        headers: { 'Idempotency-Key': idempotencyKey },
      })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: jobsKey(ws) }),
  })
}
