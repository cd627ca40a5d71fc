import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { hygieneChange, hygieneRun, job, me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { statusChartOption, statusSentence } from './RunSummary'
import { HygieneRunView, runDescription } from './RunReport'
import { reasonCounts, statusCounts } from './types'

const BASE = '/api/v1/workspaces/7'

const duplicates = [
  {
    kind: 'duplicate' as const,
    key: 'ann@shop.example',
    size: 2,
    contacts: [
      { id: 21, email: 'ann@shop.example', first_name: 'Ann', last_name: 'Nowak' },
      { id: 22, email: ' ANN@shop.example', first_name: null, last_name: null },
    ],
  },
  {
    kind: 'possible_duplicate' as const,
    key: 'jsmith@gmail.com',
    size: 2,
    contacts: [
      { id: 23, email: 'j.smith@gmail.com', first_name: 'John', last_name: 'Smith' },
      { id: 24, email: 'jsmith+news@googlemail.com', first_name: 'John', last_name: 'Smith' },
    ],
  },
]

function api(role: 'member' | 'viewer' = 'member', overrides: Record<string, (req: Request, url: URL) => Response | Promise<Response>> = {}) {
  const changes = [hygieneChange(), hygieneChange({ id: 2, contact_id: 12, email: 'info@shop.example', first_name: null, last_name: null, old_status: 'unverified', new_status: 'risky', reason_code: 'role', reason: 'A role address, read by a team rather than a person' })]
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role })] })),
    [`GET ${BASE}/hygiene/runs/5`]: () => json(200, hygieneRun({ changes, duplicates })),
    [`GET ${BASE}/hygiene/runs/5/changes`]: (_r, url) => {
      const status = url.searchParams.get('status')
      const items = status ? changes.filter((c) => c.new_status === status) : changes
      return json(200, page(items, { page: Number(url.searchParams.get('page') ?? 1), page_size: 25 }))
    },
    [`GET ${BASE}/contacts`]: (_r, url) => json(200, page([], { total: url.searchParams.get('email_status') === 'invalid' ? 4 : 0 })),
    [`GET ${BASE}/tags`]: () => json(200, page([])),
    ...overrides,
  })
}

const render = (route = '/w/7/hygiene/5') => renderWithProviders(<HygieneRunView ws={7} runId={5} />, { route, path: '/w/:ws/hygiene/:runId' })

