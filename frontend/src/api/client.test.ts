import { afterEach, describe, expect, it, vi } from 'vitest'
import { createApiClient, ApiError } from './client'
import { setCsrfToken } from './csrf'

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

describe('api client', () => {
  afterEach(() => setCsrfToken(null))

  it('sends X-CSRF-Token on writes only', async () => {
    const seen: Request[] = []
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async (r) => {
        seen.push(r)
        return json(200, { ok: true })
      },
    })
    setCsrfToken('tok-123')
    await client.GET('/api/v1/me')
    await client.POST('/api/v1/auth/logout')
    expect(seen[0].headers.get('X-CSRF-Token')).toBeNull()
    expect(seen[1].headers.get('X-CSRF-Token')).toBe('tok-123')
    expect(seen[1].method).toBe('POST')
  })

  it('turns a 422 body into an ApiError with field errors', async () => {
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async () =>
        json(422, {
          code: 'invalid',
          message: 'Invalid input',
          errors: { email: ['Not a valid email address.'], custom: { budget: ['Not a number.'] } },
        }),
    })
    const err = await client.POST('/api/v1/auth/login', { body: { email: 'x', password: '' } }).catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(422)
    expect(err.code).toBe('invalid')
    expect(err.message).toBe('Invalid input')
    expect(err.fieldError('email')).toBe('Not a valid email address.')
    expect(err.fieldError('custom.budget')).toBe('Not a number.')
  })

  it('keeps existing_id of a 409 and Retry-After of a 429', async () => {
    const fetchMock = vi
      .fn<(r: Request) => Promise<Response>>()
      .mockResolvedValueOnce(json(409, { code: 'conflict', message: 'Email exists', existing_id: 42 }))
      .mockResolvedValueOnce(json(429, { code: 'rate_limited', message: 'Too many attempts' }, { 'Retry-After': '30' }))
    const client = createApiClient({ baseUrl: 'http://test', fetch: fetchMock })
    const conflict = await client.GET('/api/v1/me').catch((e) => e)
    expect(conflict.status).toBe(409)
    expect(conflict.body.existing_id).toBe(42)
    const limited = await client.GET('/api/v1/me').catch((e) => e)
    expect(limited.status).toBe(429)
    expect(limited.retryAfter).toBe(30)
    expect(limited.message).toBe('Too many attempts. Try again in 30 seconds.')
  })

  it('falls back to a readable message when the body is not JSON', async () => {
    const client = createApiClient({
      baseUrl: 'http://test',
      fetch: async () => new Response('<html>oops</html>', { status: 502 }),
    })
    const err = await client.GET('/api/v1/me').catch((e) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err.status).toBe(502)
    expect(err.message).toMatch(/server/i)
    expect(err.errors).toEqual({})
  })
})
