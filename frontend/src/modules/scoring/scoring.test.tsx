import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { activitiesKey } from '../contacts/hooks'
import { describeReason, type ScoreChange, type ScoringRule } from './hooks'
import { ScorePanel } from './ScorePanel'
import { ScoringSettingsPage } from './ScoringSettingsPage'

const change = (overrides: Partial<ScoreChange>): ScoreChange => ({
  id: 1,
  delta: 10,
  score: 10,
  reason: 'tag_added: vip',
  rule_id: 1,
  created_at: '2026-03-01T10:00:00Z',
  ...overrides,
})
const rule = (overrides: Partial<ScoringRule>): ScoringRule => ({
  id: 1,
  event: 'tag_added',
  points: 10,
  match: 'vip',
  currency: null,
  active: true,
  created_at: '2026-03-01T10:00:00Z',
  ...overrides,
})
const HISTORY = 'GET /api/v1/workspaces/7/contacts/3/score-history'

describe('scoring', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('words the reasons people read', () => {
    expect(describeReason('tag_added: Łódź VIP')).toBe('Tag added: Łódź VIP')
    expect(describeReason('purchase 120.50 PLN')).toBe('Purchase 120.50 PLN')
    expect(describeReason('decay')).toBe('Decay (every 30 days)')
    expect(describeReason('something else')).toBe('something else')
  })

  it('shows the score, its last changes, and follows the timeline', async () => {
    const history = [
      change({ id: 3, delta: -3, score: 128, reason: 'file_downloaded: cennik.pdf', created_at: '2026-03-03T10:00:00Z' }),
      change({ id: 2, delta: 121, score: 131, reason: 'purchase 120.50 PLN', created_at: '2026-03-02T10:00:00Z' }),
      change({ id: 1 }),
    ]
    const { calls } = mockApi({
      'GET /api/v1/workspaces/7/contacts/3': () => json(200, fixtures.contact({ score: 128 })),
      [HISTORY]: () => json(200, fixtures.page(history)),
    })
    const { client } = renderWithProviders(<ScorePanel contactId={3} workspaceId={7} canEdit />)
    expect(await screen.findByTestId('score')).toHaveTextContent('128')
    const list = screen.getByRole('list', { name: 'Last score changes' })
    expect(within(list).getByText('Purchase 120.50 PLN')).toBeInTheDocument()
    expect(within(list).getByLabelText('minus 3')).toHaveTextContent('-3')
    expect(within(list).getByLabelText('plus 121')).toHaveTextContent('+121')
    expect(screen.getByRole('img', { name: /from 10 to 128/ })).toBeInTheDocument()
    const asked = () => calls.filter((r) => new URL(r.url).pathname.endsWith('/score-history')).length
    expect(asked()).toBe(1)
    // Another panel wrote to the timeline (say, a note): the history is read again.
    client.setQueryData(activitiesKey(7, 3), { pages: [], pageParams: [] })
    await act(() => client.invalidateQueries({ queryKey: activitiesKey(7, 3) }))
    await waitFor(() => expect(asked()).toBe(2))
  })

  it('says when there is no score yet', async () => {
    mockApi({
      'GET /api/v1/workspaces/7/contacts/3': () => json(200, fixtures.contact()),
      [HISTORY]: () => json(200, fixtures.page([])),
    })
    renderWithProviders(<ScorePanel contactId={3} workspaceId={7} canEdit={false} />)
    expect(await screen.findByText(/No score changes yet/)).toBeInTheDocument()
    expect(screen.getByTestId('score')).toHaveTextContent('0')
  })

  function settingsPage(role: Role, rules: ScoringRule[], post?: (req: Request) => Response | Promise<Response>) {
    const client = testQueryClient()
    client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
    const api = mockApi({
      'GET /api/v1/workspaces/7/scoring-rules': () => json(200, fixtures.page(rules)),
      'GET /api/v1/workspaces/7/scoring-settings': () => json(200, { decay_percent: 10, updated_at: null }),
      ...(post ? { 'POST /api/v1/workspaces/7/scoring-rules': post } : {}),
    })
    renderWithProviders(<ScoringSettingsPage />, { route: '/w/7/settings/scoring', path: '/w/:ws/settings/scoring', client })
    return api
  }

  it('lets admins add a rule once, with the API’s message under the field', async () => {
    let attempts = 0
    const { calls } = settingsPage('admin', [rule({})], () => {
      attempts += 1
      return attempts === 1
        ? json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { match: ["Enter the custom event's name."] } })
        : json(201, rule({ id: 2, event: 'custom_event', match: 'webinar', points: 7 }))
    })
    const table = await screen.findByRole('table', { name: 'Scoring rules' })
    expect(within(table).getByText('“vip”')).toBeInTheDocument()
    expect(await screen.findByLabelText('Decay per 30 days')).toHaveValue('10 %')
    await userEvent.click(screen.getByRole('button', { name: 'New rule' }))
    const dialog = await screen.findByRole('dialog', { name: 'New scoring rule' })
    await userEvent.click(within(dialog).getByRole('combobox', { name: 'When' }))
    await userEvent.click(await screen.findByRole('option', { name: 'Custom event', hidden: true }))
    const points = within(dialog).getByLabelText('Points')
    await userEvent.clear(points)
    await userEvent.type(points, '7')
    await userEvent.type(within(dialog).getByLabelText(/Event name/), ' ')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    // The blank name: the button waits for a real one.
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled()
    await userEvent.type(within(dialog).getByLabelText(/Event name/), 'webinar')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(await within(dialog).findByText("Enter the custom event's name.")).toBeInTheDocument()
    const posts = () => calls.filter((r) => r.method === 'POST')
    expect(posts()).toHaveLength(1)
    expect(await posts()[0].json()).toEqual({ event: 'custom_event', points: 7, match: 'webinar', currency: null, active: true })
    await userEvent.dblClick(within(dialog).getByRole('button', { name: 'Save' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'New scoring rule' })).not.toBeInTheDocument())
    expect(posts()).toHaveLength(2)
  }, 20_000)

  it('shows members the rules and the decay without editing', async () => {
    settingsPage('member', [rule({ event: 'purchase', match: null, currency: 'PLN', points: 1, active: false })])
    const table = await screen.findByRole('table', { name: 'Scoring rules' })
    expect(within(table).getByText('per 1 PLN')).toBeInTheDocument()
    expect(within(table).getByText('Off')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'New rule' })).toBeNull()
    expect(screen.queryByRole('button', { name: /Edit rule/ })).toBeNull()
    expect(await screen.findByLabelText('Decay per 30 days')).toBeDisabled()
    expect(screen.queryByRole('button', { name: 'Save decay' })).toBeNull()
  })
})
