import { QueryClient } from '@tanstack/react-query'
import { render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { vi } from 'vitest'
import { Providers } from '../app/providers'

export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } } })
}

/** Renders inside Mantine + React Query + a memory data router at `route` matched by `path`. */
export function renderWithProviders(ui: ReactElement, { route = '/', path = '*', client = testQueryClient() } = {}) {
  const routes = path === '*' ? [{ path: '*', element: ui }] : [{ path, element: ui }, { path: '*', element: <div>elsewhere</div> }]
  const router = createMemoryRouter(routes, { initialEntries: [route] })
  const result = render(
    <Providers client={client}>
      <RouterProvider router={router} />
    </Providers>,
  )
  return { ...result, client, router }
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })
}

type Handler = (req: Request, url: URL) => Response | Promise<Response>

/** Replaces global fetch: `{'GET /api/v1/me': () => json(200, …)}`; unknown routes answer 404. */
export function mockApi(routes: Record<string, Handler>) {
  const calls: Request[] = []
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const req = input instanceof Request ? input : new Request(String(input))
    calls.push(req)
    const url = new URL(req.url)
    const handler = routes[`${req.method} ${url.pathname}`]
    return handler ? handler(req, url) : json(404, { code: 'not_found', message: `No mock for ${req.method} ${url.pathname}`, errors: {} })
  })
  vi.stubGlobal('fetch', fetchMock)
  return { calls, fetchMock }
}
