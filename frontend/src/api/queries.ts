import {
  keepPreviousData,
  partialMatchKey,
  useInfiniteQuery,
  useMutation,
  useQuery,
  type QueryClient,
  type QueryKey,
} from '@tanstack/react-query'
import { useCallback, useMemo } from 'react'
import { useSearchParams } from 'react-router'
import { isApiError } from './errors'

/**
 * What an openapi-fetch call resolves to. Only the success half reaches the helpers: the client's
 * middleware throws an ApiError on any other answer.
 */
type Fetched<T> = Promise<{ data?: T }>

/** A 204 has no body: its `data` is typed `never`, and is `undefined` at runtime. */
type DataOf<T> = [T] extends [never] ? undefined : T

type QueryOptions = { enabled?: boolean; staleTime?: number }

/** Drops empty values so they are neither sent as query parameters nor part of a cache key. */
export function cleanQuery<T extends object>(query: T): Partial<T> {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Partial<T>
}

/**
 * Cache keys below a module's base key (e.g. `['ws', 7, 'contacts']`): lists at
 * `[...base, 'list', query]`, one item at `[...base, 'one', id]`. Invalidating `base` refreshes both.
 */
export const listKey = (base: QueryKey, query: object = {}) => [...base, 'list', cleanQuery(query)] as const
export const detailKey = (base: QueryKey, id: number | string) => [...base, 'one', id] as const

/**
 * One page of a list. While another page, sort or filter of the same list loads, the current
 * page stays on screen (`isPlaceholderData`); a list under another base key (another workspace
 * or contact) never shows the previous one's rows.
 */
export function useListQuery<Q extends object, T>(
  base: QueryKey,
  query: Q,
  fetchPage: (query: Partial<Q>) => Fetched<T>,
  options: QueryOptions = {},
) {
  const clean = cleanQuery(query)
  return useQuery({
    queryKey: listKey(base, clean),
    queryFn: async () => (await fetchPage(clean)).data as T,
    placeholderData: (previous, previousQuery) =>
      previousQuery && partialMatchKey(previousQuery.queryKey, base) ? keepPreviousData(previous) : undefined,
    ...options,
  })
}

/**
 * A keyset-paged list ({items, next}): the first page, then older ones on `fetchNextPage()`, each
 * asked for with the previous answer's `next` as `before`. Kept at `listKey(base, query)`.
 */
export function useKeysetQuery<Q extends object, I>(
  base: QueryKey,
  query: Q,
  fetchPage: (query: Partial<Q> & { before?: string }) => Fetched<{ items: I[]; next?: string | null }>,
  options: QueryOptions = {},
) {
  const clean = cleanQuery(query)
  const result = useInfiniteQuery({
    queryKey: listKey(base, clean),
    queryFn: async ({ pageParam }) => (await fetchPage(pageParam ? { ...clean, before: pageParam } : clean)).data!,
    initialPageParam: '',
    getNextPageParam: (last) => last.next || undefined,
    ...options,
  })
  const items = useMemo(() => result.data?.pages.flatMap((p) => p.items) ?? [], [result.data])
  return { ...result, items }
}

/** One item, at `detailKey(base, id)`; waits while `id` is not a number (a bad URL). */
export function useDetailQuery<T>(base: QueryKey, id: number, fetchOne: () => Fetched<T>, { enabled = true, ...options }: QueryOptions = {}) {
  return useQuery({
    queryKey: detailKey(base, id),
    queryFn: async () => (await fetchOne()).data as T,
    enabled: enabled && Number.isFinite(id),
    ...options,
  })
}

type MutationOptions<V, T> = {
  mutationFn: (variables: V) => Fetched<T>
  /** Keys whose queries the change makes stale (every query whose key starts with one of them). */
  invalidates: readonly QueryKey[] | ((data: DataOf<T>, variables: V) => readonly QueryKey[])
  /** Runs before the invalidation, e.g. to put the answer into the cache. */
  onSuccess?: (data: DataOf<T>, variables: V, client: QueryClient) => void
}

