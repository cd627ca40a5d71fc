import { keepPreviousData, partialMatchKey, useQuery, useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { api, SESSION_ENDED_EVENT } from '../../api/client'
import { getCsrfToken } from '../../api/csrf'
import { ApiError, toApiError } from '../../api/errors'
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

type UploadOptions = {
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  idempotencyKey?: string
}

/**
 * Uploads the file as multipart field `file`: a draft import. XMLHttpRequest, as the files
 * panel does, since only it reports upload progress; it sends the CSRF token and fails with
 * the same ApiError as the API client (a 422 names `file`).
 */
export function uploadImport(ws: number, file: File, options: UploadOptions = {}): Promise<Import> {
  const { onProgress, signal, idempotencyKey } = options
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', `/api/v1/workspaces/${ws}/imports`)
    xhr.setRequestHeader('Accept', 'application/json')
    const token = getCsrfToken()
    if (token) xhr.setRequestHeader('X-CSRF-Token', token)
    if (idempotencyKey) xhr.setRequestHeader('Idempotency-Key', idempotencyKey)
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total)
    }
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress?.(1)
        resolve(JSON.parse(xhr.responseText) as Import)
        return
      }
      if (xhr.status === 401 && getCsrfToken()) window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      const retryAfter = xhr.getResponseHeader('Retry-After')
      if (retryAfter) headers['Retry-After'] = retryAfter
      const body = xhr.status === 413 ? JSON.stringify({ errors: { file: ['The file is too large for one import: split it in parts.'] } }) : xhr.responseText
      void toApiError(new Response(body || null, { status: xhr.status, headers })).then(reject)
    }
    xhr.onerror = () =>
      reject(new ApiError({ status: 0, code: 'network', message: 'The upload stopped: check the connection and try again.' }))
    xhr.onabort = () => reject(new ApiError({ status: 0, code: 'aborted', message: 'Upload cancelled.' }))
    signal?.addEventListener('abort', () => xhr.abort(), { once: true })
    const form = new FormData()
    form.append('file', file, file.name)
    xhr.send(form)
  })
}
