import { api } from '../../../api/client'
import { useApiMutation, useListQuery } from '../../../api/queries'
import { meKey } from '../../auth/hooks'
import type { InviteInput, MemberAccess } from './types'

export const membersKey = (ws: number) => ['ws', ws, 'members'] as const

export function useMembers(ws: number) {
  return useListQuery(
    membersKey(ws),
    { page_size: 200 },
    (query) => api.GET('/api/v1/workspaces/{ws}/members', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useInviteMember(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: InviteInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/members', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [membersKey(ws)],
  })
}

export function useUpdateMember(ws: number) {
  return useApiMutation({
    mutationFn: ({ user_id, ...body }: MemberAccess & { user_id: number }) =>
      api.PATCH('/api/v1/workspaces/{ws}/members/{user_id}', { params: { path: { ws, user_id } }, body }),
    // Changing one's own role changes what /me allows.
    invalidates: [membersKey(ws), meKey],
  })
}

export function useRemoveMember(ws: number) {
  return useApiMutation({
    mutationFn: (userId: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/members/{user_id}', { params: { path: { ws, user_id: userId } } }),
    invalidates: [membersKey(ws)],
  })
}

export function useResendInvitation(ws: number) {
  return useApiMutation({
    mutationFn: (userId: number) =>
      api.POST('/api/v1/workspaces/{ws}/members/{user_id}/resend-invitation', { params: { path: { ws, user_id: userId } } }),
    invalidates: [membersKey(ws)],
  })
}
