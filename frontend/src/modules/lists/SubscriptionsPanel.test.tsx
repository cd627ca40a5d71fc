import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { page } from '../../test/fixtures'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { mailingList } from './fixtures'
import { SubscriptionsPanel } from './SubscriptionsPanel'
import type { ContactSubscriptions } from './types'

const BASE = '/api/v1/workspaces/3'
const LEFT = 'This person left the list themselves: only they can subscribe again (send them a confirmation with status “unconfirmed”, or share the list\'s form).'

const subscriptions: ContactSubscriptions = {
  items: [
    {
      list_id: 4,
      list_name: 'Nowości — Новости',
      status: 'unsubscribed',
      source: 'Preference page',
      subscribed_at: '2026-03-01T09:00:00Z',
      unsubscribed_at: '2026-03-05T09:00:00Z',
      updated_at: '2026-03-05T09:00:00Z',
    },
  ],
  history: [
    {
      id: 2,
      list_id: 4,
      list_name: 'Nowości — Новости',
      status: 'unsubscribed',
      source: 'Preference page',
      proof_text: null,
      ip: '198.51.100.4',
      user_agent: 'Firefox/140.0',
      actor_kind: 'form',
      actor_name: 'Web form',
      at: '2026-03-05T09:00:00Z',
    },
    {
      id: 1,
      list_id: 4,
      list_name: 'Nowości — Новости',
      status: 'subscribed',
      source: 'Form: Nowości — Новости',
      proof_text: 'Zgadzam się na otrzymywanie newslettera.',
      ip: '203.0.113.7',
      user_agent: 'Mozilla/5.0 Safari',
      actor_kind: 'form',
      actor_name: 'Web form',
      at: '2026-03-01T09:00:00Z',
    },
  ],
}

describe('the Subscriptions panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each list’s status and the history with proof, and the API’s refusal to re-subscribe', async () => {
    const sent: unknown[] = []
    mockApi({
      [`GET ${BASE}/contacts/7/subscriptions`]: () => json(200, subscriptions),
      [`GET ${BASE}/lists`]: () => json(200, page([mailingList(), mailingList({ id: 6, name: 'Oferty', double_opt_in: false })])),
      [`POST ${BASE}/lists/4/subscriptions`]: async (req) => {
        sent.push(await req.json())
        return json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { status: [LEFT] } })
      },
      [`POST ${BASE}/lists/6/subscriptions`]: async (req) => {
        sent.push(await req.json())
        return json(200, {})
      },
    })
    renderWithProviders(<SubscriptionsPanel contactId={7} workspaceId={3} canEdit />)
    const row = await screen.findByTestId('subscription')
    expect(within(row).getByText('Unsubscribed')).toBeInTheDocument()
    expect(within(row).getByText('Subscribed 1 Mar 2026 · left 5 Mar 2026 · Preference page')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'History (2)' }))
    const [last, first] = await screen.findAllByTestId('subscription-change')
    expect(within(first).getByText('“Zgadzam się na otrzymywanie newslettera.”')).toBeInTheDocument()
    expect(within(first).getByText('IP 203.0.113.7 · Mozilla/5.0 Safari')).toBeInTheDocument()
    expect(within(last).getByText(/Web form · Preference page/)).toBeInTheDocument()

    await userEvent.click(within(row).getByRole('button', { name: 'Change Nowości — Новости' }))
    const form = within(row).getByRole('form', { name: 'Save status' })
    expect(within(form).getByLabelText('New status')).toHaveValue('Subscribed')
    await userEvent.click(within(form).getByRole('button', { name: 'Save status' }))
    expect(await within(form).findByText(LEFT)).toBeInTheDocument()
    expect(sent).toEqual([{ contact_id: 7, status: 'subscribed' }])

    // Adding to a list offers only the lists the contact is not on.
    await userEvent.click(screen.getByRole('button', { name: 'Add to a list' }))
    await userEvent.click(await screen.findByRole('combobox', { name: 'List' }))
    const offers = await screen.findByRole('option', { name: 'Oferty', hidden: true })
    expect(screen.queryByRole('option', { name: 'Nowości — Новости', hidden: true })).toBeNull()
    await userEvent.click(offers)
    await userEvent.click(screen.getByRole('button', { name: 'Add to list' }))
    await waitFor(() => expect(sent).toHaveLength(2))
    expect(sent[1]).toEqual({ contact_id: 7, status: 'subscribed' })
  }, 20_000)

  it('shows no changing to viewers', async () => {
    mockApi({ [`GET ${BASE}/contacts/7/subscriptions`]: () => json(200, subscriptions) })
    renderWithProviders(<SubscriptionsPanel contactId={7} workspaceId={3} canEdit={false} />)
    expect(await screen.findByTestId('subscription')).toBeInTheDocument()
    expect(screen.queryByRole('button', { name: /^Change/ })).toBeNull()
    expect(screen.queryByRole('button', { name: 'Add to a list' })).toBeNull()
  })
})
