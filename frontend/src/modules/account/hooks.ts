import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api } from '../../api/client'
import { meKey } from '../auth/hooks'

export const myInvitationsKey = ['me', 'invitations'] as const

export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: async (email: string) => {
      await api.POST('/api/v1/auth/password-reset', { body: { email } })
    },
  })
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: async (body: { token: string; password: string }) => {
      await api.POST('/api/v1/auth/password-reset/confirm', { body })
    },
  })
}

export function useUpdateProfile() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: { name: string }) => {
      const { data } = await api.PATCH('/api/v1/me', { body })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  })
}

export function useChangePassword() {
  return useMutation({
    mutationFn: async (body: { current_password: string; password: string }) => {
      await api.POST('/api/v1/me/password', { body })
    },
  })
}

export function useMyInvitations(enabled = true) {
  return useQuery({
    queryKey: myInvitationsKey,
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/me/invitations')
      return data!.items
    },
    enabled,
    staleTime: 30_000,
  })
}

export function useAnswerInvitation() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ id, accept }: { id: number; accept: boolean }) => {
      if (!accept) {
        await api.DELETE('/api/v1/me/invitations/{invitation_id}', { params: { path: { invitation_id: id } } })
        return null
      }
      const { data } = await api.POST('/api/v1/me/invitations/{invitation_id}/accept', {
        params: { path: { invitation_id: id } },
      })
      return data!
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: myInvitationsKey })
      await qc.fetchQuery({ queryKey: meKey })
    },
  })
}

export function useInvitationInfo(token: string) {
  return useQuery({
    queryKey: ['invitation-info', token],
    queryFn: async () => {
      const { data } = await api.POST('/api/v1/auth/invitation-info', { body: { token } })
      return data!
    },
    retry: false,
    staleTime: Infinity,
  })
}
