import { api } from '../../api/client'
import { uploadWithProgress, type UploadOptions } from '../../api/upload'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey } from '../contacts/hooks'

export type ContactFile = Schemas['ContactFile']

export const filesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'files']
const activitiesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'activities']

/** Paths of a contact's files (the download is a plain link: the session cookie is enough). */
export const filesPath = (ws: number, contactId: number) => `/api/v1/workspaces/${ws}/contacts/${contactId}/files`
export const downloadPath = (ws: number, contactId: number, fileId: number) => `${filesPath(ws, contactId)}/${fileId}`

/** A contact's files, newest first, with the largest file the server takes (`max_bytes`). */
export function useFiles(ws: number, contactId: number, page: number, pageSize = 20) {
  return useListQuery(filesKey(ws, contactId), { page, page_size: pageSize }, (query) =>
    api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/files', {
      params: { path: { ws, contact_id: contactId }, query },
    }),
  )
}

export function useDeleteFile(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: (id: number) =>
      api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}/files/{file_id}', {
        params: { path: { ws, contact_id: contactId, file_id: id } },
      }),
    invalidates: [filesKey(ws, contactId), activitiesKey(ws, contactId)],
  })
}

/** Keys to refresh once an upload is in. */
export const afterUpload = (ws: number, contactId: number) => [filesKey(ws, contactId), activitiesKey(ws, contactId)]

/** Uploads one file to the contact (with progress), or an ApiError naming `file`. */
export function uploadFile(ws: number, contactId: number, file: File, options: UploadOptions = {}): Promise<ContactFile> {
  return uploadWithProgress<ContactFile>(filesPath(ws, contactId), file, options)
}

/** 1536 -> "1.5 KB", 26214400 -> "25 MB" (1024-based, as the server counts). */
export function formatSize(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB']
  let size = bytes
  let unit = 0
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024
    unit += 1
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`
  const shown = size < 10 ? Math.round(size * 10) / 10 : Math.round(size)
  return `${shown.toLocaleString('en-US')} ${units[unit]}`
}
