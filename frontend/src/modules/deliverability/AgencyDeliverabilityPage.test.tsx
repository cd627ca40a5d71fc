import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { AgencyDeliverabilityPage } from './AgencyDeliverabilityPage'
import type { AgencyDeliverability, AgencyWorkspaceHealth } from './hooks'

const row = (over: Partial<AgencyWorkspaceHealth>): AgencyWorkspaceHealth => ({
  workspace_id: 1,
  name: 'Acme',
  score: 100,
  checked_at: '2026-03-02T08:07:00Z',
  paused: false,
  pause_reason: null,
  open_alerts: 0,
  domains: 1,
  rates_7d: { sent: 0, bounced: 0, complained: 0, bounce_rate: 0, complaint_rate: 0 },
  ...over,
})

// As the API sends them: riskiest first.
const WORKSPACES = [
  row({
    workspace_id: 3,
    name: 'Żółw i Syn — Черепаха',
    score: 80,
    paused: true,
    pause_reason: 'Sending is paused: 9% of the last 200 messages bounced (the limit is 5%).',
    open_alerts: 1,
    rates_7d: { sent: 200, bounced: 18, complained: 0, bounce_rate: 9, complaint_rate: 0 },
  }),
  row({ workspace_id: 2, name: 'Kwiaciarnia Bzów', score: 60, open_alerts: 2 }),
  row({ workspace_id: 4, name: 'Nowa firma', score: null, checked_at: null, domains: 0 }),
]

const answer = (over: Partial<AgencyDeliverability> = {}): AgencyDeliverability => ({
  agency_id: 5,
  limits: { bounce: 5, complaint: 0.1 },
  can_manage: true,
  workspaces: WORKSPACES,
  ...over,
})

const URL_ = '/api/v1/agencies/5/deliverability'

function renderPage(routes: Parameters<typeof mockApi>[0]) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ agencies: [fixtures.agencyRef({ id: 5, name: 'Agencja Wrzos' })] }))
  const api = mockApi(routes)
  renderWithProviders(<AgencyDeliverabilityPage />, { route: '/agency/5/deliverability', path: '/agency/:agencyId/deliverability', client })
  return api
}

describe('agency deliverability page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists the client workspaces riskiest first, the paused one first with its reason', async () => {
    renderPage({ [`GET ${URL_}`]: () => json(200, answer({ can_manage: false })) })
    const table = await screen.findByRole('table', { name: 'Client workspaces by risk' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('link')[0].textContent)).toEqual(['Żółw i Syn — Черепаха', 'Kwiaciarnia Bzów', 'Nowa firma'])
    expect(within(rows[0]).getByText('Paused')).toBeInTheDocument()
    expect(within(rows[0]).getByText(/9% of the last 200 messages bounced/)).toBeInTheDocument()
    expect(within(rows[0]).getByText('Bounced 9% (over the limit)')).toBeInTheDocument()
    expect(within(rows[0]).getByRole('link', { name: 'Żółw i Syn — Черепаха' })).toHaveAttribute('href', '/w/3/deliverability')
    expect(within(rows[1]).getByText('Sending')).toBeInTheDocument()
    expect(within(rows[1]).getByText('2 open')).toBeInTheDocument()
    expect(within(rows[1]).getByText('At risk')).toBeInTheDocument()
    expect(within(rows[1]).getByText('60')).toBeInTheDocument()
    expect(within(rows[2]).getByText('Not checked yet')).toBeInTheDocument()
    expect(within(rows[2]).getByText('No sending domain yet')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Agencja Wrzos' })).toHaveAttribute('href', '/agency/5')
    // Staff read the limits.
    expect(screen.getByTestId('limits-read-only')).toHaveTextContent('Bounce rate limit: 5%')
    expect(screen.getByTestId('limits-read-only')).toHaveTextContent('Complaint rate limit: 0.1%')
    expect(screen.queryByRole('form', { name: 'Sending limits' })).not.toBeInTheDocument()
  })

  it('lets an owner change the limits, with the API’s message on the field', async () => {
    let attempts = 0
    const bodies: unknown[] = []
    const { calls } = renderPage({
      [`GET ${URL_}`]: () => json(200, answer()),
      [`PATCH ${URL_}`]: async (req) => {
        attempts += 1
        const body = (await req.json()) as { bounce: number; complaint: number }
        bodies.push(body)
        if (attempts === 1) {
          return json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { bounce: ['Must be greater than or equal to 0.5 and less than or equal to 50.'] } })
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
        return json(200, answer({ limits: body }))
      },
    })
    const form = await screen.findByRole('form', { name: 'Sending limits' })
    const bounce = within(form).getByLabelText('Bounce rate limit')
    const complaint = within(form).getByLabelText('Complaint rate limit')
    expect(bounce).toHaveValue('5')
    expect(within(form).getByRole('button', { name: 'Save limits' })).toBeDisabled()

    await userEvent.clear(bounce)
    await userEvent.type(bounce, 'five')
    await userEvent.click(within(form).getByRole('button', { name: 'Save limits' }))
    expect(await within(form).findByText('Enter a number, like 12.5')).toBeInTheDocument()
    expect(calls.some((r) => r.method === 'PATCH')).toBe(false)

    await userEvent.clear(bounce)
    await userEvent.type(bounce, '60')
    await userEvent.click(within(form).getByRole('button', { name: 'Save limits' }))
    expect(await within(form).findByText(/greater than or equal to 0.5/)).toBeInTheDocument()
    expect(bounce).toHaveAttribute('aria-invalid', 'true')

    await userEvent.clear(bounce)
    await userEvent.type(bounce, '3,5')
    await userEvent.clear(complaint)
    await userEvent.type(complaint, '0.2')
    await userEvent.dblClick(within(form).getByRole('button', { name: 'Save limits' }))
    expect(await screen.findByText(/Limits saved/)).toBeInTheDocument()
    expect(calls.filter((r) => r.method === 'PATCH')).toHaveLength(2)
    expect(bodies[1]).toEqual({ bounce: 3.5, complaint: 0.2 })
    await waitFor(() => expect(bounce).toHaveValue('3.5'))
  })

  it('says when there is no client workspace to show', async () => {
    renderPage({ [`GET ${URL_}`]: () => json(200, answer({ workspaces: [] })) })
    expect(await screen.findByText('No client workspace to show')).toBeInTheDocument()
  })
})
