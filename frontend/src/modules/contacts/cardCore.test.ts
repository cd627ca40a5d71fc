import { describe, expect, it } from 'vitest'
import { money } from './AboutPanel'
import { bucketLabel, busiest } from './ActivityPatterns'
import { cloudSize } from './TagCloud'
import { expiryFrom } from './TagsPanel'

describe('the card core helpers', () => {
  it('turns an expiry choice into an instant, or none', () => {
    const now = new Date('2026-11-29T10:00:00Z')
    expect(expiryFrom('', '', now)).toBeNull()
    expect(expiryFrom('7', '', now)).toBe('2026-12-06T10:00:00.000Z')
    expect(expiryFrom('custom', '', now)).toBeNull()
    expect(expiryFrom('custom', '2026-12-24T18:00', now)).toBe(new Date('2026-12-24T18:00').toISOString())
  })

  it('names the busiest bucket, and nothing when there was no activity', () => {
    expect(busiest('hour', [{ key: 9, count: 2 }, { key: 14, count: 5 }, { key: 15, count: 5 }])).toBe('Most active: 14:00 (5)')
    expect(busiest('weekday', [{ key: 7, count: 1 }])).toBe('Most active: Sun (1)')
    expect(busiest('hour', [{ key: 0, count: 0 }])).toBeNull()
    expect(bucketLabel('hour', 7)).toBe('07:00')
  })

  it('sizes cloud words between the least and the most used tag', () => {
    expect(cloudSize(5, 5, 5)).toBe(1)
    expect(cloudSize(1, 1, 100)).toBeLessThan(cloudSize(50, 1, 100))
    expect(cloudSize(100, 1, 100)).toBeCloseTo(1.4)
  })

  it('formats a lifetime value in its currency, and an unknown code plainly', () => {
    expect(money('1234.50', 'PLN')).toMatch(/1.?234[.,]50/)
    expect(money('5.00', 'XXXX')).toBe('5.00 XXXX')
  })
})
