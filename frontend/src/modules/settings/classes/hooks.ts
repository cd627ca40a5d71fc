import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../api/client'
import type { ContactClassInput } from './types'

export const classesKey = (ws: number) => ['ws', ws, 'contact-classes'] as const

export function useContactClasses(ws: number) {
  return useQuery({
    queryKey: classesKey(ws),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contact-classes', {
        params: { path: { ws }, query: { page_size: 200 } },
      })
      return data!
    },
    enabled: Number.isFinite(ws),
    staleTime: 30_000,
  })
}

export function useSaveContactClass(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, ...body }: ContactClassInput & { id?: number }) => {
      if (id) {
        const { data } = await api.PATCH('/api/v1/workspaces/{ws}/contact-classes/{class_id}', {
          params: { path: { ws, class_id: id } },
          body,
        })
        return data!
      }
      const { data } = await api.POST('/api/v1/workspaces/{ws}/contact-classes', { params: { path: { ws } }, body })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: classesKey(ws) }),
  })
}

export function useDeleteContactClass(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: number) => {
      await api.DELETE('/api/v1/workspaces/{ws}/contact-classes/{class_id}', { params: { path: { ws, class_id: id } } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: classesKey(ws) }),
  })
}
