import { describe, expect, it } from 'vitest'
import { ApiError } from '../api/errors'
import { createQueryClient } from './queryClient'

describe('query client', () => {
  it('forgets /me when any request answers 401, so the guard sends the user to /login', async () => {
    const qc = createQueryClient()
    qc.setQueryData(['me'], { user: { id: 1 } })
    await qc
      .fetchQuery({ queryKey: ['x'], queryFn: () => Promise.reject(new ApiError({ status: 401 })), retry: false })
      .catch(() => undefined)
    expect(qc.getQueryData(['me'])).toBeNull()
  })

  it('keeps /me on other errors and does not retry 4xx', async () => {
    const qc = createQueryClient()
    qc.setQueryData(['me'], { user: { id: 1 } })
    let calls = 0
    await qc
      .fetchQuery({
        queryKey: ['y'],
        queryFn: () => {
          calls += 1
          return Promise.reject(new ApiError({ status: 404 }))
        },
      })
      .catch(() => undefined)
    expect(calls).toBe(1)
    expect(qc.getQueryData(['me'])).toEqual({ user: { id: 1 } })
  })
})