describe('the run report', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('counts by status as a chart and as numbers that open the filtered contacts list', async () => {
    api()
    render()
    expect(await screen.findByRole('img', { name: 'Addresses checked by status: 5 valid, 1 risky, 4 invalid' })).toBeInTheDocument()
    const tiles = screen.getByLabelText('Counts by status')
    const invalid = within(tiles).getByRole('link', { name: /^4 invalid/ })
    expect(invalid).toHaveAttribute('href', '/w/7/contacts?email_status=invalid')
    expect(within(tiles).getByRole('link', { name: /^0 suppressed/ })).toBeInTheDocument()
    expect(screen.getByText('Whole workspace, started by hand · 10 checked · 4 changed')).toBeInTheDocument()
  })

  it('labels the reasons and lists the changes of status', async () => {
    api()
    render()
    const reasons = await screen.findByRole('table', { name: 'Addresses by reason' })
    const rows = within(reasons).getAllByRole('row').map((r) => r.textContent)
    expect(rows[0]).toBe('The domain takes no mail (no MX or A record)2')
    expect(rows).toContain('A role address (info@, sales@…)1')
    const moves = screen.getByRole('list', { name: 'Changes of status' })
    expect(within(moves).getByLabelText('Unverified to Invalid: 3')).toBeInTheDocument()
    expect(within(moves).getByLabelText('Valid to Invalid: 1')).toBeInTheDocument()
  })

  it('lists the changed contacts, each linking to its card, filtered by status in the URL', async () => {
    const { calls } = api()
    const { router } = render()
    const zofia = await screen.findByRole('link', { name: 'Zofia Gęślą' })
    expect(zofia).toHaveAttribute('href', '/w/7/contacts/11')
    expect(screen.getByRole('link', { name: 'info@shop.example' })).toHaveAttribute('href', '/w/7/contacts/12')
    expect(screen.getAllByLabelText('From Unverified to Invalid').length).toBeGreaterThan(0)

    await userEvent.click(screen.getByLabelText('Show changes to'))
    await userEvent.click(await screen.findByRole('option', { name: 'Now risky', hidden: true }))
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Zofia Gęślą' })).not.toBeInTheDocument())
    expect(new URLSearchParams(router.state.location.search).get('status')).toBe('risky')
    const asked = calls.filter((c) => c.url.includes('/changes')).map((c) => new URL(c.url).searchParams.get('status'))
    expect(asked).toEqual([null, 'risky'])
  })

  it('opens with the filter from the URL and says when nothing matches', async () => {
    api()
    render('/w/7/hygiene/5?status=suppressed')
    expect(await screen.findByText('No contact became suppressed')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Show every change' }))
    expect(await screen.findByRole('link', { name: 'Zofia Gęślą' })).toBeInTheDocument()
  })

  it('shows exact and possible duplicate groups, merged only by hand', async () => {
    api()
    render()
    const groups = await screen.findAllByTestId('hygiene-duplicate')
    expect(groups).toHaveLength(2)
    expect(within(groups[0]).getByText('Same address')).toBeInTheDocument()
    expect(within(groups[1]).getByText('Possibly the same Gmail mailbox')).toBeInTheDocument()
    expect(within(groups[1]).getAllByRole('link', { name: 'John Smith' }).map((a) => a.getAttribute('href'))).toEqual(['/w/7/contacts/23', '/w/7/contacts/24'])
    expect(within(groups[0]).getByRole('link', { name: 'ANN@shop.example' })).toHaveAttribute('href', '/w/7/contacts/22')
    expect(within(groups[0]).getByRole('button', { name: 'Merge…' })).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'All duplicates (email, phone, name)' })).toHaveAttribute('href', '/w/7/duplicates?reason=email')
  })

  it('suppresses every invalid address after a confirmation, once, and shows the report', async () => {
    const bodies: unknown[] = []
    api('member', {
      [`POST ${BASE}/contacts/bulk`]: async (req) => {
        bodies.push(await req.json())
        return json(200, { action: 'suppress', total: 4, changed: 4, unchanged: 0, skipped: 0, conflicts: 0 })
      },
    })
    render()
    const section = await screen.findByRole('region', { name: 'Invalid addresses' })
    expect(await within(section).findByText('4 contacts')).toBeInTheDocument()
    await userEvent.click(within(section).getByRole('button', { name: 'Suppress all invalid' }))
    const dialog = await screen.findByRole('dialog', { name: 'Suppress all invalid addresses?' })
    expect(dialog).toHaveTextContent('The addresses of 4 contacts go on the suppression list')
    await userEvent.dblClick(within(dialog).getByRole('button', { name: 'Suppress 4 addresses' }))
    const done = await screen.findByRole('dialog', { name: 'Suppress all invalid' })
    expect(within(done).getByRole('status', { name: 'Bulk action report' })).toHaveTextContent('4 contacts handled')
    expect(within(done).queryByRole('button', { name: /Suppress/ })).not.toBeInTheDocument()
    expect(bodies).toEqual([{ action: 'suppress', params: {}, filter: { email_status: 'invalid' } }])
  })

  it('tags every invalid contact, naming the field of an error; a big one becomes a job', async () => {
    let tries = 0
    api('member', {
      [`POST ${BASE}/contacts/bulk`]: async (req) => {
        const body = (await req.json()) as { params: { tag: string } }
        tries += 1
        if (body.params.tag.length > 5) return json(422, { code: 'invalid', message: 'Check the highlighted fields.', errors: { 'params.tag': ['Keep it short.'] } })
        return json(202, { job_id: 'b1' })
      },
      [`GET ${BASE}/jobs/b1`]: () => json(200, job({ id: 'b1', label: 'Add tag “złe”', status: 'started', done: 1, total: 4, progress: 0.25 })),
    })
    render()
    const section = await screen.findByRole('region', { name: 'Invalid addresses' })
    await userEvent.click(await within(section).findByRole('button', { name: 'Tag all invalid…' }))
    const dialog = await screen.findByRole('dialog', { name: 'Tag all invalid' })
    await userEvent.type(within(dialog).getByLabelText('Tag'), 'Zażółć gęślą jaźń')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Tag 4 contacts' }))
    expect(await within(dialog).findByText('Keep it short.')).toBeInTheDocument()
    await userEvent.clear(within(dialog).getByLabelText('Tag'))
    await userEvent.type(within(dialog).getByLabelText('Tag'), 'złe')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Tag 4 contacts' }))
    expect(await within(dialog).findByText('1 of 4 (25%)')).toBeInTheDocument()
    expect(within(dialog).getByText('Tag “złe” on all invalid')).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Close (keeps running)' }))
    expect(await within(section).findByText('1 of 4 (25%)')).toBeInTheDocument() // still followed on the page
    expect(tries).toBe(2)
  })

  it('offers no bulk action and no merge to a viewer', async () => {
    api('viewer')
    render()
    await screen.findAllByTestId('hygiene-duplicate')
    expect(screen.queryByRole('button', { name: 'Merge…' })).not.toBeInTheDocument()
    expect(screen.queryByRole('region', { name: 'Invalid addresses' })).not.toBeInTheDocument()
  })

  it('says so when the run does not exist', async () => {
    api('member', { [`GET ${BASE}/hygiene/runs/5`]: () => json(404, { code: 'not_found', message: 'Hygiene run not found.', errors: {} }) })
    render()
    expect(await screen.findByText('Check not found')).toBeInTheDocument()
  })
})

describe('report helpers', () => {
  it('keeps every status in order, zeros too, and the reasons largest first', () => {
    expect(statusCounts({ invalid: 4, valid: 5 })).toEqual([
      { status: 'valid', count: 5 },
      { status: 'risky', count: 0 },
      { status: 'invalid', count: 4 },
      { status: 'suppressed', count: 0 },
      { status: 'unverified', count: 0 },
    ])
    expect(reasonCounts({ role: 1, no_mx: 3, odd_new_code: 2, typo: 0 }).map((r) => [r.label, r.count])).toEqual([
      ['The domain takes no mail (no MX or A record)', 3],
      ['odd new code', 2],
      ['A role address (info@, sales@…)', 1],
    ])
    expect(statusSentence(statusCounts({}))).toBe('nothing checked yet')
  })

  it('draws one coloured bar per status', () => {
    const option = statusChartOption(statusCounts({ valid: 5, invalid: 4 })) as { series: { data: { value: number; itemStyle: { color: string } }[] }[] }
    const bars = option.series[0].data
    expect(bars.map((b) => b.value)).toEqual([0, 0, 4, 0, 5]) // unverified on the bottom, valid on top
    expect(bars[2].itemStyle.color).toBe('#fa5252')
  })

  it('describes a partial, automatic run of a selection', () => {
    expect(runDescription({ scope: 'selection', trigger: 'schedule', checked: 1500, total: 2000, changed: 3 })).toBe('Selected contacts, automatic · 1,500 of 2,000 checked · 3 changed')
  })
})
