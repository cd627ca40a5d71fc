import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { ContactsView } from '../contacts/ContactsView'
import { resetSelectionCache } from './useContactSelection'

const ada = fixtures.contact({ id: 3, first_name: 'Ada', last_name: 'Lovelace' })
const zofia = fixtures.contact({ id: 4, first_name: 'Zofia', last_name: 'Łukasiewicz', email: 'zofia@example.com' })

function setup(route = '/w/7/contacts') {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role: 'member' })] }))
  mockApi({
    'GET /api/v1/workspaces/7/contacts': () => json(200, fixtures.page([ada, zofia], { total: 120 })),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, fixtures.page([fixtures.contactClass()])),
    'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([fixtures.tag()], { page_size: 200 })),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([])),
  })
  renderWithProviders(<ContactsView />, { route, path: '/w/:ws/contacts', client })
}

describe('the selection on the contacts list', () => {
  beforeEach(() => {
    sessionStorage.clear()
    resetSelectionCache()
  })
  afterEach(() => vi.unstubAllGlobals())

  it('ticks rows into the tray, reviews and prunes them', async () => {
    setup()
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Ada Lovelace' }))
    const tray = screen.getByRole('region', { name: 'Selected contacts' })
    expect(within(tray).getByText('1 selected')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('checkbox', { name: 'Select all contacts on this page' }))
    expect(within(tray).getByText('2 selected')).toBeInTheDocument()
    await userEvent.click(within(tray).getByRole('button', { name: 'Review' }))
    const drawer = await screen.findByRole('dialog', { name: 'Selected contacts' })
    expect(within(drawer).getByText('Zofia Łukasiewicz')).toBeInTheDocument()
    await userEvent.click(within(drawer).getByRole('button', { name: 'Remove Ada Lovelace from the selection' }))
    expect(within(drawer).queryByText('Ada Lovelace')).not.toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'Select Ada Lovelace' })).not.toBeChecked()
    await userEvent.click(within(drawer).getByRole('button', { name: 'Clear' }))
    expect(screen.queryByRole('region', { name: 'Selected contacts' })).not.toBeInTheDocument()
  })

  it('offers every contact matching the filter', async () => {
    setup('/w/7/contacts?q=ada')
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Ada Lovelace' }))
    const tray = screen.getByRole('region', { name: 'Selected contacts' })
    await userEvent.click(within(tray).getByRole('button', { name: 'Select all 120 matching this filter' }))
    expect(within(tray).getByText('All 120 matching')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'Select Zofia Łukasiewicz' })).toBeChecked()
    expect(screen.getByRole('checkbox', { name: 'Select Zofia Łukasiewicz' })).toBeDisabled()
  })

  it('checks the addresses of the selection: a hygiene run over just those', async () => {
    const client = testQueryClient()
    client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role: 'member' })] }))
    const bodies: unknown[] = []
    mockApi({
      'GET /api/v1/workspaces/7/contacts': () => json(200, fixtures.page([ada, zofia], { total: 2 })),
      'GET /api/v1/workspaces/7/contact-classes': () => json(200, fixtures.page([fixtures.contactClass()])),
      'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([fixtures.tag()], { page_size: 200 })),
      'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([])),
      'POST /api/v1/workspaces/7/hygiene/runs': async (req) => {
        bodies.push(await req.json())
        return json(202, { job_id: 'j1', run_id: 42 })
      },
    })
    renderWithProviders(<ContactsView />, { route: '/w/7/contacts', path: '/w/:ws/contacts', client })
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Select Zofia Łukasiewicz' }))
    const tray = screen.getByRole('region', { name: 'Selected contacts' })
    await userEvent.dblClick(within(tray).getByRole('button', { name: 'Check addresses' }))
    await vi.waitFor(() => expect(bodies).toEqual([{ scope: { ids: [4] } }]))
  })
})
