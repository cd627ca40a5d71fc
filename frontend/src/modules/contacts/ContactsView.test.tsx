import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { ContactsView } from './ContactsView'

const me = (role: string) => ({
  user: { id: 1, email: 'a@example.com', name: 'A', time_zone: 'UTC' },
  csrf_token: 't',
  agencies: [],
  workspaces: [{ id: 7, name: 'Acme', agency_id: 1, agency_name: 'Agency', time_zone: 'UTC', role }],
})
const empty = { items: [], total: 0, page: 1, page_size: 50 }
const contact = {
  id: 3,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: null,
  company: null,
  time_zone: null,
  contact_class_id: 1,
  custom: {},
  tags: ['vip'],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
}

function setup(role: string, contacts: unknown) {
  const client = testQueryClient()
  client.setQueryData(['me'], me(role))
  const api = mockApi({
    'GET /api/v1/workspaces/7/contacts': () => json(200, contacts),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, { items: [{ id: 1, name: 'General', color: 'gray', contact_count: 1 }], total: 1, page: 1, page_size: 200 }),
    'GET /api/v1/workspaces/7/tags': () => json(200, { items: [{ id: 1, name: 'vip', color: 'blue', contact_count: 1 }], total: 1, page: 1, page_size: 200 }),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, empty),
  })
  renderWithProviders(<ContactsView />, { route: '/w/7/contacts', path: '/w/:ws/contacts', client })
  return api
}

describe('ContactsView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows one "Add contact" call to action in the empty state', async () => {
    setup('member', empty)
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: 'Add contact' })).toHaveLength(1)
  })

  it('lists contacts with total, and searches with a debounce', async () => {
    const { calls } = setup('admin', { items: [contact], total: 1, page: 1, page_size: 50 })
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '/w/7/contacts/3')
    expect(screen.getByText('1–1 of 1 contacts')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Tag all matching' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Search contacts'), 'ada')
    await vi.waitFor(() => expect(calls.some((r) => new URL(r.url).searchParams.get('q') === 'ada')).toBe(true), { timeout: 2000 })
    // typed letters are not each sent
    expect(calls.filter((r) => new URL(r.url).searchParams.get('q') === 'a')).toHaveLength(0)
  })

  it('hides write actions from viewers', async () => {
    setup('viewer', { items: [contact], total: 1, page: 1, page_size: 50 })
    const table = await screen.findByRole('table', { name: 'Contacts' })
    expect(within(table).getByText('ada@example.com')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add contact' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Tag all matching' })).not.toBeInTheDocument()
  })
})
