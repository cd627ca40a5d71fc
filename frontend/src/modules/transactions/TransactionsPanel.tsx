import { Button, Group, Loader, Paper, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert, formatDate, formatDateTime, PaginationBar, parseLocaleNumber, useSubmitOnce, useUnsavedChanges } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { formatMoney, useAddTransaction, useEcommerceSummary, useTransactions, type CurrencySummary, type Transaction, type TransactionInput } from './hooks'

const PAGE_SIZE = 10
const WRAP = { overflowWrap: 'anywhere' } as const

type Draft = {
  product: string
  quantity: string
  price: string
  amount: string
  currency: string
  ordered_at: string
  place: string
  description: string
  order_id: string
}
const EMPTY: Draft = { product: '', quantity: '1', price: '', amount: '', currency: '', ordered_at: '', place: '', description: '', order_id: '' }

/** Unit price × quantity in cents, so 0.1 × 3 is "0.30" (or '' when either is not a number). */
export function lineTotal(price: string, quantity: string): string {
  const p = parseLocaleNumber(price)
  const q = Number(quantity)
  if (p === null || !Number.isInteger(q) || q < 1) return ''
  return ((Math.round(p * 100) * q) / 100).toFixed(2)
}

/** The request body: what was typed, trimmed (the API checks numbers exactly and says which field is wrong). */
export function toTransactionBody(d: Draft): TransactionInput {
  const text = (v: string) => v.trim() || null
  const quantity = Number(d.quantity.trim() || '1')
  return {
    product: text(d.product),
    place: text(d.place),
    description: text(d.description),
    order_id: text(d.order_id),
    price: text(d.price),
    amount: d.amount.trim(),
    currency: d.currency.trim().toUpperCase(),
    // not a whole number: sent as typed, so the API names the field
    quantity: Number.isFinite(quantity) ? quantity : (d.quantity as unknown as number),
    ordered_at: d.ordered_at ? new Date(d.ordered_at).toISOString() : null,
  }
}

function Figure({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={600} style={WRAP}>
        {children}
      </Text>
    </div>
  )
}

function Summary({ rows }: { rows: CurrencySummary[] }) {
  return (
    <Stack gap="xs">
      {rows.map((s) => (
        <Paper key={s.currency} withBorder p="sm" radius="sm" data-testid="ecommerce-summary">
          <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" verticalSpacing="xs">
            <Figure label={`Lifetime value (${s.currency})`}>{formatMoney(s.lifetime_value, s.currency)}</Figure>
            <Figure label="Orders">{s.order_count.toLocaleString('en-GB')}</Figure>
            <Figure label="Average basket">{formatMoney(s.average_basket, s.currency)}</Figure>
            <Figure label="First purchase">{formatDate(s.first_purchase_at)}</Figure>
            <Figure label="Last purchase">{formatDate(s.last_purchase_at)}</Figure>
          </SimpleGrid>
        </Paper>
      ))}
    </Stack>
  )
}

function TransactionRow({ t }: { t: Transaction }) {
  const details = [
    formatDateTime(t.ordered_at),
    t.price ? `${t.quantity} × ${formatMoney(t.price, t.currency)}` : t.quantity > 1 ? `${t.quantity} pcs` : null,
    t.place,
    t.order_id ? `Order ${t.order_id}` : null,
  ].filter(Boolean)
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="transaction">
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Text size="sm" fw={600} style={{ ...WRAP, minWidth: 0 }}>
          {t.product || t.description || 'Purchase'}
        </Text>
        <Text size="sm" fw={600} style={{ flexShrink: 0 }}>
          {formatMoney(t.amount, t.currency)}
        </Text>
      </Group>
      {t.product && t.description ? (
        <Text size="xs" style={WRAP}>
          {t.description}
        </Text>
      ) : null}
      <Text size="xs" c="dimmed" style={WRAP}>
        {details.join(' · ')}
      </Text>
    </Paper>
  )
}

