/**
 * What a person typed into a number field, read in their way: "12,5" and "12.5" are 12.5,
 * "1 234,5" is 1234.5. Anything else is not a number (null), never silently 125.
 */
export function parseLocaleNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[\s\u00a0\u202f]/g, '')
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(cleaned)) return null
  const n = Number(cleaned.replace(',', '.'))
  return Number.isFinite(n) ? n : null
}

export const NUMBER_HINT = 'Enter a number, like 12.5'
