import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Schemas } from '../../api/types'
import { json, mockApi, renderWithProviders } from '../../test/render'
import { ConsentsPanel } from './ConsentsPanel'

const unknown = { source: null, at: null, proof_text: null, ip: null, user_agent: null, actor_name: null }
const event: Schemas['ConsentEvent'] = {
  id: 5,
  purpose: 'email_marketing',
  purpose_name: 'Email marketing',
  state: 'granted',
  source: 'web form',
  proof_text: 'Zgadzam się na newsletter.',
  ip: '203.0.113.7',
  user_agent: 'Firefox/140.0',
  actor_kind: 'user',
  actor_name: 'Ann',
  at: '2026-03-01T09:00:00Z',
}
const consents: Schemas['Consents'] = {
  current: [
    { ...event, purpose: 'email_marketing', purpose_name: 'Email marketing' },
    { ...unknown, purpose: 'sms', purpose_name: 'SMS', state: 'unknown' },
  ].map(({ id: _id, actor_kind: _kind, ...c }: Record<string, unknown>) => c as Schemas['ConsentState']),
  history: [event],
}
const PATH = '/api/v1/workspaces/3/contacts/7/consents'

describe('consents panel', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('shows each state, the history with its proof, and records a change once', async () => {
    let posts = 0
    const { calls } = mockApi({
      [`GET ${PATH}`]: () => json(200, consents),
      [`POST ${PATH}`]: () =>
        ++posts === 1
          ? json(422, { code: 'validation_error', message: 'Some fields are invalid.', errors: { source: ['Use at most 200 characters.'] } })
          : json(201, { ...event, id: 6, purpose: 'sms', purpose_name: 'SMS', proof_text: 'Tak' }),
    })
    renderWithProviders(<ConsentsPanel contactId={7} workspaceId={3} canEdit />)
    const [email, sms] = await screen.findAllByTestId('consent')
    expect(within(email).getByText('Granted')).toBeInTheDocument()
    expect(within(sms).getByText('Unknown')).toBeInTheDocument()
    expect(within(sms).getByText('Never asked')).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'History (1)' }))
    const change = await screen.findByTestId('consent-change')
    expect(within(change).getByText('Zgadzam się na newsletter.')).toBeInTheDocument()
    expect(within(change).getByText(/203\.0\.113\.7 · Firefox\/140\.0/)).toBeInTheDocument()

    await userEvent.click(screen.getByRole('button', { name: 'Change SMS' }))
    await userEvent.type(screen.getByLabelText(/^Source/), 'phone call')
    await userEvent.type(screen.getByLabelText(/^Exact text agreed to/), ' ')
    const save = screen.getByRole('button', { name: 'Save consent' })
    expect(save).toBeDisabled() // a grant needs the text agreed to
    await userEvent.type(screen.getByLabelText(/^Exact text agreed to/), 'Tak')
    await userEvent.click(save)
    expect(await screen.findByText('Use at most 200 characters.')).toBeInTheDocument() // under its field
    await userEvent.dblClick(save)
    await waitFor(() => expect(screen.queryByRole('form', { name: 'Change consent: SMS' })).toBeNull())
    const sent = calls.filter((r) => r.method === 'POST')
    expect(sent).toHaveLength(2)
    expect(await sent[1].json()).toEqual({ purpose: 'sms', state: 'granted', source: 'phone call', proof_text: 'Tak' })
  }, 20_000)

  it('shows no changing to viewers', async () => {
    mockApi({ [`GET ${PATH}`]: () => json(200, consents) })
    renderWithProviders(<ConsentsPanel contactId={7} workspaceId={3} canEdit={false} />)
    expect(await screen.findAllByTestId('consent')).toHaveLength(2)
    expect(screen.queryByRole('button', { name: /^Change/ })).toBeNull()
  })
})
