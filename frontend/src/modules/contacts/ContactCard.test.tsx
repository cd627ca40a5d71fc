import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { ContactCard } from './ContactCard'

const contact = {
  id: 3,
  email: 'ada@example.com',
  first_name: 'Ada',
  last_name: 'Lovelace',
  phone: null,
  company: 'Engines Ltd',
  time_zone: null,
  contact_class_id: 1,
  custom: { budget: 5 },
  tags: ['vip'],
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-02T00:00:00Z',
}
const page = (items: unknown[]) => ({ items, total: items.length, page: 1, page_size: 50 })

function setup(role: string, patch?: (body: Record<string, unknown>) => Response) {
  const client = testQueryClient()
  client.setQueryData(['me'], {
    user: { id: 1, email: 'a@example.com', name: 'A', time_zone: 'UTC' },
    csrf_token: 't',
    agencies: [],
    workspaces: [{ id: 7, name: 'Acme', agency_id: 1, agency_name: 'Agency', time_zone: 'UTC', role }],
  })
  const api = mockApi({
    'GET /api/v1/workspaces/7/contacts/3': () => json(200, contact),
    'PATCH /api/v1/workspaces/7/contacts/3': async (req) => (patch ? patch(await req.json()) : json(200, contact)),
    'DELETE /api/v1/workspaces/7/contacts/3': () => new Response(null, { status: 204 }),
    'GET /api/v1/workspaces/7/contacts/3/activities': () =>
      json(200, page([{ id: 1, kind: 'updated', data: { changes: { phone: [null, '+1'] } }, actor_name: 'Sam', created_at: '2026-01-02T00:00:00Z' }])),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, page([{ id: 1, name: 'General', color: 'gray', contact_count: 1 }])),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, page([{ id: 1, key: 'budget', label: 'Budget', type: 'number', choices: [], position: 1 }])),
    'GET /api/v1/workspaces/7/tags': () => json(200, page([])),
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
})
