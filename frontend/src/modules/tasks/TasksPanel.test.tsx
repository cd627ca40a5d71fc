import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { me, page, user } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { fromLocalInput, toLocalInput } from './hooks'
import { TasksPanel } from './TasksPanel'
import { TasksView } from './TasksView'

const task = (overrides: Partial<Schemas['Task']> = {}): Schemas['Task'] => ({
  id: 1,
  contact_id: 7,
  contact_name: 'Zofia Łukasiewicz',
  title: 'Call back',
  due_at: null,
  assignee_id: 1,
  assignee_name: 'A',
  done: false,
  done_at: null,
  overdue: false,
  created_by_user_id: 1,
  actor_kind: 'user',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
  ...overrides,
})

const member = (overrides: Partial<Schemas['Member']> = {}): Schemas['Member'] => ({
  user_id: 1,
  email: 'a@example.com',
  name: 'A',
  role: 'admin',
  all_contacts: true,
  contact_class_ids: [],
  status: 'active',
  via_agency: false,
  invitation_failed: false,
  powers: [],
  ...overrides,
})

const common = {
  'GET /api/v1/me': () => json(200, me({ user: user({ id: 1 }) })),
  'GET /api/v1/workspaces/3/members': () =>
    json(200, page([member(), member({ user_id: 2, name: 'Bożena', email: 'b@example.com' }), member({ user_id: 5, status: 'invited' })])),
}

describe('tasks', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('turns a local date-time into an ISO time and back', () => {
    const iso = fromLocalInput('2026-03-01T09:30')!
    expect(iso).toMatch(/Z$/)
    expect(toLocalInput(iso)).toBe('2026-03-01T09:30')
    expect(fromLocalInput('')).toBeNull()
  })

  it('shows overdue tasks in red and done ones struck through, and ticks one off', async () => {
    const { calls } = mockApi({
      ...common,
      'GET /api/v1/workspaces/3/tasks': () =>
        json(
          200,
          page([
            task({ id: 1, title: 'Late one', due_at: '2026-01-01T09:00:00Z', overdue: true }),
            task({ id: 2, title: 'Finished', done: true, done_at: '2026-01-02T09:00:00Z' }),
          ]),
        ),
      'PATCH /api/v1/workspaces/3/tasks/1': () => json(200, task({ id: 1, done: true })),
    })
    renderWithProviders(<TasksPanel contactId={7} workspaceId={3} canEdit />)
    const [late, finished] = await screen.findAllByTestId('task')
    expect(within(late).getByText(/Overdue ·/)).toBeInTheDocument()
    expect(within(finished).getByText('Finished')).toHaveStyle({ textDecoration: 'line-through' })
    const listed = calls.find((r) => r.url.includes('/tasks?'))!
    expect(new URL(listed.url).searchParams.get('contact_id')).toBe('7')
    await userEvent.click(within(late).getByRole('checkbox', { name: 'Mark “Late one” done' }))
    await waitFor(() => expect(calls.filter((r) => r.method === 'PATCH')).toHaveLength(1))
    expect(await calls.find((r) => r.method === 'PATCH')!.json()).toEqual({ done: true })
  })

  it('adds a task once, assigned to me, and shows the API’s message at the field', async () => {
    let posts = 0
    const { calls } = mockApi({
      ...common,
      'GET /api/v1/workspaces/3/tasks': () => json(200, page([])),
      'POST /api/v1/workspaces/3/tasks': () =>
        ++posts === 1
          ? json(201, task({ id: 9 }))
          : json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { title: ['Use at most 300 characters.'] } }),
    })
    renderWithProviders(<TasksPanel contactId={7} workspaceId={3} canEdit />)
    expect(await screen.findByText('No tasks yet.')).toBeInTheDocument()
    await userEvent.type(screen.getByLabelText(/New task/), 'Wysłać ofertę')
    await userEvent.dblClick(screen.getByRole('button', { name: 'Add task' }))
    await waitFor(() => expect(calls.filter((r) => r.method === 'POST')).toHaveLength(1))
    const sent = await calls.find((r) => r.method === 'POST')!.json()
    expect(sent).toEqual({ contact_id: 7, title: 'Wysłać ofertę', due_at: null, assignee_id: 1 })
    await waitFor(() => expect(screen.getByLabelText(/New task/)).toHaveValue(''))
    await userEvent.type(screen.getByLabelText(/New task/), 'again')
    await userEvent.click(screen.getByRole('button', { name: 'Add task' }))
    expect(await screen.findByText('Use at most 300 characters.')).toBeInTheDocument()
    expect(screen.getByLabelText(/New task/)).toHaveValue('again')
  })

  it('shows no editing to viewers', async () => {
    mockApi({ ...common, 'GET /api/v1/workspaces/3/tasks': () => json(200, page([task()])) })
    renderWithProviders(<TasksPanel contactId={7} workspaceId={3} canEdit={false} />)
    expect(await screen.findByText('Call back')).toBeInTheDocument()
    expect(screen.queryByLabelText(/New task/)).toBeNull()
    expect(screen.getByRole('checkbox')).toBeDisabled()
  })

  it('"My tasks" keeps the tab and assignee in the URL and links each task to its contact', async () => {
    const { calls } = mockApi({
      ...common,
      'GET /api/v1/workspaces/3/tasks': (_req, url) =>
        json(200, page(url.searchParams.get('status') === 'overdue' ? [task({ id: 4, title: 'Late', overdue: true, due_at: '2026-01-01T09:00:00Z' })] : [task()])),
    })
    const { router } = renderWithProviders(<TasksView ws={3} />, { route: '/w/3/tasks', path: '/w/:ws/tasks' })
    expect(await screen.findByRole('link', { name: 'Zofia Łukasiewicz' })).toHaveAttribute('href', '/w/3/contacts/7')
    const first = new URL(calls.find((r) => r.url.includes('/tasks?'))!.url).searchParams
    expect(first.get('status')).toBe('open')
    expect(first.get('assignee')).toBe('me')
    await userEvent.click(screen.getByRole('tab', { name: 'Overdue' }))
    expect(await screen.findByText('Late')).toBeInTheDocument()
    expect(router.state.location.search).toBe('?status=overdue')
  })
})
