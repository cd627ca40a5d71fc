import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import type { DnsCheck, SendingDomain } from './hooks'
import { SendingDomainsPage } from './SendingDomainsPage'

const DKIM = `v=DKIM1; k=rsa; p=${'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.repeat(9)}`
const records = (domain: string) => [
  { type: 'TXT', name: domain, value: 'v=spf1 include:_spf.cardfile.local ~all', purpose: 'spf' },
  { type: 'TXT', name: `cf0a1b2c3d._domainkey.${domain}`, value: DKIM, purpose: 'dkim' },
  { type: 'TXT', name: `_dmarc.${domain}`, value: 'v=DMARC1; p=quarantine; adkim=r; aspf=r', purpose: 'dmarc' },
  { type: 'CNAME', name: `bounce.${domain}`, value: 'bounces.cardfile.local', purpose: 'return_path' },
]
const domain = (overrides: Partial<SendingDomain> = {}): SendingDomain => ({
  id: 1,
  domain: 'sklep-żółw.pl',
  verified: false,
  verified_at: null,
  checked_at: null,
  checks: [],
  records: records('sklep-zolw.pl'),
  created_at: '2026-03-01T10:00:00Z',
  ...overrides,
})
const checks = (states: Record<string, string>): DnsCheck[] =>
  Object.entries(states).map(([purpose, state]) => ({ purpose, state, explanation: `${purpose} is ${state}: here is why.` }))

const LIST = 'GET /api/v1/workspaces/7/sending-domains'

function renderPage(role: Role, routes: Parameters<typeof mockApi>[0]) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi(routes)
  renderWithProviders(<SendingDomainsPage />, { route: '/w/7/settings/sending-domains', path: '/w/:ws/settings/sending-domains', client })
  return api
}

const stateOf = (purpose: string) => screen.getByTestId(`check-${purpose}`)

