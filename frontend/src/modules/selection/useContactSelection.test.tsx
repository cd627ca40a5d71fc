import { act, renderHook } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { resetSelectionCache, useContactSelection } from './useContactSelection'

const page1 = [
  { id: 1, name: 'Ada Lovelace' },
  { id: 2, name: 'Zofia Łukasiewicz' },
]
const page2 = [
  { id: 51, name: 'Иван Петров' },
  { id: 52, name: 'Grace Hopper' },
]

describe('useContactSelection', () => {
  beforeEach(() => {
    sessionStorage.clear()
    resetSelectionCache()
  })

  it('keeps ticked contacts across pages, remounts and a reload of the tab', () => {
    const { result, unmount } = renderHook(() => useContactSelection(7))
    act(() => result.current.set(page1, true))
    act(() => result.current.set(page2, true)) // the user went to page 2
    act(() => result.current.set([page2[1]], false))
    expect(result.current.count).toBe(3)
    expect(result.current.body).toEqual({ ids: [1, 2, 51] })
    expect(result.current.isSelected(52)).toBe(false)
    unmount()

    resetSelectionCache() // what a reload forgets: only sessionStorage is left
    const again = renderHook(() => useContactSelection(7)).result
    expect(again.current.selection).toEqual({ mode: 'ids', items: [...page1, page2[0]] })
    // another workspace has its own
    expect(renderHook(() => useContactSelection(8)).result.current.count).toBe(0)
  })

  it('is shared by every component of the workspace, and ticking twice keeps one', () => {
    const a = renderHook(() => useContactSelection(7)).result
    const b = renderHook(() => useContactSelection(7)).result
    act(() => a.current.toggle(page1[0]))
    act(() => a.current.set(page1, true))
    expect(b.current.count).toBe(2)
    act(() => b.current.remove(1))
    expect(a.current.body).toEqual({ ids: [2] })
  })

  it('clears', () => {
    const { result } = renderHook(() => useContactSelection(7))
    act(() => result.current.set(page1, true))
    act(() => result.current.clear())
    expect(result.current.count).toBe(0)
    expect(result.current.body).toBeNull()
    expect(sessionStorage.getItem('cardfile.selection.7')).toBeNull()
  })

  it('selects all matching a filter, then back to ticking after a clear', () => {
    const { result } = renderHook(() => useContactSelection(7))
    act(() => result.current.set(page1, true))
    act(() => result.current.selectFilter({ q: 'ada', tag: 'vip' }, 1234, '“ada”, tag vip'))
    expect(result.current.count).toBe(1234)
    expect(result.current.body).toEqual({ filter: { q: 'ada', tag: 'vip' } })
    expect(result.current.isSelected(999)).toBe(true)
    resetSelectionCache()
    const reloaded = renderHook(() => useContactSelection(7)).result
    expect(reloaded.current.selection).toEqual({ mode: 'filter', filter: { q: 'ada', tag: 'vip' }, total: 1234, summary: '“ada”, tag vip' })
    act(() => reloaded.current.clear())
    act(() => reloaded.current.toggle(page2[0]))
    expect(reloaded.current.body).toEqual({ ids: [51] })
  })

  it('ignores what it cannot read in storage', () => {
    sessionStorage.setItem('cardfile.selection.7', '{not json')
    expect(renderHook(() => useContactSelection(7)).result.current.count).toBe(0)
  })
})
