import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../api/client'
import type { CustomFieldInput, FieldEntity } from './types'

export const fieldsKey = (ws: number) => ['ws', ws, 'custom-fields'] as const

/** A contact's custom fields, or with entity "company" a company's. */
export function useCustomFields(ws: number, entity: FieldEntity = 'contact') {
  return useQuery({
    queryKey: [...fieldsKey(ws), entity],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/custom-fields', {
        params: { path: { ws }, query: { page_size: 200, entity } },
      })
      const page = data!
      return { ...page, items: [...page.items].sort((a, b) => a.position - b.position) }
    },
    enabled: Number.isFinite(ws),
    staleTime: 30_000,
  })
}

export function useCreateCustomField(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: CustomFieldInput; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/workspaces/{ws}/custom-fields', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: fieldsKey(ws) }),
  })
}

export function useUpdateCustomField(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, ...body }: { id: number; label: string; choices: string[] }) => {
      const { data } = await api.PATCH('/api/v1/workspaces/{ws}/custom-fields/{field_id}', {
        params: { path: { ws, field_id: id } },
        body,
      })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: fieldsKey(ws) }),
  })
}

export function useDeleteCustomField(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: number) => {
      await api.DELETE('/api/v1/workspaces/{ws}/custom-fields/{field_id}', { params: { path: { ws, field_id: id } } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: fieldsKey(ws) }),
  })
}
