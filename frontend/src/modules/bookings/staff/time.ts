/*
 * Dates and hours for the staff screens. The week view works in the browser's time zone
 * (Date's local methods); weekly hours and overrides are "HH:MM" strings in the calendar's zone.
 */
import type { Hours, Override, WeeklyHours } from './hooks'

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

const pad = (n: number) => String(n).padStart(2, '0')

/** A local date as "YYYY-MM-DD" (the value of a date input and of ?week=). */
export function dateKey(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`
}

/** "YYYY-MM-DD" as local midnight, or null for anything else. */
export function parseDateKey(value: string | undefined | null): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '')
  if (!m) return null
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
  return d.getMonth() === Number(m[2]) - 1 ? d : null
}

export function addDays(d: Date, days: number): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + days)
}

/** Local midnight of the Monday of `d`'s week. */
export function weekStart(d: Date): Date {
  return addDays(d, -((d.getDay() + 6) % 7))
}

/** The seven local days Monday..Sunday of the week that starts on `monday`. */
export function weekDays(monday: Date): Date[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}

export function sameDay(a: Date, b: Date): boolean {
  return dateKey(a) === dateKey(b)
}

const dayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' })
const longDayFormat = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' })
const timeFormat = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' })

/** "Mon 2 Mar" */
export const formatDay = (d: Date) => dayFormat.format(d)
/** "Monday 2 March 2026" */
export const formatLongDay = (d: Date) => longDayFormat.format(d)
/** "09:30", in the browser's zone */
export const formatTime = (iso: string) => timeFormat.format(new Date(iso))
/** "09:30–10:00" */
export const formatTimeRange = (start: string, end: string) => `${formatTime(start)}–${formatTime(end)}`

/** "2 – 8 Mar 2026", "30 Mar – 5 Apr 2026", "29 Dec 2025 – 4 Jan 2026" */
export function formatWeek(monday: Date): string {
  const sunday = addDays(monday, 6)
  const month = (d: Date) => d.toLocaleString('en-GB', { month: 'short' })
  const sameYear = monday.getFullYear() === sunday.getFullYear()
  const first = sameYear
    ? monday.getMonth() === sunday.getMonth()
      ? `${monday.getDate()}`
      : `${monday.getDate()} ${month(monday)}`
    : `${monday.getDate()} ${month(monday)} ${monday.getFullYear()}`
  return `${first} – ${sunday.getDate()} ${month(sunday)} ${sunday.getFullYear()}`
}

/** "HH:MM" → minutes after midnight. */
export function minutes(hm: string): number {
  const [h, m] = hm.split(':').map(Number)
  return h * 60 + m
}

/** Minutes from local midnight of `day` to `iso` (negative before it, over 1440 after it). */
export function minutesInto(day: Date, iso: string): number {
  return Math.round((new Date(iso).getTime() - day.getTime()) / 60000)
}

// ---- the week grid ------------------------------------------------------------------------

export type Placed<T> = { item: T; top: number; height: number; lane: number; lanes: number }

/**
 * Where each of a day's bookings goes in a grid from `firstHour`: minutes from the top, and
 * side by side in lanes where they overlap (each overlapping group shares its width).
 */
export function placeDay<T extends { start: string; end: string }>(day: Date, items: T[], firstHour: number, lastHour: number): Placed<T>[] {
  const top = firstHour * 60
  const bottom = lastHour * 60
  const sorted = [...items].sort((a, b) => a.start.localeCompare(b.start) || b.end.localeCompare(a.end))
  const placed: Placed<T>[] = []
  let group: Placed<T>[] = []
  let laneEnds: number[] = []
  let groupEnd = -Infinity
  const closeGroup = () => {
    for (const p of group) p.lanes = laneEnds.length
    group = []
    laneEnds = []
  }
  for (const item of sorted) {
    const from = Math.max(top, minutesInto(day, item.start))
    const to = Math.min(bottom, Math.max(from + 15, minutesInto(day, item.end)))
    if (from >= groupEnd) closeGroup()
    let lane = laneEnds.findIndex((end) => end <= from)
    if (lane < 0) lane = laneEnds.push(to) - 1
    else laneEnds[lane] = to
    groupEnd = Math.max(groupEnd === -Infinity ? to : groupEnd, to)
    const p = { item, top: from - top, height: to - from, lane, lanes: 1 }
    group.push(p)
    placed.push(p)
  }
  closeGroup()
  return placed
}

/** The hours the grid shows: 08–18, widened to every booking of the week (whole hours). */
export function gridHours(days: Date[], items: { start: string; end: string }[]): [number, number] {
  let first = 8
  let last = 18
  for (const item of items) {
    const day = days.find((d) => sameDay(d, new Date(item.start)))
    if (!day) continue
    first = Math.min(first, Math.floor(minutesInto(day, item.start) / 60))
    last = Math.max(last, Math.min(24, Math.ceil(minutesInto(day, item.end) / 60)))
  }
  return [Math.max(0, first), last]
}

// ---- weekly hours -------------------------------------------------------------------------

/** Weekly hours by weekday (0 = Monday): each day's ranges in order; [] is a day off. */
export type WeekHours = Hours[][]

export const DEFAULT_RANGE: Hours = { start: '09:00', end: '17:00' }

export function byWeekday(hours: WeeklyHours[]): WeekHours {
  const week: WeekHours = WEEKDAYS.map(() => [])
  for (const h of [...hours].sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start))) {
    week[h.weekday]?.push({ start: h.start, end: h.end })
  }
  return week
}

/** A time input's "00:00" as an end is midnight at the end of the day, which the API writes 24:00. */
const endOf = (hm: string) => (hm === '00:00' ? '24:00' : hm)

/** What the API takes, in order (index i of the list is error key weekly_hours.i). */
export function toWeeklyHours(week: WeekHours): WeeklyHours[] {
  return week.flatMap((ranges, weekday) => ranges.map((r) => ({ weekday, start: r.start, end: endOf(r.end) })))
}

/** Monday's ranges copied to Tuesday..Friday. */
export function copyMondayToWeekdays(week: WeekHours): WeekHours {
  return week.map((ranges, day) => (day >= 1 && day <= 4 ? week[0].map((r) => ({ ...r })) : ranges))
}

/**
 * What is wrong with one day's ranges, by range index: a missing time, an end not after its
 * start, or an overlap with an earlier range. Empty: all fine.
 */
export function rangeErrors(ranges: Hours[]): Record<number, string> {
  const errors: Record<number, string> = {}
  ranges.forEach((r, i) => {
    if (!r.start || !r.end) {
      errors[i] = 'Enter both times.'
      return
    }
    if (minutes(endOf(r.end)) <= minutes(r.start)) {
      errors[i] = 'The end must come after the start.'
      return
    }
    const other = ranges.findIndex((o, j) => j < i && o.start && o.end && r.start < endOf(o.end) && o.start < endOf(r.end))
    if (other >= 0) errors[i] = `Overlaps ${ranges[other].start}–${ranges[other].end}.`
  })
  return errors
}

/** "09:00–12:00, 13:00–17:00", or "Day off". */
export function describeHours(hours: Hours[]): string {
  return hours.length ? hours.map((h) => `${h.start}–${h.end}`).join(', ') : 'Day off'
}

// ---- date overrides -----------------------------------------------------------------------

export type OverrideRun = { ids: number[]; first: string; last: string; hours: Hours[]; note: string | null }

/** Consecutive dates with the same hours and note, as one row (a holiday is one line, not 14). */
export function groupOverrides(items: Override[]): OverrideRun[] {
  const runs: OverrideRun[] = []
  const sorted = [...items].sort((a, b) => a.date.localeCompare(b.date))
  for (const o of sorted) {
    const last = runs[runs.length - 1]
    const next = last ? parseDateKey(last.last) : null
    if (
      last &&
      next &&
      dateKey(addDays(next, 1)) === o.date &&
      (last.note ?? '') === (o.note ?? '') &&
      JSON.stringify(last.hours) === JSON.stringify(o.hours)
    ) {
      last.ids.push(o.id)
      last.last = o.date
    } else {
      runs.push({ ids: [o.id], first: o.date, last: o.date, hours: o.hours, note: o.note })
    }
  }
  return runs
}

const shortDate = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })

/** "Mon 6 Apr 2026" or "Mon 6 Apr 2026 – Fri 10 Apr 2026" */
export function formatRun(run: Pick<OverrideRun, 'first' | 'last'>): string {
  const a = parseDateKey(run.first)
  const b = parseDateKey(run.last)
  if (!a || !b) return run.first
  return run.first === run.last ? shortDate.format(a) : `${shortDate.format(a)} – ${shortDate.format(b)}`
}

/** 30 → "30 min", 90 → "1 h 30 min", 2880 → "2 days" */
export function formatMinutes(total: number): string {
  if (total >= 1440 && total % 1440 === 0) return total === 1440 ? '1 day' : `${total / 1440} days`
  const h = Math.floor(total / 60)
  const m = total % 60
  return [h ? `${h} h` : '', m || !h ? `${m} min` : ''].filter(Boolean).join(' ')
}
