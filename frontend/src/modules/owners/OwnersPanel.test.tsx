import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { OwnersPanel } from './OwnersPanel'
import { ResponsiblesView } from './ResponsiblesView'

const member = (user_id: number, name: string, status: Schemas['Member']['status'] = 'active'): Schemas['Member'] => ({
  user_id,
  email: `${name.toLowerCase()}@example.com`,
  name,
  role: 'member',
  all_contacts: true,
  contact_class_ids: [],
  status,
  via_agency: false,
  invitation_failed: false,
  powers: [],
})

describe('owners', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the owners and replaces them with chosen members', async () => {
    const { calls } = mockApi({
      'GET /api/v1/workspaces/3/contacts/7/owners': () => json(200, { items: [{ user_id: 1, name: 'Ann Ash', email: 'ann@example.com' }] }),
      'GET /api/v1/workspaces/3/members': () => json(200, page([member(1, 'Ann'), member(2, 'Łucja'), member(3, 'Ivo', 'invited')])),
      'PUT /api/v1/workspaces/3/contacts/7/owners': () =>
        json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { user_ids: ['User 2 is not a member of this workspace.'] } }),
    })
    renderWithProviders(<OwnersPanel contactId={7} workspaceId={3} canEdit />)
    expect(await screen.findByText('Ann Ash')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Change owners' }))
    await userEvent.click(screen.getByLabelText('Responsible members'))
    expect(screen.queryByRole('option', { name: /Ivo/, hidden: true })).toBeNull() // invitations are no members yet
    await userEvent.click(await screen.findByRole('option', { name: /Łucja/, hidden: true }))
    await userEvent.click(screen.getByRole('button', { name: 'Save owners' }))
    await waitFor(() => expect(calls.filter((r) => r.method === 'PUT')).toHaveLength(1))
    expect(await calls.find((r) => r.method === 'PUT')!.json()).toEqual({ user_ids: [1, 2] })
    expect(await screen.findByText('User 2 is not a member of this workspace.')).toBeInTheDocument()
  })

  it('lists members with their counts and a chosen member’s contacts', async () => {
    mockApi({
      'GET /api/v1/workspaces/3/responsibles': () =>
        json(200, {
          items: [
            { user_id: 2, name: 'Łucja', email: 'l@example.com', contact_count: 3 },
            { user_id: 1, name: 'Ann', email: 'a@example.com', contact_count: 0 },
          ],
        }),
      'GET /api/v1/workspaces/3/responsibles/2/contacts': () => json(200, page([{ id: 9, name: 'Zofia', email: 'z@example.com' }])),
    })
    const { router } = renderWithProviders(<ResponsiblesView ws={3} />, { route: '/w/3/responsibles', path: '/w/:ws/responsibles' })
    await userEvent.click(await screen.findByRole('button', { name: 'Łucja: 3 contacts' }))
    expect(await screen.findByRole('link', { name: 'Zofia' })).toHaveAttribute('href', '/w/3/contacts/9')
    expect(router.state.location.search).toBe('?member=2')
    expect(screen.getByRole('button', { name: 'Ann: 0 contacts' })).toBeInTheDocument()
  })
})
