import { describe, expect, it } from 'vitest'
import { activityDetail, activityTitle } from './ActivityTimeline'

describe('activity timeline text', () => {
  it('titles kinds', () => {
    expect(activityTitle('bulk_add_tag')).toBe('Bulk add tag')
    expect(activityTitle('contact.updated')).toBe('Contact updated')
  })

  it('shows a changed date and time in the viewer\'s words, not ISO', () => {
    const [line] = activityDetail({ changes: { follow_up_at: [null, '2026-12-01T08:30:00+00:00'] } })
    expect(line.startsWith('Follow up: — → ')).toBe(true)
    expect(line).not.toContain('T08:30')
  })

  it('describes profile, custom and tag changes', () => {
    expect(
      activityDetail({
        changes: {
          phone: [null, '+49 30 1'],
          custom: [{ budget: 5 }, { budget: 12, vip: true }],
          tags: [['old'], ['vip', 'new']],
        },
      }),
    ).toEqual(['Phone: — → +49 30 1', 'budget: 5 → 12', 'vip: — → yes', 'Tags: +vip +new −old'])
  })

  it('names classes', () => {
    expect(activityDetail({ changes: { contact_class_id: [1, 2] } }, new Map([[1, 'General'], [2, 'VIP']]))).toEqual(['Class: General → VIP'])
  })

  it('skips empty values and shows flags', () => {
    expect(activityDetail({ tags: [], bulk: true, tag: 'vip' })).toEqual(['Bulk', 'Tag: vip'])
    expect(activityDetail(null)).toEqual([])
  })
})
