/** Field name → messages, as the API sends them in `errors`. */
export type FieldErrors = Record<string, string[]>

/** Every non-2xx answer of the API, turned into one typed error. */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly errors: FieldErrors
  /** The raw JSON body (e.g. `existing_id` on a 409). */
  readonly body: Record<string, unknown>
  /** Seconds from a `Retry-After` header (429). */
  readonly retryAfter: number | null

  constructor(init: {
    status: number
    code?: string
    message?: string
    errors?: FieldErrors
    body?: Record<string, unknown>
    retryAfter?: number | null
  }) {
    super(init.message || defaultMessage(init.status))
    this.name = 'ApiError'
    this.status = init.status
    this.code = init.code || String(init.status)
    this.errors = init.errors ?? {}
    this.body = init.body ?? {}
    this.retryAfter = init.retryAfter ?? null
  }

  /** First message for a form field (nested keys like `custom.budget` are looked up too). */
  fieldError(field: string): string | undefined {
    const list = this.errors[field]
    return list && list.length ? list.join(' ') : undefined
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError
}

export function defaultMessage(status: number): string {
  switch (status) {
    case 400:
      return 'The request was not understood.'
    case 401:
      return 'Please log in.'
    case 403:
      return 'You do not have permission to do that.'
    case 404:
      return 'Not found.'
    case 409:
      return 'That conflicts with existing data.'
    case 422:
      return 'Please correct the highlighted fields.'
    case 429:
      return 'Too many attempts. Please wait and try again.'
    default:
      return status >= 500 ? 'The server had a problem. Please try again.' : `Request failed (${status}).`
  }
}

/** Flattens nested marshmallow-style errors ({custom: {budget: ["..."]}}) into dotted keys. */
export function flattenErrors(input: unknown, prefix = ''): FieldErrors {
  const out: FieldErrors = {}
  if (Array.isArray(input)) {
    if (input.every((m) => typeof m === 'string')) {
      out[prefix || '_'] = input as string[]
    } else {
      input.forEach((item, i) => Object.assign(out, flattenErrors(item, prefix ? `${prefix}.${i}` : String(i))))
    }
  } else if (input && typeof input === 'object') {
    for (const [k, v] of Object.entries(input as Record<string, unknown>)) {
      Object.assign(out, flattenErrors(v, prefix ? `${prefix}.${k}` : k))
    }
  } else if (typeof input === 'string') {
    out[prefix || '_'] = [input]
  }
  return out
}

/** Reads an error Response into an ApiError (never throws). */
export async function toApiError(response: Response): Promise<ApiError> {
  let body: Record<string, unknown> = {}
  try {
    const text = await response.clone().text()
    if (text) {
      const parsed: unknown = JSON.parse(text)
      if (parsed && typeof parsed === 'object') body = parsed as Record<string, unknown>
    }
  } catch {
    /* not JSON */
  }
  const retryHeader = response.headers.get('Retry-After')
  const retryAfter = retryHeader && /^\d+$/.test(retryHeader) ? Number(retryHeader) : null
  let message = typeof body.message === 'string' ? body.message : undefined
  if (response.status === 429 && retryAfter != null) {
    const base = (message || defaultMessage(429)).trim().replace(/[.!]?$/, '.')
    message = `${base} Try again in ${retryAfter} seconds.`
  }
  return new ApiError({
    status: response.status,
    code:
      typeof body.code === 'string' || typeof body.code === 'number'
        ? String(body.code)
        : typeof body.status === 'string'
          ? body.status
          : undefined,
    message,
    errors: flattenErrors(body.errors ?? {}),
    body,
    retryAfter,
  })
}
