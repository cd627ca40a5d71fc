import type { Campaign, CampaignInput } from './types'

export type AbKind = 'off' | 'subject' | 'content'

/** The campaign form as typed: ids as strings (Mantine selects), numbers as typed. */
export type CampaignDraft = {
  name: string
  from_name: string
  from_email: string
  reply_to: string
  template_id: string | null
  list_ids: string[]
  segment_ids: string[]
  exclude_segment_ids: string[]
  ab_kind: AbKind
  subject_b: string
  template_b_id: string | null
  split_percent: number | string
  winner_by: 'opens' | 'clicks'
  wait_hours: number | string
  throttle_per_minute: number | string
  track_opens: boolean
  track_clicks: boolean
}

export const EMPTY_DRAFT: CampaignDraft = {
  name: '',
  from_name: '',
  from_email: '',
  reply_to: '',
  template_id: null,
  list_ids: [],
  segment_ids: [],
  exclude_segment_ids: [],
  ab_kind: 'off',
  subject_b: '',
  template_b_id: null,
  split_percent: 20,
  winner_by: 'opens',
  wait_hours: 4,
  throttle_per_minute: '',
  track_opens: true,
  track_clicks: true,
}

const ids = (values: number[] | undefined) => (values ?? []).map(String)

export function fromCampaign(c: Campaign): CampaignDraft {
  const ab = c.ab && 'kind' in c.ab ? c.ab : null
  return {
    name: c.name,
    from_name: c.from_name ?? '',
    from_email: c.from_email,
    reply_to: c.reply_to ?? '',
    template_id: c.template_id == null ? null : String(c.template_id),
    list_ids: ids(c.list_ids),
    segment_ids: ids(c.segment_ids),
    exclude_segment_ids: ids(c.exclude_segment_ids),
    ab_kind: ab ? ab.kind : 'off',
    subject_b: ab?.subject_b ?? '',
    template_b_id: ab?.template_b_id == null ? null : String(ab.template_b_id),
    split_percent: ab?.split_percent ?? 20,
    winner_by: ab?.winner_by ?? 'opens',
    wait_hours: ab?.wait_hours ?? 4,
    throttle_per_minute: c.throttle_per_minute ?? '',
    track_opens: c.track_opens,
    track_clicks: c.track_clicks,
  }
}

const text = (v: string) => v.trim() || null
/** A typed number as a number; anything else as typed, so the API names the field. */
const whole = (v: number | string) => (typeof v === 'number' ? v : v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : (v as unknown as number))

/** The request body for the API (the same for creating and changing a campaign). */
export function toCampaignBody(d: CampaignDraft): CampaignInput {
  return {
    name: d.name.trim(),
    from_name: text(d.from_name),
    from_email: d.from_email.trim(),
    reply_to: text(d.reply_to),
    template_id: d.template_id ? Number(d.template_id) : null,
    list_ids: d.list_ids.map(Number),
    segment_ids: d.segment_ids.map(Number),
    exclude_segment_ids: d.exclude_segment_ids.map(Number),
    throttle_per_minute: whole(d.throttle_per_minute),
    track_opens: d.track_opens,
    track_clicks: d.track_clicks,
    ab:
      d.ab_kind === 'off'
        ? null
        : {
            kind: d.ab_kind,
            subject_b: d.ab_kind === 'subject' ? d.subject_b.trim() : null,
            template_b_id: d.ab_kind === 'content' && d.template_b_id ? Number(d.template_b_id) : null,
            split_percent: whole(d.split_percent) ?? 20,
            winner_by: d.winner_by,
            wait_hours: whole(d.wait_hours) ?? 4,
          },
  }
}

/** For "unsaved changes": two drafts that send the same body are the same. */
export const draftKey = (d: CampaignDraft) => JSON.stringify(toCampaignBody(d))

/** Who it goes to, as saved: the audience count is for this. */
export const audienceKey = (c: Pick<Campaign, 'list_ids' | 'segment_ids' | 'exclude_segment_ids'>) =>
  JSON.stringify([c.list_ids, c.segment_ids, c.exclude_segment_ids].map((l) => [...l].sort((a, b) => a - b)))

export const draftAudienceKey = (d: CampaignDraft) =>
  audienceKey({ list_ids: d.list_ids.map(Number), segment_ids: d.segment_ids.map(Number), exclude_segment_ids: d.exclude_segment_ids.map(Number) })
