import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { formatMoney } from './hooks'
import { lineTotal, TransactionsPanel } from './TransactionsPanel'

const transaction = (overrides: Partial<Schemas['Transaction']> = {}): Schemas['Transaction'] => ({
  id: 1,
  contact_id: 7,
  description: null,
  place: 'sklep.example.pl',
  product: 'Kubek „Żółw”',
  price: '4.10',
  quantity: 3,
  amount: '12.30',
  currency: 'PLN',
  ordered_at: '2026-03-01T09:00:00Z',
  order_id: 'A-1',
  created_at: '2026-03-01T09:00:00Z',
  ...overrides,
})

const summary: Schemas['EcommerceSummary'] = {
  currencies: [
    {
      currency: 'PLN',
      lifetime_value: '1234.50',
      order_count: 3,
      average_basket: '411.50',
      first_purchase_at: '2026-01-01T12:00:00Z',
      last_purchase_at: '2026-03-01T12:00:00Z',
    },
  ],
}

const BASE = '/api/v1/workspaces/3/contacts/7'

describe('transactions panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('multiplies the unit price in cents', () => {
    expect(lineTotal('0,1', '3')).toBe('0.30')
    expect(lineTotal('4.10', '3')).toBe('12.30')
    expect(lineTotal('x', '3')).toBe('')
    expect(lineTotal('1', '0')).toBe('')
  })

  it('shows the summary in its currency and the list', async () => {
    mockApi({
      [`GET ${BASE}/ecommerce-summary`]: () => json(200, summary),
      [`GET ${BASE}/transactions`]: () => json(200, page([transaction()])),
    })
    renderWithProviders(<TransactionsPanel contactId={7} workspaceId={3} canEdit={false} />)
    const box = await screen.findByTestId('ecommerce-summary')
    // Intl.NumberFormat in the summary's currency ("PLN 1,234.50", with a no-break space)
    expect(formatMoney('1234.50', 'PLN')).toMatch(/^PLN\s1,234\.50$/)
    expect(within(box).getByText(/^PLN\s1,234\.50$/)).toBeInTheDocument()
    expect(within(box).getByText(/^PLN\s411\.50$/)).toBeInTheDocument()
    expect(await screen.findByText('Kubek „Żółw”')).toBeInTheDocument()
    expect(screen.getByText(/Order A-1/)).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: 'Add transaction' })).toBeNull()
  })

  it('adds a transaction once and shows the API field errors', async () => {
    let posts = 0
    const { calls } = mockApi({
      [`GET ${BASE}/ecommerce-summary`]: () => json(200, { currencies: [] }),
      [`GET ${BASE}/transactions`]: () => json(200, page([])),
      [`POST ${BASE}/transactions`]: () =>
        ++posts === 1
          ? json(422, {
              code: 'validation_error',
              message: 'Some fields are invalid.',
              errors: { currency: ['Use an ISO 4217 currency code, like PLN, EUR or USD.'] },
            })
          : json(201, transaction({ id: 2 })),
    })
    renderWithProviders(<TransactionsPanel contactId={7} workspaceId={3} canEdit />)
    expect(await screen.findByText('No transactions yet.')).toBeInTheDocument()
    await userEvent.click(screen.getByRole('button', { name: 'Add transaction' }))
    await userEvent.type(screen.getByLabelText('Unit price'), '4,10')
    await userEvent.clear(screen.getByLabelText('Quantity'))
    await userEvent.type(screen.getByLabelText('Quantity'), '3')
    expect(screen.getByLabelText(/^Amount/)).toHaveValue('12.30')
    await userEvent.type(screen.getByLabelText(/^Currency/), 'abc')
    await userEvent.click(screen.getByRole('button', { name: 'Save transaction' }))
    expect(await screen.findByText('Use an ISO 4217 currency code, like PLN, EUR or USD.')).toBeInTheDocument()
    await userEvent.clear(screen.getByLabelText(/^Currency/))
    await userEvent.type(screen.getByLabelText(/^Currency/), 'pln')
    await userEvent.dblClick(screen.getByRole('button', { name: 'Save transaction' }))
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Add transaction' })).toBeNull())
    const sent = calls.filter((r) => r.method === 'POST')
    expect(sent).toHaveLength(2)
    expect(await sent[1].json()).toMatchObject({ amount: '12.30', price: '4,10', quantity: 3, currency: 'PLN', ordered_at: null })
  }, 20_000)
})
