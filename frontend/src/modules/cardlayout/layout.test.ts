import { lazy } from 'react'
import { describe, expect, it } from 'vitest'
import type { CardPanel } from '../contacts/cardPanels'
import { builtinLayout, builtinStack, fitLayout, layoutToSave, readingOrder, sameLayout } from './layout'

const panel = (id: string, column: 'main' | 'side', order: number, size: { w?: number; h?: number } = {}): CardPanel => ({
  id,
  title: id,
  order,
  column,
  h: size.h ?? 12,
  w: size.w,
  component: lazy(async () => ({ default: () => null })),
})

const notes = panel('notes', 'main', 10)
const tasks = panel('tasks', 'main', 20, { h: 8 })
const activity = panel('activity', 'side', 100, { h: 16 })
const files = panel('files', 'side', 30, { w: 3, h: 6 })

describe('card layout', () => {
  it('puts main panels in a wide left column and side ones beside them, by order', () => {
    expect(builtinLayout([notes, tasks, files, activity])).toEqual([
      { i: 'notes', x: 0, y: 0, w: 8, h: 12 },
      { i: 'tasks', x: 0, y: 12, w: 8, h: 8 },
      { i: 'files', x: 8, y: 0, w: 3, h: 6 },
      { i: 'activity', x: 8, y: 6, w: 4, h: 16 },
    ])
    // A column alone spans the card.
    expect(builtinLayout([activity])).toEqual([{ i: 'activity', x: 0, y: 0, w: 12, h: 16 }])
    expect(builtinStack(fitLayout([], [notes, files, activity, tasks]), [notes, files, activity, tasks]).map((p) => p.i)).toEqual([
      'notes',
      'tasks',
      'files',
      'activity',
    ])
  })

  it('fits a saved layout to the panels there are: unknown ids out, missing panels at the bottom, packed up', () => {
    const saved = [
      { i: 'activity', x: 0, y: 5, w: 12, h: 4 },
      { i: 'gone-module', x: 0, y: 0, w: 12, h: 5 },
      { i: 'notes', x: 6, y: 9, w: 6, h: 3 },
    ]
    const fitted = fitLayout(saved, [notes, tasks, activity])
    expect(readingOrder(fitted)).toEqual([
      { i: 'activity', x: 0, y: 0, w: 12, h: 4 },
      { i: 'notes', x: 6, y: 4, w: 6, h: 3 },
      { i: 'tasks', x: 0, y: 7, w: 12, h: 8 },
    ])
    // Out-of-range values from elsewhere are brought into the grid.
    expect(fitLayout([{ i: 'notes', x: 11, y: -3, w: 20, h: 99 }], [notes])).toEqual([{ i: 'notes', x: 0, y: 0, w: 12, h: 40 }])
  })

  it('saves what the grid shows and keeps the places of widgets this screen does not know', () => {
    const shown = [{ i: 'notes', x: 0, y: 0, w: 6, h: 4 }]
    const saved = [
      { i: 'notes', x: 6, y: 0, w: 6, h: 4 },
      { i: 'gone-module', x: 0, y: 9, w: 12, h: 5 },
    ]
    expect(layoutToSave(shown, saved)).toEqual([shown[0], saved[1]])
    expect(sameLayout(shown, [{ ...shown[0] }])).toBe(true)
    expect(sameLayout(shown, [{ ...shown[0], h: 5 }])).toBe(false)
  })
})
