import { api } from '../../../api/client'
import { useApiMutation, useListQuery } from '../../../api/queries'

export const tokensKey = ['auth', 'tokens'] as const

export function useTokens() {
  return useListQuery(tokensKey, { page_size: 200 }, (query) => api.GET('/api/v1/auth/tokens', { params: { query } }))
}

export function useCreateToken() {
  return useApiMutation({
    mutationFn: ({ name, idempotencyKey }: { name: string; idempotencyKey: string }) =>
      api.POST('/api/v1/auth/tokens', { body: { name }, headers: { 'Idempotency-Key': idempotencyKey } }),
    invalidates: [tokensKey],
  })
}

export function useRevokeToken() {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/auth/tokens/{token_id}', { params: { path: { token_id: id } } }),
    invalidates: [tokensKey],
  })
}
