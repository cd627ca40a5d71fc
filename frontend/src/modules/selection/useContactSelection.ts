import { useCallback, useMemo, useSyncExternalStore } from 'react'
import type { ContactFilters } from '../contacts/types'

/** A contact as the tray shows it. */
export type SelectedContact = { id: number; name: string }

/**
 * What is selected: ticked contacts (kept across pages, sorts and searches), or every contact
 * matching a filter ("All N matching"), resolved by the server when an action runs.
 */
export type ContactSelection =
  | { mode: 'ids'; items: SelectedContact[] }
  | { mode: 'filter'; filter: ContactFilters; total: number; summary: string }

/** The API's selection body ({ids} or {filter}). */
export type SelectionBody = { ids: number[] } | { filter: ContactFilters }

const EMPTY: ContactSelection = { mode: 'ids', items: [] }

const storageKey = (ws: number) => `cardfile.selection.${ws}`

// One copy per workspace shared by every component that asks, kept in sessionStorage so a
// reload of the tab keeps it (and another tab has its own).
const cache = new Map<string, ContactSelection>()
const listeners = new Map<string, Set<() => void>>()

function read(key: string): ContactSelection {
  const known = cache.get(key)
  if (known) return known
  let value = EMPTY
  try {
    const raw = sessionStorage.getItem(key)
    if (raw) value = parse(JSON.parse(raw))
  } catch {
    // unreadable or unavailable storage: start empty
  }
  cache.set(key, value)
  return value
}

function parse(raw: unknown): ContactSelection {
  const v = raw as Partial<ContactSelection> | null
  if (v?.mode === 'filter' && v.filter && typeof v.total === 'number') {
    return { mode: 'filter', filter: v.filter, total: v.total, summary: String(v.summary ?? '') }
  }
  if (v?.mode === 'ids' && Array.isArray(v.items)) {
    const items = v.items.filter((c): c is SelectedContact => Number.isInteger(c?.id) && typeof c?.name === 'string')
    return { mode: 'ids', items }
  }
  return EMPTY
}

function write(key: string, value: ContactSelection) {
  cache.set(key, value)
  try {
    if (value.mode === 'ids' && value.items.length === 0) sessionStorage.removeItem(key)
    else sessionStorage.setItem(key, JSON.stringify(value))
  } catch {
    // full or unavailable storage: the selection still lives for this page
  }
  listeners.get(key)?.forEach((fn) => fn())
}

function subscribe(key: string, fn: () => void) {
  const set = listeners.get(key) ?? new Set()
  set.add(fn)
  listeners.set(key, set)
  return () => {
    set.delete(fn)
  }
}

/** Forgets the in-memory copies (tests start from sessionStorage). */
export function resetSelectionCache() {
  cache.clear()
}

/** The contacts picked on the contacts list of workspace `ws`, and what changes them. */
export function useContactSelection(ws: number) {
  const key = storageKey(ws)
  const selection = useSyncExternalStore(
    useCallback((fn: () => void) => subscribe(key, fn), [key]),
    () => read(key),
  )
  const ids = useMemo(() => new Set(selection.mode === 'ids' ? selection.items.map((c) => c.id) : []), [selection])

  const update = useCallback(
    (change: (items: SelectedContact[]) => SelectedContact[]) => {
      const current = read(key)
      write(key, { mode: 'ids', items: change(current.mode === 'ids' ? current.items : []) })
    },
    [key],
  )

  const actions = useMemo(
    () => ({
      /** Tick or untick contacts (a page's rows, or one). */
      set(contacts: SelectedContact[], selected: boolean) {
        update((items) => {
          const drop = new Set(contacts.map((c) => c.id))
          const rest = items.filter((c) => !drop.has(c.id))
          return selected ? [...rest, ...contacts.filter((c, i) => contacts.findIndex((o) => o.id === c.id) === i)] : rest
        })
      },
      toggle(contact: SelectedContact) {
        update((items) =>
          items.some((c) => c.id === contact.id) ? items.filter((c) => c.id !== contact.id) : [...items, contact],
        )
      },
      remove(id: number) {
        update((items) => items.filter((c) => c.id !== id))
      },
      /** Every contact matching `filter`: `total` and `summary` are what the tray shows. */
      selectFilter(filter: ContactFilters, total: number, summary: string) {
        write(key, { mode: 'filter', filter, total, summary })
      },
      clear() {
        write(key, EMPTY)
      },
    }),
    [key, update],
  )

  const count = selection.mode === 'ids' ? selection.items.length : selection.total
  const body: SelectionBody | null =
    selection.mode === 'filter' ? { filter: selection.filter } : count ? { ids: selection.items.map((c) => c.id) } : null

  return {
    selection,
    count,
    /** The body for an API call on this selection, or null when nothing is selected. */
    body,
    isSelected: (id: number) => selection.mode === 'filter' || ids.has(id),
    ...actions,
  }
}
