import { api, SESSION_ENDED_EVENT } from '../../api/client'
import { getCsrfToken } from '../../api/csrf'
import { ApiError, toApiError } from '../../api/errors'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey } from '../contacts/hooks'

export type ContactFile = Schemas['ContactFile']

export const filesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'files']
const activitiesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'activities']

/** Paths of a contact's files (the download is a plain link: the session cookie is enough). */
export const filesPath = (ws: number, contactId: number) => `/api/v1/workspaces/${ws}/contacts/${contactId}/files`
export const downloadPath = (ws: number, contactId: number, fileId: number) => `${filesPath(ws, contactId)}/${fileId}`

/** A contact's files, newest first, with the largest file the server takes (`max_bytes`). */
export function useFiles(ws: number, contactId: number, page: number, pageSize = 20) {
  return useListQuery(filesKey(ws, contactId), { page, page_size: pageSize }, (query) =>
    api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/files', {
      params: { path: { ws, contact_id: contactId }, query },
    }),
  )
}

export function useDeleteFile(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}/files/{file_id}', {
        params: { path: { ws, contact_id: contactId, file_id: id } },
      }),
    invalidates: [filesKey(ws, contactId), activitiesKey(ws, contactId)],
  })
}

/** Keys to refresh once an upload is in. */
export const afterUpload = (ws: number, contactId: number) => [filesKey(ws, contactId), activitiesKey(ws, contactId)]

type UploadOptions = {
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  idempotencyKey?: string
}

/**
 * Uploads one file as multipart field `file`. XMLHttpRequest rather than fetch: only it reports
 * upload progress. It sends what the API client sends on a write (the CSRF token) and fails with
 * the same ApiError, so a 422 names the field.
 */
export function uploadFile(ws: number, contactId: number, file: File, options: UploadOptions = {}): Promise<ContactFile> {
  const { onProgress, signal, idempotencyKey } = options
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', filesPath(ws, contactId))
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
        resolve(JSON.parse(xhr.responseText) as ContactFile)
        return
      }
      if (xhr.status === 401 && getCsrfToken()) window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
      const retryAfter = xhr.getResponseHeader('Retry-After')
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      if (retryAfter) headers['Retry-After'] = retryAfter
      void toApiError(new Response(xhr.responseText || null, { status: xhr.status, headers })).then(reject)
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

/** 1536 -> "1.5 KB", 26214400 -> "25 MB" (1024-based, as the server counts). */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB']
  let size = bytes
  let unit = 0
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024
    unit += 1
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const shown = size < 10 ? Math.round(size * 10) / 10 : Math.round(size)
  return `${shown.toLocaleString('en-US')} ${units[unit]}`
}
