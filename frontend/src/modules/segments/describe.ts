/** A rule tree in words, for lists of segments: “Tag has “vip” and (First name is “Zofia” or …)”. */

import { choiceLabel, findField, opLabel, valueKind, type FieldDef } from './fields'
import { isGroup, type GroupNode, type RuleNode } from './rules'

type Names = { lists?: ReadonlyMap<number, string> }

function value(def: FieldDef | undefined, rule: RuleNode, names: Names): string {
  const v = rule.value
  const kind = valueKind(def, rule.op)
  if (kind === 'list') return `“${names.lists?.get(Number(v)) ?? `list ${v}`}”`
  if (kind === 'campaign') return `#${v}`
  if (kind === 'boolean') return v ? 'yes' : 'no'
  if (kind === 'money') return typeof v === 'object' && v !== null ? `${v.amount} ${v.currency}` : String(v)
  if (kind === 'choice' && def && typeof v === 'string') return `“${choiceLabel(def, v)}”`
  if (kind === 'number') return String(v)
  return `“${String(v ?? '')}”`
}

export function describeRule(rule: RuleNode, catalog: readonly FieldDef[], names: Names = {}): string {
  const def = findField(catalog, rule.field)
  const field = def?.label ?? rule.field
  const op = opLabel(def, rule.op)
  const kind = valueKind(def, rule.op)
  const within = rule.days ? ` in the last ${rule.days} days` : ''
  if (kind === 'none') return `${field} ${op}`
  if (kind === 'days') return `${field} ${op.replace('…', String(rule.value))}`
  // "Subscribed to “News”" says it all.
  if (def?.type === 'list') return `${op.charAt(0).toUpperCase()}${op.slice(1)} ${value(def, rule, names)}`
  return `${field} ${op} ${value(def, rule, names)}${within}`
}

export function describeRules(group: GroupNode, catalog: readonly FieldDef[], names: Names = {}): string {
  const parts = group.rules.map((item) => (isGroup(item) ? `(${describeRules(item, catalog, names)})` : describeRule(item, catalog, names)))
  if (!parts.length) return 'Every contact'
  return parts.join(group.op === 'and' ? ' and ' : ' or ')
}
