import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { BulkActionDialog } from './BulkActionDialog'

const report = { action: 'add_tag', total: 5, changed: 3, unchanged: 1, skipped: 1, conflicts: 0 }

function setup(bulk: (req: Request) => Response | Promise<Response>, routes = {}) {
  const api = mockApi({
    'POST /api/v1/workspaces/7/contacts/bulk': bulk,
    'GET /api/v1/workspaces/7/tags': () => json(200, fixtures.page([fixtures.tag()], { page_size: 200 })),
    'GET /api/v1/workspaces/7/contact-classes': () => json(200, fixtures.page([fixtures.contactClass()])),
    'GET /api/v1/workspaces/7/custom-fields': () => json(200, fixtures.page([])),
    ...routes,
  })
  const onClose = vi.fn()
  renderWithProviders(
    <BulkActionDialog ws={7} opened onClose={onClose} selection={{ ids: [1, 2, 3, 4, 5] }} count={5} description="5 selected contacts" />,
  )
  return { ...api, onClose }
}

async function addTag(name: string) {
  const dialog = await screen.findByRole('dialog')
  await userEvent.type(within(dialog).getByLabelText('Tag'), name)
  await userEvent.click(within(dialog).getByRole('button', { name: 'Continue' }))
  expect(within(dialog).getByText(/Add the tag “spring”/)).toBeInTheDocument()
  await userEvent.click(within(dialog).getByRole('button', { name: 'Apply to 5 contacts' }))
  return dialog
}

describe('BulkActionDialog', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('sends the selection once and shows the report at once', async () => {
    const { calls } = setup(() => json(200, report))
    const dialog = await addTag('spring')
    const shown = await within(dialog).findByRole('status', { name: 'Bulk action report' })
    expect(within(shown).getByText('Changed').previousSibling).toHaveTextContent('3')
    expect(within(shown).getByText('Already in that state').previousSibling).toHaveTextContent('1')
    expect(within(shown).getByText('Skipped: no longer visible').previousSibling).toHaveTextContent('1')
    const posts = calls.filter((r) => r.method === 'POST')
    expect(posts).toHaveLength(1)
    expect(await posts[0].json()).toEqual({ action: 'add_tag', ids: [1, 2, 3, 4, 5], params: { tag: 'spring', expires_at: null } })
    expect(posts[0].headers.get('Idempotency-Key')).toBeTruthy()
  })

  it('follows a job to its report', async () => {
    const finished = fixtures.job({ id: 'j9', status: 'finished', done: 5, total: 5, progress: 1, result: report, finished_at: '2026-01-01T10:01:00Z' })
    setup(() => json(202, { job_id: 'j9' }), { 'GET /api/v1/workspaces/7/jobs/j9': () => json(200, finished) })
    const dialog = await addTag('spring')
    expect(await within(dialog).findByTestId('job-j9')).toBeInTheDocument()
    const shown = await within(dialog).findByRole('status', { name: 'Bulk action report' })
    expect(within(shown).getByText('Changed').previousSibling).toHaveTextContent('3')
    expect(within(dialog).getByRole('button', { name: 'Done' })).toBeInTheDocument()
  })

  it('shows a refused parameter under its field and keeps the form', async () => {
    setup(() => json(422, { code: 'invalid', message: 'Check the fields.', errors: { 'params.tag': ['Tags are at most 100 characters.'] } }))
    const dialog = await addTag('spring')
    await waitFor(() => expect(within(dialog).getByText('Tags are at most 100 characters.')).toBeInTheDocument())
    expect(within(dialog).getByLabelText('Tag')).toHaveValue('spring')
  })
})
