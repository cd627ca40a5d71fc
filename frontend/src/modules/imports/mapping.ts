/**
 * Which column goes where: a mapping is {column name: target}; a target is a standard field
 * ("email", "first_name", ...), "tags", "skip", "custom:<key>" (an existing custom field) or
 * "new:<label>" (a text custom field the import creates when it starts).
 */

export type Mapping = Record<string, string>
export type FieldRef = { key: string; label: string }
export type SelectGroup = { group: string; items: { value: string; label: string }[] }

export const STANDARD_TARGETS: { value: string; label: string }[] = [
  { value: 'email', label: 'Email' },
  { value: 'first_name', label: 'First name' },
  { value: 'last_name', label: 'Last name' },
  { value: 'phone', label: 'Phone' },
  { value: 'company', label: 'Company' },
  { value: 'job_title', label: 'Job title' },
  { value: 'time_zone', label: 'Time zone' },
]
export const CUSTOM = 'custom:'
export const NEW = 'new:'
/** The select's item that asks for a new field's label (never sent). */
export const NEW_FIELD_CHOICE = '__new_field__'
/** Targets several columns may share. */
const SHARED = new Set(['skip', 'tags'])

export function targetLabel(target: string, fields: FieldRef[] = []): string {
  const standard = STANDARD_TARGETS.find((t) => t.value === target)
  if (standard) return standard.label
  if (target === 'tags') return 'Tags'
  if (target === 'skip') return 'Skip (do not import)'
  if (target.startsWith(CUSTOM)) {
    const key = target.slice(CUSTOM.length)
    return fields.find((f) => f.key === key)?.label ?? key
  }
  if (target.startsWith(NEW)) return `New field: ${target.slice(NEW.length)}`
  return target
}

/**
 * The choices of one column's select: standard fields, the workspace's custom fields, then
 * Tags, Skip and "New custom field…" (only for those who may add fields). `current` is the
 * column's target, listed even when it is a new field's or an unknown one.
 */
export function targetChoices(fields: FieldRef[], current: string | undefined, canAddFields: boolean): SelectGroup[] {
  const groups: SelectGroup[] = [{ group: 'Standard fields', items: STANDARD_TARGETS.map((t) => ({ ...t })) }]
  const custom = fields.map((f) => ({ value: `${CUSTOM}${f.key}`, label: f.label }))
  if (current?.startsWith(CUSTOM) && !custom.some((c) => c.value === current)) {
    custom.push({ value: current, label: targetLabel(current, fields) })
  }
  if (custom.length) groups.push({ group: 'Custom fields', items: custom })
  const other = [
    { value: 'tags', label: 'Tags (names separated by , or ;)' },
    { value: 'skip', label: 'Skip (do not import)' },
  ]
  if (current?.startsWith(NEW)) other.push({ value: current, label: targetLabel(current) })
  if (canAddFields) other.push({ value: NEW_FIELD_CHOICE, label: 'New custom field…' })
  groups.push({ group: 'Other', items: other })
  return groups
}

/** Problems a mapping has before it is sent: a field chosen twice, no email column. */
export function mappingProblems(columns: string[], mapping: Mapping): Record<string, string> {
  const problems: Record<string, string> = {}
  const seen = new Map<string, string>()
  for (const column of columns) {
    const target = mapping[column] ?? 'skip'
    if (SHARED.has(target)) continue
    const first = seen.get(target)
    if (first !== undefined) problems[column] = `“${first}” already goes to this field.`
    else seen.set(target, column)
  }
  if (!seen.has('email')) problems[''] = 'Choose the column holding the email address.'
  return problems
}

const norm = (s: string) => s.normalize('NFKC').trim().toLowerCase()

/**
 * A saved mapping applied to this file's columns: a column it names (case and spaces aside)
 * takes its target; the others keep theirs unless that target is now taken (then Skip). A
 * saved "new:<label>" whose field exists by now maps to that field; a custom field that no
 * longer exists is not applied.
 */
export function applySaved(
  columns: string[],
  current: Mapping,
  saved: Mapping,
  fields: FieldRef[],
): { mapping: Mapping; matched: string[] } {
  const byName = new Map(Object.entries(saved).map(([column, target]) => [norm(column), target]))
  const keys = new Set(fields.map((f) => f.key))
  const mapping: Mapping = {}
  const matched: string[] = []
  for (const column of columns) {
    let target = byName.get(norm(column))
    if (target?.startsWith(NEW)) {
      const label = norm(target.slice(NEW.length))
      const existing = fields.find((f) => norm(f.label) === label || norm(f.key) === label)
      if (existing) target = `${CUSTOM}${existing.key}`
    }
    if (target?.startsWith(CUSTOM) && !keys.has(target.slice(CUSTOM.length))) target = undefined
    if (target !== undefined) {
      mapping[column] = target
      matched.push(column)
    }
  }
  const taken = new Set(Object.values(mapping).filter((t) => !SHARED.has(t)))
  for (const column of columns) {
    if (column in mapping) continue
    const target = current[column] ?? 'skip'
    mapping[column] = !SHARED.has(target) && taken.has(target) ? 'skip' : target
    if (!SHARED.has(target)) taken.add(target)
  }
  return { mapping, matched }
}

/** A column's first few distinct non-empty values in the preview, as examples. */
export function sampleValues(preview: string[][], index: number, max = 3): string[] {
  const values: string[] = []
  for (const row of preview) {
    const value = (row[index] ?? '').trim()
    if (value && !values.includes(value)) values.push(value)
    if (values.length >= max) break
  }
  return values
}

/** The API's errors about the mapping: {column: message}, '' for the mapping as a whole. */
export function mappingErrors(errors: Record<string, string[]>, columns: string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [key, messages] of Object.entries(errors)) {
    if (key === 'mapping' || key === 'mapping._') {
      out[''] = messages.join(' ')
      continue
    }
    if (!key.startsWith('mapping.')) continue
    const rest = key.slice('mapping.'.length)
    // A column name may hold dots: the longest column the key starts with.
    const column = columns.filter((c) => rest === c || rest.startsWith(`${c}.`)).sort((a, b) => b.length - a.length)[0]
    out[column ?? ''] = [out[column ?? ''], ...messages].filter(Boolean).join(' ')
  }
  return out
}

/** Same mapping (every column to the same target)? */
export function sameMapping(columns: string[], a: Mapping, b: Mapping): boolean {
  return columns.every((c) => (a[c] ?? 'skip') === (b[c] ?? 'skip'))
}
