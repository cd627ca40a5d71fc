import { api } from '../../api/client'
import { useApiMutation, useListQuery } from '../../api/queries'
import { contactsKey, tagsKey } from '../contacts/hooks'

export type TagQuery = { q?: string; page?: number; page_size?: number; sort?: string }

/** A page of the workspace's tags with how many contacts (that I may see) carry each. */
export function useTagPage(ws: number, query: TagQuery) {
  return useListQuery(
    [...tagsKey(ws), 'admin'],
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/tags', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) },
  )
}

// Tag names show on contacts: every list and card refreshes after a change.
const touched = (ws: number) => [tagsKey(ws), contactsKey(ws)]

export function useRenameTag(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) =>
      api.PATCH('/api/v1/workspaces/{ws}/tags/{tag_id}', { params: { path: { ws, tag_id: id } }, body: { name } }),
    invalidates: touched(ws),
  })
}

export function useDeleteTag(ws: number) {
  return useApiMutation({
    mutationFn: (id: number) => api.DELETE('/api/v1/workspaces/{ws}/tags/{tag_id}', { params: { path: { ws, tag_id: id } } }),
    invalidates: touched(ws),
  })
}

/** Fold tag `id` into `into_id`: its contacts get that tag, `id` is deleted. */
export function useMergeTag(ws: number) {
  return useApiMutation({
    mutationFn: ({ id, into_id }: { id: number; into_id: number }) =>
      api.POST('/api/v1/workspaces/{ws}/tags/{tag_id}/merge', { params: { path: { ws, tag_id: id } }, body: { into_id } }),
    invalidates: touched(ws),
  })
}
