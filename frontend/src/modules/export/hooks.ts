import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { cleanQuery, useApiMutation } from '../../api/queries'
import type { Schemas } from '../../api/types'
import type { ContactFilters } from '../contacts/types'
import { jobsKey } from '../jobs/hooks'

/** Which contacts to export: listed ids, or every contact matching the list's filter. */
export type ExportSelection = { ids: number[] } | { filter: ContactFilters }
export type ExportColumn = Schemas['ExportColumn']
export type ExportInput = { selection: ExportSelection; columns: string[]; bom: boolean }

/** The columns an export may have (standard, then custom fields) and the default set. */
export function useExportColumns(ws: number, enabled = true) {
  return useQuery({
    queryKey: ['ws', ws, 'export-columns'],
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/contacts/export/columns', { params: { path: { ws } } })
      return data!
    },
    enabled: enabled && ws > 0,
  })
}

/** The API body: {ids} or {filter} without empty filter values. */
export function selectionBody(selection: ExportSelection): { ids: number[] } | { filter: ContactFilters } {
  return 'ids' in selection ? { ids: selection.ids } : { filter: cleanQuery(selection.filter) }
}

export function useStartExport(ws: number) {
  return useApiMutation({
    mutationFn: ({ input, idempotencyKey }: { input: ExportInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/export', {
        params: { path: { ws } },
        body: { ...selectionBody(input.selection), columns: input.columns, bom: input.bom },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [jobsKey(ws)],
  })
}

/** The finished job's link (a signed URL valid for 24 hours), if it has one. */
export function downloadOf(result: unknown): { url: string; expiresAt?: string; rows?: number } | null {
  if (!result || typeof result !== 'object') return null
  const r = result as Record<string, unknown>
  if (typeof r.download_url !== 'string') return null
  return {
    url: r.download_url,
    expiresAt: typeof r.expires_at === 'string' ? r.expires_at : undefined,
    rows: typeof r.rows === 'number' ? r.rows : undefined,
  }
}