function AddTransactionForm({ ws, contactId, currency, onDone }: { ws: number; contactId: number; currency: string; onDone: () => void }) {
  const add = useAddTransaction(ws, contactId)
  const { submit, pending } = useSubmitOnce()
  const [draft, setDraft] = useState<Draft>({ ...EMPTY, currency })
  const [amountTouched, setAmountTouched] = useState(false)
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify({ ...EMPTY, currency }) && !pending)

  const set = (key: keyof Draft, value: string) =>
    setDraft((d) => {
      const next = { ...d, [key]: value }
      if (!amountTouched && (key === 'price' || key === 'quantity')) next.amount = lineTotal(next.price, next.quantity)
      return next
    })
  const field = (key: keyof Draft, label: string, props: Record<string, unknown> = {}) => (
    <TextInput
      size="xs"
      label={label}
      value={draft[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={add.fieldError(key)}
      autoComplete="off"
      {...props}
    />
  )
  const save = (e: React.FormEvent) => {
    e.preventDefault()
    void submit(async (idempotencyKey) => {
      await add.mutateAsync({ body: toTransactionBody(draft), idempotencyKey })
      onDone()
    }).catch(() => undefined)
  }
  const known = Object.keys(EMPTY).some((k) => add.fieldError(k))
  return (
    <form onSubmit={save} noValidate aria-label="Add transaction">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="xs" verticalSpacing={6}>
          {field('product', 'Product', { maxLength: 200, 'data-autofocus': true })}
          {field('place', 'Place', { maxLength: 200, placeholder: 'Store or page' })}
          {field('price', 'Unit price', { inputMode: 'decimal', placeholder: '0.00' })}
          {field('quantity', 'Quantity', { inputMode: 'numeric' })}
          {field('amount', 'Amount', {
            inputMode: 'decimal',
            placeholder: '0.00',
            withAsterisk: true,
            onChange: (e: React.ChangeEvent<HTMLInputElement>) => {
              setAmountTouched(true)
              set('amount', e.currentTarget.value)
            },
          })}
          {field('currency', 'Currency', { maxLength: 3, placeholder: 'PLN', withAsterisk: true, description: 'ISO 4217 code' })}
          {field('ordered_at', 'Ordered at', { type: 'datetime-local', description: 'Empty: now' })}
          {field('order_id', 'Order id', { maxLength: 100, description: 'The same id is never counted twice' })}
        </SimpleGrid>
        {field('description', 'Description', { maxLength: 500 })}
        <ErrorAlert error={known ? null : add.error} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={pending} disabled={!draft.amount.trim() || !draft.currency.trim()}>
            Save transaction
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** The card's purchases: the e-commerce summary per currency, the transactions, and a form to add one. */
export function TransactionsPanel({ contactId, workspaceId, canEdit }: CardPanelProps) {
  const [page, setPage] = useState(1)
  const [adding, setAdding] = useState(false)
  const summary = useEcommerceSummary(workspaceId, contactId)
  const list = useTransactions(workspaceId, contactId, page, PAGE_SIZE)
  const currencies = summary.data?.currencies ?? []
  const items = list.data?.items ?? []
  return (
    <Stack gap="sm">
      <ErrorAlert error={summary.error ?? list.error} />
      {currencies.length ? <Summary rows={currencies} /> : null}
      {canEdit ? (
        adding ? (
          <Paper withBorder p="sm" radius="sm">
            <AddTransactionForm ws={workspaceId} contactId={contactId} currency={currencies[0]?.currency ?? ''} onDone={() => setAdding(false)} />
          </Paper>
        ) : (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }}>
            Add transaction
          </Button>
        )
      ) : null}
      {list.isPending || summary.isPending ? <Loader size="sm" aria-label="Loading transactions" /> : null}
      {list.isSuccess && !items.length ? (
        <Text size="sm" c="dimmed">
          No transactions yet.
        </Text>
      ) : null}
      {items.map((t) => (
        <TransactionRow key={t.id} t={t} />
      ))}
      {list.data && list.data.total > PAGE_SIZE ? (
        <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onPageChange={setPage} noun="transactions" />
      ) : null}
    </Stack>
  )
}
