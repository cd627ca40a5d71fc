import { describe, expect, it } from 'vitest'
import { addDays, addMonths, dayOf, formatTime, formatWhen, knownZone, monthRange, monthWeeks, todayIn } from './time'

describe('booking page dates', () => {
  it('lays a month out in weeks from Monday', () => {
    const weeks = monthWeeks('2026-05') // 1 May 2026 is a Friday
    expect(weeks[0]).toEqual([null, null, null, null, '2026-05-01', '2026-05-02', '2026-05-03'])
    expect(weeks.at(-1)).toEqual(['2026-05-25', '2026-05-26', '2026-05-27', '2026-05-28', '2026-05-29', '2026-05-30', '2026-05-31'])
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' })
    expect(addMonths('2026-12', 1)).toBe('2027-01')
    expect(addMonths('2026-01', -1)).toBe('2025-12')
    expect(addDays('2026-12-20', 60)).toBe('2027-02-18')
  })

  it('reads a slot in its own zone, never the browser’s', () => {
    const start = '2026-05-15T00:30:00+09:00' // still the 14th in UTC
    expect(dayOf(start)).toBe('2026-05-15')
    expect(formatTime(start, 'Asia/Tokyo')).toBe('00:30')
    expect(formatWhen(start, '2026-05-15T01:00:00+09:00', 'Asia/Tokyo')).toEqual({ date: 'Friday, 15 May 2026', time: '00:30–01:00' })
    expect(todayIn('Asia/Tokyo', new Date('2026-05-14T16:00:00Z'))).toBe('2026-05-15')
    expect(todayIn('America/New_York', new Date('2026-05-14T16:00:00Z'))).toBe('2026-05-14')
    expect(knownZone('Mars/Olympus')).toBe('UTC')
  })
})
