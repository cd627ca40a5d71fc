import { api } from '../../../api/client'
import { useApiMutation, useListQuery } from '../../../api/queries'
import type { ContactClassInput } from './types'

export const classesKey = (ws: number) => ['ws', ws, 'contact-classes'] as const

export function useContactClasses(ws: number) {
  return useListQuery(
    classesKey(ws),
    { page_size: 200 },
    (query) => api.GET('/api/v1/workspaces/{ws}/contact-classes', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws), staleTime: 30_000 },
  )
}

export function useSaveContactClass(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, ...body }: ContactClassInput & { id?: number }) =>
      id
        ? api.PATCH('/api/v1/workspaces/{ws}/contact-classes/{class_id}', { params: { path: { ws, class_id: id } }, body })
        : api.POST('/api/v1/workspaces/{ws}/contact-classes', { params: { path: { ws } }, body }),
    invalidates: [classesKey(ws)],
  })
}

export function useDeleteContactClass(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/contact-classes/{class_id}', { params: { path: { ws, class_id: id } } }),
    invalidates: [classesKey(ws)],
  })
}
