import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import { contactsKey } from '../contacts/hooks'

const notesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'notes']
const activitiesKey = (ws: number, contactId: number) => [...detailKey(contactsKey(ws), contactId), 'activities']

/** A contact's notes: pinned first, then the newest. */
export function useNotes(ws: number, contactId: number) {
  return useListQuery(
    notesKey(ws, contactId),
    { page_size: 50 },
    (query) =>
      api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/notes', {
        params: { path: { ws, contact_id: contactId }, query },
      }),
  )
}

export function useAddNote(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: string; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/notes', {
        params: { path: { ws, contact_id: contactId } },
        body: { body, pinned: false },
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [notesKey(ws, contactId), activitiesKey(ws, contactId)],
  })
}

export function useChangeNote(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: ({ id, pinned, remove }: { id: number; pinned?: boolean; remove?: boolean }) => {
      const path = { ws, contact_id: contactId, note_id: id }
      return remove
        ? api.DELETE('/api/v1/workspaces/{ws}/contacts/{contact_id}/notes/{note_id}', { params: { path } })
        : api.PATCH('/api/v1/workspaces/{ws}/contacts/{contact_id}/notes/{note_id}', { params: { path }, body: { pinned } })
    },
    invalidates: [notesKey(ws, contactId), activitiesKey(ws, contactId)],
  })
}

/** What someone typed as HTML paragraphs: the text escaped, blank lines between paragraphs. */
export function textToHtml(text: string): string {
  const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return text
    .trim()
    .split(/\n\s*\n/)
    .map((p) => `<p>${escape(p.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('')
}
