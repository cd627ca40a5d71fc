import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../../api/client'
import { meKey } from '../../auth/hooks'
import type { InviteInput, MemberAccess } from './types'

export const membersKey = (ws: number) => ['ws', ws, 'members'] as const

export function useMembers(ws: number) {
  return useQuery({
    queryKey: membersKey(ws),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/members', {
        params: { path: { ws }, query: { page_size: 200 } },
      })
      return data!
    },
    enabled: Number.isFinite(ws),
  })
}

export function useInviteMember(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: InviteInput; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/workspaces/{ws}/members', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(ws) }),
  })
}

export function useUpdateMember(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ user_id, ...body }: MemberAccess & { user_id: number }) => {
      const { data } = await api.PATCH('/api/v1/workspaces/{ws}/members/{user_id}', {
        params: { path: { ws, user_id } },
        body,
      })
      return data!
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: membersKey(ws) })
      qc.invalidateQueries({ queryKey: meKey })
    },
  })
}

export function useRemoveMember(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (userId: number) => {
      await api.DELETE('/api/v1/workspaces/{ws}/members/{user_id}', { params: { path: { ws, user_id: userId } } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(ws) }),
  })
}

export function useResendInvitation(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (userId: number) => {
      await api.POST('/api/v1/workspaces/{ws}/members/{user_id}/resend-invitation', {
        params: { path: { ws, user_id: userId } },
      })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: membersKey(ws) }),
  })
}
