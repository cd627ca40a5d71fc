import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Role } from '../../api/types'
import * as fixtures from '../../test/fixtures'
import { json, mockApi, renderWithProviders, testQueryClient } from '../../test/render'
import { cardPanels, registerCardPanel, type CardPanelProps } from '../contacts/cardPanels'
import { CardDashboard } from './CardDashboard'
import type { CardLayout } from './hooks'

const PATH = '/api/v1/workspaces/7/card-layout'
const cleanups: (() => void)[] = []

function Probe({ contactId }: CardPanelProps) {
  return <p>{`probe for ${contactId}`}</p>
}

function registered() {
  cleanups.push(registerCardPanel({ id: 'notes', title: 'Notes', order: 10, column: 'main', load: async () => Probe }))
  cleanups.push(registerCardPanel({ id: 'tasks', title: 'Tasks', order: 20, column: 'main', load: async () => Probe }))
  cleanups.push(registerCardPanel({ id: 'files', title: 'Files', order: 5, column: 'side', load: async () => Probe }))
  return cardPanels().filter((p) => p.id !== 'activity')
}

const answer = (overrides: Partial<CardLayout> = {}): CardLayout => ({ layout: [], locked: false, source: 'builtin', updated_at: null, ...overrides })

/** The widget container measures `width` (jsdom lays nothing out: 0 unless told). */
function measure(width: number) {
  const real = window.getComputedStyle
  vi.spyOn(window, 'getComputedStyle').mockImplementation((elt: Element, pseudo?: string | null) => {
    const style = real(elt, pseudo)
    if (!(elt instanceof HTMLElement) || elt.dataset.testid !== 'card-widgets') return style
    return new Proxy(style, { get: (target, key) => (key === 'width' ? `${width}px` : Reflect.get(target, key, target)) })
  })
}

function setup(role: Role, layout: CardLayout, routes: Parameters<typeof mockApi>[0] = {}) {
  const client = testQueryClient()
  client.setQueryData(['me'], fixtures.me({ workspaces: [fixtures.workspaceRef({ role })] }))
  const api = mockApi({ [`GET ${PATH}`]: () => json(200, layout), ...routes })
  renderWithProviders(<CardDashboard panels={registered()} contactId={3} workspaceId={7} canEdit={role !== 'viewer'} />, {
    client,
    route: '/w/7/contacts/3',
    path: '/w/:ws/contacts/:contactId',
  })
  return api
}

// Mantine's menu stays display:none under jsdom (its transition never runs): query it as hidden.
const menuItem = (name: string) => screen.findByRole('menuitem', { name, hidden: true })
const titles = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)
const writes = (calls: Request[]) => calls.filter((r) => r.method !== 'GET')

