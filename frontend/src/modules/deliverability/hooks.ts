import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { jobsKey } from '../jobs/hooks'

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

// ---- health, rates, alerts, bounces (the Deliverability page) -----------------------------

export type Deliverability = Schemas['Deliverability']
export type DomainHealth = Schemas['DomainHealth']
export type SendingIp = Schemas['SendingIp']
export type Listing = Schemas['Listing']
export type RateFigures = Schemas['RateFigures']
export type Limits = Schemas['Limits']
export type WorkspaceLimits = Schemas['WorkspaceLimits']
export type DeliverabilityAlert = Schemas['Alert']
export type HistoryPoint = Schemas['HistoryPoint']
export type Bounce = Schemas['Bounce']
export type AgencyDeliverability = Schemas['AgencyDeliverability']
export type AgencyWorkspaceHealth = Schemas['AgencyWorkspaceHealth']

export const deliverabilityKey = (ws: number) => ['ws', ws, 'deliverability'] as const
export const bouncesKey = (ws: number) => ['ws', ws, 'bounces'] as const
export const agencyDeliverabilityKey = (agencyId: number) => ['agency', agencyId, 'deliverability'] as const

/** The workspace's health, rates, limits, pause, alerts and score history. */
export function useDeliverability(ws: number) {
  return useQuery({
    queryKey: deliverabilityKey(ws),
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/deliverability', { params: { path: { ws } } })).data!,
    enabled: Number.isFinite(ws),
  })
}

/** The alert that holds sending (the API sends it, or null; the schema also allows `{}`). */
export function pausingAlert(data: Deliverability | undefined): DeliverabilityAlert | null {
  const pause = data?.pause
  return pause && 'id' in pause ? (pause as DeliverabilityAlert) : null
}

/** Lift the pause with a reason (admins); the paused campaigns go on. */
export function useResumeSending(ws: number) {
  return useApiMutation({
    mutationFn: ({ reason, idempotencyKey }: { reason: string; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/deliverability/resume', {
        params: { path: { ws } },
        body: { reason },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [deliverabilityKey(ws), ['ws', ws, 'campaigns']],
  })
}

/** Run the monitoring checks now: a tracked job (follow it with the jobs module's useJob). */
export function useCheckNow(ws: number) {
  return useApiMutation({
    mutationFn: (idempotencyKey: string) =>
      api.POST('/api/v1/workspaces/{ws}/deliverability/check', {
        params: { path: { ws } },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [jobsKey(ws)],
  })
}

export const BOUNCE_KINDS = ['hard', 'soft', 'complaint'] as const
export type BounceKind = (typeof BOUNCE_KINDS)[number]

export function isBounceKind(value: unknown): value is BounceKind {
  return typeof value === 'string' && (BOUNCE_KINDS as readonly string[]).includes(value)
}

export type BounceQuery = { page: number; page_size: number; sort: string; kind?: BounceKind; q?: string; campaign_id?: number; domain?: string }

/** Bounces and complaints of contacts the user may see, newest first. */
export function useBounces(ws: number, query: BounceQuery) {
  return useListQuery(
    bouncesKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/bounces', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

/** An agency's client workspaces, riskiest first, with its protection limits. */
export function useAgencyDeliverability(agencyId: number) {
  return useQuery({
    queryKey: agencyDeliverabilityKey(agencyId),
    queryFn: async () =>
      (await api.GET('/api/v1/agencies/{agency_id}/deliverability', { params: { path: { agency_id: agencyId } } })).data!,
    enabled: Number.isFinite(agencyId),
  })
}

/** Set the bounce and complaint limits (percent) that pause a workspace (owners, admins). */
export function useSetLimits(agencyId: number) {
  return useApiMutation({
    mutationFn: (body: { bounce?: number; complaint?: number }) =>
      api.PATCH('/api/v1/agencies/{agency_id}/deliverability', { params: { path: { agency_id: agencyId } }, body }),
    onSuccess: (data, _body, client) => client.setQueryData(agencyDeliverabilityKey(agencyId), data),
    invalidates: [],
  })
}
