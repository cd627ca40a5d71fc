import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role, Schemas } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { DeliverabilityPage } from './DeliverabilityPage'
import type { Bounce, Deliverability, DeliverabilityAlert, DomainHealth, RateFigures } from './hooks'
import { historyOption } from './HealthSummary'

const figures = (over: Partial<RateFigures> = {}): RateFigures => ({ sent: 0, bounced: 0, complained: 0, bounce_rate: 0, complaint_rate: 0, ...over })

const PAUSE_MESSAGE =
  'Sending is paused: 9% of the last 200 messages bounced (the limit is 5%). Clean the lists that caused it, then resume on the Deliverability page.'

const pauseAlert = (over: Partial<DeliverabilityAlert> = {}): DeliverabilityAlert => ({
  id: 11,
  created_at: '2026-03-02T09:00:00Z',
  kind: 'bounce_rate',
  subject: 'workspace',
  message: PAUSE_MESSAGE,
  pauses: true,
  resolved_at: null,
  resolved_by: null,
  resolution: null,
  ...over,
})

const domain = (over: Partial<DomainHealth> = {}): DomainHealth => ({
  id: 1,
  domain: 'sklep-żółw.pl',
  verified: true,
  checked_at: '2026-03-02T08:07:00Z',
  checks: [
    { purpose: 'spf', state: 'ok', explanation: 'SPF allows our servers.' },
    { purpose: 'dkim', state: 'ok', explanation: 'The DKIM key matches.' },
    { purpose: 'dmarc', state: 'warning', explanation: 'DMARC is p=none: receivers are not told to act.' },
    { purpose: 'return_path', state: 'missing', explanation: 'bounce.sklep-żółw.pl has no CNAME.' },
  ],
  score: 70,
  penalties: { authentication: 10, blocklists: 30, bounces: 0, complaints: 0 },
  blocklists: [{ zone: 'bl.example', target: 'sklep-żółw.pl', listed: true, explanation: 'Listed by bl.example since this morning.' }],
  rates: { '24h': figures(), '7d': figures({ sent: 120, bounced: 2, bounce_rate: 1.67 }) },
  ...over,
})

function overview(over: Partial<Deliverability> = {}): Deliverability {
  return {
    health: {
      score: 65,
      penalties: { authentication: 10, blocklists: 30, reverse_dns: 0, bounces: 5, complaints: 0 },
      checked_at: '2026-03-02T08:07:00Z',
      domains: [domain()],
      sending_ips: [
        {
          ip: '192.0.2.25',
          name: 'mta1.cardfile.local',
          state: 'ok',
          explanation: '192.0.2.25 is named mta1.cardfile.local, which points back to it.',
          blocklists: [{ zone: 'bl.example', target: '192.0.2.25', listed: false, explanation: 'Not listed.' }],
        },
      ],
    },
    rates: {
      last_1000: figures({ sent: 200, bounced: 18, bounce_rate: 9, complained: 0 }),
      '24h': figures({ sent: 200, bounced: 18, bounce_rate: 9 }),
      '7d': figures({ sent: 400, bounced: 20, bounce_rate: 5, complained: 1, complaint_rate: 0.25 }),
    },
    limits: { bounce: 5, complaint: 0.1, min_sample: 20 },
    paused: false,
    pause: null,
    alerts: [],
    history: [],
    ...over,
  }
}

const bounce = (over: Partial<Bounce> = {}): Bounce => ({
  id: 1,
  at: '2026-03-02T07:00:00Z',
  kind: 'hard',
  email: 'jarosław@przykład.pl',
  contact_id: 31,
  campaign_id: 4,
  campaign: 'Wiosna — Весна',
  domain: 'przykład.pl',
  status: '5.1.1',
  detail: 'The email account that you tried to reach does not exist.',
  source: 'smtp',
  ...over,
})

const member = (over: Partial<Schemas['Member']>): Schemas['Member'] => ({
  user_id: 1,
  email: 'anna@agency.example',
  name: 'Anna Nowak',
  role: 'admin',
  status: 'active',
  all_contacts: true,
  contact_class_ids: [],
  powers: [],
  invitation_failed: false,
  via_agency: false,
  ...over,
})

const OVERVIEW = 'GET /api/v1/workspaces/7/deliverability'
const BOUNCES = 'GET /api/v1/workspaces/7/bounces'
const MEMBERS = 'GET /api/v1/workspaces/7/members'

