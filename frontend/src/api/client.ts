import createClient, { type Middleware } from 'openapi-fetch'
import type { paths } from './schema'
import { getCsrfToken } from './csrf'
import { toApiError } from './errors'

export { ApiError, isApiError } from './errors'

export const SESSION_ENDED_EVENT = 'cardfile:session-ended'
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Adds X-CSRF-Token on cookie-authenticated writes and throws ApiError on non-2xx answers. */
export const apiMiddleware: Middleware = {
  onRequest({ request }) {
    const token = getCsrfToken()
    if (token && WRITE_METHODS.has(request.method.toUpperCase())) {
      request.headers.set('X-CSRF-Token', token)
    }
    return request
  },
  async onResponse({ request, response }) {
    if (response.status === 401 && getCsrfToken() && !/\/api\/v1\/(me|auth\/)/.test(new URL(request.url).pathname)) {
      // Logged in a moment ago: the session ended mid-work. The app asks to log in again
      // over the current screen, so what was typed stays.
      window.dispatchEvent(new Event(SESSION_ENDED_EVENT))
    }
    if (!response.ok) throw await toApiError(response)
    return response
  },
}

export type ClientOptions = {
  baseUrl?: string
  fetch?: (request: Request) => Promise<Response>
}

export function createApiClient(options: ClientOptions = {}) {
  const client = createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  })
  client.use(apiMiddleware)
  return client
}

export type ApiClient = ReturnType<typeof createApiClient>

/** The client the app uses (same origin; the test setup may swap `fetch`). */
export const api = createApiClient({
  baseUrl: typeof window !== 'undefined' ? window.location.origin : 'http://localhost',
  fetch: (r) => globalThis.fetch(r),
})
