import { api } from '../../api/client'
import { useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { activitiesKey } from '../contacts/hooks'

export type Task = Schemas['Task']
export type TaskStatus = 'open' | 'overdue' | 'done'
export type TaskQuery = {
  assignee?: string
  status?: TaskStatus
  contact_id?: number
  page?: number
  page_size?: number
  sort?: string
}
export type TaskFields = { title: string; due_at: string | null; assignee_id: number | null }

/** Every task list (a card's, "my tasks") refreshes after any task changes. */
export const tasksKey = (ws: number) => ['ws', ws, 'tasks'] as const

export function useTasks(ws: number, query: TaskQuery, options: { enabled?: boolean } = {}) {
  return useListQuery(
    tasksKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/tasks', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) && (options.enabled ?? true) },
  )
}

export function useAddTask(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: Schemas['TaskIn']; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/tasks', { params: { path: { ws } }, body, headers: { 'Idempotency-Key': idempotencyKey } }),
    invalidates: (_data, { body }) => [tasksKey(ws), activitiesKey(ws, body.contact_id)],
  })
}

type Change = { task: Pick<Task, 'id' | 'contact_id'> } & ({ patch: Schemas['TaskPatch'] } | { remove: true })

/** Edit, tick off, reopen or delete a task. */
export function useChangeTask(ws: number) {
  return useApiMutation({
    mutationFn: (change: Change) => {
      const path = { ws, task_id: change.task.id }
      return 'remove' in change
        ? api.DELETE('/api/v1/workspaces/{ws}/tasks/{task_id}', { params: { path } })
        : api.PATCH('/api/v1/workspaces/{ws}/tasks/{task_id}', { params: { path }, body: change.patch })
    },
    invalidates: (_data, { task }) => [tasksKey(ws), activitiesKey(ws, task.contact_id)],
  })
}

const pad = (n: number) => String(n).padStart(2, '0')

/** An API time as the value of a `datetime-local` input (the browser's time zone). */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) return ''
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return ''
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
}

/** A `datetime-local` value (local time) as an ISO time with its offset (UTC), or null. */
export function fromLocalInput(value: string): string | null {
  if (!value) return null
  const d = new Date(value)
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}
