import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { CompaniesView } from './CompaniesView'
import type { Company } from './types'

const globex = fixtures.company({ name: 'Zakład Łódź sp. z o.o.', industry: 'Manufacturing', size: '51-200', contact_count: 12 })

function setup(role: Role, companies: Company[], post?: () => Response) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({
    'GET /api/v1/workspaces/7/companies': () => json(200, fixtures.page(companies)),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([])),
    ...(post ? { 'POST /api/v1/workspaces/7/companies': post } : {}),
  })
  const view = renderWithProviders(<CompaniesView />, { route: '/w/7/companies', path: '/w/:ws/companies', client })
  return { ...api, ...view }
}

describe('CompaniesView', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists companies with the contacts I can see, and searches through the URL', async () => {
    const { calls, router } = setup('member', [globex])
    const table = await screen.findByRole('table', { name: 'Companies' })
    expect(within(table).getByRole('link', { name: globex.name })).toHaveAttribute('href', '/w/7/companies/5')
    expect(within(table).getByText('12')).toBeInTheDocument()
    expect(within(table).getByText('51-200')).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('Search companies'), 'łódź')
    await vi.waitFor(() => expect(calls.some((r) => new URL(r.url).searchParams.get('q') === 'łódź')).toBe(true), { timeout: 2000 })
    expect(router.state.location.search).toBe(`?q=${encodeURIComponent('łódź')}`)
  }, 15_000)

  it('invites the first company', async () => {
    setup('member', [])
    expect(await screen.findByText('No companies yet')).toBeInTheDocument()
    expect(screen.getAllByRole('button', { name: 'Add company' })).toHaveLength(1)
  })

  it('shows viewers no "Add company"', async () => {
    setup('viewer', [globex])
    await screen.findByRole('table', { name: 'Companies' })
    expect(screen.queryByRole('button', { name: 'Add company' })).not.toBeInTheDocument()
  })

  it('says under the domain that the company exists, with a link to it', async () => {
    const duplicate = () =>
      json(422, {
        code: 'validation_error',
        message: 'Some fields are invalid.',
        errors: { domain: ['A company with this domain already exists.'] },
        existing_id: 5,
      })
    const { calls } = setup('admin', [globex], duplicate)
    await userEvent.click(await screen.findByRole('button', { name: 'Add company' }))
    const form = await screen.findByRole('form', { name: 'New company' })
    await userEvent.type(within(form).getByLabelText(/Name/), 'Globex 2')
    await userEvent.click(within(form).getByLabelText('Domain'))
    await userEvent.paste('https://www.globex.example/about')
    await userEvent.click(within(form).getByRole('button', { name: 'Add company' }))
    expect(await within(form).findAllByText(/A company with this domain already exists./)).not.toHaveLength(0)
    expect(within(form).getByRole('link', { name: 'Open the existing company' })).toHaveAttribute('href', '/w/7/companies/5')
    const post = calls.find((r) => r.method === 'POST')!
    expect(await post.json()).toEqual({ name: 'Globex 2', domain: 'https://www.globex.example/about', custom: {} })
  }, 15_000)
})
