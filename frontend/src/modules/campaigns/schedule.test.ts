import { describe, expect, it } from 'vitest'
import { offsetLabel, scheduleProblem, suggestedTime, utcToZonedInput, zonedToUtc, zoneName, zoneOffset } from './schedule'

const iso = (d: Date | null) => d?.toISOString() ?? null

describe('times in the workspace’s time zone', () => {
  it('reads a wall-clock time in the zone, whatever the browser’s', () => {
    expect(iso(zonedToUtc('2026-01-15T09:00', 'Europe/Warsaw'))).toBe('2026-01-15T08:00:00.000Z') // winter, UTC+1
    expect(iso(zonedToUtc('2026-07-15T09:00', 'Europe/Warsaw'))).toBe('2026-07-15T07:00:00.000Z') // summer, UTC+2
    expect(iso(zonedToUtc('2026-07-15T09:00', 'America/New_York'))).toBe('2026-07-15T13:00:00.000Z')
    expect(iso(zonedToUtc('2026-07-15T09:00', 'Asia/Kolkata'))).toBe('2026-07-15T03:30:00.000Z')
    expect(iso(zonedToUtc('2026-07-15T09:00', 'UTC'))).toBe('2026-07-15T09:00:00.000Z')
  })

  it('reads times around a change of clocks as the API does', () => {
    // 29 Mar 2026, Warsaw: 02:00 → 03:00. 02:30 does not exist: read with the offset before (+1).
    expect(iso(zonedToUtc('2026-03-29T02:30', 'Europe/Warsaw'))).toBe('2026-03-29T01:30:00.000Z')
    expect(iso(zonedToUtc('2026-03-29T03:30', 'Europe/Warsaw'))).toBe('2026-03-29T01:30:00.000Z')
    // 25 Oct 2026, Warsaw: 03:00 → 02:00. 02:30 happens twice: the first one (still +2).
    expect(iso(zonedToUtc('2026-10-25T02:30', 'Europe/Warsaw'))).toBe('2026-10-25T00:30:00.000Z')
    expect(iso(zonedToUtc('2026-10-25T03:30', 'Europe/Warsaw'))).toBe('2026-10-25T02:30:00.000Z')
  })

  it('refuses what is not a time', () => {
    expect(zonedToUtc('', 'Europe/Warsaw')).toBeNull()
    expect(zonedToUtc('tomorrow 9:00', 'Europe/Warsaw')).toBeNull()
  })

  it('shows an instant as the zone’s wall-clock time and back', () => {
    expect(utcToZonedInput('2026-07-15T07:00:00Z', 'Europe/Warsaw')).toBe('2026-07-15T09:00')
    expect(utcToZonedInput('2026-12-31T23:30:00Z', 'Asia/Tokyo')).toBe('2027-01-01T08:30')
    for (const zone of ['Europe/Warsaw', 'America/Los_Angeles', 'Asia/Kathmandu', 'Australia/Lord_Howe']) {
      const local = utcToZonedInput('2026-05-04T16:45:00Z', zone)
      expect(iso(zonedToUtc(local, zone))).toBe('2026-05-04T16:45:00.000Z')
    }
  })

  it('names the zone with its offset at that time', () => {
    expect(zoneOffset(Date.parse('2026-01-15T12:00:00Z'), 'Europe/Warsaw')).toBe(60)
    expect(offsetLabel(120)).toBe('UTC+2')
    expect(offsetLabel(330)).toBe('UTC+5:30')
    expect(offsetLabel(-180)).toBe('UTC-3')
    expect(offsetLabel(0)).toBe('UTC')
    expect(zoneName('America/New_York', Date.parse('2026-07-15T12:00:00Z'))).toBe('America/New York (UTC-4)')
  })

  it('suggests the next full hour after an hour from now (09:00 rather than at night), and refuses the past', () => {
    const now = Date.parse('2026-07-15T07:10:00Z') // 09:10 in Warsaw
    expect(suggestedTime(now, 'Europe/Warsaw')).toBe('2026-07-15T11:00')
    expect(suggestedTime(Date.parse('2026-07-15T16:50:00Z'), 'Europe/Warsaw')).toBe('2026-07-15T20:00')
    expect(suggestedTime(Date.parse('2026-07-15T18:30:00Z'), 'Europe/Warsaw')).toBe('2026-07-16T09:00') // 22:00: night
    expect(suggestedTime(Date.parse('2026-12-31T22:30:00Z'), 'Europe/Warsaw')).toBe('2027-01-01T09:00') // 01:00: night
    expect(suggestedTime(Date.parse('2026-07-31T20:30:00Z'), 'Europe/Warsaw')).toBe('2026-08-01T09:00') // month end
    expect(scheduleProblem('2026-07-15T09:00', 'Europe/Warsaw', now)).toBe('Choose a time in the future.')
    expect(scheduleProblem('2026-07-15T10:00', 'Europe/Warsaw', now)).toBeNull()
    expect(scheduleProblem('', 'Europe/Warsaw', now)).toBe('Choose a date and time.')
  })
})
