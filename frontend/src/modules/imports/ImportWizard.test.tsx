import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { contactClass, customField, me, page, tag, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { importDraft, importReport } from './fixtures'
import { ImportsPage } from './ImportsPage'
import { ImportWizardPage } from './ImportWizardPage'
import { REFUSED_MESSAGE } from './types'

type Import = Schemas['Import']
const BASE = '/api/v1/workspaces/3/imports/9'

/** The API of one import, kept as a server would: PATCH changes it, start queues it. */
function server(initial: Import, { role = 'admin' as 'admin' | 'member', refuse = 'The API says no to bought lists.' } = {}) {
  let record = initial
  const patches: Record<string, unknown>[] = []
  const api = mockApi({
    'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 3, role })] })),
    'GET /api/v1/workspaces/3/jobs': () => json(200, page([])),
    [`GET ${BASE}`]: () => json(200, record),
    [`PATCH ${BASE}`]: async (req) => {
      const body = (await req.json()) as Record<string, unknown>
      patches.push(body)
      const q = body.questionnaire as { source: string } | undefined
      if (q && (q.source === 'purchased_list' || q.source === 'rented_list')) {
        return json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { 'questionnaire.source': [refuse] } })
      }
      record = {
        ...record,
        ...(body.mapping ? { suggested_mapping: body.mapping as Record<string, string> } : {}),
        ...(body.options ? { options: body.options as Record<string, unknown> } : {}),
        ...(q ? { questionnaire: body.questionnaire as Record<string, unknown> } : {}),
      }
      return json(200, record)
    },
    [`POST ${BASE}/start`]: () => {
      record = { ...record, status: 'queued', job_id: 'j1' }
      return json(202, { job_id: 'j1' })
    },
    [`POST ${BASE}/cancel`]: () => json(200, { ...record, status: 'cancelled' }),
    [`DELETE ${BASE}`]: () => new Response(null, { status: 204 }),
    [`GET ${BASE}/report`]: () => json(200, importReport()),
    'GET /api/v1/workspaces/3/custom-fields': () => json(200, page([customField({ key: 'city', label: 'City', type: 'text' })])),
    'GET /api/v1/workspaces/3/import-mappings': () => json(200, { items: [] }),
    'GET /api/v1/workspaces/3/tags': () => json(200, page([tag({ name: 'vip' })])),
    'GET /api/v1/workspaces/3/contact-classes': () => json(200, page([contactClass({ id: 1, name: 'General' }), contactClass({ id: 2, name: 'Partnerzy' })])),
  })
  return { ...api, patches, current: () => record }
}

function open(step = '') {
  return renderWithProviders(<ImportWizardPage />, {
    route: `/w/3/imports/9${step ? `?step=${step}` : ''}`,
    path: '/w/:ws/imports/:importId',
  })
}

const target = (column: string) => screen.getByRole('combobox', { name: `Where “${column}” goes` })
const search = (router: ReturnType<typeof open>['router']) => new URLSearchParams(router.state.location.search)

