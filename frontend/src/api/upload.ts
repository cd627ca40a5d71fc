import { SESSION_ENDED_EVENT } from './client'
import { getCsrfToken } from './csrf'
import { ApiError, toApiError } from './errors'

export type UploadOptions = {
  /** 0..1 as the bytes leave the browser. */
  onProgress?: (fraction: number) => void
  signal?: AbortSignal
  idempotencyKey?: string
  /** Shown on `file` when the server refuses the body as too large (413) before reading it. */
  tooLarge?: string
}

/**
 * POSTs one file as multipart field `file` and resolves with the JSON answer. XMLHttpRequest
 * rather than fetch: only it reports upload progress. It sends what the API client sends on a
 * write (the CSRF token) and fails with the same ApiError, so a 422 names the field.
 */
export function uploadWithProgress<T>(url: string, file: File, options: UploadOptions = {}): Promise<T> {
  const { onProgress, signal, idempotencyKey, tooLarge } = options
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
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
        resolve(JSON.parse(xhr.responseText) as T)
        return
      }
      if (xhr.status === 401 && getCsrfToken()) window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
      const headers: Record<string, string> = { 'Content-Type': 'application/json' }
      const retryAfter = xhr.getResponseHeader('Retry-After')
      if (retryAfter) headers['Retry-After'] = retryAfter
      const body = xhr.status === 413 && tooLarge ? JSON.stringify({ errors: { file: [tooLarge] } }) : xhr.responseText
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
