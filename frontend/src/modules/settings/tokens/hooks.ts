import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../api/client'

export const tokensKey = ['auth', 'tokens'] as const

export function useTokens() {
  return useQuery({
    queryKey: tokensKey,
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/auth/tokens', { params: { query: { page_size: 200 } } })
      return data!
    },
  })
}

export function useCreateToken() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ name, idempotencyKey }: { name: string; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/auth/tokens', { body: { name }, headers: { 'Idempotency-Key': idempotencyKey } })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  })
}

export function useRevokeToken() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (id: number) => {
      await api.DELETE('/api/v1/auth/tokens/{token_id}', { params: { path: { token_id: id } } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: tokensKey }),
  })
}
