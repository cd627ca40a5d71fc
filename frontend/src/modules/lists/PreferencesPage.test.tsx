import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { PreferencesPage } from '../../pages/PreferencesPage'
import { json, mockApi, renderWithProviders } from '../../test/render'
import type { Preferences } from './types'

const PATH = '/api/v1/public/preferences/tok-1'
const prefs: Preferences = {
  workspace_name: 'Księgarnia „Под липой”',
  first_name: 'Małgorzata',
  email: 'm•••@example.pl',
  lists: [
    { id: 1, name: 'Nowości', description: 'Nowe książki co tydzień.', status: 'subscribed', subscribed: true },
    { id: 2, name: 'Promocje', description: null, status: 'unconfirmed', subscribed: false },
    { id: 3, name: 'Wydarzenia — События', description: null, status: null, subscribed: false },
  ],
}

const render = () => renderWithProviders(<PreferencesPage />, { route: '/preferences/tok-1', path: '/preferences/:token' })

describe('the public preference page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows the person’s lists and saves exactly those ticked', async () => {
    const sent: unknown[] = []
    mockApi({
      [`GET ${PATH}`]: () => json(200, prefs),
      [`POST ${PATH}`]: async (req) => {
        const body = (await req.json()) as { subscribed: number[]; unsubscribe_all: boolean }
        sent.push(body)
        const on = new Set(body.unsubscribe_all ? [] : body.subscribed)
        return json(200, { ...prefs, lists: prefs.lists.map((l) => ({ ...l, subscribed: on.has(l.id), status: on.has(l.id) ? 'subscribed' : l.status ? 'unsubscribed' : null })) })
      },
    })
    render()
    expect(await screen.findByRole('heading', { name: 'Hello, Małgorzata!' })).toBeInTheDocument()
    expect(screen.getByText('Księgarnia „Под липой”')).toBeInTheDocument()
    expect(screen.getByText('m•••@example.pl')).toBeInTheDocument()
    expect(screen.getByRole('checkbox', { name: 'Nowości' })).toBeChecked()
    // Waiting to confirm: ticked (leaving it is a choice), and said so.
    expect(screen.getByRole('checkbox', { name: 'Promocje' })).toBeChecked()
    expect(screen.getByText('Waiting for confirmation')).toBeInTheDocument()
    const save = screen.getByRole('button', { name: 'Save my choices' })
    expect(save).toBeDisabled() // nothing changed yet

    await userEvent.click(screen.getByRole('checkbox', { name: 'Nowości' }))
    await userEvent.click(screen.getByRole('checkbox', { name: 'Wydarzenia — События' }))
    await userEvent.click(save)
    expect(await screen.findByText('Your choices are saved')).toBeInTheDocument()
    expect(sent).toEqual([{ subscribed: [2, 3], unsubscribe_all: false }])

    await userEvent.click(screen.getByRole('button', { name: 'Unsubscribe from everything' }))
    expect(await screen.findByText('You are unsubscribed from everything')).toBeInTheDocument()
    expect(sent[1]).toEqual({ subscribed: [], unsubscribe_all: true })
    await waitFor(() => expect(screen.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked)).toHaveLength(0))
    expect(screen.getByRole('button', { name: 'Unsubscribe from everything' })).toBeDisabled()
  })

  it('tells an expired link from an invalid one', async () => {
    mockApi({ [`GET ${PATH}`]: () => json(410, { code: 'gone', message: 'This link has expired.', errors: {} }) })
    render()
    expect(await screen.findByRole('heading', { name: 'This link has expired' })).toBeInTheDocument()
    vi.unstubAllGlobals()
    mockApi({ [`GET ${PATH}`]: () => json(404, { code: 'not_found', message: 'Link not found.', errors: {} }) })
    render()
    expect(await screen.findByRole('heading', { name: 'This link is not valid' })).toBeInTheDocument()
  })
})
