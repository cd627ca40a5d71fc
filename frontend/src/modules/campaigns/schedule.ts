/*
 * Times in the workspace's time zone, whatever the browser's is: a schedule is entered and
 * shown as the workspace's wall-clock time ("2026-03-29T09:00" in Europe/Warsaw) and sent to
 * the API as the instant it means.
 */

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

function parts(instant: number, timeZone: string): Record<string, number> {
  const out: Record<string, number> = {}
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  })
  for (const p of format.formatToParts(new Date(instant))) if (p.type !== 'literal') out[p.type] = Number(p.value)
  return out
}

/** Minutes the zone is ahead of UTC at that instant (Warsaw in summer: 120). */
export function zoneOffset(instant: number, timeZone: string): number {
  const p = parts(instant, timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / MINUTE)
}

/** "UTC+2", "UTC+5:30", "UTC-3", "UTC". */
export function offsetLabel(minutes: number): string {
  if (!minutes) return 'UTC'
  const sign = minutes > 0 ? '+' : '-'
  const abs = Math.abs(minutes)
  const mm = abs % 60
  return `UTC${sign}${Math.floor(abs / 60)}${mm ? `:${String(mm).padStart(2, '0')}` : ''}`
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/

/**
 * The instant a wall-clock time ("YYYY-MM-DDTHH:mm", as a datetime-local field gives it) means
 * in `timeZone`, or null when it is not such a time. As the API reads a time without an offset:
 * a time that happens twice (clocks going back) is the first one; a time that does not exist
 * (clocks going forward) is read with the offset from before the change.
 */
export function zonedToUtc(local: string, timeZone: string): Date | null {
  const m = LOCAL.exec(local.trim())
  if (!m) return null
  const wall = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0))
  if (Number.isNaN(wall)) return null
  const before = zoneOffset(wall - DAY, timeZone)
  const after = zoneOffset(wall + DAY, timeZone)
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset * MINUTE)
    .filter((instant) => instant + zoneOffset(instant, timeZone) * MINUTE === wall)
    .sort((a, b) => a - b)
  return new Date(candidates[0] ?? wall - before * MINUTE)
}

const pad = (v: number) => String(v).padStart(2, '0')

/** An instant as the zone's wall-clock time for a datetime-local field ("2026-03-29T09:00"). */
export function utcToZonedInput(instant: string | number | Date, timeZone: string): string {
  const time = new Date(instant).getTime()
  if (Number.isNaN(time)) return ''
  const p = parts(time, timeZone)
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`
}

/** A starting suggestion in the zone: the next full hour after an hour from now, or 09:00
 * when that would be at night (21:00 to 08:00). */
export function suggestedTime(now: number, timeZone: string): string {
  const p = parts(now + 60 * MINUTE, timeZone)
  let d = new Date(Date.UTC(p.year, p.month - 1, p.day, p.hour + 1, 0))
  const hour = d.getUTCHours()
  if (hour < 8 || hour >= 21) {
    const day = hour >= 21 ? d.getUTCDate() + 1 : d.getUTCDate()
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), day, 9, 0))
  }
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:00`
}

/** "Europe/Warsaw (UTC+2)" at that instant (the offset changes with summer time). */
export function zoneName(timeZone: string, instant = Date.now()): string {
  return `${timeZone.replace(/_/g, ' ')} (${offsetLabel(zoneOffset(instant, timeZone))})`
}

/** A schedule the API would take: a valid time, at least a minute from now. */
export function scheduleProblem(local: string, timeZone: string, now: number): string | null {
  if (!local) return 'Choose a date and time.'
  const at = zonedToUtc(local, timeZone)
  if (!at) return 'Enter a date and time.'
  if (at.getTime() < now + MINUTE) return 'Choose a time in the future.'
  return null
}
