import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import type { ContactListQuery } from './types'

/** Contact list state kept in the URL (?q=&tag=&class=&sort=&page=&size=). */
export function useContactListParams() {
  const [params, setParams] = useSearchParams()
  const query: Required<Pick<ContactListQuery, 'page' | 'page_size' | 'sort'>> & ContactListQuery = useMemo(
    () => ({
      q: params.get('q') ?? '',
      tag: params.get('tag') ?? undefined,
      contact_class_id: params.get('class') ? Number(params.get('class')) : undefined,
      sort: params.get('sort') ?? '-created_at',
      page: Math.max(1, Number(params.get('page')) || 1),
      page_size: Math.min(200, Math.max(1, Number(params.get('size')) || 50)),
    }),
    [params],
  )
  const update = useCallback(
    (patch: Partial<Record<'q' | 'tag' | 'class' | 'sort' | 'page' | 'size', string | number | null | undefined>>) => {
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [k, v] of Object.entries(patch)) {
            if (v === undefined || v === null || v === '') next.delete(k)
            else next.set(k, String(v))
          }
          // any filter change goes back to page 1
          if (!('page' in patch)) next.delete('page')
          return next
        },
        // Paging, sorting and filters are history entries (Back returns to them); typing a
        // search replaces the current one instead of adding one per keystroke.
        { replace: Object.keys(patch).every((k) => k === 'q') },
      )
    },
    [setParams],
  )
  return { query, update }
}
