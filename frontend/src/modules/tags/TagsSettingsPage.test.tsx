import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { TagsSettingsPage } from './TagsSettingsPage'

const lead = fixtures.tag({ id: 1, name: 'lead', contact_count: 12 })
const prospect = fixtures.tag({ id: 2, name: 'Prospekt łódzki', contact_count: 3 })

function setup(role: Role) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([lead, prospect])),
    'POST /api/v1/workspaces/7/tags/1/merge': () => json(200, { ...prospect, contact_count: 14 }),
  })
  renderWithProviders(<TagsSettingsPage />, { route: '/w/7/settings/tags', path: '/w/:ws/settings/tags', client })
  return api
}

describe('TagsSettingsPage', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists tags with counts and merges one into another', async () => {
    const { calls } = setup('admin')
    expect(await screen.findByRole('link', { name: '12 contacts' })).toHaveAttribute('href', '/w/7/contacts?tag=lead')
    await userEvent.click(screen.getByRole('button', { name: 'Merge lead' }))
    const dialog = await screen.findByRole('dialog')
    await userEvent.click(within(dialog).getByLabelText('Merge into'))
    await userEvent.click(await screen.findByRole('option', { name: 'Prospekt łódzki', hidden: true }))
    expect(within(dialog).getByText(/The 12 contacts tagged “lead” get “Prospekt łódzki”/)).toBeInTheDocument()
    await userEvent.click(within(dialog).getByRole('button', { name: 'Merge' }))
    const post = calls.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ into_id: 2 })
  })

  it('shows members the list without the admin actions', async () => {
    setup('member')
    expect(await screen.findByText('Prospekt łódzki')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Merge lead' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Delete lead' })).not.toBeInTheDocument()
  })
})
