import { describe, expect, it } from 'vitest'
import { draftKey, fromCampaign, toCampaignBody, audienceKey, draftAudienceKey } from './draft'
import { campaign } from './fixtures'
import { timelineSentence } from './reportChart'
import {
  campaignActions,
  campaignStatusMeta,
  errorLine,
  isLive,
  lineRange,
  messageBadge,
  outboxParts,
  percent,
  showsReport,
  sourceLine,
  CAMPAIGN_STATUSES,
} from './types'

describe('a campaign’s status', () => {
  it('offers what the API allows in each status', () => {
    expect(campaignActions('draft')).toEqual(['edit', 'send', 'schedule', 'delete'])
    expect(campaignActions('scheduled')).toEqual(['edit', 'send', 'schedule', 'cancel'])
    expect(campaignActions('sending')).toEqual(['pause', 'cancel'])
    expect(campaignActions('testing')).toEqual(['pause', 'cancel'])
    expect(campaignActions('paused')).toEqual(['resume', 'cancel'])
    expect(campaignActions('sent')).toEqual(['delete'])
    expect(campaignActions('cancelled')).toEqual(['delete'])
    expect(campaignActions('weird')).toEqual([])
  })

  it('edits drafts and scheduled campaigns, reports on the rest, polls while sending', () => {
    expect(CAMPAIGN_STATUSES.filter(showsReport)).toEqual(['sending', 'testing', 'paused', 'sent', 'cancelled'])
    expect(CAMPAIGN_STATUSES.filter(isLive)).toEqual(['sending', 'testing'])
    expect(campaignStatusMeta('testing')).toMatchObject({ label: 'Testing A/B', color: 'grape' })
    expect(campaignStatusMeta('future')).toMatchObject({ label: 'future', color: 'gray' })
  })
})

describe('the outbox', () => {
  it('groups the message states into outcomes with their shares', () => {
    const { total, parts } = outboxParts({ sent: 5, failed: 1, uncertain: 1, skipped: 1, queued: 1, claimed: 1, held: 0 })
    expect(total).toBe(10)
    const byKey = Object.fromEntries(parts.map((p) => [p.key, [p.count, p.value]]))
    expect(byKey).toEqual({ sent: [5, 50], failed: [1, 10], uncertain: [1, 10], skipped: [1, 10], cancelled: [0, 0], waiting: [2, 20] })
    expect(outboxParts({}).total).toBe(0)
    expect(outboxParts({}).parts.every((p) => p.value === 0)).toBe(true)
  })

  it('labels a message by what became of it', () => {
    expect(messageBadge({ state: 'sent', delivered: true, bounced_at: null }).label).toBe('Delivered')
    expect(messageBadge({ state: 'sent', delivered: false, bounced_at: '2026-03-02T10:00:00Z' }).label).toBe('Bounced')
    expect(messageBadge({ state: 'failed', delivered: false }).label).toBe('Failed')
    expect(messageBadge({ state: 'uncertain', delivered: false }).hint).toMatch(/may have arrived.*never sent again/)
    expect(messageBadge({ state: 'skipped', delivered: false }).label).toBe('Skipped')
    expect(messageBadge({ state: 'held', delivered: false }).label).toBe('Waiting')
  })

  it('writes rates as percentages', () => {
    expect(percent(0.5)).toBe('50%')
    expect(percent(0.1667)).toBe('16.7%')
    expect(percent(0)).toBe('0%')
  })

  it('describes the chart in words', () => {
    expect(
      timelineSentence([
        { at: '2026-03-02T09:00:00Z', sent: 6, opens: 1, clicks: 0 },
        { at: '2026-03-02T10:00:00Z', sent: 1, opens: 0, clicks: 2 },
      ]),
    ).toBe('Sent, opens and clicks per hour: 7 sent, 1 open and 2 clicks over 2 hours')
  })
})

describe('template errors', () => {
  const html = '<html>\n  <body>\n    <p>{{ contact.first_name </p>\n  </body>\n</html>'
  it('finds the line the API names and quotes it', () => {
    expect(errorLine("Line 3: unexpected '<'")).toBe(3)
    expect(errorLine('Unknown name “contcat”: use contact…')).toBeNull()
    expect(errorLine(undefined)).toBeNull()
    expect(sourceLine(html, 3)).toBe('<p>{{ contact.first_name </p>')
    expect(sourceLine(html, 9)).toBeNull()
    expect(sourceLine('x'.repeat(300), 1, 10)).toBe('xxxxxxxxx…')
  })

  it('selects exactly that line', () => {
    const [start, end] = lineRange(html, 3)!
    expect(html.slice(start, end)).toBe('    <p>{{ contact.first_name </p>')
    expect(lineRange(html, 0)).toBeNull()
    expect(lineRange(html, 6)).toBeNull()
  })
})

describe('the campaign form', () => {
  it('round-trips a campaign and sends numbers and nulls as the API wants them', () => {
    const saved = campaign({
      reply_to: null,
      list_ids: [4, 2],
      segment_ids: [9],
      throttle_per_minute: 120,
      ab: { kind: 'subject', subject_b: 'Druga wersja', split_percent: 30, winner_by: 'clicks', wait_hours: 6 },
    })
    const draft = fromCampaign(saved)
    expect(draft).toMatchObject({ list_ids: ['4', '2'], segment_ids: ['9'], ab_kind: 'subject', split_percent: 30, reply_to: '' })
    const body = toCampaignBody({ ...draft, name: '  Wiosna  ', from_name: ' ' })
    expect(body).toMatchObject({
      name: 'Wiosna',
      from_name: null,
      reply_to: null,
      template_id: 11,
      list_ids: [4, 2],
      segment_ids: [9],
      throttle_per_minute: 120,
      ab: { kind: 'subject', subject_b: 'Druga wersja', template_b_id: null, split_percent: 30, winner_by: 'clicks', wait_hours: 6 },
    })
    expect(toCampaignBody({ ...draft, ab_kind: 'off', throttle_per_minute: '' })).toMatchObject({ ab: null, throttle_per_minute: null })
    // Unchanged after a round trip: no "unsaved changes" on opening.
    expect(draftKey(fromCampaign(saved))).toBe(draftKey(draft))
  })

  it('knows when who gets it differs from what was counted', () => {
    const saved = campaign({ list_ids: [4, 2] })
    const draft = fromCampaign(saved)
    expect(draftAudienceKey({ ...draft, list_ids: ['2', '4'] })).toBe(audienceKey(saved))
    expect(draftAudienceKey({ ...draft, exclude_segment_ids: ['3'] })).not.toBe(audienceKey(saved))
  })
})
