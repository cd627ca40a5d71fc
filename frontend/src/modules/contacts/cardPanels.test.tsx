import { screen } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { renderWithProviders } from '../../test/render'
import { CardPanelList } from './CardPanelList'
import { cardPanels, registerCardPanel, type CardPanelDefinition, type CardPanelProps } from './cardPanels'

const cleanups: (() => void)[] = []
const register = (panel: Partial<CardPanelDefinition> & Pick<CardPanelDefinition, 'id'>) => {
  cleanups.push(registerCardPanel({ title: panel.id, order: 10, load: async () => () => null, ...panel }))
}
const ids = () => cardPanels().map((p) => p.id)

function Probe({ contactId, workspaceId, canEdit }: CardPanelProps) {
  return <p>{`contact ${contactId} in ${workspaceId}, ${canEdit ? 'editable' : 'read-only'}`}</p>
}

describe('contact card panels', () => {
  afterEach(() => {
    cleanups.splice(0).forEach((unregister) => unregister())
    vi.restoreAllMocks()
  })

  it('lists panels by order, then id; the same id replaces, unregistering removes', () => {
    expect(ids()).toEqual(['activity'])
    register({ id: 'tasks', order: 20 })
    register({ id: 'notes', order: 10 })
    register({ id: 'files', order: 20 })
    register({ id: 'consents', order: 200, column: 'main' })
    expect(ids()).toEqual(['notes', 'files', 'tasks', 'activity', 'consents'])
    expect(cardPanels().find((p) => p.id === 'notes')?.column).toBe('side')

    register({ id: 'notes', order: 300 })
    expect(ids()).toEqual(['files', 'tasks', 'activity', 'consents', 'notes'])
    cleanups.splice(0).forEach((unregister) => unregister())
    expect(ids()).toEqual(['activity'])
  })

  it('loads a panel lazily, with a skeleton meanwhile, and passes the card props', async () => {
    let release: () => void = () => {}
    const load = vi.fn(() => new Promise<typeof Probe>((resolve) => (release = () => resolve(Probe))))
    register({ id: 'notes', title: 'Notes', load })
    expect(load).not.toHaveBeenCalled()

    renderWithProviders(<CardPanelList panels={cardPanels().filter((p) => p.id === 'notes')} contactId={3} workspaceId={7} canEdit={false} />)
    expect(screen.getByRole('region', { name: 'Notes' })).toBeInTheDocument()
    expect(screen.getByRole('status', { name: 'Loading Notes' })).toBeInTheDocument()
    release()
    expect(await screen.findByText('contact 3 in 7, read-only')).toBeInTheDocument()
    expect(screen.queryByRole('status', { name: 'Loading Notes' })).not.toBeInTheDocument()
    expect(load).toHaveBeenCalledTimes(1)
  })

  it('shows a panel whose code fails to load as an error, next to the others', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    register({ id: 'files', title: 'Files', order: 1, load: () => Promise.reject(new Error('Failed to fetch dynamically imported module')) })
    register({ id: 'notes', title: 'Notes', order: 2, load: async () => Probe })

    renderWithProviders(<CardPanelList panels={cardPanels().filter((p) => p.id !== 'activity')} contactId={3} workspaceId={7} canEdit />)
    expect(await screen.findByText('contact 3 in 7, editable')).toBeInTheDocument()
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('Files could not be shown')
    expect(alert).toHaveTextContent('Failed to fetch dynamically imported module')
    expect(screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent)).toEqual(['Files', 'Notes'])
  })
})