/**
 * A write through the API client. After a success it refetches what `invalidates` names before
 * `mutateAsync` resolves, so whatever closes or navigates next shows fresh data. A failure stays
 * in `error` for <ErrorAlert>, and `fieldError(name)` reads the API's message for one form field.
 */
export function useApiMutation<V = void, T = never>({ mutationFn, invalidates, onSuccess }: MutationOptions<V, T>) {
  const mutation = useMutation({
    mutationFn: async (variables: V) => (await mutationFn(variables)).data as DataOf<T>,
    onSuccess: async (data, variables, _onMutateResult, { client }) => {
      onSuccess?.(data, variables, client)
      const keys = typeof invalidates === 'function' ? invalidates(data, variables) : invalidates
      await Promise.all(keys.map((queryKey) => client.invalidateQueries({ queryKey })))
    },
  })
  const apiError = isApiError(mutation.error) ? mutation.error : null
  return { ...mutation, fieldError: (field: string) => apiError?.fieldError(field) }
}

/** How one list filter is kept in the URL. */
export type UrlParam<T> = {
  name: string
  read: (raw: string) => T | undefined
  /** Typed into a field: a change replaces the history entry instead of adding one per keystroke. */
  typed?: boolean
}

export const textParam = (name: string, options: { typed?: boolean } = {}): UrlParam<string> => ({
  name,
  read: (raw) => raw || undefined,
  ...options,
})

export const numberParam = (name: string): UrlParam<number> => ({
  name,
  read: (raw) => (raw.trim() && Number.isFinite(Number(raw)) ? Number(raw) : undefined),
})

export type ListParams<F> = Partial<F> & { page: number; page_size: number; sort: string }
/** A change to the list state; `null` or `''` removes the parameter. */
export type ListPatch<F> = { [K in keyof ListParams<F>]?: ListParams<F>[K] | null }

const PAGING_PARAMS = { page: 'page', page_size: 'size', sort: 'sort' } as const
const MAX_PAGE_SIZE = 200

/**
 * A list's page, page size, sort and filters kept in the URL (?page=&size=&sort=&<filters>), so
 * a reload, a shared link and Back show the same list. Pass `filters` as a module constant.
 */
export function useListParams<F extends Record<string, unknown>>(options: {
  filters: { [K in keyof F]: UrlParam<F[K]> }
  sort: string
  pageSize?: number
}) {
  const { filters, sort, pageSize = 50 } = options
  const [params, setParams] = useSearchParams()
  const query = useMemo(() => {
    const state: Record<string, unknown> = {
      page: Math.max(1, Number(params.get('page')) || 1),
      page_size: Math.min(MAX_PAGE_SIZE, Math.max(1, Number(params.get('size')) || pageSize)),
      sort: params.get('sort') || sort,
    }
    for (const [key, param] of Object.entries(filters) as [string, UrlParam<unknown>][]) {
      const raw = params.get(param.name)
      const value = raw === null ? undefined : param.read(raw)
      if (value !== undefined) state[key] = value
    }
    return state as ListParams<F>
  }, [params, filters, sort, pageSize])

  const update = useCallback(
    (patch: ListPatch<F>) => {
      const typed = (key: string) => !!(filters as Record<string, UrlParam<unknown> | undefined>)[key]?.typed
      setParams(
        (prev) => {
          const next = new URLSearchParams(prev)
          for (const [key, value] of Object.entries(patch)) {
            const name = key in PAGING_PARAMS ? PAGING_PARAMS[key as keyof typeof PAGING_PARAMS] : filters[key].name
            if (value === undefined || value === null || value === '') next.delete(name)
            else next.set(name, String(value))
          }
          // Any other change goes back to page 1.
          if (!('page' in patch)) next.delete('page')
          return next
        },
        // Paging, sorting and filters are history entries (Back returns to them); typing is not.
        { replace: Object.keys(patch).every(typed) },
      )
    },
    [setParams, filters],
  )
  return { query, update }
}
