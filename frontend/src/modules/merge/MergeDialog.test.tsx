import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contact, contactClass, customField, me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { defaultChoices, differingFields } from './mergeChoices'
import { MergeDialog } from './MergeDialog'

const older = contact({
  id: 5,
  first_name: 'Anna',
  last_name: null,
  email: 'anna@example.org',
  job_title: 'Prezes',
  custom: { budget: 100 },
  updated_at: '2026-01-01T00:00:00Z',
})
const newer = contact({
  id: 6,
  first_name: 'Анна',
  last_name: 'Kowalska',
  email: 'anna.k@example.org',
  job_title: null,
  custom: { budget: 250 },
  updated_at: '2026-02-01T00:00:00Z',
})

function api(role: 'admin' | 'member' = 'member') {
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 3, role })] })),
    'GET /api/v1/workspaces/3/contacts/5': () => json(200, older),
    'GET /api/v1/workspaces/3/contacts/6': () => json(200, newer),
    'GET /api/v1/workspaces/3/contacts/8': () => json(200, contact({ id: 8 })),
    'GET /api/v1/workspaces/3/contact-classes': () => json(200, page([contactClass()])),
    'GET /api/v1/workspaces/3/custom-fields': () => json(200, page([customField()])),
    'POST /api/v1/workspaces/3/contacts/merge': () => json(200, { ...older, first_name: 'Анна' }),
  })
}

describe('merge', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('offers only the differing fields, defaulting to the newest non-empty value', () => {
    const fields = differingFields([older, newer], { fieldLabels: { budget: 'Budget' } })
    expect(fields.map((f) => f.name)).toEqual(['first_name', 'last_name', 'email', 'job_title', 'custom.budget'])
    expect(fields.find((f) => f.name === 'custom.budget')!.label).toBe('Budget')
    expect(defaultChoices([older, newer], fields)).toEqual({
      first_name: 6,
      last_name: 6,
      email: 6,
      job_title: 5, // the newer one has none
      'custom.budget': 6,
    })
  })

  it('sends the chosen values and opens the survivor', async () => {
    const { calls } = api()
    const onClose = vi.fn()
    const { router } = renderWithProviders(<MergeDialog ws={3} ids={[5, 6]} opened onClose={onClose} />, {
      route: '/w/3/duplicates',
      path: '/w/:ws/duplicates',
    })
    const table = await screen.findByRole('table', { name: 'Fields to choose' })
    expect(within(table).getByText('Prezes')).toBeInTheDocument()
    expect(within(table).queryByText('Ada')).toBeNull()
    // Keep the older contact, with its first name.
    await userEvent.click(screen.getByRole('radio', { name: 'Keep Anna' }))
    await userEvent.click(screen.getByRole('radio', { name: 'First name: Anna (Anna)' }))
    await userEvent.click(screen.getByRole('button', { name: /Merge into Anna/ }))
    await userEvent.click(await screen.findByRole('button', { name: 'Merge' }))
    await waitFor(() => expect(calls.some((r) => r.method === 'POST')).toBe(true))
    const sent = await calls.find((r) => r.method === 'POST')!.json()
    expect(sent).toEqual({
      ids: [6, 5],
      survivor_id: 5,
      fields: { first_name: 5, last_name: 6, email: 6, job_title: 5, 'custom.budget': 6 },
    })
    await waitFor(() => expect(router.state.location.pathname).toBe('/w/3/contacts/5'))
    expect(onClose).toHaveBeenCalled()
  })

  it('tells a member that more than two is for admins', async () => {
    api('member')
    renderWithProviders(<MergeDialog ws={3} ids={[5, 6, 8]} opened onClose={() => {}} />, {
      route: '/w/3/duplicates',
      path: '/w/:ws/duplicates',
    })
    expect(await screen.findByText('Only admins merge more than two contacts at once.')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: /Merge into/ })).toBeDisabled()
  })
})
