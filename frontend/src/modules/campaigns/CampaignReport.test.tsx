import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { CampaignPage } from './CampaignPage'
import { CommunicationsPanel } from './CommunicationsPanel'
import { campaign, figures, message, report, template } from './fixtures'
import type { Campaign } from './types'

const BASE = '/api/v1/workspaces/7'

function api(state: { campaign: Campaign }, extra: Record<string, (req: Request, url: URL) => Response | Promise<Response>> = {}) {
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role: 'member', time_zone: 'Europe/Warsaw' })] })),
    [`GET ${BASE}/campaigns/21`]: () => json(200, state.campaign),
    [`GET ${BASE}/templates/11`]: () => json(200, template()),
    [`GET ${BASE}/campaigns/21/report`]: () =>
      json(
        200,
        report({
          status: state.campaign.status,
          winner: 'B',
          versions: [
            { version: 'A', ...figures({ sent: 3, unique_opens: 1, open_rate: 0.3333 }) },
            { version: 'B', ...figures({ sent: 3, unique_opens: 2, open_rate: 0.6667 }) },
          ],
        }),
      ),
    ...extra,
  })
}

const render = () => renderWithProviders(<CampaignPage />, { route: '/w/7/campaigns/21', path: '/w/:ws/campaigns/:campaignId' })

describe('the campaign report', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the outbox, totals, the chart, the winner and why some were not delivered', async () => {
    const state = {
      campaign: campaign({
        status: 'sent',
        recipients: 10,
        sent: 6,
        progress: { sent: 6, failed: 1, uncertain: 2, skipped: 1 },
        started_at: '2026-03-02T09:00:00Z',
        ab: { kind: 'subject', subject_b: 'Druga', split_percent: 20, winner_by: 'opens', wait_hours: 4 },
        winner: 'B',
      }),
    }
    api(state)
    render()
    expect(await screen.findByRole('heading', { name: 'Wiosna — Весна' })).toBeInTheDocument()
    expect(screen.getByTestId('outbox-summary')).toHaveTextContent('6 of 10 sent')
    expect(screen.getByLabelText('Outbox: 6 sent, 1 failed, 2 uncertain, 1 skipped')).toBeInTheDocument()
    // Times in the workspace's zone (Warsaw, UTC+1 in March).
    expect(await screen.findByText(/started 2 Mar 2026, 10:00/)).toBeInTheDocument()

    const totals = await screen.findByLabelText('Totals')
    expect(within(totals).getByText('Opened').parentElement).toHaveTextContent('Opened350% · 7 opens in all')
    // The chart's code (ECharts) loads lazily: slow when the whole suite runs at once.
    const chart = { name: 'Sent, opens and clicks per hour: 6 sent, 7 opens and 2 clicks over 2 hours' }
    expect(await screen.findByRole('img', chart, { timeout: 8000 })).toBeInTheDocument()

    const uncertain = screen.getByTestId('not-sent-uncertain')
    expect(uncertain).toHaveTextContent('2Uncertain')
    expect(uncertain).toHaveTextContent(/may have arrived, or not.*never sent again automatically/)
    expect(screen.getByTestId('not-sent-failed')).toHaveTextContent('1Failed')
    expect(screen.getByTestId('not-sent-skipped')).toHaveTextContent('1Skipped')

    const versions = screen.getByRole('table', { name: 'Versions' })
    const rows = within(versions).getAllByRole('row')
    expect(rows[2]).toHaveAttribute('data-winner', 'true')
    expect(within(rows[2]).getByText('Winner')).toBeInTheDocument()
    expect(within(rows[1]).queryByText('Winner')).toBeNull()
    expect(screen.getByRole('link', { name: 'https://sklep.pl/oferta?id=7' })).toHaveAttribute('rel', 'noopener noreferrer')
    // Nothing more to do with a sent campaign than delete it.
    expect(screen.queryByRole('button', { name: 'Pause' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Delete' })).toBeInTheDocument()
  })

  it('polls while sending; pauses, and cancels only after confirming', async () => {
    const state = { campaign: campaign({ status: 'sending', recipients: 4, sent: 1, progress: { sent: 1, queued: 3 }, started_at: '2026-03-02T09:00:00Z' }) }
    const posted: string[] = []
    const { calls } = api(state, {
      [`POST ${BASE}/campaigns/21/pause`]: () => {
        posted.push('pause')
        state.campaign = { ...state.campaign, status: 'paused' }
        return json(200, state.campaign)
      },
      [`POST ${BASE}/campaigns/21/cancel`]: () => {
        posted.push('cancel')
        state.campaign = { ...state.campaign, status: 'cancelled', progress: { sent: 2, cancelled: 2 } }
        return json(200, state.campaign)
      },
    })
    render()
    expect(await screen.findByTestId('outbox-summary')).toHaveTextContent('1 of 4 sent')
    expect(screen.getByText('Updates every 2 seconds.')).toBeInTheDocument()
    state.campaign = { ...state.campaign, sent: 2, progress: { sent: 2, queued: 2 } }
    await waitFor(() => expect(screen.getByTestId('outbox-summary')).toHaveTextContent('2 of 4 sent'), { timeout: 4000 })
    expect(calls.filter((c) => c.url.endsWith('/campaigns/21')).length).toBeGreaterThan(1)

    await userEvent.click(screen.getByRole('button', { name: 'Pause' }))
    expect(await screen.findByText(/Nothing more goes out until you resume/)).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Resume' })).toBeInTheDocument()
    expect(screen.queryByText('Updates every 2 seconds.')).toBeNull()

    await userEvent.click(screen.getByRole('button', { name: 'Cancel campaign' }))
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this campaign?' })
    expect(posted).toEqual(['pause'])
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel campaign' }))
    await waitFor(() => expect(posted).toEqual(['pause', 'cancel']))
    expect(await screen.findByTestId('not-sent-cancelled')).toHaveTextContent('2Not sent')
    expect(screen.queryByRole('button', { name: 'Resume' })).toBeNull()
  }, 15_000)
})

describe('the Communications panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists each message with its campaign, state and what the person did', async () => {
    mockApi({
      'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7 })] })),
      [`GET ${BASE}/contacts/3/messages`]: () =>
        json(
          200,
          page([
            message(),
            message({ id: 32, campaign_id: 22, campaign_name: 'Черная пятница', state: 'failed', delivered: false, error: '550 No such user', opened_at: null, open_count: 0, sent_at: null }),
            message({ id: 33, campaign_id: 23, campaign_name: 'Lato', state: 'uncertain', delivered: false, opened_at: null, open_count: 0 }),
          ]),
        ),
    })
    renderWithProviders(<CommunicationsPanel contactId={3} workspaceId={7} canEdit />, { route: '/w/7/contacts/3' })
    const items = await screen.findAllByTestId('message')
    expect(items).toHaveLength(3)
    expect(within(items[0]).getByRole('link', { name: 'Wiosna — Весна' })).toHaveAttribute('href', '/w/7/campaigns/21')
    expect(items[0]).toHaveTextContent('Delivered')
    expect(items[0]).toHaveTextContent('Version A · sent by Olive Owner')
    expect(items[0]).toHaveTextContent('Opened 3× · first 2 Mar 2026')
    expect(items[0]).toHaveTextContent('Not clicked')
    expect(items[1]).toHaveTextContent('Failed')
    expect(items[1]).toHaveTextContent('Refused: 550 No such user')
    expect(items[1]).not.toHaveTextContent('Not opened')
    expect(items[2]).toHaveTextContent('Uncertain')
    expect(items[2]).toHaveTextContent('it may have arrived. It is not sent again.')
  })
})
