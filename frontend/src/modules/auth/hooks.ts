import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, SESSION_ENDED_EVENT } from '../../api/client'
import { getCsrfToken, setCsrfToken } from '../../api/csrf'
import { isApiError } from '../../api/errors'
import type { AcceptInvitationInput, AuthResponse, LoginInput, Me, SignupInput } from './types'

export const meKey = ['me'] as const

/** GET /me; resolves to null when not logged in (401). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const { data } = await api.GET('/api/v1/me')
    const me = data!
    setCsrfToken(me.csrf_token)
    return me
  } catch (e) {
    if (isApiError(e) && e.status === 401) {
      if (getCsrfToken()) {
        // The session ended while the app was open: keep the screen (and what was typed)
        // and ask to log in over it, instead of dropping everything for /login.
        window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
        throw e
      }
      return null
    }
    throw e
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 60_000, retry: false })
}

function useAuthMutation<I>(run: (input: I) => Promise<AuthResponse>) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: run,
    onSuccess: async (res) => {
      setCsrfToken(res.csrf_token)
      // Workspaces and agencies come from /me: load it before navigating on.
      await qc.fetchQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 0 })
    },
  })
}

export function useLogin() {
  return useAuthMutation(async (body: LoginInput) => {
    const { data } = await api.POST('/api/v1/auth/login', { body })
    return data!
  })
}

export function useSignup() {
  return useAuthMutation(async (body: SignupInput) => {
    const { data } = await api.POST('/api/v1/auth/signup', { body })
    return data!
  })
}

export function useAcceptInvitation() {
  return useAuthMutation(async (body: AcceptInvitationInput) => {
    const { data } = await api.POST('/api/v1/auth/accept-invitation', { body })
    return data!
  })
}

export function useLogout() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      try {
        await api.POST('/api/v1/auth/logout')
      } catch (e) {
        if (!(isApiError(e) && e.status === 401)) throw e
      }
    },
    onSuccess: () => {
      setCsrfToken(null)
      qc.clear()
      qc.setQueryData(meKey, null)
    },
  })
}
