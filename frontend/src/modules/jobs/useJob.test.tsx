import { QueryClientProvider } from '@tanstack/react-query'
import { renderHook, waitFor } from '@testing-library/react'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { job } from '../../test/fixtures'
import { json, mockApi, testQueryClient } from '../../test/render'
import { useJob } from './hooks'

describe('useJob', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('refreshes what a job touched even when it ended before the first poll', async () => {
    mockApi({ 'GET /api/v1/workspaces/3/jobs/j9': () => json(200, job({ id: 'j9', status: 'finished' })) })
    const client = testQueryClient()
    client.setQueryData(['ws', 3, 'contacts', { page: 1 }], { items: [] })
    client.setQueryData(['ws', 4, 'contacts', { page: 1 }], { items: [] })
    const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
    renderHook(() => useJob(3, 'j9'), { wrapper })
    await waitFor(() => expect(client.getQueryState(['ws', 3, 'contacts', { page: 1 }])?.isInvalidated).toBe(true))
    expect(client.getQueryState(['ws', 4, 'contacts', { page: 1 }])?.isInvalidated).toBe(false)
  })
})
