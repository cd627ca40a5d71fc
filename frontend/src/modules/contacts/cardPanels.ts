import { lazy, type ComponentType, type LazyExoticComponent } from 'react'

/** What the contact card passes to every panel. */
export type CardPanelProps = { contactId: number; workspaceId: number; canEdit: boolean }

export type CardPanelDefinition = {
  /** Unique; registering the same id again replaces the panel. 1-40 of a-z, 0-9, _ and -: saved layouts name it. */
  id: string
  title: string
  /** Smaller first, within its column. Built in: activity 100. */
  order: number
  /**
   * Where the built-in card layout puts the widget: the wide left column or the narrow right one
   * (default). Each person may rearrange the card (modules/cardlayout); on phones it is one column.
   */
  column?: 'main' | 'side'
  /** Built-in width in columns of the card's 12-column grid (default: main 8, side 4; 12 when its column is alone). */
  w?: number
  /** Built-in height in grid rows of 30 px plus 16 px gaps (default 9, about 410 px); the content scrolls inside. */
  h?: number
  /** Loads the panel's code the first time a card shows it: `() => import('./NotesPanel').then((m) => m.NotesPanel)`. */
  load: () => Promise<ComponentType<CardPanelProps>>
}

export type CardPanel = Required<Omit<CardPanelDefinition, 'load' | 'w'>> &
  Pick<CardPanelDefinition, 'w'> & {
    component: LazyExoticComponent<ComponentType<CardPanelProps>>
  }

const panels = new Map<string, CardPanel>()

/**
 * Adds a panel to every contact card. A module calls this from its `modules/<area>/cardPanels.ts`,
 * imported once in pages/ContactPage.tsx. Returns a function that removes the panel again (tests).
 */
export function registerCardPanel({ load, column = 'side', h = 9, ...panel }: CardPanelDefinition): () => void {
  // One lazy component per registration: created during render, it would load again every time.
  const entry = { ...panel, column, h, component: lazy(() => load().then((component) => ({ default: component }))) }
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
  column: 'main', // wide: a timeline's lines read better long
  h: 16,
  load: () => import('./ActivityTimeline').then((m) => m.ActivityTimeline),
})
