import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/** What the contact card passes to every panel. */
export type CardPanelProps = { contactId: number; workspaceId: number; canEdit: boolean }

export type CardPanelDefinition = {
  /** Unique; registering the same id again replaces the panel. */
  id: string
  title: string
  /** Smaller first, within its column. Built in: activity 100. */
  order: number
  /** Wide column under the profile, or the narrow one beside it (default). One column on phones: main, then side. */
  column?: 'main' | 'side'
  /** Loads the panel's code the first time a card shows it: `() => import('./NotesPanel').then((m) => m.NotesPanel)`. */
  load: () => Promise<ComponentType<CardPanelProps>>
}

export type CardPanel = Required<Omit<CardPanelDefinition, 'load'>> & {
  component: LazyExoticComponent<ComponentType<CardPanelProps>>
}

const panels = new Map<string, CardPanel>()

/**
 * Adds a panel to every contact card. A module calls this from its `modules/<area>/cardPanels.ts`,
 * imported once in pages/ContactPage.tsx. Returns a function that removes the panel again (tests).
 */
export function registerCardPanel({ load, column = 'side', ...panel }: CardPanelDefinition): () => void {
  // One lazy component per registration: created during render, it would load again every time.
  const entry = { ...panel, column, component: lazy(() => load().then((component) => ({ default: component }))) }
  panels.set(panel.id, entry)
  return () => {
    if (panels.get(panel.id) === entry) panels.delete(panel.id)
  }
}

/** Registered panels, smallest `order` first (ties by id, so the order never depends on import order). */
export function cardPanels(): CardPanel[] {
  return [...panels.values()].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id))
}

registerCardPanel({
  id: 'activity',
  title: 'Activity',
  order: 100,
  column: 'side',
  load: () => import('./ActivityTimeline').then((m) => m.ActivityTimeline),
})
