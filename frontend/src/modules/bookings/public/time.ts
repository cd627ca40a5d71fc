/**
 * Days, months and times of the booking pages. A slot's ISO string already carries the visitor's
 * offset, so its date is read from the string itself and its time is formatted in the chosen
 * zone: nothing is ever read in the browser's own zone. Days and months are plain strings
 * ('2026-05-14', '2026-05').
 */

const LOCALE = 'en-GB'

/** A zone Intl knows, else UTC (a zone name from a link or an old browser may be unknown). */
export function knownZone(tz: string | null | undefined): string {
  if (!tz) return 'UTC'
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone: tz })
    return tz
  } catch {
    return 'UTC'
  }
}

/** The visitor's date of a slot, as its string writes it. */
export const dayOf = (iso: string) => iso.slice(0, 10)

export const monthOf = (day: string) => day.slice(0, 7)

/** Today's date in a zone. */
export function todayIn(tz: string, now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now)
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

const pad = (n: number) => String(n).padStart(2, '0')

function parseMonth(month: string): [number, number] {
  const [y, m] = month.split('-').map(Number)
  return [y, m]
}

export function addMonths(month: string, n: number): string {
  const [y, m] = parseMonth(month)
  const index = y * 12 + (m - 1) + n
  return `${Math.floor(index / 12)}-${pad((index % 12) + 1)}`
}

/** The day `n` days after `day`. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number)
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10)
}

/** The first and last day of a month. */
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = parseMonth(month)
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate()
  return { from: `${month}-01`, to: `${month}-${pad(last)}` }
}

/** The month's days in weeks from Monday; null fills the days of other months. */
export function monthWeeks(month: string): (string | null)[][] {
  const [y, m] = parseMonth(month)
  const lead = (new Date(Date.UTC(y, m - 1, 1)).getUTCDay() + 6) % 7
  const count = Number(monthRange(month).to.slice(8))
  const cells: (string | null)[] = [...Array<null>(lead).fill(null), ...Array.from({ length: count }, (_, i) => `${month}-${pad(i + 1)}`)]
  while (cells.length % 7) cells.push(null)
  return Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7))
}

export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

/** A plain date ('2026-05-14') in words; no zone is involved. */
export function formatDay(day: string, style: 'long' | 'month' = 'long'): string {
  const [y, m, d] = day.split('-').map(Number)
  const date = new Date(Date.UTC(y, m - 1, d || 1))
  const options: Intl.DateTimeFormatOptions =
    style === 'month' ? { month: 'long', year: 'numeric' } : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }
  return new Intl.DateTimeFormat(LOCALE, { ...options, timeZone: 'UTC' }).format(date)
}

export function formatTime(iso: string, tz: string): string {
  return new Intl.DateTimeFormat(LOCALE, { hour: '2-digit', minute: '2-digit', timeZone: tz }).format(new Date(iso))
}

/** "Thursday 14 May 2026" and "10:00–10:30" of a booking or slot, in a zone. */
export function formatWhen(start: string, end: string, tz: string): { date: string; time: string } {
  const date = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'full', timeZone: tz }).format(new Date(start))
  return { date, time: `${formatTime(start, tz)}–${formatTime(end, tz)}` }
}

/** The end of a slot that starts at `start` and lasts `minutes` (an instant: only formatted in a zone). */
export function endOf(start: string, minutes: number): string {
  return new Date(new Date(start).getTime() + minutes * 60_000).toISOString()
}

export const validInstant = (iso: string | null): iso is string => !!iso && !Number.isNaN(new Date(iso).getTime())

export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  return [h ? `${h} h` : '', m ? `${m} min` : ''].filter(Boolean).join(' ') || '0 min'
}
