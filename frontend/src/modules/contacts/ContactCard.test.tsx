import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { ContactCard } from './ContactCard'
import { registerCardPanel } from './cardPanels'

const ada = fixtures.contact({ company: 'Engines Ltd', custom: { budget: 5 }, tags: ['vip'] })

function setup(role: Role, patch?: (body: Record<string, unknown>) => Response) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    'GET /api/v1/workspaces/7/contacts/3': () => json(200, ada),
    'PATCH /api/v1/workspaces/7/contacts/3': async (req) => (patch ? patch(await req.json()) : json(200, ada)),
    'DELETE /api/v1/workspaces/7/contacts/3': () => new Response(null, { status: 204 }),
    'GET /api/v1/workspaces/7/contacts/3/activity': () =>
      json(200, { items: [fixtures.activity({ data: { changes: { phone: [null, '+1'] } }, actor_name: 'Sam' })], next: null }),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, fixtures.page([fixtures.contactClass({ contact_count: 1 })])),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([fixtures.customField()])),
    'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([])),
  })
  renderWithProviders(<ContactCard />, { route: '/w/7/contacts/3', path: '/w/:ws/contacts/:contactId', client })
  return api
}

describe('ContactCard', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the profile, custom fields and the timeline', async () => {
    setup('member')
    expect(await screen.findByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument()
    expect(await screen.findByLabelText('Budget')).toHaveValue('5')
    expect(await screen.findByText('Phone: — → +1')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Delete contact' })).toBeInTheDocument()
  })

  it('shows custom field errors from the API under the field', async () => {
    setup('member', () =>
      json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { 'custom.budget': ['Not a valid number.'] } }),
    )
    await screen.findByLabelText('Budget')
    await userEvent.click(screen.getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Not a valid number.')).toBeInTheDocument()
    expect(screen.getByLabelText('Budget')).toHaveAttribute('aria-invalid', 'true')
  })

  it('deletes after confirmation', async () => {
    const { calls } = setup('admin')
    await userEvent.click(await screen.findByRole('button', { name: 'Delete contact' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('elsewhere')).toBeInTheDocument()
    expect(calls.some((r) => r.method === 'DELETE')).toBe(true)
  })

  it('is read-only for viewers', async () => {
    setup('viewer')
    await screen.findByRole('heading', { name: 'Ada Lovelace' })
    expect(screen.queryByRole('button', { name: 'Delete contact' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Save' })).not.toBeInTheDocument()
  })

  it('keeps the card when a registered panel throws, with main panels before side ones', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    const unregister = registerCardPanel({
      id: 'broken',
      title: 'Notes',
      order: 1,
      column: 'main',
      load: async () => () => {
        throw new Error('Cannot read notes')
      },
    })
    try {
      setup('member')
      expect(await screen.findByRole('alert')).toHaveTextContent('Notes could not be shown')
      expect(screen.getByRole('heading', { name: 'Ada Lovelace' })).toBeInTheDocument()
      expect(await screen.findByText('Phone: — → +1')).toBeInTheDocument()
      expect(screen.getAllByRole('region').map((r) => r.querySelector('h3')?.textContent)).toEqual(['Notes', 'Activity'])
    } finally {
      unregister()
      vi.restoreAllMocks()
    }
  })
})