function renderPage(role: Role, routes: Parameters<typeof mockApi>[0], route = '/w/7/deliverability') {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    [BOUNCES]: () => json(200, fixtures.page([])),
    [MEMBERS]: () => json(200, fixtures.page([member({}), member({ user_id: 2, name: 'Jan Kowalski', email: 'jan@x.example', role: 'member' })])),
    ...routes,
  })
  const rendered = renderWithProviders(<DeliverabilityPage />, { route, path: '/w/:ws/deliverability', client })
  return { ...api, ...rendered }
}

describe('deliverability page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the pause, and an admin resumes it once for a double click, with the reason', async () => {
    let paused = true
    let attempts = 0
    const { calls } = renderPage('admin', {
      [OVERVIEW]: () => json(200, paused ? overview({ paused: true, pause: pauseAlert(), alerts: [pauseAlert()] }) : overview({ alerts: [pauseAlert({ resolved_at: '2026-03-02T10:00:00Z', resolved_by: 1, resolution: 'Removed the bought list.' })] })),
      'POST /api/v1/workspaces/7/deliverability/resume': async () => {
        attempts += 1
        if (attempts === 1) {
          return json(422, {
            code: 'validation_error',
            message: 'Some fields are invalid.',
            errors: { reason: ['Enter why sending may start again (kept with the alert), at least 3 characters.'] },
          })
        }
        await new Promise((resolve) => setTimeout(resolve, 50))
        paused = false
        return json(200, { alert_id: 11, resumed_campaigns: [4, 5] })
      },
    })
    const banner = await screen.findByRole('region', { name: 'Sending is paused' })
    expect(within(banner).getByText(PAUSE_MESSAGE)).toBeInTheDocument()
    const form = within(banner).getByRole('form', { name: 'Resume sending' })
    const field = within(form).getByLabelText(/Why may sending start again/)

    // Too short: the API's message on the field.
    await userEvent.type(field, 'ok')
    await userEvent.click(within(form).getByRole('button', { name: 'Resume sending' }))
    expect(await within(form).findByText(/at least 3 characters/)).toBeInTheDocument()
    expect(field).toHaveAttribute('aria-invalid', 'true')
    expect(within(banner).queryByRole('alert')).not.toBeInTheDocument() // not twice

    await userEvent.clear(field)
    await userEvent.type(field, 'Removed the bought list.')
    await userEvent.dblClick(within(form).getByRole('button', { name: 'Resume sending' }))
    expect(await screen.findByText('Sending resumed. The 2 paused campaigns go on sending.')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Sending is paused' })).not.toBeInTheDocument())
    const posts = calls.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2) // the refused one, then one for the double click
    expect(await posts[1].json()).toEqual({ reason: 'Removed the bought list.' })
    // The resolved alert says who resumed and why.
    expect(await screen.findByTestId('alert-11-resolution')).toHaveTextContent(/by Anna Nowak: “Removed the bought list.”/)
  })

  it('says so when another admin resumed first, and shows the page as it is now', async () => {
    let paused = true
    renderPage('admin', {
      [OVERVIEW]: () => json(200, paused ? overview({ paused: true, pause: pauseAlert() }) : overview()),
      'POST /api/v1/workspaces/7/deliverability/resume': () => {
        paused = false
        return json(409, { code: 'conflict', message: 'Sending is not paused.', errors: {} })
      },
    })
    const banner = await screen.findByRole('region', { name: 'Sending is paused' })
    await userEvent.type(within(banner).getByLabelText(/Why may sending start again/), 'Cleaned the list.')
    await userEvent.click(within(banner).getByRole('button', { name: 'Resume sending' }))
    expect(await screen.findByText('Sending had already been resumed by another admin.')).toBeInTheDocument()
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Sending is paused' })).not.toBeInTheDocument())
  })

  it('tells a member who can resume, with no form', async () => {
    const { calls } = renderPage('member', {
      [OVERVIEW]: () => json(200, overview({ paused: true, pause: pauseAlert(), alerts: [pauseAlert()] })),
    })
    const banner = await screen.findByRole('region', { name: 'Sending is paused' })
    expect(within(banner).queryByRole('form')).not.toBeInTheDocument()
    expect(await within(banner).findByText(/Only an admin of this workspace can resume sending.*: Anna Nowak\./)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Check now' })).not.toBeInTheDocument()
    expect(calls.every((r) => r.method === 'GET')).toBe(true)
  })

  it('shows the score, what costs points, rates against the limits, each domain, servers and alerts', async () => {
    renderPage('member', {
      [OVERVIEW]: () =>
        json(
          200,
          overview({
            alerts: [
              pauseAlert({ id: 3, kind: 'blocklisted', subject: 'sklep-żółw.pl', pauses: false, message: 'sklep-żółw.pl is listed by bl.example.' }),
              pauseAlert({ id: 2, kind: 'authentication', subject: 'sklep-żółw.pl', pauses: false, message: 'DKIM vanished.', resolved_at: '2026-03-01T10:00:00Z', resolution: 'Fixed again.' }),
            ],
            history: [
              { at: '2026-03-01T08:07:00Z', domain_id: null, domain: null, score: 95 },
              { at: '2026-03-01T08:07:00Z', domain_id: 1, domain: 'sklep-żółw.pl', score: 100 },
              { at: '2026-03-02T08:07:00Z', domain_id: null, domain: null, score: 65 },
              { at: '2026-03-02T08:07:00Z', domain_id: 1, domain: 'sklep-żółw.pl', score: 70 },
            ],
          }),
        ),
      [BOUNCES]: () => json(200, fixtures.page([bounce()])),
    })
    expect(await screen.findByTestId('health-score')).toHaveTextContent('65')
    expect(screen.getByText('At risk')).toBeInTheDocument()
    const costs = screen.getByRole('list', { name: 'What costs the workspace points' })
    expect(within(costs).getByText('Listed on a block list')).toBeInTheDocument()
    expect(within(costs).getByLabelText('minus 30 points')).toBeInTheDocument()
    expect(within(costs).getByText('Bounces in the last 7 days')).toBeInTheDocument()
    expect(within(costs).queryByText(/reverse DNS/)).not.toBeInTheDocument() // costs nothing
    expect(screen.getByRole('img', { name: /the workspace went from 95 to 65 over 2 checks/ })).toBeInTheDocument()

    // Over 9% > 5%: over; 7 days at exactly 5%: not over (the API pauses above the limit).
    expect(screen.getByTestId('rate-last_1000-bounce')).toHaveAttribute('data-over', 'true')
    expect(within(screen.getByTestId('rate-last_1000-bounce')).getByText('Over the limit')).toBeInTheDocument()
    expect(screen.getByTestId('rate-7d-bounce')).toHaveAttribute('data-over', 'false')
    expect(screen.getByTestId('rate-7d-complaint')).toHaveAttribute('data-over', 'true')
    expect(within(screen.getByTestId('rate-7d-complaint')).getByText('0.25%')).toBeInTheDocument()

    const panel = screen.getByRole('region', { name: 'sklep-żółw.pl' })
    expect(within(panel).getByText('Verified')).toBeInTheDocument()
    expect(within(panel).getByText('Score 70')).toBeInTheDocument()
    expect(screen.getByTestId('domain-1-dmarc')).toHaveAttribute('data-state', 'warning')
    expect(within(screen.getByTestId('domain-1-return_path')).getByText('bounce.sklep-żółw.pl has no CNAME.')).toBeInTheDocument()
    expect(screen.getByTestId('domain-1-listing-bl.example')).toHaveAttribute('data-listed', 'true')
    expect(within(screen.getByTestId('domain-1-listing-bl.example')).getByText('Listed')).toBeInTheDocument()

    const server = screen.getByRole('region', { name: 'Sending server 192.0.2.25' })
    expect(within(server).getByText('mta1.cardfile.local')).toBeInTheDocument()
    expect(within(server).getByText('Not listed')).toBeInTheDocument()

    const alerts = within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole('listitem')
    expect(alerts.map((a) => a.getAttribute('data-open'))).toEqual(['true', 'false'])
    expect(within(alerts[1]).getByText(/Fixed again\./)).toBeInTheDocument()

    // The bounce, with its reason and links to the card and the campaign.
    const table = await screen.findByRole('table', { name: 'Bounces and complaints' })
    expect(within(table).getByRole('link', { name: 'jarosław@przykład.pl' })).toHaveAttribute('href', '/w/7/contacts/31')
    expect(within(table).getByRole('link', { name: 'Wiosna — Весна' })).toHaveAttribute('href', '/w/7/campaigns/4')
    expect(within(table).getByText('5.1.1')).toBeInTheDocument()
    expect(within(table).getByText('The email account that you tried to reach does not exist.')).toBeInTheDocument()
    expect(within(table).getByText('Hard bounce')).toBeInTheDocument()
  })

  it('keeps the kind filter and the search in the URL', async () => {
    const { calls, router } = renderPage(
      'member',
      {
        [OVERVIEW]: () => json(200, overview()),
        [BOUNCES]: (_req, url) => json(200, fixtures.page(url.searchParams.get('kind') === 'complaint' ? [bounce({ id: 2, kind: 'complaint', status: null, detail: 'Marked as spam (abuse report).' })] : [])),
      },
      '/w/7/deliverability?kind=complaint&q=spam',
    )
    expect(await screen.findByText('Marked as spam (abuse report).')).toBeInTheDocument()
    const asked = new URL(calls.filter((r) => r.url.includes('/bounces')).at(-1)!.url)
    expect(asked.searchParams.get('kind')).toBe('complaint')
    expect(asked.searchParams.get('q')).toBe('spam')
    expect(screen.getByRole('searchbox', { name: 'Search bounces and complaints' })).toHaveValue('spam')
    await userEvent.click(screen.getByRole('button', { name: /Sort by\s*Address/ }))
    await waitFor(() => expect(router.state.location.search).toContain('sort=email'))
    expect(router.state.location.search).toContain('kind=complaint')
  })

  it('says when there is no sending domain yet, and no bounce', async () => {
    renderPage('admin', {
      [OVERVIEW]: () =>
        json(200, overview({ health: { score: null, penalties: {}, checked_at: null, domains: [], sending_ips: [] }, rates: { last_1000: figures(), '24h': figures(), '7d': figures() } })),
    })
    expect(await screen.findByText('No sending domain yet')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Settings → Sending domains' })).toHaveAttribute('href', '/w/7/settings/sending-domains')
    expect(screen.queryByRole('button', { name: 'Check now' })).not.toBeInTheDocument()
    expect(screen.queryByText('Last 1,000 sent')).not.toBeInTheDocument()
    expect(await screen.findByText('No bounces or complaints')).toBeInTheDocument()
  })

  it('says a domain was never checked, and an admin checks now: progress, then the results', async () => {
    let checked = false
    let polls = 0
    const { calls } = renderPage('admin', {
      [OVERVIEW]: () =>
        json(
          200,
          checked ? overview() : overview({ health: { score: null, penalties: {}, checked_at: null, domains: [domain({ score: null, checks: [], blocklists: [], checked_at: null, penalties: {} })], sending_ips: [] } }),
        ),
      'POST /api/v1/workspaces/7/deliverability/check': () => json(202, { job_id: 'j5' }),
      'GET /api/v1/workspaces/7/jobs/j5': () => {
        polls += 1
        if (polls === 1) return json(200, fixtures.job({ id: 'j5', kind: 'deliverability_check', label: 'Deliverability check', status: 'started', done: 1, total: 2, progress: 0.5 }))
        checked = true
        return json(200, fixtures.job({ id: 'j5', kind: 'deliverability_check', label: 'Deliverability check', status: 'finished', done: 2, total: 2, progress: 1, result: { domains: 1, score: 65 }, finished_at: '2026-03-02T08:08:00Z' }))
      },
    })
    const empty = await screen.findByRole('heading', { name: 'Not checked yet' })
    expect(empty.closest('[role="status"]')).toHaveTextContent(/Checks run every hour; check now/)
    expect(screen.getByText('DNS records not checked yet.')).toBeInTheDocument()
    await userEvent.dblClick(screen.getByRole('button', { name: 'Check now' }))
    expect(await screen.findByText('1 of 2 (50%)')).toBeInTheDocument()
    expect(await screen.findByText(/Checked just now/, {}, { timeout: 3000 })).toBeInTheDocument()
    expect(await screen.findByTestId('health-score')).toHaveTextContent('65')
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(1)
  })
})

describe('score history chart', () => {
  it('draws the workspace first and one line per domain', () => {
    const option = historyOption([
      { at: '2026-03-01T08:00:00Z', domain_id: 2, domain: 'b.pl', score: 90 },
      { at: '2026-03-01T08:00:00Z', domain_id: null, domain: null, score: 80 },
      { at: '2026-03-01T08:00:00Z', domain_id: 1, domain: 'a.pl', score: 70 },
      { at: '2026-03-01T09:00:00Z', domain_id: null, domain: null, score: 85 },
    ]) as { series: { name: string; data: unknown[] }[] }
    expect(option.series.map((s) => [s.name, s.data.length])).toEqual([
      ['Workspace', 2],
      ['b.pl', 1],
      ['a.pl', 1],
    ])
  })
})
