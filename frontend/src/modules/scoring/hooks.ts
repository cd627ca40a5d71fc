import { partialMatchKey, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect } from 'react'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { activitiesKey, contactsKey } from '../contacts/hooks'

export type ScoringRule = Schemas['ScoringRule']
export type ScoringRuleInput = Schemas['ScoringRuleIn']
export type ScoringEvent = ScoringRule['event']
export type ScoreChange = Schemas['ScoreHistory']
export type ScoringSettings = Schemas['ScoringSettings']

export const rulesKey = (ws: number) => ['ws', ws, 'scoring-rules'] as const
const settingsKey = (ws: number) => ['ws', ws, 'scoring-settings'] as const
export const historyKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'score-history'] as const

/** The events a rule can react to, in the order the settings offer them. */
export const EVENTS: { value: ScoringEvent; label: string; match?: string; matchRequired?: boolean }[] = [
  { value: 'tag_added', label: 'Tag added', match: 'Tag name (empty: any tag)' },
  { value: 'note_added', label: 'Note added' },
  { value: 'purchase', label: 'Purchase' },
  { value: 'page_visit', label: 'Page visit', match: 'URL contains (empty: any page)' },
  { value: 'form_submitted', label: 'Form submitted', match: 'Form name (empty: any form)' },
  { value: 'file_downloaded', label: 'File downloaded' },
  { value: 'custom_event', label: 'Custom event', match: 'Event name', matchRequired: true },
  { value: 'email_opened', label: 'Email opened' },
  { value: 'email_clicked', label: 'Email clicked' },
  { value: 'booking_made', label: 'Booking made' },
]

export const eventInfo = (event: string) => EVENTS.find((e) => e.value === event)

/** "tag_added: vip" → "Tag added: vip", "purchase 120.50 PLN" → "Purchase 120.50 PLN". */
export function describeReason(reason: string): string {
  if (reason === 'decay') return 'Decay (every 30 days)'
  const [, event, rest] = /^([a-z_]+)(.*)$/s.exec(reason) ?? []
  const info = event ? eventInfo(event) : undefined
  return info ? `${info.label}${rest}` : reason
}

/** The workspace's rules (a few dozen at most: one page). */
export function useScoringRules(ws: number) {
  return useListQuery(
    rulesKey(ws),
    { page_size: 200 },
    (query) => api.GET('/api/v1/workspaces/{ws}/scoring-rules', { params: { path: { ws }, query } }),
    { enabled: Number.isFinite(ws) },
  )
}

export function useSaveRule(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, body, idempotencyKey }: { id?: number; body: ScoringRuleInput; idempotencyKey: string }) =>
      id === undefined
        ? api.POST('/api/v1/workspaces/{ws}/scoring-rules', {
            params: { path: { ws } },
            body,
            headers: { 'Idempotency-Key': idempotencyKey },
          })
        : api.PATCH('/api/v1/workspaces/{ws}/scoring-rules/{rule_id}', { params: { path: { ws, rule_id: id } }, body }),
    invalidates: [rulesKey(ws)],
  })
}

export function useDeleteRule(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/scoring-rules/{rule_id}', { params: { path: { ws, rule_id: id } } }),
    invalidates: [rulesKey(ws)],
  })
}

export function useScoringSettings(ws: number) {
  return useQuery({
    queryKey: settingsKey(ws),
    queryFn: async () => (await api.GET('/api/v1/workspaces/{ws}/scoring-settings', { params: { path: { ws } } })).data!,
    enabled: Number.isFinite(ws),
  })
}

export function useSaveScoringSettings(ws: number) {
  return useApiMutation({
    mutationFn: (body: { decay_percent: number }) => api.PUT('/api/v1/workspaces/{ws}/scoring-settings', { params: { path: { ws } }, body }),
    invalidates: [settingsKey(ws)],
  })
}

/** The contact's latest score changes, newest first. */
export function useScoreHistory(ws: number, contactId: number, pageSize = 50) {
  return useListQuery(
    historyKey(ws, contactId),
    { page_size: pageSize },
    (query) =>
      api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/score-history', {
        params: { path: { ws, contact_id: contactId }, query },
      }),
    { enabled: Number.isFinite(ws) && Number.isFinite(contactId) },
  )
}

/**
 * Scores move with the timeline: whatever a module writes there (a note, a tag, a purchase)
 * invalidates the contact's activities, and the score history follows.
 */
export function useFollowTimeline(ws: number, contactId: number) {
  const client = useQueryClient()
  useEffect(() => {
    const timeline = activitiesKey(ws, contactId)
    return client.getQueryCache().subscribe((event) => {
      if (event.type === 'updated' && event.action.type === 'invalidate' && partialMatchKey(event.query.queryKey, timeline)) {
        void client.invalidateQueries({ queryKey: historyKey(ws, contactId) })
      }
    })
  }, [client, ws, contactId])
}
