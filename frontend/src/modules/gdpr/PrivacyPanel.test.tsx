import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { contact, job, me, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { confirmed } from './hooks'
import { PrivacyPanel } from './PrivacyPanel'

const CARD = { route: '/w/7/contacts/3', path: '/w/:ws/contacts/:contactId' }

function api(role: 'admin' | 'member', extra: Record<string, () => Response> = {}) {
  return mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ role })] })),
    'GET /api/v1/workspaces/7/contacts/3': () => json(200, contact({ email: 'Żaneta@example.org' })),
    ...extra,
  })
}

describe('privacy panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('asks for the exact email before forgetting', () => {
    expect(confirmed(' żaneta@EXAMPLE.org ', 'Żaneta@example.org')).toBe(true)
    expect(confirmed('zaneta@example.org', 'Żaneta@example.org')).toBe(false)
    expect(confirmed('forget', null)).toBe(true)
  })

  it('lets a member switch tracking off but not export or forget', async () => {
    const { calls } = api('member', {
      'PATCH /api/v1/workspaces/7/contacts/3': () => json(200, contact({ tracking_disabled: true })),
    })
    renderWithProviders(<PrivacyPanel contactId={3} workspaceId={7} canEdit />, CARD)
    await userEvent.click(await screen.findByRole('switch', { name: /Disable tracking/ }))
    await waitFor(() => expect(calls.some((r) => r.method === 'PATCH')).toBe(true))
    const sent = await calls.find((r) => r.method === 'PATCH')!.json()
    expect(sent).toEqual({ tracking_disabled: true })
    expect(screen.queryByRole('button', { name: 'Export everything' })).toBeNull()
    expect(screen.getByText(/Admins can export/)).toBeInTheDocument()
  })

  it('exports with a download link and forgets after the typed confirmation', async () => {
    const finished = job({
      id: 'j1',
      kind: 'gdpr_export',
      status: 'finished',
      result: { download_url: '/api/v1/workspaces/7/gdpr-exports/tok', filename: 'contact-3-export.zip', expires_at: '2026-01-02T00:00:00Z' },
    })
    const { calls } = api('admin', {
      'POST /api/v1/workspaces/7/contacts/3/gdpr-export': () => json(202, { job_id: 'j1' }),
      'GET /api/v1/workspaces/7/jobs/j1': () => json(200, finished),
      'POST /api/v1/workspaces/7/contacts/3/forget': () => json(200, { contact_id: 3, suppressed: true, kept: {} }),
    })
    const { router } = renderWithProviders(<PrivacyPanel contactId={3} workspaceId={7} canEdit />, CARD)
    await userEvent.click(await screen.findByRole('button', { name: 'Export everything' }))
    const link = await screen.findByRole('link', { name: /Download the export/ })
    expect(link).toHaveAttribute('href', '/api/v1/workspaces/7/gdpr-exports/tok')

    await userEvent.click(screen.getByRole('button', { name: 'Forget this person…' }))
    const forget = await screen.findByRole('button', { name: 'Forget this person' })
    expect(forget).toBeDisabled()
    await userEvent.type(screen.getByLabelText('Type Żaneta@example.org to confirm'), 'żaneta@example.org')
    expect(forget).toBeEnabled()
    await userEvent.dblClick(forget)
    await waitFor(() => expect(router.state.location.pathname).toBe('/w/7/contacts'))
    expect(calls.filter((r) => r.url.endsWith('/forget'))).toHaveLength(1)
  })
})