describe('the card as a dashboard', () => {
  afterEach(() => {
    cleanups.splice(0).forEach((unregister) => unregister())
    vi.unstubAllGlobals()
    vi.restoreAllMocks()
  })

  it('is one column on a narrow screen: built in, main panels first, and saves nothing', async () => {
    const { calls } = setup('member', answer())
    expect(await screen.findAllByText('probe for 3')).toHaveLength(3)
    expect(titles()).toEqual(['Notes', 'Tasks', 'Files'])
    expect(screen.getByTestId('card-widgets')).toHaveAttribute('data-layout', 'stack')
    expect(document.querySelector('.card-panel-handle')).toBeNull() // nothing to drag
    expect(writes(calls)).toEqual([])
  })

  it('stacks a saved layout top to bottom, then left to right; a panel it lacks comes last', async () => {
    const layout = [
      { i: 'files', x: 6, y: 0, w: 6, h: 4 },
      { i: 'not-installed', x: 0, y: 0, w: 6, h: 4 },
      { i: 'notes', x: 0, y: 4, w: 12, h: 4 },
      { i: 'gone', x: 0, y: 9, w: 12, h: 4 },
    ]
    setup('viewer', answer({ layout, source: 'mine' }))
    await screen.findAllByText('probe for 3')
    expect(titles()).toEqual(['Files', 'Notes', 'Tasks'])
  })

  it('shows members a locked layout as locked, with nothing to change', async () => {
    setup('member', answer({ layout: [{ i: 'tasks', x: 0, y: 0, w: 12, h: 4 }], locked: true, source: 'default' }))
    expect(await screen.findByText('Layout locked by your admin')).toBeInTheDocument()
    expect(titles()[0]).toBe('Tasks')
    expect(screen.queryByRole('button', { name: 'Reset layout' })).not.toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Layout' })).not.toBeInTheDocument()
  })

  it('resets one’s own layout to the workspace default', async () => {
    let current = answer({ layout: [{ i: 'tasks', x: 0, y: 0, w: 12, h: 4 }], source: 'mine' })
    const { calls } = setup('member', current, {
      [`GET ${PATH}`]: () => json(200, current),
      [`DELETE ${PATH}`]: () => {
        current = answer({ layout: [{ i: 'files', x: 0, y: 0, w: 12, h: 4 }], source: 'default' })
        return new Response(null, { status: 204 })
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Reset layout' }))
    expect(await screen.findByText('Back to the workspace default.')).toBeInTheDocument()
    await waitFor(() => expect(titles()[0]).toBe('Files'))
    expect(screen.queryByRole('button', { name: 'Reset layout' })).not.toBeInTheDocument()
    expect(writes(calls).map((r) => r.method)).toEqual(['DELETE'])
  })

  it('lets an admin publish what the card shows as the default, locked', async () => {
    const mine = [
      { i: 'tasks', x: 0, y: 0, w: 7, h: 5 },
      { i: 'not-installed', x: 0, y: 30, w: 12, h: 4 },
    ]
    let body: unknown
    const { calls } = setup('admin', answer({ layout: mine, source: 'mine' }), {
      [`PUT ${PATH}/default`]: async (req) => {
        body = await req.json()
        return json(200, answer({ layout: mine, locked: true, source: 'default' }))
      },
    })
    await userEvent.click(await screen.findByRole('button', { name: 'Layout' }))
    await userEvent.click(await menuItem('Publish as default…'))
    const dialog = await screen.findByRole('dialog', { name: 'Publish as the workspace default' })
    await userEvent.click(within(dialog).getByRole('checkbox', { name: /Lock for members/ }))
    await userEvent.click(within(dialog).getByRole('button', { name: 'Publish' }))
    expect(await screen.findByText('Published and locked for members.')).toBeInTheDocument()
    expect(body).toEqual({
      layout: [
        { i: 'tasks', x: 0, y: 0, w: 7, h: 5 },
        { i: 'files', x: 0, y: 5, w: 12, h: 9 },
        { i: 'notes', x: 0, y: 14, w: 12, h: 9 },
        { i: 'not-installed', x: 0, y: 30, w: 12, h: 4 }, // kept for the screens that have it
      ],
      locked: true,
    })
    expect(writes(calls).map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([`PUT ${PATH}/default`])
  })

  it('is a grid of movable widgets on a wide screen, and saves nothing until one is moved', async () => {
    measure(1000)
    const { calls } = setup('viewer', answer({ layout: [{ i: 'files', x: 4, y: 0, w: 8, h: 6 }], source: 'mine' }))
    await screen.findAllByText('probe for 3')
    expect(screen.getByTestId('card-widgets')).toHaveAttribute('data-layout', 'grid')
    expect(document.querySelectorAll('.react-grid-item .card-panel-handle')).toHaveLength(3)
    expect(screen.getByText('Drag a widget by its title; resize it from its lower right corner.')).toBeInTheDocument()
    await new Promise((resolve) => setTimeout(resolve, 800)) // longer than the save delay
    expect(writes(calls)).toEqual([])
  })

  it('keeps a locked grid still', async () => {
    measure(1000)
    setup('admin', answer({ locked: true, source: 'default' }))
    expect(await screen.findByText('Layout locked for members')).toBeInTheDocument()
    await screen.findAllByText('probe for 3')
    expect(screen.getByTestId('card-widgets')).toHaveAttribute('data-layout', 'grid')
    expect(document.querySelector('.card-panel-handle')).toBeNull()
    await userEvent.click(screen.getByRole('button', { name: 'Layout' }))
    expect(await menuItem('Unlock for members')).toBeInTheDocument()
    expect(await menuItem('Reset layout')).toBeDisabled()
  })
})
