import type { Campaign, Figures, Message, Report, Template } from './types'

/** API answers for this module's tests, typed by the generated schema. */

export function template(overrides: Partial<Template> = {}): Template {
  return {
    id: 11,
    name: 'Nowości — marzec',
    subject: 'Cześć {{ contact.first_name }} — новости',
    html: '<p>Cześć {{ contact.first_name }}!</p>',
    text: null,
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    ...overrides,
  }
}

export function campaign(overrides: Partial<Campaign> = {}): Campaign {
  return {
    id: 21,
    name: 'Wiosna — Весна',
    template_id: 11,
    list_ids: [4],
    segment_ids: [],
    exclude_segment_ids: [],
    from_email: 'news@sklep.pl',
    from_name: 'Sklep Żółw',
    reply_to: null,
    status: 'draft',
    scheduled_at: null,
    throttle_per_minute: null,
    track_opens: true,
    track_clicks: true,
    ab: null,
    winner: null,
    ab_decide_at: null,
    recipients: null,
    sent: 0,
    progress: {},
    started_at: null,
    finished_at: null,
    created_at: '2026-03-01T10:00:00Z',
    updated_at: '2026-03-01T10:00:00Z',
    ...overrides,
  }
}

export function figures(overrides: Partial<Figures> = {}): Figures {
  return {
    recipients: 10,
    sent: 6,
    delivered: 5,
    failed: 1,
    uncertain: 2,
    skipped: 1,
    waiting: 0,
    bounced: 1,
    opens: 7,
    unique_opens: 3,
    clicks: 2,
    unique_clicks: 1,
    unsubscribes: 1,
    complaints: 0,
    open_rate: 0.5,
    click_rate: 0.1667,
    ...overrides,
  }
}

export function report(overrides: Partial<Report> = {}): Report {
  return {
    campaign_id: 21,
    status: 'sent',
    winner: null,
    totals: figures(),
    versions: [{ version: 'A', ...figures() }],
    timeline: [
      { at: '2026-03-02T09:00:00Z', sent: 6, opens: 2, clicks: 1 },
      { at: '2026-03-02T10:00:00Z', sent: 0, opens: 5, clicks: 1 },
    ],
    links: [{ url: 'https://sklep.pl/oferta?id=7', clicks: 2, unique_clicks: 1 }],
    ...overrides,
  }
}

export function message(overrides: Partial<Message> = {}): Message {
  return {
    id: 31,
    campaign_id: 21,
    campaign_name: 'Wiosna — Весна',
    initiator: 'Olive Owner',
    version: 'A',
    subject: 'Cześć Zofia — новости',
    state: 'sent',
    error: null,
    sent_at: '2026-03-02T09:00:00Z',
    delivered: true,
    opened_at: '2026-03-02T09:05:00Z',
    open_count: 3,
    clicked_at: null,
    click_count: 0,
    unsubscribed_at: null,
    bounced_at: null,
    ...overrides,
  }
}
