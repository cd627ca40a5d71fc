import type { MailingList, Subscriber } from './types'

/** A list as the API sends it (tests). */
export function mailingList(overrides: Partial<MailingList> = {}): MailingList {
  return {
    id: 4,
    name: 'Nowości — Новости',
    description: 'Co tydzień: nowe produkty i promocje.',
    double_opt_in: true,
    public: true,
    counts: { unconfirmed: 2, subscribed: 1234, unsubscribed: 5, bounced: 0, complained: 0 },
    form_url: 'https://crm.example/api/v1/public/subscribe/tok.EN-1',
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    deleted_at: null,
    ...overrides,
  }
}

export function subscriber(overrides: Partial<Subscriber> = {}): Subscriber {
  return {
    list_id: 4,
    contact_id: 3,
    status: 'subscribed',
    source: 'Added by a team member',
    subscribed_at: '2026-03-02T10:00:00Z',
    unsubscribed_at: null,
    updated_at: '2026-03-02T10:00:00Z',
    email: 'zofia@example.pl',
    first_name: 'Zofia',
    last_name: 'Wąsowska',
    ...overrides,
  }
}
