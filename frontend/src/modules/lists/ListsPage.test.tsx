import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { me, page, workspaceRef } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { mailingList } from './fixtures'
import { ListsPage } from './ListsPage'

const BASE = '/api/v1/workspaces/7'
type Routes = Parameters<typeof mockApi>[0]

function api(role: 'admin' | 'member' | 'viewer', routes: Routes) {
  return mockApi({ 'GET /api/v1/me': () => json(200, me({ workspaces: [workspaceRef({ id: 7, role })] })), ...routes })
}

const render = (route = '/w/7/lists') => renderWithProviders(<ListsPage />, { route, path: '/w/:ws/lists' })

describe('the Lists page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each list with its opt-in and subscribers, and searches in the URL', async () => {
    const asked: string[] = []
    const news = mailingList()
    const shop = mailingList({ id: 5, name: 'Sklep: oferty dla stałych klientów', description: null, double_opt_in: false, public: false, counts: { unconfirmed: 0, subscribed: 0, unsubscribed: 0, bounced: 1, complained: 0 } })
    api('member', {
      [`GET ${BASE}/lists`]: (_r, url) => {
        asked.push(url.search)
        const q = url.searchParams.get('q')
        return json(200, page(q ? [news] : [news, shop]))
      },
    })
    const { router } = render()
    const table = await screen.findByRole('table', { name: 'Lists' })
    const [, first, second] = within(table).getAllByRole('row')
    expect(within(first).getByRole('link', { name: 'Nowości — Новости' })).toHaveAttribute('href', '/w/7/lists/4')
    expect(within(first).getByText('Double opt-in')).toBeInTheDocument()
    expect(within(first).getByText('1,234')).toBeInTheDocument()
    expect(within(first).getByText('2 waiting · 5 unsubscribed')).toBeInTheDocument()
    expect(within(second).getByText('Single opt-in')).toBeInTheDocument()
    expect(within(second).getByText('Private')).toBeInTheDocument()
    expect(within(second).getByText('1 bounced')).toBeInTheDocument()
    expect(within(first).getByRole('button', { name: 'Edit Nowości — Новости' })).toBeInTheDocument()
    expect(within(first).queryByRole('button', { name: /^Delete/ })).toBeNull() // admins delete

    await userEvent.type(screen.getByLabelText('Search lists'), 'nowo')
    await waitFor(() => expect(router.state.location.search).toBe('?q=nowo'))
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2))
    expect(asked.at(-1)).toContain('q=nowo')
  })

  it('moves a list to the trash with undo, and shows the trash from the URL', async () => {
    const calls: string[] = []
    let deleted = false
    api('admin', {
      [`GET ${BASE}/lists`]: (_r, url) =>
        json(200, page(url.searchParams.get('deleted') === 'true' ? [mailingList({ id: 9, name: 'Stara lista', deleted_at: '2026-03-03T10:00:00Z' })] : deleted ? [] : [mailingList()])),
      [`DELETE ${BASE}/lists/4`]: () => {
        calls.push('delete')
        deleted = true
        return new Response(null, { status: 204 })
      },
      [`POST ${BASE}/lists/4/restore`]: () => {
        calls.push('restore')
        deleted = false
        return json(200, mailingList())
      },
      [`POST ${BASE}/lists/9/restore`]: () => {
        calls.push('restore 9')
        return json(200, mailingList({ id: 9 }))
      },
    })
    const { router } = render()
    await userEvent.click(await screen.findByRole('button', { name: 'Delete Nowości — Новости' }))
    const notice = (await screen.findByText(/Its subscribers and history are kept/)).closest<HTMLElement>('[role="status"]')!
    expect(notice).toHaveTextContent('Moved Nowości — Новости to the trash')
    expect(await screen.findByText('No lists yet')).toBeInTheDocument()
    await userEvent.click(within(notice).getByRole('button', { name: 'Undo' }))
    expect(await screen.findByRole('link', { name: 'Nowości — Новости' })).toBeInTheDocument()
    expect(calls).toEqual(['delete', 'restore'])

    await userEvent.click(screen.getByText('Trash'))
    await waitFor(() => expect(router.state.location.search).toBe('?deleted=true'))
    const trash = await screen.findByRole('table', { name: 'Deleted lists' })
    expect(within(trash).getByText('Stara lista')).toBeInTheDocument()
    expect(within(trash).queryByRole('link')).toBeNull()
    await userEvent.click(within(trash).getByRole('button', { name: 'Restore Stara lista' }))
    await waitFor(() => expect(calls).toEqual(['delete', 'restore', 'restore 9']))
  })

  it('invites a member to create the first list', async () => {
    api('member', { [`GET ${BASE}/lists`]: () => json(200, page([])) })
    render()
    expect(await screen.findByText('No lists yet')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'New list' }))
    const dialog = await screen.findByRole('dialog', { name: 'New list' })
    expect(within(dialog).getByRole('switch', { name: /Double opt-in/ })).toBeChecked()
    expect(within(dialog).getByRole('button', { name: 'Create list' })).toBeDisabled()
  })
})
