import { api } from '../../api/client'
import { useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { activitiesKey, contactsKey } from '../contacts/hooks'
import { jobsKey } from '../jobs/hooks'

export type Suppression = Schemas['Suppression']
export type AuditEntry = Schemas['AuditEntry']

const suppressionsKey = (ws: number) => ['ws', ws, 'suppressions'] as const
const auditKey = (ws: number) => ['ws', ws, 'audit-log'] as const

/** Starts "Export everything about this contact": answers the job's id. */
export function useStartExport(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: () =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/gdpr-export', {
        params: { path: { ws, contact_id: contactId } },
      }),
    invalidates: [jobsKey(ws), auditKey(ws), activitiesKey(ws, contactId)],
  })
}

/** Forgets the person for good; the card it was on no longer exists afterwards. */
export function useForget(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: () =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/forget', {
        params: { path: { ws, contact_id: contactId } },
      }),
    // Lists only: the contact itself is gone (refetching it would answer 404).
    invalidates: [[...contactsKey(ws), 'list'], ['ws', ws, 'tags'], suppressionsKey(ws), auditKey(ws)],
  })
}

export function useSuppressions(ws: number, query: { page: number; page_size: number }) {
  return useListQuery(suppressionsKey(ws), query, (q) =>
    api.GET('/api/v1/workspaces/{ws}/suppressions', { params: { path: { ws }, query: q } }),
  )
}

export function useAuditLog(ws: number, query: { page: number; page_size: number }) {
  return useListQuery(auditKey(ws), query, (q) =>
    api.GET('/api/v1/workspaces/{ws}/audit-log', { params: { path: { ws }, query: q } }),
  )
}

/** The word the forget dialog asks for: the contact's email, or "forget" when it has none. */
export function confirmationWord(email: string | null | undefined): string {
  return email?.trim() || 'forget'
}

export function confirmed(typed: string, email: string | null | undefined): boolean {
  return typed.trim().toLowerCase() === confirmationWord(email).toLowerCase()
}

export const ACTION_LABELS: Record<string, string> = {
  gdpr_export: 'Data exported',
  forget: 'Person forgotten',
  tracking_disabled: 'Tracking disabled',
  tracking_enabled: 'Tracking enabled',
}
