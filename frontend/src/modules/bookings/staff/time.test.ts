import { describe, expect, it } from 'vitest'
import type { Override } from './hooks'
import {
  byWeekday,
  copyMondayToWeekdays,
  dateKey,
  formatMinutes,
  formatWeek,
  gridHours,
  groupOverrides,
  parseDateKey,
  placeDay,
  rangeErrors,
  toWeeklyHours,
  weekStart,
} from './time'

// Local times: the week view works in the browser's zone, whatever the zone of the test run.
const at = (day: Date, h: number, m = 0) => new Date(day.getFullYear(), day.getMonth(), day.getDate(), h, m).toISOString()
const item = (id: number, day: Date, from: [number, number], to: [number, number]) => ({ id, start: at(day, ...from), end: at(day, ...to) })

describe('weeks', () => {
  it('starts on Monday, from any day of the week', () => {
    expect(dateKey(weekStart(new Date(2026, 2, 8)))).toBe('2026-03-02') // a Sunday
    expect(dateKey(weekStart(new Date(2026, 2, 2)))).toBe('2026-03-02') // the Monday itself
    expect(dateKey(weekStart(new Date(2026, 0, 1)))).toBe('2025-12-29')
    expect(parseDateKey('2026-02-30')).toBeNull()
    expect(parseDateKey('next week')).toBeNull()
  })

  it('names a week across months and years', () => {
    expect(formatWeek(new Date(2026, 2, 2))).toBe('2 – 8 Mar 2026')
    expect(formatWeek(new Date(2026, 2, 30))).toBe('30 Mar – 5 Apr 2026')
    expect(formatWeek(new Date(2025, 11, 29))).toBe('29 Dec 2025 – 4 Jan 2026')
  })
})

describe('the week grid', () => {
  const day = new Date(2026, 2, 2)

  it('puts overlapping bookings side by side and others full width', () => {
    const placed = placeDay(
      day,
      [item(1, day, [9, 0], [10, 0]), item(2, day, [9, 30], [10, 30]), item(3, day, [10, 0], [11, 0]), item(4, day, [12, 0], [12, 30])],
      8,
      18,
    )
    const by = Object.fromEntries(placed.map((p) => [p.item.id, p]))
    expect([by[1].lane, by[2].lane, by[3].lane]).toEqual([0, 1, 0])
    expect([by[1].lanes, by[2].lanes, by[3].lanes, by[4].lanes]).toEqual([2, 2, 2, 1])
    expect(by[1].top).toBe(60) // 09:00 in a grid from 08:00
    expect(by[4].height).toBe(30)
  })

  it('shows 08–18, widened to the bookings of the week', () => {
    expect(gridHours([day], [])).toEqual([8, 18])
    expect(gridHours([day], [item(1, day, [6, 30], [7, 0]), item(2, day, [19, 0], [20, 15])])).toEqual([6, 21])
  })
})

describe('weekly hours', () => {
  it('goes to the API in order, midnight as 24:00, and back', () => {
    const week = byWeekday([
      { weekday: 0, start: '13:00', end: '17:00' },
      { weekday: 0, start: '09:00', end: '12:00' },
      { weekday: 5, start: '20:00', end: '24:00' },
    ])
    expect(week[0]).toEqual([
      { start: '09:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ])
    expect(week[1]).toEqual([])
    week[5] = [{ start: '20:00', end: '00:00' }] // what a time input gives for midnight
    expect(toWeeklyHours(week)).toEqual([
      { weekday: 0, start: '09:00', end: '12:00' },
      { weekday: 0, start: '13:00', end: '17:00' },
      { weekday: 5, start: '20:00', end: '24:00' },
    ])
  })

  it('copies Monday to Tuesday–Friday and leaves the weekend', () => {
    const week = byWeekday([
      { weekday: 0, start: '08:00', end: '12:00' },
      { weekday: 3, start: '10:00', end: '11:00' },
      { weekday: 6, start: '10:00', end: '11:00' },
    ])
    const copied = copyMondayToWeekdays(week)
    expect(copied.slice(1, 5)).toEqual(Array(4).fill([{ start: '08:00', end: '12:00' }]))
    expect(copied[5]).toEqual([])
    expect(copied[6]).toEqual([{ start: '10:00', end: '11:00' }])
    copied[1][0].start = '07:00'
    expect(copied[0][0].start).toBe('08:00') // copies, not the same objects
  })

  it('finds missing times, backwards ranges and overlaps', () => {
    expect(rangeErrors([{ start: '09:00', end: '17:00' }])).toEqual({})
    expect(rangeErrors([{ start: '22:00', end: '00:00' }])).toEqual({}) // until midnight
    expect(
      rangeErrors([
        { start: '09:00', end: '12:00' },
        { start: '11:00', end: '13:00' },
        { start: '15:00', end: '14:00' },
        { start: '', end: '16:00' },
      ]),
    ).toEqual({ 1: 'Overlaps 09:00–12:00.', 2: 'The end must come after the start.', 3: 'Enter both times.' })
  })
})

describe('date overrides', () => {
  const o = (id: number, date: string, note: string | null = 'Urlop', hours: Override['hours'] = []): Override => ({ id, date, hours, note, day_off: !hours.length })

  it('shows a run of days with the same hours and note as one row', () => {
    const runs = groupOverrides([o(3, '2026-07-03'), o(1, '2026-07-01'), o(2, '2026-07-02'), o(4, '2026-07-04', 'Inne'), o(5, '2026-07-06')])
    expect(runs.map((r) => [r.first, r.last, r.ids])).toEqual([
      ['2026-07-01', '2026-07-03', [1, 2, 3]],
      ['2026-07-04', '2026-07-04', [4]],
      ['2026-07-06', '2026-07-06', [5]],
    ])
    const hours = groupOverrides([o(1, '2026-07-01', null, [{ start: '10:00', end: '12:00' }]), o(2, '2026-07-02', null)])
    expect(hours).toHaveLength(2)
  })

  it('says durations in words', () => {
    expect(formatMinutes(30)).toBe('30 min')
    expect(formatMinutes(90)).toBe('1 h 30 min')
    expect(formatMinutes(120)).toBe('2 h')
    expect(formatMinutes(2880)).toBe('2 days')
    expect(formatMinutes(0)).toBe('0 min')
  })
})
