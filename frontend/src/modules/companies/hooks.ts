import { api } from '../../api/client'
import { detailKey, textParam, useApiMutation, useDetailQuery, useListParams, useListQuery } from '../../api/queries'
import { contactsKey } from '../contacts/hooks'
import type { CompanyFilters, CompanyInput, CompanyListQuery, CompanyPatch } from './types'

export const companiesKey = (ws: number) => ['ws', ws, 'companies'] as const

export function useCompanies(ws: number, query: CompanyListQuery, options: { enabled?: boolean } = {}) {
  return useListQuery(
    companiesKey(ws),
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/companies', { params: { path: { ws }, query: q } }),
    { enabled: Number.isFinite(ws) && (options.enabled ?? true), staleTime: 10_000 },
  )
}

export function useCompany(ws: number, id: number, options: { enabled?: boolean } = {}) {
  return useDetailQuery(
    companiesKey(ws),
    id,
    () => api.GET('/api/v1/workspaces/{ws}/companies/{company_id}', { params: { path: { ws, company_id: id } } }),
    { enabled: Number.isFinite(ws) && (options.enabled ?? true) },
  )
}

export function useCompanyContacts(ws: number, id: number, query: { page: number; page_size: number }) {
  return useListQuery(
    [...detailKey(companiesKey(ws), id), 'contacts'],
    query,
    (q) => api.GET('/api/v1/workspaces/{ws}/companies/{company_id}/contacts', { params: { path: { ws, company_id: id }, query: q } }),
    { enabled: Number.isFinite(ws) && Number.isFinite(id) },
  )
}

export function useCreateCompany(ws: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CompanyInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/companies', {
        params: { path: { ws } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    onSuccess: (company, _v, client) => client.setQueryData(detailKey(companiesKey(ws), company.id), company),
    invalidates: [[...companiesKey(ws), 'list']],
  })
}

export function useUpdateCompany(ws: number, id: number) {
  return useApiMutation({
    mutationFn: (body: CompanyPatch) =>
      api.PATCH('/api/v1/workspaces/{ws}/companies/{company_id}', { params: { path: { ws, company_id: id } }, body }),
    onSuccess: (company, _body, client) => client.setQueryData(detailKey(companiesKey(ws), id), company),
    // A new name shows on its contacts too.
    invalidates: [[...companiesKey(ws), 'list'], contactsKey(ws)],
  })
}

export function useDeleteCompany(ws: number, id: number) {
  return useApiMutation({
    mutationFn: () => api.DELETE('/api/v1/workspaces/{ws}/companies/{company_id}', { params: { path: { ws, company_id: id } } }),
    // Lists only: refetching the deleted company would answer 404 on the page being left.
    invalidates: [[...companiesKey(ws), 'list'], contactsKey(ws)],
  })
}

const FILTERS = { q: textParam('q', { typed: true }) }

/** Company list state kept in the URL (?q=&sort=&page=&size=), like the contacts list. */
export function useCompanyListParams() {
  return useListParams<Required<CompanyFilters>>({ filters: FILTERS, sort: 'name' })
}
