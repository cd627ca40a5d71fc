import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useLocation } from 'react-router'
import { describe, expect, it } from 'vitest'
import { agencyRef, me, workspaceRef } from '../../test/fixtures'
import { renderWithProviders, testQueryClient } from '../../test/render'
import { groupByAgency } from './hooks'
import { WorkspaceSwitcher } from './WorkspaceSwitcher'
import type { MeAgency } from '../auth/types'

const workspaces = [
  workspaceRef({ id: 1, name: 'Acme Bakery', agency_id: 1, agency_name: 'Demo Agency', role: 'admin' }),
  workspaceRef({ id: 2, name: 'Northwind', agency_id: 1, agency_name: 'Demo Agency', role: 'member' }),
  workspaceRef({ id: 3, name: 'Own Shop', agency_id: 2, agency_name: 'Side Agency', role: 'viewer' }),
]

function Where() {
  return <output aria-label="path">{useLocation().pathname}</output>
}

function setup(agencyRole: MeAgency['role']) {
  const client = testQueryClient()
  client.setQueryData(['me'], me({ agencies: [agencyRef({ name: 'Demo Agency', role: agencyRole })], workspaces }))
  renderWithProviders(
    <>
      <WorkspaceSwitcher />
      <Where />
    </>, { route: '/w/1/contacts', path: '/w/:ws/*', client })
}

describe('WorkspaceSwitcher', () => {
  it('groups workspaces by agency', () => {
    expect(groupByAgency(workspaces)).toEqual([
      { group: 'Demo Agency', items: [{ value: '1', label: 'Acme Bakery' }, { value: '2', label: 'Northwind' }] },
      { group: 'Side Agency', items: [{ value: '3', label: 'Own Shop' }] },
    ])
  })

  it('is one control labelled "Workspace" showing the current workspace, and switches', async () => {
    setup('owner')
    const control = screen.getByLabelText('Workspace')
    expect(control).toHaveValue('Acme Bakery')
    await userEvent.click(control)
    expect(screen.getByText('Side Agency')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('option', { name: 'Own Shop', hidden: true }))
    expect(screen.getByLabelText('path')).toHaveTextContent('/w/3/contacts')
  })

  it('offers "New workspace" only to agency owners and admins', () => {
    setup('staff')
    expect(screen.queryByRole('button', { name: 'New workspace' })).not.toBeInTheDocument()
  })

  it('opens the new workspace form', async () => {
    setup('admin')
    await userEvent.click(screen.getByRole('button', { name: 'New workspace' }))
    expect(await screen.findByRole('button', { name: 'Create workspace' })).toBeDisabled()
    expect(screen.getByLabelText('Name')).toBeInTheDocument()
  })
})
