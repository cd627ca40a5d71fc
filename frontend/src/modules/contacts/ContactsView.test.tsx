import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { ContactsView } from './ContactsView'
import type { Contact } from './types'

const ada = fixtures.contact({ tags: ['vip'] })

function setup(role: Role, contacts: fixtures.ApiPage<Contact>) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    'GET /api/v1/workspaces/7/contacts': () => json(200, contacts),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, fixtures.page([fixtures.contactClass({ contact_count: 1 })], { page_size: 200 })),
    'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([fixtures.tag()], { page_size: 200 })),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([])),
  })
  renderWithProviders(<ContactsView />, { route: '/w/7/contacts', path: '/w/:ws/contacts', client })
  return api
}

describe('ContactsView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows one "Add contact" call to action in the empty state', async () => {
    setup('member', fixtures.page([]))
    expect(await screen.findByText('No contacts yet')).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: 'Add contact' })).toHaveLength(1)
  })

  it('lists contacts with total, and searches with a debounce', async () => {
    const { calls } = setup('admin', fixtures.page([ada]))
    expect(await screen.findByRole('link', { name: 'Ada Lovelace' })).toHaveAttribute('href', '/w/7/contacts/3')
    expect(screen.getByText('1–1 of 1 contacts')).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Select all 1 contact' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Search contacts'), 'ada')
    await vi.waitFor(() => expect(calls.some((r) => new URL(r.url).searchParams.get('q') === 'ada')).toBe(true), { timeout: 2000 })
    // typed letters are not each sent
    expect(calls.filter((r) => new URL(r.url).searchParams.get('q') === 'a')).toHaveLength(0)
  })

  it('hides write actions from viewers', async () => {
    setup('viewer', fixtures.page([ada]))
    const table = await screen.findByRole('table', { name: 'Contacts' })
    expect(within(table).getByText('ada@example.com')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add contact' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Select all/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('checkbox')).not.toBeInTheDocument()
  })
})
