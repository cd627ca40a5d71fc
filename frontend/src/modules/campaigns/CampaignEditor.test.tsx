import { fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { createMemoryRouter, RouterProvider } from 'react-router'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Providers } from '../../app/providers'
import { me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, testQueryClient } from '../../test/render'
import { mailingList } from '../lists/fixtures'
import { CampaignPage } from './CampaignPage'
import { campaign, template } from './fixtures'
import type { Campaign } from './types'

const BASE = '/api/v1/workspaces/7'

function renderRoutes(route: string) {
  const element = <CampaignPage />
  const router = createMemoryRouter(
    [
      { path: '/w/:ws/campaigns/new', element },
      { path: '/w/:ws/campaigns/:campaignId', element },
    ],
    { initialEntries: [route] },
  )
  render(
    <Providers client={testQueryClient()}>
      <RouterProvider router={router} />
    </Providers>,
  )
  return { router }
}

type Sent = { path: string; body: Record<string, unknown>; key: string | null }

function api(sent: Sent[]) {
  let saved: Campaign | null = null
  const record = async (req: Request, url: URL) => {
    const body = (await req.json()) as Record<string, unknown>
    sent.push({ path: url.pathname.replace(BASE, ''), body, key: req.headers.get('Idempotency-Key') })
    return body
  }
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role: 'member', time_zone: 'Europe/Warsaw' })] })),
    [`GET ${BASE}/templates`]: () => json(200, page([template(), template({ id: 12, name: 'Druga wersja' })])),
    [`GET ${BASE}/lists`]: () => json(200, page([mailingList({ id: 4, name: 'Nowości — Новости' })])),
    [`GET ${BASE}/segments`]: () => json(200, page([])),
    [`POST ${BASE}/campaigns`]: async (req, url) => {
      const body = await record(req, url)
      if (body.from_email === 'zły') {
        return json(422, { code: 'validation_error', message: 'Please correct the highlighted fields.', errors: { from_email: ['Not a valid email address.'] } })
      }
      saved = campaign({ ...(body as Partial<Campaign>), id: 21, status: 'draft' })
      return json(201, saved)
    },
    [`GET ${BASE}/campaigns/21`]: () => json(200, saved),
    [`GET ${BASE}/campaigns/21/audience`]: () => json(200, { count: 3 }),
    [`POST ${BASE}/campaigns/21/send`]: async (req, url) => {
      const body = await record(req, url)
      await new Promise((resolve) => setTimeout(resolve, 30))
      saved = body.at ? { ...saved!, status: 'scheduled', scheduled_at: String(body.at) } : { ...saved!, status: 'sending', started_at: '2026-03-02T09:00:00Z' }
      return json(202, saved)
    },
    [`GET ${BASE}/campaigns/21/report`]: () => json(200, { campaign_id: 21, status: 'sending', winner: null, totals: {}, versions: [], timeline: [], links: [] }),
    [`GET ${BASE}/templates/11`]: () => json(200, template()),
  })
}

async function pick(label: RegExp | string, option: string) {
  await userEvent.click(screen.getByLabelText(label))
  await userEvent.click(await screen.findByRole('option', { name: option, hidden: true }))
}

async function createDraft(sent: Sent[]) {
  const { router } = renderRoutes('/w/7/campaigns/new')
  await userEvent.type(await screen.findByRole('textbox', { name: /^Name/ }), 'Wiosna — Весна')
  await userEvent.type(screen.getByRole('textbox', { name: /^From email/ }), 'zły')
  await pick(/^Template/, 'Nowości — marzec')
  await pick(/^Lists/, 'Nowości — Новости')
  await userEvent.click(screen.getByRole('button', { name: 'Save campaign' }))
  // The API's complaint goes under its field.
  expect(await screen.findByText('Not a valid email address.')).toBeInTheDocument()
  expect(router.state.location.pathname).toBe('/w/7/campaigns/new')
  const from = screen.getByRole('textbox', { name: /^From email/ })
  await userEvent.clear(from)
  await userEvent.type(from, 'news@sklep.pl')
  await userEvent.click(screen.getByRole('button', { name: 'Save campaign' }))
  await waitFor(() => expect(router.state.location.pathname).toBe('/w/7/campaigns/21'))
  expect(sent.at(-1)!.body).toMatchObject({ name: 'Wiosna — Весна', from_email: 'news@sklep.pl', template_id: 11, list_ids: [4], ab: null })
  await waitFor(() => expect(screen.getByTestId('audience-count')).toHaveTextContent('3people will get it'))
  return router
}

describe('the campaign editor', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('saves, counts who gets it, and sends once for a double click after saying to how many', async () => {
    const sent: Sent[] = []
    api(sent)
    await createDraft(sent)
    await userEvent.click(screen.getByRole('button', { name: 'Send now' }))
    const dialog = await screen.findByRole('dialog', { name: 'Send it now?' })
    expect(dialog).toHaveTextContent('“Wiosna — Весна” goes to 3 people now, once each.')
    await userEvent.dblClick(within(dialog).getByRole('button', { name: 'Send now' }))
    expect(await screen.findByRole('heading', { name: 'Outbox' })).toBeInTheDocument()
    const sends = sent.filter((s) => s.path === '/campaigns/21/send')
    expect(sends).toHaveLength(1)
    expect(sends[0].body).toEqual({ at: null })
    expect(sends[0].key).toBeTruthy()
  }, 20_000)

  it('schedules in the workspace’s time zone, named on screen', async () => {
    const sent: Sent[] = []
    api(sent)
    await createDraft(sent)
    await userEvent.click(screen.getByRole('button', { name: 'Schedule…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Schedule the campaign' })
    const when = within(dialog).getByLabelText('Date and time in Europe/Warsaw')
    fireEvent.change(when, { target: { value: '2030-07-15T09:00' } })
    expect(within(dialog).getByText(/The workspace’s time zone, Europe\/Warsaw \(UTC\+2\)/)).toBeInTheDocument()
    expect(within(dialog).getByTestId('schedule-summary')).toHaveTextContent('“Wiosna — Весна” will go to 3 people on 15 Jul 2030, 09:00 (Europe/Warsaw).')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Schedule' }))
    await waitFor(() => expect(sent.at(-1)!.body).toEqual({ at: '2030-07-15T07:00:00.000Z' }))
    // Still editable, with the time shown in the workspace's zone.
    expect(await screen.findByText(/15 Jul 2030, 09:00/)).toBeInTheDocument()
    expect(await screen.findByRole('button', { name: 'Change time…' })).toBeInTheDocument()

    // A time in the past is refused before anything is sent.
    await userEvent.click(screen.getByRole('button', { name: 'Change time…' }))
    const again = await screen.findByRole('dialog', { name: 'Change the time' })
    expect(within(again).getByLabelText('Date and time in Europe/Warsaw')).toHaveValue('2030-07-15T09:00')
    fireEvent.change(within(again).getByLabelText('Date and time in Europe/Warsaw'), { target: { value: '2020-01-01T09:00' } })
    await userEvent.click(within(again).getByRole('button', { name: 'Change time' }))
    expect(within(again).getByText('Choose a time in the future.')).toBeInTheDocument()
    expect(sent.filter((s) => s.path === '/campaigns/21/send')).toHaveLength(1)
  }, 20_000)
})
