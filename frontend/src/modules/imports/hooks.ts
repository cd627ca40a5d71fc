import { keepPreviousData, partialMatchKey, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { api } from '../../api/client'
import { uploadWithProgress, type UploadOptions } from '../../api/upload'
import { cleanQuery, detailKey, listKey, useApiMutation } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey, tagsKey } from '../contacts/hooks'
import { jobsKey } from '../jobs/hooks'
import { fieldsKey } from '../settings/fields/hooks'
import { isRunning, type Import } from './types'

export const importsKey = (ws: number) => ['ws', ws, 'imports'] as const
export const mappingsKey = (ws: number) => ['ws', ws, 'import-mappings'] as const
const reportKey = (ws: number, id: number) => [...detailKey(importsKey(ws), id), 'report'] as const

export type ImportListQuery = { page: number; page_size: number; sort: string }

/** A page of imports, newest first; polled every 2 s while one of them runs. */
export function useImports(ws: number, query: ImportListQuery) {
  const clean = cleanQuery(query)
  const base = importsKey(ws)
  return useQuery({
    queryKey: listKey(base, clean),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/imports', { params: { path: { ws }, query: clean } })
      return data!
    },
    placeholderData: (previous, previousQuery) =>
      previousQuery && partialMatchKey(previousQuery.queryKey, base) ? keepPreviousData(previous) : undefined,
    enabled: Number.isFinite(ws),
    refetchInterval: (q) => (q.state.data?.items.some((i) => isRunning(i.status)) ? 2000 : false),
  })
}

/** One import; polled every second while it is queued or running. When it ends, the contacts,
 * tags and custom fields it touched are refetched. */
export function useImport(ws: number, id: number) {
  const qc = useQueryClient()
  const query = useQuery({
    queryKey: detailKey(importsKey(ws), id),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/imports/{import_id}', {
        params: { path: { ws, import_id: id } },
      })
      return data!
    },
    enabled: Number.isFinite(ws) && Number.isFinite(id),
    refetchInterval: (q) => (q.state.data && isRunning(q.state.data.status) ? 1000 : false),
  })
  const status = query.data?.status
  const before = useRef(status)
  useEffect(() => {
    if (before.current && isRunning(before.current) && status && !isRunning(status)) {
      for (const key of [contactsKey(ws), tagsKey(ws), fieldsKey(ws), importsKey(ws)]) void qc.invalidateQueries({ queryKey: key })
    }
    before.current = status
  }, [status, qc, ws])
  return query
}

export function useImportReport(ws: number, id: number, enabled: boolean) {
  return useQuery({
    queryKey: reportKey(ws, id),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/imports/{import_id}/report', {
        params: { path: { ws, import_id: id } },
      })
      return data!
    },
    enabled: enabled && Number.isFinite(id),
  })
}

/** The draft's answer is put in the cache at once (the preview changes with the layout). */
const putImport = (ws: number) => (data: Import | undefined, _v: unknown, client: import('@tanstack/react-query').QueryClient) => {
  if (data) client.setQueryData(detailKey(importsKey(ws), data.id), data)
}

export type ImportPatch = Schemas['ImportPatch']

export function usePatchImport(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (body: ImportPatch) =>
      api.PATCH('/api/v1/workspaces/{ws}/imports/{import_id}', { params: { path: { ws, import_id: id } }, body }),
    onSuccess: putImport(ws),
    invalidates: [listKey(importsKey(ws))],
  })
}

export function useStartImport(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (idempotencyKey: string) =>
      api.POST('/api/v1/workspaces/{ws}/imports/{import_id}/start', {
        params: { path: { ws, import_id: id } },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [importsKey(ws), jobsKey(ws)],
  })
}

export function useCancelImport(ws: number, id: number) {
  return useApiMutation({
    mutationFn: () => api.POST('/api/v1/workspaces/{ws}/imports/{import_id}/cancel', { params: { path: { ws, import_id: id } } }),
    onSuccess: putImport(ws),
    invalidates: [importsKey(ws), jobsKey(ws)],
  })
}

export function useDeleteImport(ws: number, id: number) {
  const qc = useQueryClient()
  return useApiMutation({
    mutationFn: () => api.DELETE('/api/v1/workspaces/{ws}/imports/{import_id}', { params: { path: { ws, import_id: id } } }),
    onSuccess: () => qc.removeQueries({ queryKey: detailKey(importsKey(ws), id) }),
    invalidates: [listKey(importsKey(ws))],
  })
}

export function useSavedMappings(ws: number, enabled = true) {
  return useQuery({
    queryKey: mappingsKey(ws),
    queryFn: async () => {
      const { data } = await api.GET('/api/v1/workspaces/{ws}/import-mappings', { params: { path: { ws } } })
      return data!
    },
    enabled: enabled && Number.isFinite(ws),
    staleTime: 30_000,
  })
}

export function useSaveMapping(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: { name: string; mapping: Record<string, string> }; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/import-mappings', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [mappingsKey(ws)],
  })
}

export function useDeleteMapping(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/import-mappings/{mapping_id}', { params: { path: { ws, mapping_id: id } } }),
    invalidates: [mappingsKey(ws)],
  })
}

/** Where the rows not imported are (a plain link: the session cookie is enough). */
export const rejectedCsvPath = (ws: number, id: number) => `/api/v1/workspaces/${ws}/imports/${id}/rejected.csv`

/** Uploads the file (with progress): a draft import, or an ApiError naming `file`. */
export function uploadImport(ws: number, file: File, options: UploadOptions = {}): Promise<Import> {
  return uploadWithProgress<Import>(`/api/v1/workspaces/${ws}/imports`, file, { tooLarge: 'The file is too large for one import: split it in parts.', ...options })
}
