import { api } from '../../api/client'
import { useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'

export type SendingDomain = Schemas['SendingDomain']
export type DnsRecord = Schemas['Record']
export type DnsCheck = Schemas['Check']

export const domainsKey = (ws: number) => ['ws', ws, 'sending-domains'] as const

/** The workspace's sending domains, by name (a handful: one page). */
export function useSendingDomains(ws: number) {
  return useListQuery(
    domainsKey(ws),
    { page_size: 100, sort: 'domain' },
    (query) => api.GET('/api/v1/workspaces/{ws}/sending-domains', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useAddDomain(ws: number) {
  return useApiMutation({
    mutationFn: ({ domain, idempotencyKey }: { domain: string; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/sending-domains', {
        params: { path: { ws } },
        body: { domain },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [domainsKey(ws)],
  })
}

/** Asks the DNS now; the answer's states are also kept on the domain. */
export function useVerifyDomain(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.POST('/api/v1/workspaces/{ws}/sending-domains/{domain_id}/verify', { params: { path: { ws, domain_id: id } } }),
    invalidates: [domainsKey(ws)],
  })
}

export function useDeleteDomain(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/sending-domains/{domain_id}', { params: { path: { ws, domain_id: id } } }),
    invalidates: [domainsKey(ws)],
  })
}

export type CheckState = 'ok' | 'warning' | 'missing' | 'wrong' | 'unknown'

/** How each check state looks: ok green, warning yellow, missing/wrong red, unknown grey. */
export const STATE_LOOK: Record<CheckState, { label: string; color: string }> = {
  ok: { label: 'OK', color: 'teal' },
  warning: { label: 'Warning', color: 'yellow' },
  missing: { label: 'Missing', color: 'red' },
  wrong: { label: 'Wrong', color: 'red' },
  unknown: { label: 'Unknown', color: 'gray' },
}

export function stateLook(state: string): { label: string; color: string } {
  return STATE_LOOK[state as CheckState] ?? { label: state, color: 'gray' }
}

const PURPOSE_LABELS: Record<string, string> = { spf: 'SPF', dkim: 'DKIM', dmarc: 'DMARC', return_path: 'Return path' }

export const purposeLabel = (purpose: string) => PURPOSE_LABELS[purpose] ?? purpose
