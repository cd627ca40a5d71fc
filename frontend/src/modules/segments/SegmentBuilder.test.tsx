import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { customField, me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { SegmentBuilderPage } from './SegmentBuilderPage'
import type { ApiGroup } from './rules'

const BASE = '/api/v1/workspaces/7'

type Rules = ApiGroup
const contact = (id: number, first_name: string, last_name: string) => ({
  id,
  email: `${first_name.toLowerCase()}@example.pl`,
  first_name,
  last_name,
  company: null,
  score: 0,
  email_status: 'valid',
  created_at: '2026-03-01T10:00:00Z',
})

/** Counts as the API would for these tests: everyone (10), first name Zofia (3), or a 422. */
function answer(rules: Rules) {
  const text = JSON.stringify(rules)
  if (text.includes('"value":"zła"')) {
    return json(422, {
      code: 'validation_error',
      message: 'The segment\'s rules are not valid: Unknown op “contains” for tag.',
      errors: { 'rules.rules.1.rules.0.op': ['Unknown op “contains” for tag: use one of has, not_has.'] },
    })
  }
  return null
}

function api(bodies: Rules[]) {
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role: 'member' })] })),
    [`GET ${BASE}/custom-fields`]: () => json(200, page([customField({ key: 'plan', label: 'Plan', type: 'choice', choices: ['Pro', 'Basic'] })])),
    [`GET ${BASE}/tags`]: () => json(200, page([])),
    [`GET ${BASE}/lists`]: () => json(200, page([])),
    [`POST ${BASE}/segments/count`]: async (req) => {
      const { rules } = (await req.json()) as { rules: Rules }
      bodies.push(rules)
      return answer(rules) ?? json(200, { count: rules.rules.length ? 3 : 10 })
    },
    [`POST ${BASE}/segments/preview`]: async (req) => {
      const { rules } = (await req.json()) as { rules: Rules }
      const people = rules.rules.length ? [contact(1, 'Zofia', 'Wąsowska')] : [contact(1, 'Zofia', 'Wąsowska'), contact(2, 'Ярослав', 'Ковальчук')]
      return answer(rules) ?? json(200, page(people, { page_size: 10 }))
    },
  })
}

const count = () => screen.getByTestId('live-count')

describe('the segment builder', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('counts as the rules are edited, debounced, leaving out incomplete rules', async () => {
    const bodies: Rules[] = []
    api(bodies)
    renderWithProviders(<SegmentBuilderPage />, { route: '/w/7/segments/new', path: '/w/:ws/segments/new' })
    // A new segment starts with one empty rule: not counted, so everyone matches.
    await waitFor(() => expect(count()).toHaveTextContent('10contacts match'))
    expect(screen.getByText('1 incomplete rule is not counted yet.')).toBeInTheDocument()
    expect(screen.getByRole('link', { name: 'Ярослав Ковальчук' })).toHaveAttribute('href', '/w/7/contacts/2')

    const rule = screen.getByRole('group', { name: 'Rule 1' })
    await userEvent.click(within(rule).getByRole('combobox', { name: 'Rule 1: field' }))
    await userEvent.click(await screen.findByRole('option', { name: 'First name', hidden: true }))
    expect(within(rule).getByRole('combobox', { name: 'Rule 1: condition' })).toHaveValue('is')
    await userEvent.type(within(rule).getByRole('textbox', { name: 'Rule 1: value' }), 'Zofia')
    await waitFor(() => expect(count()).toHaveTextContent('3contacts match'))
    expect(screen.getByText('Among the contacts you may see; updates as you edit.')).toBeInTheDocument()
    // Five keystrokes, one request for them (300 ms after the last).
    expect(bodies.filter((b) => JSON.stringify(b).includes('"first_name"'))).toEqual([{ op: 'and', rules: [{ field: 'first_name', op: 'eq', value: 'Zofia' }] }])
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Ярослав Ковальчук' })).toBeNull())
  }, 20_000)

  it('shows the API’s complaint next to the rule its path names, in a nested group', async () => {
    const bodies: Rules[] = []
    api(bodies)
    renderWithProviders(<SegmentBuilderPage />, { route: '/w/7/segments/new', path: '/w/:ws/segments/new' })
    await waitFor(() => expect(count()).toHaveTextContent('10'))
    const first = screen.getByRole('group', { name: 'Rule 1' })
    await userEvent.click(within(first).getByRole('combobox', { name: 'Rule 1: field' }))
    await userEvent.click(await screen.findByRole('option', { name: 'Email', hidden: true }))
    await userEvent.click(within(first).getByRole('combobox', { name: 'Rule 1: condition' }))
    await userEvent.click(await screen.findByRole('option', { name: 'is empty', hidden: true }))

    await userEvent.click(screen.getByRole('button', { name: 'Add group to all rules' }))
    const group = screen.getByRole('group', { name: 'Group 2' })
    expect(within(group).getByRole('radio', { name: 'any (OR)' })).toBeChecked()
    const nested = within(group).getByRole('group', { name: 'Rule 2.1' })
    await userEvent.click(within(nested).getByRole('combobox', { name: 'Rule 2.1: field' }))
    await userEvent.click(await screen.findByRole('option', { name: 'Plan', hidden: true }))
    // A choice field offers its choices.
    expect(within(nested).getByRole('combobox', { name: 'Rule 2.1: value' })).toHaveValue('Pro')
    await waitFor(() =>
      expect(bodies.at(-1)).toEqual({
        op: 'and',
        rules: [
          { field: 'email', op: 'is_empty' },
          { op: 'or', rules: [{ field: 'custom.plan', op: 'eq', value: 'Pro' }] },
        ],
      }),
    )
    await waitFor(() => expect(count()).toHaveTextContent('3'))

    // The API refuses: its message goes under the rule it names (rules.rules.1.rules.0.op).
    await userEvent.click(within(nested).getByRole('combobox', { name: 'Rule 2.1: field' }))
    await userEvent.click(await screen.findByRole('option', { name: 'Tag', hidden: true }))
    await userEvent.type(within(nested).getByRole('combobox', { name: 'Rule 2.1: value' }), 'zła')
    expect(await within(nested).findByText('Unknown op “contains” for tag: use one of has, not_has.')).toBeInTheDocument()
    expect(screen.getByText(/These rules cannot be counted: Unknown op/)).toBeInTheDocument()
    expect(within(first).queryByText(/Unknown op/)).toBeNull()

    // Removing the group fixes it.
    await userEvent.click(within(group).getByRole('button', { name: 'Remove group 2' }))
    await waitFor(() => expect(count()).toHaveTextContent('3contacts match'))
    expect(screen.queryByText(/Unknown op/)).toBeNull()
  }, 20_000)
})
