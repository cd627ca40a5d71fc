import { verticalCompactor } from 'react-grid-layout/core'
import type { CardPanel } from '../contacts/cardPanels'

/** One widget on the card's grid, as the API stores it. */
export type WidgetPlace = { i: string; x: number; y: number; w: number; h: number }

export const COLS = 12
export const ROW_HEIGHT = 30
export const GAP = 16
const MAIN_WIDTH = 8
const MIN_W = 3
const MIN_H = 4
const MAX_H = 40
/** What the API accepts as a widget id. */
const WIDGET_ID = /^[a-z0-9_-]{1,40}$/

const clamp = (n: number, low: number, high: number) => Math.min(high, Math.max(low, Math.round(n)))

/**
 * The card as it is when nobody has arranged it: main panels in a wide left column, side
 * panels in a narrow right one (either spans the card when it is alone), each column by order.
 */
export function builtinLayout(panels: CardPanel[]): WidgetPlace[] {
  const both = panels.some((p) => p.column === 'main') && panels.some((p) => p.column === 'side')
  const bottoms = { main: 0, side: 0 }
  return panels.map((panel) => {
    const column = panel.column
    const [x, width] = !both ? [0, COLS] : column === 'main' ? [0, MAIN_WIDTH] : [MAIN_WIDTH, COLS - MAIN_WIDTH]
    const w = clamp(panel.w ?? width, 1, COLS - x)
    const place = { i: panel.id, x, y: bottoms[column], w, h: clamp(panel.h, 1, MAX_H) }
    bottoms[column] += place.h
    return place
  })
}

function sane(item: WidgetPlace): WidgetPlace {
  const w = clamp(item.w, 1, COLS)
  return { i: item.i, x: clamp(item.x, 0, COLS - w), y: Math.max(0, Math.round(item.y)), w, h: clamp(item.h, 1, MAX_H) }
}

/** Top to bottom, then left to right: the order of a one-column card. */
export function readingOrder(layout: WidgetPlace[]): WidgetPlace[] {
  return [...layout].sort((a, b) => a.y - b.y || a.x - b.x)
}

/** The built-in layout as one column: main panels, then side ones, each by order. */
export function builtinStack(layout: WidgetPlace[], panels: CardPanel[]): WidgetPlace[] {
  const rank = new Map(panels.map((p, index) => [p.id, (p.column === 'main' ? 0 : panels.length) + index]))
  return [...layout].sort((a, b) => (rank.get(a.i) ?? 0) - (rank.get(b.i) ?? 0))
}

/**
 * A saved layout fitted to the panels this SPA has: ids it does not know are left out (a
 * module may be gone), panels the layout does not name are added at the bottom, across the
 * card, and the widgets are packed upwards as the grid would show them.
 * An empty saved layout means the built-in one.
 */
export function fitLayout(saved: readonly WidgetPlace[], panels: CardPanel[]): WidgetPlace[] {
  if (!saved.length) return compact(builtinLayout(panels))
  const known = new Set(panels.map((p) => p.id))
  const placed: WidgetPlace[] = []
  for (const item of saved) {
    if (known.has(item.i) && !placed.some((p) => p.i === item.i)) placed.push(sane(item))
  }
  const named = new Set(placed.map((item) => item.i))
  let bottom = placed.reduce((max, item) => Math.max(max, item.y + item.h), 0)
  for (const panel of panels) {
    if (named.has(panel.id)) continue
    const h = clamp(panel.h, 1, MAX_H)
    placed.push({ i: panel.id, x: 0, y: bottom, w: COLS, h })
    bottom += h
  }
  return compact(placed)
}

function compact(layout: WidgetPlace[]): WidgetPlace[] {
  return verticalCompactor.compact(layout, COLS).map(({ i, x, y, w, h }) => ({ i, x, y, w, h }))
}

/** The grid's layout as the API takes it, with the places of widgets this SPA does not show kept. */
export function layoutToSave(layout: readonly WidgetPlace[], saved: readonly WidgetPlace[]): WidgetPlace[] {
  const shown = layout.filter((item) => WIDGET_ID.test(item.i)).map(sane)
  const ids = new Set(shown.map((item) => item.i))
  const others = saved.filter((item) => !ids.has(item.i))
  return [...shown, ...others].slice(0, 50)
}

/** Grid items with the limits the grid enforces while dragging and resizing (not saved). */
export function withLimits(layout: WidgetPlace[]) {
  return layout.map((item) => ({ ...item, minW: Math.min(MIN_W, item.w), minH: Math.min(MIN_H, item.h), maxH: MAX_H }))
}

export function sameLayout(a: readonly WidgetPlace[], b: readonly WidgetPlace[]): boolean {
  const key = (l: readonly WidgetPlace[]) => JSON.stringify(readingOrder([...l]).map(({ i, x, y, w, h }) => [i, x, y, w, h]))
  return key(a) === key(b)
}
