import { useQuery } from '@tanstack/react-query'
import { api } from '../../api/client'
import { detailKey, useApiMutation, useListQuery } from '../../api/queries'
import type { Schemas } from '../../api/types'
import { contactsKey } from '../contacts/hooks'

export type Transaction = Schemas['Transaction']
export type TransactionInput = Schemas['TransactionIn']
export type CurrencySummary = Schemas['CurrencySummary']

const contactKey = (ws: number, contactId: number) => detailKey(contactsKey(ws), contactId)
const transactionsKey = (ws: number, contactId: number) => [...contactKey(ws, contactId), 'transactions']
const activitiesKey = (ws: number, contactId: number) => [...contactKey(ws, contactId), 'activities']

/** One page of the contact's transactions, newest order first. */
export function useTransactions(ws: number, contactId: number, page: number, pageSize: number) {
  return useListQuery(
    transactionsKey(ws, contactId),
    { page, page_size: pageSize },
    (query) =>
      api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/transactions', {
        params: { path: { ws, contact_id: contactId }, query },
      }),
  )
}

/** Lifetime value, orders, average basket and first/last purchase, per currency. */
export function useEcommerceSummary(ws: number, contactId: number) {
  return useQuery({
    queryKey: [...transactionsKey(ws, contactId), 'summary'],
    queryFn: async () =>
      (
        await api.GET('/api/v1/workspaces/{ws}/contacts/{contact_id}/ecommerce-summary', {
          params: { path: { ws, contact_id: contactId } },
        })
      ).data!,
    enabled: Number.isFinite(ws) && Number.isFinite(contactId),
  })
}

export function useAddTransaction(ws: number, contactId: number) {
  return useApiMutation({
    mutationFn: ({ body, idempotencyKey }: { body: TransactionInput; idempotencyKey: string }) =>
      api.POST('/api/v1/workspaces/{ws}/contacts/{contact_id}/transactions', {
        params: { path: { ws, contact_id: contactId } },
        body,
        headers: { 'Idempotency-Key': idempotencyKey },
      }),
    invalidates: [transactionsKey(ws, contactId), activitiesKey(ws, contactId)],
    // The card's captured lifetime value and order count changed too (only the card itself,
    // not every panel under it).
    onSuccess: (_data, _variables, client) => void client.invalidateQueries({ queryKey: contactKey(ws, contactId), exact: true }),
  })
}

/** "PLN 1,234.50": an exact decimal string shown in its currency (Intl.NumberFormat). */
export function formatMoney(amount: string, currency: string): string {
  const value = Number(amount)
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(value)
  } catch {
    return `${amount} ${currency}` // a code this browser does not know
  }
}
