import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { job } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { ExportDialog } from './ExportDialog'
import { downloadOf, selectionBody } from './hooks'

const COLUMNS = {
  items: [
    { key: 'id', label: 'ID', custom: false },
    { key: 'email', label: 'Email', custom: false },
    { key: 'tags', label: 'Tags', custom: false },
    { key: 'custom.budżet', label: 'Budżet klienta', custom: true },
  ],
  default: ['id', 'email'],
}

describe('ExportDialog', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends the chosen columns in list order and a BOM, then offers the download', async () => {
    let body: Record<string, unknown> | null = null
    const finished = job({
      id: 'j1',
      label: 'Export contacts to CSV',
      status: 'finished',
      done: 2,
      total: 2,
      progress: 1,
      result: { rows: 2, download_url: '/api/v1/workspaces/3/contacts/export/download/tok', expires_at: '2026-01-02T10:00:00+00:00' },
      finished_at: '2026-01-01T10:00:00Z',
    })
    mockApi({
      'GET /api/v1/workspaces/3/contacts/export/columns': () => json(200, COLUMNS),
      'POST /api/v1/workspaces/3/contacts/export': async (req) => {
        body = await req.json()
        return json(202, { job_id: 'j1' })
      },
      'GET /api/v1/workspaces/3/jobs/j1': () => json(200, finished),
    })
    renderWithProviders(<ExportDialog ws={3} opened onClose={() => {}} selection={{ filter: { q: 'kowal', tag: undefined } }} summary="all 2 contacts" />)
    await userEvent.click(await screen.findByRole('checkbox', { name: 'Budżet klienta (custom)' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Tags' }))
    await userEvent.click(screen.getByRole('checkbox', { name: /For Excel/ }))
    await userEvent.click(screen.getByRole('button', { name: 'Export' }))
    await waitFor(() => expect(body).not.toBeNull())
    expect(body).toEqual({ filter: { q: 'kowal' }, columns: ['id', 'email', 'tags', 'custom.budżet'], bom: true })
    const link = await screen.findByRole('link', { name: /Download CSV \(2 contacts\)/ })
    expect(link).toHaveAttribute('href', '/api/v1/workspaces/3/contacts/export/download/tok')
  })

  it('shows a 422 on columns next to the chooser and needs one column', async () => {
    mockApi({
      'GET /api/v1/workspaces/3/contacts/export/columns': () => json(200, COLUMNS),
      'POST /api/v1/workspaces/3/contacts/export': () =>
        json(422, { code: 'invalid', message: 'Check the highlighted fields.', errors: { columns: ['Unknown column: x.'] } }),
    })
    renderWithProviders(<ExportDialog ws={3} opened onClose={() => {}} selection={{ ids: [1, 2] }} summary="2 selected contacts" />)
    await userEvent.click(await screen.findByRole('button', { name: 'Export' }))
    expect(await screen.findByText('Unknown column: x.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'None' }))
    expect(screen.getByRole('button', { name: 'Export' })).toBeDisabled()
  })

  it('reads the download from a job result and cleans the filter', () => {
    expect(downloadOf({ download_url: '/x', rows: 3 })).toEqual({ url: '/x', rows: 3, expiresAt: undefined })
    expect(downloadOf({ rows: 3 })).toBeNull()
    expect(selectionBody({ filter: { q: '', tag: 'vip' } })).toEqual({ filter: { tag: 'vip' } })
    expect(selectionBody({ ids: [4] })).toEqual({ ids: [4] })
  })
})