describe('sending domains page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each record to publish, with the state of its last check, and lets a member only read', async () => {
    const { calls } = renderPage('member', {
      [LIST]: () =>
        json(
          200,
          fixtures.page([
            domain({
              checked_at: '2026-03-02T09:30:00Z',
              checks: checks({ spf: 'ok', dkim: 'wrong', dmarc: 'warning', return_path: 'unknown' }),
            }),
          ]),
        ),
    })
    const table = await screen.findByRole('table', { name: 'DNS records for sklep-żółw.pl' })
    expect(within(table).getByText(DKIM)).toBeInTheDocument()
    expect(within(table).getByText('_dmarc.sklep-zolw.pl')).toBeInTheDocument()
    expect(within(table).getByText('CNAME')).toBeInTheDocument()
    expect(stateOf('spf')).toHaveAttribute('data-state', 'ok')
    expect(within(stateOf('spf')).getByText('OK')).toBeInTheDocument()
    expect(within(stateOf('dkim')).getByText('Wrong')).toBeInTheDocument()
    expect(within(stateOf('dkim')).getByText('dkim is wrong: here is why.')).toBeInTheDocument()
    expect(within(stateOf('dmarc')).getByText('Warning')).toBeInTheDocument()
    expect(within(stateOf('return_path')).getByText('Unknown')).toBeInTheDocument()
    expect(screen.getByText('Not verified')).toBeInTheDocument()
    expect(screen.getByTestId('checked-at')).toHaveTextContent(/Last checked 2 Mar 2026/)
    // A member reads: nothing to add, check or delete.
    expect(screen.queryByRole('button', { name: 'Add domain' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Check DNS now/ })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /Delete/ })).not.toBeInTheDocument()
    expect(screen.getByText(/Only workspace admins can add, check or delete domains/)).toBeInTheDocument()
    // Copying works for everyone.
    expect(screen.getAllByRole('button', { name: /^Copy / })).toHaveLength(8)
    expect(calls.every((r) => r.method === 'GET')).toBe(true)
  })

  it('copies a record’s value', async () => {
    const user = userEvent.setup()
    renderPage('member', { [LIST]: () => json(200, fixtures.page([domain()])) })
    await user.click(await screen.findByRole('button', { name: 'Copy value of the DKIM record' }))
    expect(await navigator.clipboard.readText()).toBe(DKIM)
    // Never checked: every record says so.
    expect(screen.getAllByText('Not checked yet')).toHaveLength(4)
  })

  it('lets an admin check the DNS once per click and shows the new states', async () => {
    let verified = false
    const after = domain({
      verified: true,
      verified_at: '2026-03-03T08:00:00Z',
      checked_at: '2026-03-03T08:00:00Z',
      checks: checks({ spf: 'ok', dkim: 'ok', dmarc: 'ok', return_path: 'ok' }),
    })
    const { calls } = renderPage('admin', {
      [LIST]: () =>
        json(
          200,
          fixtures.page([
            verified ? after : domain({ checked_at: '2026-03-02T09:30:00Z', checks: checks({ spf: 'missing', dkim: 'missing', dmarc: 'missing', return_path: 'missing' }) }),
          ]),
        ),
      'POST /api/v1/workspaces/7/sending-domains/1/verify': async () => {
        await new Promise((resolve) => setTimeout(resolve, 50)) // the DNS takes a moment
        verified = true
        return json(200, { verified: true, checks: after.checks, domain: after })
      },
    })
    expect(await screen.findByRole('table', { name: 'DNS records for sklep-żółw.pl' })).toBeInTheDocument()
    expect(screen.getByRole('button', { name: 'Add domain' })).toBeInTheDocument()
    expect(within(stateOf('spf')).getByText('Missing')).toBeInTheDocument()
    await userEvent.dblClick(screen.getByRole('button', { name: 'Check DNS now for sklep-żółw.pl' }))
    await waitFor(() => expect(stateOf('spf')).toHaveAttribute('data-state', 'ok'))
    expect(within(stateOf('return_path')).getByText('OK')).toBeInTheDocument()
    expect(screen.getByText('Verified')).toBeInTheDocument()
    expect(screen.getByText('Campaigns can send from this domain.')).toBeInTheDocument()
    expect(calls.filter((r) => r.method === 'POST')).toHaveLength(1)
  })

  it('adds a domain once, with the API’s message under the field', async () => {
    let attempts = 0
    let added = false
    const { calls } = renderPage('admin', {
      [LIST]: () => json(200, fixtures.page(added ? [domain({ id: 2, domain: 'nowy-sklep.pl', records: records('nowy-sklep.pl') })] : [])),
      'POST /api/v1/workspaces/7/sending-domains': () => {
        attempts += 1
        if (attempts === 1)
          return json(422, {
            code: 'validation_error',
            message: 'Some fields are invalid.',
            errors: { domain: ['Enter a domain name, like example.com (no @, no http://).'] },
          })
        added = true
        return json(201, domain({ id: 2, domain: 'nowy-sklep.pl', records: records('nowy-sklep.pl') }))
      },
    })
    expect(await screen.findByText('No sending domains yet')).toBeInTheDocument()
    await userEvent.click(screen.getAllByRole('button', { name: 'Add domain' })[0])
    const dialog = await screen.findByRole('dialog', { name: 'Add a sending domain' })
    const field = within(dialog).getByLabelText('Domain')
    await userEvent.type(field, 'https://nowy-sklep.pl')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add domain' }))
    expect(await within(dialog).findByText('Enter a domain name, like example.com (no @, no http://).')).toBeInTheDocument()
    expect(field).toHaveAttribute('aria-invalid', 'true')
    await userEvent.clear(field)
    await userEvent.type(field, 'nowy-sklep.pl')
    await userEvent.dblClick(within(dialog).getByRole('button', { name: 'Add domain' }))
    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add a sending domain' })).not.toBeInTheDocument())
    const posts = calls.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(2)
    expect(await posts[1].json()).toEqual({ domain: 'nowy-sklep.pl' })
    expect(await screen.findByRole('table', { name: 'DNS records for nowy-sklep.pl' })).toBeInTheDocument()
    expect(screen.getAllByText('Not checked yet')).toHaveLength(4)
  })

  it('lets an admin delete a domain after confirming', async () => {
    let gone = false
    const { calls } = renderPage('admin', {
      [LIST]: () => json(200, fixtures.page(gone ? [] : [domain()])),
      'DELETE /api/v1/workspaces/7/sending-domains/1': () => {
        gone = true
        return new Response(null, { status: 204 })
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Delete sklep-żółw.pl' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete sklep-żółw.pl?' })
    expect(calls.some((r) => r.method === 'DELETE')).toBe(false)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete' }))
    expect(await screen.findByText('No sending domains yet')).toBeInTheDocument()
    expect(calls.filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })
})
