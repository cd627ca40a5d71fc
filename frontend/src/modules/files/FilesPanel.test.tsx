import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { setCsrfToken } from '../../api/csrf'
import type { Schemas } from '../../api/types'
import { page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { FilesPanel } from './FilesPanel'
import { formatSize } from './hooks'

const MB = 1024 * 1024
const LIST = 'GET /api/v1/workspaces/3/contacts/7/files'

/** An API answer for one file (typed: a field the API does not send fails tsc). */
function contactFile(overrides: Partial<Schemas['ContactFile']> = {}): Schemas['ContactFile'] {
  return {
    id: 1,
    contact_id: 7,
    name: 'Umowa – Zażółć gęślą jaźń.pdf',
    content_type: 'application/pdf',
    size: 1536,
    sha256: null,
    uploaded_by_user_id: 1,
    uploaded_by_name: 'Łucja Wąs',
    actor_kind: 'user',
    created_at: '2026-01-02T10:00:00Z',
    ...overrides,
  }
}

function fileList(items: Schemas['ContactFile'][], maxBytes = 25 * MB): Schemas['ContactFileList'] {
  return { ...page(items), max_bytes: maxBytes }
}

/** XMLHttpRequest as the panel uses it: the test reports progress and answers. */
class FakeXhr {
  static sent: FakeXhr[] = []
  method = ''
  url = ''
  headers: Record<string, string> = {}
  body: FormData | null = null
  status = 0
  responseText = ''
  aborted = false
  upload: { onprogress: ((e: { lengthComputable: boolean; loaded: number; total: number }) => void) | null } = { onprogress: null }
  onload: (() => void) | null = null
  onerror: (() => void) | null = null
  onabort: (() => void) | null = null
  open(method: string, url: string) {
    this.method = method
    this.url = url
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value
  }
  getResponseHeader() {
    return null
  }
  send(body: FormData) {
    this.body = body
    FakeXhr.sent.push(this)
  }
  abort() {
    this.aborted = true
    this.onabort?.()
  }
  progress(loaded: number, total: number) {
    act(() => this.upload.onprogress?.({ lengthComputable: true, loaded, total }))
  }
  respond(status: number, body: unknown) {
    this.status = status
    this.responseText = JSON.stringify(body)
    act(() => this.onload?.())
  }
}

describe('files', () => {
  beforeEach(() => {
    FakeXhr.sent = []
    vi.stubGlobal('XMLHttpRequest', FakeXhr)
    setCsrfToken('csrf-1')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    setCsrfToken(null)
  })

  it('writes sizes the way people read them', () => {
    expect(formatSize(0)).toBe('0 bytes')
    expect(formatSize(1536)).toBe('1.5 KB')
    expect(formatSize(25 * MB)).toBe('25 MB')
    expect(formatSize(1_234_567_890)).toBe('1.1 GB')
  })

  it('lists files with size, who and a download link; viewers get no upload or delete', async () => {
    mockApi({ [LIST]: () => json(200, fileList([contactFile({ id: 5 })])) })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit={false} />)
    const link = await screen.findByRole('link', { name: 'Umowa – Zażółć gęślą jaźń.pdf' })
    expect(link).toHaveAttribute('href', '/api/v1/workspaces/3/contacts/7/files/5')
    expect(screen.getByText(/1\.5 KB · Łucja Wąs ·/)).toBeInTheDocument()
    expect(screen.queryByTestId('file-drop')).toBeNull()
    expect(screen.queryByRole('button', { name: /Delete/ })).toBeNull()
  })

  it('shows the empty state', async () => {
    mockApi({ [LIST]: () => json(200, fileList([])) })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit />)
    expect(await screen.findByText('No files yet.')).toBeInTheDocument()
    expect(screen.getByText(/up to 25 MB each/)).toBeInTheDocument()
  })

  it('uploads a chosen file with progress and the CSRF header, then shows it', async () => {
    let listed = fileList([])
    const { calls } = mockApi({ [LIST]: () => json(200, listed) })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit />)
    await screen.findByText('No files yet.')
    const chosen = new File(['%PDF-1.7 hello'], 'Договор.pdf', { type: 'application/pdf' })
    await userEvent.upload(screen.getByLabelText('Upload files'), chosen)

    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1))
    const [xhr] = FakeXhr.sent
    expect([xhr.method, xhr.url]).toEqual(['POST', '/api/v1/workspaces/3/contacts/7/files'])
    expect(xhr.headers['X-CSRF-Token']).toBe('csrf-1')
    expect(xhr.headers['Idempotency-Key']).toBeTruthy()
    expect((xhr.body!.get('file') as File).name).toBe('Договор.pdf')

    xhr.progress(50, 100)
    expect(screen.getByRole('progressbar', { name: 'Uploading Договор.pdf' })).toHaveAttribute('aria-valuenow', '50')

    listed = fileList([contactFile({ id: 9, name: 'Договор.pdf' })])
    const before = calls.length
    xhr.respond(201, contactFile({ id: 9, name: 'Договор.pdf' }))
    expect(await screen.findByRole('link', { name: 'Договор.pdf' })).toBeInTheDocument()
    expect(calls.length).toBeGreaterThan(before)
    expect(screen.queryByTestId('upload')).toBeNull()
  })

  it('shows the server’s message for a refused file next to it', async () => {
    mockApi({ [LIST]: () => json(200, fileList([])) })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit />)
    await screen.findByText('No files yet.')
    await userEvent.upload(screen.getByLabelText('Upload files'), new File(['MZ'], 'faktura.pdf'))
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1))
    const message = 'This file is not a real PDF document: its content is a Windows program. Upload the original file.'
    FakeXhr.sent[0].respond(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { file: [message] } })
    const upload = await screen.findByTestId('upload')
    expect(await within(upload).findByRole('alert')).toHaveTextContent(message)
    await userEvent.click(within(upload).getByRole('button', { name: 'Dismiss faktura.pdf' }))
    expect(screen.queryByTestId('upload')).toBeNull()
  })

  it('refuses a file over the limit before sending it', async () => {
    mockApi({ [LIST]: () => json(200, fileList([], 10)) })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit />)
    await screen.findByText('No files yet.')
    await userEvent.upload(screen.getByLabelText('Upload files'), new File(['x'.repeat(11)], 'big.pdf'))
    expect(await screen.findByRole('alert')).toHaveTextContent('Files can be at most 10 bytes.')
    expect(FakeXhr.sent).toHaveLength(0)
  })

  it('deletes a file after confirming', async () => {
    const { calls } = mockApi({
      [LIST]: () => json(200, fileList([contactFile({ id: 5, name: 'stary.png' })])),
      'DELETE /api/v1/workspaces/3/contacts/7/files/5': () => new Response(null, { status: 204 }),
    })
    renderWithProviders(<FilesPanel contactId={7} workspaceId={3} canEdit />)
    await userEvent.click(await screen.findByRole('button', { name: 'Delete stary.png' }))
    await userEvent.click(await screen.findByRole('button', { name: 'Delete' }))
    await waitFor(() => expect(calls.some((r) => r.method === 'DELETE')).toBe(true))
    expect(calls.find((r) => r.method === 'DELETE')!.headers.get('X-CSRF-Token')).toBe('csrf-1')
  })
})
