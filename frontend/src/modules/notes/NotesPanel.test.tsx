import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { note, page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { textToHtml } from './hooks'
import { NotesPanel } from './NotesPanel'

describe('notes', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('turns typed text into escaped paragraphs', () => {
    expect(textToHtml(' a <b> & c\nline\n\n second ')).toBe('<p>a &lt;b&gt; &amp; c<br>line</p><p>second</p>')
  })

  it('lists notes with the pinned one marked and adds a note once', async () => {
    const { calls } = mockApi({
      'GET /api/v1/workspaces/3/contacts/7/notes': () =>
        json(200, page([note({ id: 2, pinned: true, body: '<p>Pinned <strong>deal</strong></p>' }), note()])),
      'POST /api/v1/workspaces/3/contacts/7/notes': () => json(201, note({ id: 9 })),
    })
    renderWithProviders(<NotesPanel contactId={7} workspaceId={3} canEdit />)
    expect(await screen.findByText('deal')).toBeInTheDocument()
    expect(screen.getByText('Pinned', { selector: '.mantine-Badge-label' })).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText('New note'), 'Zadzwonić <jutro>')
    const add = screen.getByRole('button', { name: 'Add note' })
    await userEvent.dblClick(add)
    await waitFor(() => expect(calls.filter((r) => r.method === 'POST')).toHaveLength(1))
    const sent = await calls.find((r) => r.method === 'POST')!.json()
    expect(sent.body).toBe('<p>Zadzwonić &lt;jutro&gt;</p>')
  })

  it('shows no editing to viewers', async () => {
    mockApi({ 'GET /api/v1/workspaces/3/contacts/7/notes': () => json(200, page([])) })
    renderWithProviders(<NotesPanel contactId={7} workspaceId={3} canEdit={false} />)
    expect(await screen.findByText('No notes yet.')).toBeInTheDocument()
    expect(screen.queryByLabelText('New note')).toBeNull()
  })
})