describe('import wizard', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the preview as read and checks the mapping before saving it on Next', async () => {
    const api = server(importDraft())
    const { router } = open('columns')
    const preview = await screen.findByRole('table', { name: 'Preview of the file' })
    expect(within(preview).getByText('Zażółć gęślą jaźń')).toBeInTheDocument()
    expect(screen.getByRole('combobox', { name: 'Encoding' })).toHaveValue('windows-1250')
    await waitFor(() => expect(within(target('Uwagi')).getByRole('option', { name: 'City' })).toBeInTheDocument())

    // Email twice: named at the second column, and nothing is sent.
    await userEvent.selectOptions(target('Telefon'), 'email')
    expect(screen.getByText('“E-mail” already goes to this field.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(api.patches).toEqual([])
    expect(search(router).get('step')).toBe('columns')

    await userEvent.selectOptions(target('Telefon'), 'phone')
    await userEvent.selectOptions(target('Uwagi'), 'custom:city')
    expect(screen.queryByText('“E-mail” already goes to this field.')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    await waitFor(() => expect(search(router).get('step')).toBe('options'))
    expect(api.patches).toEqual([{ mapping: { 'E-mail': 'email', Imię: 'first_name', Telefon: 'phone', Uwagi: 'custom:city' } }])
  })

  it('asks a new field’s label, and shows the API’s error next to its column', async () => {
    const api = server(importDraft())
    const errors = { 'mapping.Uwagi': ['A custom field with this name exists: map the column to it.'] }
    open('columns')
    await screen.findByRole('table', { name: 'Preview of the file' })
    // Admins only (the role comes with /me).
    await waitFor(() => expect(within(target('Uwagi')).getByRole('option', { name: 'New custom field…' })).toBeInTheDocument())
    await userEvent.selectOptions(target('Uwagi'), 'New custom field…')
    const dialog = await screen.findByRole('dialog', { name: 'New custom field' })
    const label = within(dialog).getByRole('textbox', { name: 'Field name' })
    expect(label).toHaveValue('Uwagi')
    await userEvent.clear(label)
    await userEvent.type(label, 'city')
    expect(within(dialog).getByText('“City” exists: choose it in the list instead.')).toBeInTheDocument()
    await userEvent.clear(label)
    await userEvent.type(label, 'Uwagi z targów')
    await userEvent.click(within(dialog).getByRole('button', { name: 'Use this field' }))
    expect(target('Uwagi')).toHaveValue('new:Uwagi z targów')

    const patch = vi.fn(() => json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors }))
    const fallback = api.fetchMock.getMockImplementation()!
    api.fetchMock.mockImplementation(async (input: RequestInfo | URL) => {
      const req = input instanceof Request ? input : new Request(String(input))
      return req.method === 'PATCH' ? patch() : fallback(input)
    })
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    expect(await screen.findByText('A custom field with this name exists: map the column to it.')).toBeInTheDocument()
    expect(target('Uwagi')).toHaveAttribute('aria-invalid', 'true')
    expect(screen.queryByRole('alert')).toBeNull() // the error is at its column, not on top
  })

  it('walks the steps: choices kept on Back, a bought list refused before and by the API, then started', async () => {
    const api = server(importDraft())
    const { router } = open('options')
    await userEvent.click(await screen.findByRole('radio', { name: 'Overwrite with the file’s values' }))
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Class of the new contacts' }), 'Partnerzy')
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    await waitFor(() => expect(search(router).get('step')).toBe('source'))
    expect(api.patches.at(-1)).toEqual({ options: { existing: 'overwrite', tags: [], contact_class_id: 2 } })

    // The reason shows as soon as a bought list is chosen, before anything is sent.
    await userEvent.click(await screen.findByRole('radio', { name: 'A list I bought' }))
    expect(screen.getByTestId('source-refused')).toHaveTextContent(REFUSED_MESSAGE)
    expect(api.patches).toHaveLength(1)
    const consent = screen.getByRole('textbox', { name: /When and how did these people agree/ })
    await userEvent.type(consent, 'Zażółć: formularz na stronie')

    // Back and forward: what was typed on this step is still there.
    await userEvent.click(screen.getByRole('button', { name: 'Back' }))
    await waitFor(() => expect(search(router).get('step')).toBe('options'))
    expect(await screen.findByRole('radio', { name: 'Overwrite with the file’s values' })).toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Next' }))
    await waitFor(() => expect(search(router).get('step')).toBe('source'))
    expect(await screen.findByRole('textbox', { name: /When and how did these people agree/ })).toHaveValue('Zażółć: formularz na stronie')

    // Sent anyway: the API's own message is shown.
    await userEvent.click(screen.getByRole('button', { name: 'Start import' }))
    await waitFor(() => expect(screen.getByTestId('source-refused')).toHaveTextContent('The API says no to bought lists.'))
    expect(api.current().status).toBe('draft')

    await userEvent.click(screen.getByRole('radio', { name: 'My own signup form or website' }))
    expect(screen.queryByTestId('source-refused')).toBeNull()
    await userEvent.dblClick(screen.getByRole('button', { name: 'Start import' }))
    expect(await screen.findByRole('status', { name: 'Import progress' })).toHaveTextContent('In the queue')
    expect(api.patches.at(-1)).toEqual({ questionnaire: { source: 'own_signup_form', consent_collected: 'Zażółć: formularz na stronie' } })
    expect(api.calls.filter((r) => r.method === 'POST' && r.url.endsWith('/start'))).toHaveLength(1)
    expect(search(router).get('step')).toBeNull()
  })

  it('sends the user back to the step a refused start names', async () => {
    const api = server(importDraft({ questionnaire: { source: 'customers', consent_collected: 'Sklep' } }))
    const fallback = api.fetchMock.getMockImplementation()!
    api.fetchMock.mockImplementation(async (input: RequestInfo | URL) => {
      const req = input instanceof Request ? input : new Request(String(input))
      if (req.method === 'POST' && req.url.endsWith('/start')) {
        return json(403, {
          code: 'forbidden',
          message: 'Only admins can add custom fields: map this column to an existing field or skip it.',
          errors: { 'mapping.Uwagi': ['Only admins can add custom fields.'] },
        })
      }
      return fallback(input)
    })
    const { router } = open('source')
    expect(await screen.findByRole('radio', { name: 'My customers (they bought from me)' })).toBeChecked()
    await userEvent.click(screen.getByRole('button', { name: 'Start import' }))
    await waitFor(() => expect(search(router).get('step')).toBe('columns'))
    expect(await screen.findByText('Only admins can add custom fields.')).toBeInTheDocument()
    expect(screen.getByText('Fix this before starting the import.')).toBeInTheDocument()
  })
})

