import { keepPreviousData, useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useDetailQuery, useListQuery } from '../../api/queries'
import { contactsKey } from '../contacts/hooks'
import { isLive, type CampaignInput, type CampaignStatus, type TemplateInput } from './types'

export const templatesKey = (ws: number) => ['ws', ws, 'templates'] as const
export const campaignsKey = (ws: number) => ['ws', ws, 'campaigns'] as const
const previewKey = (ws: number, id: number) => [...templatesKey(ws), 'preview', id] as const
const audienceKey = (ws: number, id: number) => [...campaignsKey(ws), 'audience', id] as const
const reportKey = (ws: number, id: number) => [...campaignsKey(ws), 'report', id] as const
const messagesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'messages'] as const

/** While a campaign sends, its outbox changes by the second. */
const POLL_MS = 2000

// ---- templates -------------------------------------------------------------------------------

export type TemplateQuery = { q?: string; page?: number; page_size?: number; sort?: string }

export function useTemplates(ws: number, query: TemplateQuery) {
  return useListQuery(
    templatesKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/templates', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useTemplate(ws: number, id: number, enabled = true) {
  return useDetailQuery(
    templatesKey(ws),
    id,
    () => api.GET('/api/v1/workspaces/{ws}/templates/{template_id}', { params: { path: { ws, template_id: id } } }),
    { enabled: enabled && Number.isFinite(ws) },
  )
}

/** Create a template or change one; the API checks it (422 naming the field and line). */
export function useSaveTemplate(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id?: number; body: TemplateInput; idempotencyKey: string }) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/templates', { params: { path: { ws } }, body, headers: { 'Idempotency-Key': idempotencyKey } })
        : api.PATCH('/api/v1/workspaces/{ws}/templates/{template_id}', { params: { path: { ws, template_id: id } }, body }),
    onSuccess: (template, _v, client) => client.setQueryData(detailKey(templatesKey(ws), template.id), template),
    invalidates: (template) => [[...templatesKey(ws), 'list'], previewKey(ws, template.id)],
  })
}

/** 409 while a campaign not yet sent uses it. */
export function useDeleteTemplate(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/templates/{template_id}', { params: { path: { ws, template_id: id } } }),
    invalidates: [[...templatesKey(ws), 'list']],
  })
}

/** The saved template rendered as a contact (or as a sample person when `contactId` is null). */
export function useTemplatePreview(ws: number, id: number | undefined, contactId: number | null) {
  return useQuery({
    queryKey: [...previewKey(ws, id ?? 0), contactId ?? 'sample'],
    queryFn: async () =>
      (
        await api.GET('/api/v1/workspaces/{ws}/templates/{template_id}/preview', {
          params: { path: { ws, template_id: id! }, query: contactId ? { contact_id: contactId } : {} },
        })
      ).data!,
    enabled: Number.isFinite(ws) && id !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
  })
}

// ---- campaigns -------------------------------------------------------------------------------

export type CampaignQuery = { q?: string; status?: CampaignStatus; page?: number; page_size?: number; sort?: string }

export function useCampaigns(ws: number, query: CampaignQuery) {
  return useListQuery(
    campaignsKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/campaigns', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

/** One campaign; polled every 2 s while it sends or waits for an A/B winner. */
export function useCampaign(ws: number, id: number, enabled = true) {
  return useQuery({
    queryKey: detailKey(campaignsKey(ws), id),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/campaigns/{campaign_id}', { params: { path: { ws, campaign_id: id } } })).data!,
    enabled: enabled && Number.isFinite(ws) && Number.isFinite(id),
    refetchInterval: (q) => (q.state.data && isLive(q.state.data.status) ? POLL_MS : false),
  })
}

export function useSaveCampaign(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id?: number; body: CampaignInput; idempotencyKey: string }) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/campaigns', { params: { path: { ws } }, body, headers: { 'Idempotency-Key': idempotencyKey } })
        : api.PATCH('/api/v1/workspaces/{ws}/campaigns/{campaign_id}', { params: { path: { ws, campaign_id: id } }, body }),
    onSuccess: (campaign, _v, client) => client.setQueryData(detailKey(campaignsKey(ws), campaign.id), campaign),
    invalidates: (campaign) => [[...campaignsKey(ws), 'list'], audienceKey(ws, campaign.id)],
  })
}

export function useDeleteCampaign(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/campaigns/{campaign_id}', { params: { path: { ws, campaign_id: id } } }),
    invalidates: [[...campaignsKey(ws), 'list']],
  })
}

/** How many people the saved campaign would go to now. */
export function useAudience(ws: number, id: number | undefined, enabled = true) {
  return useQuery({
    queryKey: audienceKey(ws, id ?? 0),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/audience', { params: { path: { ws, campaign_id: id! } } })).data!.count,
    enabled: enabled && Number.isFinite(ws) && id !== undefined,
    placeholderData: keepPreviousData,
    staleTime: 0,
    retry: false,
  })
}

/** Send now (`at` null) or at an instant (ISO, with its offset). */
export function useSendCampaign(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, at, idempotencyKey }: { id: number; at: string | null; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/send', {
        params: { path: { ws, campaign_id: id } },
        body: { at },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (campaign, _v, client) => client.setQueryData(detailKey(campaignsKey(ws), campaign.id), campaign),
    invalidates: (campaign) => [[...campaignsKey(ws), 'list'], reportKey(ws, campaign.id)],
  })
}

export type LifeAction = 'pause' | 'resume' | 'cancel'

/** Pause, resume or cancel (409 when the campaign is past that). */
export function useCampaignAction(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, action }: { id: number; action: LifeAction }) => {
      const path = { ws, campaign_id: id }
      if (action === 'pause') return api.POST('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/pause', { params: { path } })
      if (action === 'resume') return api.POST('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/resume', { params: { path } })
      return api.POST('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/cancel', { params: { path } })
    },
    onSuccess: (campaign, _v, client) => client.setQueryData(detailKey(campaignsKey(ws), campaign.id), campaign),
    invalidates: (campaign) => [[...campaignsKey(ws), 'list'], reportKey(ws, campaign.id)],
  })
}

export function useSendTest(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, emails, contactId }: { id: number; emails: string[]; contactId: number | null }) =>
      api.POST('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/test', {
        params: { path: { ws, campaign_id: id } },
        body: { emails, contact_id: contactId },
      }),
    invalidates: [],
  })
}

/** Totals, versions, timeline and links; polled with the campaign while it sends. */
export function useCampaignReport(ws: number, id: number, live: boolean) {
  return useQuery({
    queryKey: reportKey(ws, id),
    queryFn: async () =>
      (await api.GET('/api/v1/workspaces/{ws}/campaigns/{campaign_id}/report', { params: { path: { ws, campaign_id: id } } })).data!,
    enabled: Number.isFinite(ws) && Number.isFinite(id),
    refetchInterval: live ? POLL_MS : false,
  })
}

// ---- a contact's messages --------------------------------------------------------------------

export function useContactMessages(ws: number, contactId: number, query: { page: number; page_size: number }) {
  return useListQuery(
    messagesKey(ws, contactId),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/messages', { params: { path: { ws, contact_id: contactId }, query: q } }),
    { enabled: Number.isFinite(ws) && Number.isFinite(contactId) },
  )
}
