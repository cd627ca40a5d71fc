import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useParams } from 'react-router'
import { api } from '../../api/client'
import { meKey, useMe } from '../auth/hooks'
import type { MeWorkspace } from '../auth/types'
import { can, managesAgency, type Action } from './permissions'
import type { WorkspaceInput } from './types'

/** The workspace id from the URL (/w/:ws/...). */
export function useWorkspaceId(): number {
  const { ws } = useParams()
  return Number(ws)
}

/** The current workspace as listed by /me, with the user's role in it. */
export function useCurrentWorkspace(): MeWorkspace | undefined {
  const id = useWorkspaceId()
  const { data } = useMe()
  return data?.workspaces.find((w) => w.id === id)
}

export function useCan(action: Action): boolean {
  return can(useCurrentWorkspace()?.role, action)
}

/** Agencies where the user may create workspaces (owner/admin). */
export function useManagedAgencies() {
  const { data } = useMe()
  return (data?.agencies ?? []).filter((a) => managesAgency(a.role))
}

export function useCreateWorkspace() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async ({ body, idempotencyKey }: { body: WorkspaceInput; idempotencyKey: string }) => {
      const { data } = await api.POST('/api/v1/workspaces', { body, headers: { 'Idempotency-Key': idempotencyKey } })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  })
}

export function useUpdateWorkspace(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async (body: { name: string; time_zone: string; slug: string }) => {
      const { data } = await api.PATCH('/api/v1/workspaces/{ws}', { params: { path: { ws } }, body })
      return data!
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  })
}

export function useDeleteWorkspace(ws: number) {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: async () => {
      await api.DELETE('/api/v1/workspaces/{ws}', { params: { path: { ws } } })
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: meKey }),
  })
}

/** Workspaces grouped by agency name, for the switcher. */
export function groupByAgency(workspaces: MeWorkspace[]): { group: string; items: { value: string; label: string }[] }[] {
  const groups = new Map<string, { value: string; label: string }[]>()
  for (const w of workspaces) {
    const list = groups.get(w.agency_name) ?? []
    list.push({ value: String(w.id), label: w.name })
    groups.set(w.agency_name, list)
  }
  return [...groups.entries()].map(([group, items]) => ({ group, items }))
}