describe('a started import', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows rows done, speed and time left, and asks before cancelling', async () => {
    const api = server(
      importDraft({ status: 'running', job_id: 'j1', total_rows: 1000, progress: { done: 250, total: 1000, rows_per_second: 125.4, seconds_left: 6 }, counts: { created: 240, rejected: { no_mx: 10 } } }),
    )
    open()
    const progress = await screen.findByRole('status', { name: 'Import progress' })
    expect(progress).toHaveTextContent('250 of 1,000')
    expect(progress).toHaveTextContent('(25%)')
    expect(progress).toHaveTextContent('125rows per second')
    expect(progress).toHaveTextContent('about 6 seconds')
    expect(progress).toHaveTextContent('So far: 240 created · 10 rejected')
    await userEvent.click(within(progress).getByRole('button', { name: 'Cancel import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Cancel this import?' })
    expect(api.calls.some((r) => r.url.endsWith('/cancel'))).toBe(false)
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel import' }))
    await waitFor(() => expect(api.calls.filter((r) => r.url.endsWith('/cancel'))).toHaveLength(1))
  })

  it('reports the outcome in numbers, by reason, as a chart, with the rejected rows and Delete', async () => {
    const api = server(importDraft({ status: 'finished', total_rows: 120, options: { existing: 'skip', tags: ['targi'], contact_class_id: null } }))
    const { router } = open()
    const report = await screen.findByRole('region', { name: 'Import report' })
    expect(within(report).getByText('120 of 120 rows handled', { exact: false })).toBeInTheDocument()
    const rejected = within(report).getByRole('table', { name: 'Rejected rows by reason' })
    expect(within(rejected).getAllByRole('row').map((r) => r.textContent)).toEqual([
      'Domain receives no mail6',
      'Not a valid email address (or none)3',
      'Something new1',
    ])
    expect(within(report).getByRole('table', { name: 'Flagged contacts by reason' })).toHaveTextContent('Role address')
    expect(within(report).getByRole('img', { name: /^Rows by outcome: Created 100, Updated 5, Unchanged 3, Duplicates in the file 2, Rejected 10/ })).toBeInTheDocument()
    expect(within(report).getByRole('link', { name: 'Download rejected rows (CSV)' })).toHaveAttribute('href', `${BASE}/rejected.csv`)
    expect(within(report).getByRole('link', { name: 'See the contacts tagged “targi”' })).toHaveAttribute('href', '/w/3/contacts?tag=targi')

    await userEvent.click(screen.getByRole('button', { name: 'Delete import' }))
    const dialog = await screen.findByRole('dialog', { name: 'Delete this import?' })
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete import' }))
    await waitFor(() => expect(router.state.location.pathname).toBe('/w/3/imports'))
    expect(api.calls.filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })

  it('says why a failed import stopped', async () => {
    server(importDraft({ status: 'failed', error: 'Row 7 has 3 columns; the header has 4.' }))
    open()
    expect(await screen.findByRole('alert')).toHaveTextContent('Row 7 has 3 columns; the header has 4.')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument()
  })
})

describe('imports list', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('lists imports with their result and keeps the page in the URL', async () => {
    const items = [
      importDraft({ id: 1, filename: 'Żółte strony.csv', status: 'finished', counts: { created: 3, rejected: { fake: 1 } } }),
      importDraft({ id: 2, filename: 'szkic.csv' }),
    ]
    const { calls } = mockApi({
      'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 3, role: 'member' })] })),
      'GET /api/v1/workspaces/3/imports': (_req, url) => json(200, { items, total: 30, page: Number(url.searchParams.get('page')), page_size: 25 }),
    })
    const { router } = renderWithProviders(<ImportsPage />, { route: '/w/3/imports', path: '/w/:ws/imports' })
    const table = await screen.findByRole('table', { name: 'Imports' })
    expect(within(table).getByRole('link', { name: 'Żółte strony.csv' })).toHaveAttribute('href', '/w/3/imports/1')
    expect(within(table).getByText('3 created · 1 rejected')).toBeInTheDocument()
    expect(within(table).getByText('Not started: choices to finish')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Page 2' }))
    await waitFor(() => expect(router.state.location.search).toBe('?page=2'))
    await waitFor(() => expect(calls.some((r) => new URL(r.url).searchParams.get('page') === '2')).toBe(true))
  })

  it('says what to do when there is no import yet', async () => {
    mockApi({
      'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 3, role: 'member' })] })),
      'GET /api/v1/workspaces/3/imports': () => json(200, page([])),
    })
    renderWithProviders(<ImportsPage />, { route: '/w/3/imports', path: '/w/:ws/imports' })
    const empty = await screen.findByRole('status')
    expect(empty).toHaveTextContent('No imports yet')
    expect(within(empty).getByRole('link', { name: 'Import contacts' })).toHaveAttribute('href', '/w/3/imports/new')
  })
})
