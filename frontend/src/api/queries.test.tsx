import { QueryClientProvider, type QueryClient } from '@tanstack/react-query'
import { act, renderHook, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { ReactNode } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockApi, renderWithProviders, testQueryClient } from '../test/render'
import { ErrorAlert } from '../ui'
import { api } from './client'
import { numberParam, textParam, useApiMutation, useListParams, useListQuery } from './queries'

const FILTERS = { q: textParam('q', { typed: true }), owner_id: numberParam('owner') }

/** Renders useListParams at `route` and hands out its latest result. */
function renderListParams(route: string) {
  const latest: { current: ReturnType<typeof useListParams<{ q: string; owner_id: number }>> | null } = { current: null }
  function Probe() {
    latest.current = useListParams({ filters: FILTERS, sort: '-created_at' })
    return null
  }
  const { router } = renderWithProviders(<Probe />, { route })
  return { latest: () => latest.current!, router }
}

function withClient(client: QueryClient) {
  return ({ children }: { children: ReactNode }) => <QueryClientProvider client={client}>{children}</QueryClientProvider>
}

function deferred<T>() {
  let resolve: (value: T) => void = () => {}
  const promise = new Promise<T>((r) => (resolve = r))
  return { promise, resolve }
}

describe('useListParams', () => {
  it('reads page, size, sort and filters from the URL, with defaults and limits', () => {
    expect(renderListParams('/things?q=ada&owner=2&page=3&size=25&sort=email').latest().query).toEqual({
      q: 'ada',
      owner_id: 2,
      page: 3,
      page_size: 25,
      sort: 'email',
    })
    expect(renderListParams('/things?owner=abc&page=-4&size=9999').latest().query).toEqual({
      page: 1,
      page_size: 200,
      sort: '-created_at',
    })
  })

  it('writes changes under the URL names, back on page 1, typing without a history entry', () => {
    const { latest, router } = renderListParams('/things?q=ada&page=3')
    act(() => latest().update({ owner_id: 5, page_size: 100 }))
    expect(new URLSearchParams(router.state.location.search)).toEqual(new URLSearchParams('q=ada&owner=5&size=100'))
    expect(router.state.historyAction).toBe('PUSH')
    expect(latest().query).toMatchObject({ owner_id: 5, page: 1, page_size: 100 })

    act(() => latest().update({ page: 2 }))
    expect(latest().query.page).toBe(2)

    act(() => latest().update({ q: 'bab', owner_id: null }))
    expect(router.state.location.search).toBe('?q=bab&size=100')
    expect(router.state.historyAction).toBe('PUSH')

    act(() => latest().update({ q: 'babb' }))
    expect(router.state.historyAction).toBe('REPLACE')
    expect(latest().query).toEqual({ q: 'babb', page: 1, page_size: 100, sort: '-created_at' })
  })
})

describe('useListQuery', () => {
  it('keeps the previous page on screen while the next loads, but never another list', async () => {
    const pages = new Map<string, ReturnType<typeof deferred<{ data: { items: string[] } }>>>()
    const fetchPage = (base: string) => (q: { page?: number }) => {
      const d = deferred<{ data: { items: string[] } }>()
      pages.set(`${base}:${q.page}`, d)
      return d.promise
    }
    const { result, rerender } = renderHook(
      ({ ws, page }: { ws: number; page: number }) => useListQuery(['ws', ws, 'things'], { page, q: '' }, fetchPage(`ws${ws}`)),
      { wrapper: withClient(testQueryClient()), initialProps: { ws: 1, page: 1 } },
    )
    await waitFor(() => expect(pages.has('ws1:1')).toBe(true))
    pages.get('ws1:1')!.resolve({ data: { items: ['a'] } })
    await waitFor(() => expect(result.current.data).toEqual({ items: ['a'] }))

    rerender({ ws: 1, page: 2 })
    expect(result.current.data).toEqual({ items: ['a'] })
    expect(result.current.isPlaceholderData).toBe(true)
    await waitFor(() => expect(pages.has('ws1:2')).toBe(true))
    pages.get('ws1:2')!.resolve({ data: { items: ['b'] } })
    await waitFor(() => expect(result.current.data).toEqual({ items: ['b'] }))

    rerender({ ws: 2, page: 2 })
    expect(result.current.data).toBeUndefined()
    expect(result.current.isPending).toBe(true)
  })
})

describe('useApiMutation', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('invalidates the queries under the named keys, and only those', async () => {
    const client = testQueryClient()
    const keys = {
      list: ['ws', 1, 'things', 'list', {}],
      one: ['ws', 1, 'things', 'one', 3],
      otherWorkspace: ['ws', 2, 'things', 'list', {}],
      other: ['ws', 1, 'members'],
    }
    for (const key of Object.values(keys)) client.setQueryData(key, { items: [] })
    const order: string[] = []
    const { result } = renderHook(
      () =>
        useApiMutation({
          mutationFn: async (id: number) => ({ data: { id } }),
          onSuccess: (data) => order.push(`onSuccess ${data.id}`),
          invalidates: (_data, id) => [['ws', 1, 'things'], ['ws', 1, 'audit', id]],
        }),
      { wrapper: withClient(client) },
    )
    await act(() => result.current.mutateAsync(3).then(() => order.push('resolved')))
    const invalidated = (key: unknown[]) => client.getQueryState(key)?.isInvalidated
    expect(invalidated(keys.list)).toBe(true)
    expect(invalidated(keys.one)).toBe(true)
    expect(invalidated(keys.otherWorkspace)).toBe(false)
    expect(invalidated(keys.other)).toBe(false)
    expect(order).toEqual(['onSuccess 3', 'resolved'])
  })

  it('shows an API error in ErrorAlert and its field messages, and invalidates nothing', async () => {
    mockApi({
      'POST /api/v1/auth/tokens': () =>
        json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { name: ['Enter a name.'] } }),
    })
    const client = testQueryClient()
    client.setQueryData(['auth', 'tokens', 'list', {}], { items: [] })
    function CreateToken() {
      const create = useApiMutation({
        mutationFn: (name: string) => api.POST('/api/v1/auth/tokens', { body: { name } }),
        invalidates: [['auth', 'tokens']],
      })
      return (
        <>
          <ErrorAlert error={create.error} />
          <p data-testid="name-error">{create.fieldError('name')}</p>
          <button onClick={() => create.mutate('')}>Create</button>
        </>
      )
    }
    renderWithProviders(<CreateToken />, { client })
    await userEvent.click(screen.getByRole('button', { name: 'Create' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('Some fields are invalid.')
    expect(screen.getByTestId('name-error')).toHaveTextContent('Enter a name.')
    await waitFor(() => expect(client.getQueryState(['auth', 'tokens', 'list', {}])?.isInvalidated).toBe(false))
  })
})
