import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { hygieneRun, job, me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { HygieneView, finishedSummary } from './HygieneView'

const BASE = '/api/v1/workspaces/7'
const { changes: _c, changes_total: _t, transitions: _tr, duplicates: _d, ...summary } = hygieneRun()
const run = (overrides: Partial<typeof summary> = {}) => ({ ...summary, ...overrides })

type Routes = Parameters<typeof mockApi>[0]

function api(role: 'admin' | 'member' | 'viewer', routes: Routes = {}) {
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role })] })),
    [`GET ${BASE}/hygiene/runs`]: () => json(200, page([])),
    [`GET ${BASE}/hygiene/settings`]: () => json(200, { schedule: 'weekly', last_scheduled_at: null }),
    ...routes,
  })
}

const render = (route = '/w/7/hygiene') => renderWithProviders(<HygieneView ws={7} />, { route, path: '/w/:ws/hygiene' })

describe('the List hygiene page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('starts a check of the whole workspace once, and follows its progress', async () => {
    const bodies: unknown[] = []
    let runs = page<ReturnType<typeof run>>([])
    api('member', {
      [`GET ${BASE}/hygiene/runs`]: () => json(200, runs),
      [`POST ${BASE}/hygiene/runs`]: async (req) => {
        bodies.push(await req.json())
        runs = page([run({ id: 9, status: 'running', job_id: 'h9', checked: 0, changed: 0, by_status: {} })])
        return json(202, { job_id: 'h9', run_id: 9 })
      },
      [`GET ${BASE}/jobs/h9`]: () => json(200, job({ id: 'h9', label: 'List hygiene: the workspace', status: 'started', done: 5000, total: 20000, progress: 0.25 })),
    })
    render()
    expect(await screen.findByText('No address checks yet')).toBeInTheDocument()
    await userEvent.dblClick(screen.getByRole('button', { name: 'Check addresses now' }))
    const current = await screen.findByLabelText('Current check')
    expect(await within(current).findByText('5000 of 20000 (25%)')).toBeInTheDocument()
    expect(within(current).getByRole('progressbar')).toBeInTheDocument()
    expect(within(current).getByRole('link', { name: /Open the report/ })).toHaveAttribute('href', '/w/7/hygiene/9')
    expect(bodies).toEqual([{ scope: 'workspace' }])
    await waitFor(() => expect(screen.getByRole('button', { name: 'Check addresses now' })).toBeDisabled())
  })

  it('lists past checks, paged in the URL, each opening its report', async () => {
    const asked: string[] = []
    api('viewer', {
      [`GET ${BASE}/hygiene/runs`]: (_r, url) => {
        asked.push(url.searchParams.get('page') ?? '1')
        const p = Number(url.searchParams.get('page') ?? 1)
        return json(200, page([run({ id: 30 - p, trigger: p === 1 ? 'schedule' : 'manual' })], { total: 45, page: p, page_size: 20 }))
      },
    })
    const { router } = render()
    const link = await screen.findByRole('link', { name: '1 Mar 2026, 10:00' })
    expect(link).toHaveAttribute('href', '/w/7/hygiene/29')
    expect(screen.getByText('Whole workspace · automatic')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Check addresses now' })).not.toBeInTheDocument() // viewers read
    await userEvent.click(screen.getByRole('button', { name: 'Page 2' }))
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'))
    expect(await screen.findByText('Whole workspace · by hand')).toBeInTheDocument()
    expect(asked).toEqual(['1', '2'])
  })

  it('lets an admin change the schedule, and shows it to a member', async () => {
    const puts: unknown[] = []
    api('admin', {
      [`PUT ${BASE}/hygiene/settings`]: async (req) => {
        puts.push(await req.json())
        return json(200, { schedule: 'daily', last_scheduled_at: '2026-03-01T02:37:00Z' })
      },
    })
    render()
    await userEvent.click(await screen.findByLabelText('Schedule'))
    await userEvent.click(await screen.findByRole('option', { name: 'Every night', hidden: true }))
    expect(await screen.findByText('Saved')).toBeInTheDocument()
    expect(puts).toEqual([{ schedule: 'daily' }])
    expect(screen.getByText(/Last automatic check: 1 Mar 2026, 02:37/)).toBeInTheDocument()
  })

  it('shows the schedule read-only to a member', async () => {
    api('member')
    render()
    expect(await screen.findByText('Once a week')).toBeInTheDocument()
    expect(screen.getByText(/Only admins change this/)).toBeInTheDocument()
    expect(screen.queryByLabelText('Schedule')).not.toBeInTheDocument()
  })

  it('names the field of a refused schedule', async () => {
    api('admin', {
      [`PUT ${BASE}/hygiene/settings`]: () => json(422, { code: 'invalid', message: 'Check the highlighted fields.', errors: { schedule: ['Choose off, daily, weekly or monthly.'] } }),
    })
    render()
    await userEvent.click(await screen.findByLabelText('Schedule'))
    await userEvent.click(await screen.findByRole('option', { name: 'Off (only by hand)', hidden: true }))
    expect(await screen.findByText('Choose off, daily, weekly or monthly.')).toBeInTheDocument()
  })
})

describe('a finished check in words', () => {
  it('counts what needs attention and the duplicate groups', () => {
    expect(finishedSummary({ run_id: 1, checked: 7, changed: 7, by_status: { valid: 4, invalid: 2, risky: 1 }, duplicate_groups: 1, possible_duplicate_groups: 1 })).toBe(
      '7 addresses checked, 7 changed: 2 invalid, 1 risky. 2 groups of duplicates.',
    )
    expect(finishedSummary({ checked: 1, changed: 0, by_status: { valid: 1 }, duplicate_groups: 0, possible_duplicate_groups: 0 })).toBe('1 address checked, 0 changed.')
    expect(finishedSummary(null)).toBe('0 addresses checked, 0 changed.')
  })
})
