/**
 * What a segment rule may test: every field of the API's rules.py (FIELDS and CUSTOM_OPS), its
 * ops, the value each op takes and how people read them. Pure: no React, no API.
 */

import { EMAIL_STATUS, EMAIL_STATUSES } from '../hygiene/types'
import type { RuleNode, RuleValue } from './rules'

export type FieldType =
  | 'text'
  | 'number'
  | 'date'
  | 'boolean'
  | 'choice'
  | 'multi_choice'
  | 'tag'
  | 'list'
  | 'email_status'
  | 'money'
  | 'purchased'
  | 'mail_event'
  | 'visited_url'

export type FieldDef = {
  /** What the API calls it: `email`, `custom.plan`… */
  value: string
  label: string
  group: string
  type: FieldType
  ops: readonly string[]
  /** The choices of a choice field (email status: the statuses). */
  choices?: readonly string[]
}

/** The input a value needs. */
export type ValueKind = 'none' | 'text' | 'number' | 'date' | 'days' | 'boolean' | 'choice' | 'tag' | 'list' | 'money' | 'campaign'

const TEXT_OPS = ['eq', 'neq', 'contains', 'not_contains', 'starts_with', 'is_empty', 'is_not_empty'] as const
const NUMBER_OPS = ['eq', 'neq', 'gt', 'lt', 'gte', 'lte'] as const
const DATE_OPS = ['within_days', 'before_days', 'gt', 'lt', 'is_empty', 'is_not_empty'] as const
const EMPTY_OPS = ['is_empty', 'is_not_empty'] as const
export const NO_VALUE_OPS: readonly string[] = ['is_empty', 'is_not_empty', 'ever', 'never']
export const DAYS_OPS: readonly string[] = ['within_days', 'before_days', 'not_within_days']
export const MAX_DAYS = 36_500
/** Fields taking an optional "in the last N days" (only visited_url uses it when counting). */
export const WITH_DAYS: readonly string[] = ['visited_url']

export const CUSTOM_OPS: Record<string, readonly string[]> = {
  text: TEXT_OPS,
  number: [...NUMBER_OPS, ...EMPTY_OPS],
  date: [...DATE_OPS, 'eq'],
  boolean: ['eq', ...EMPTY_OPS],
  choice: ['eq', 'neq', ...EMPTY_OPS],
  multi_choice: ['has', 'not_has', ...EMPTY_OPS],
}

const f = (value: string, label: string, group: string, type: FieldType, ops: readonly string[], choices?: readonly string[]): FieldDef => ({
  value,
  label,
  group,
  type,
  ops,
  ...(choices ? { choices } : {}),
})

const PROFILE = 'Profile'
const DATES = 'Dates'
const ACTIVITY = 'Activity and lists'
const PURCHASES = 'Purchases'

/** The built-in fields, grouped as the picker shows them. */
export const STANDARD_FIELDS: readonly FieldDef[] = [
  f('first_name', 'First name', PROFILE, 'text', TEXT_OPS),
  f('last_name', 'Last name', PROFILE, 'text', TEXT_OPS),
  f('email', 'Email', PROFILE, 'text', TEXT_OPS),
  f('email_status', 'Email status', PROFILE, 'email_status', ['eq', 'neq'], EMAIL_STATUSES),
  f('phone', 'Phone', PROFILE, 'text', TEXT_OPS),
  f('company', 'Company', PROFILE, 'text', TEXT_OPS),
  f('job_title', 'Job title', PROFILE, 'text', TEXT_OPS),
  f('source', 'Source', PROFILE, 'text', TEXT_OPS),
  f('time_zone', 'Time zone', PROFILE, 'text', TEXT_OPS),
  f('score', 'Score', PROFILE, 'number', NUMBER_OPS),
  f('tag', 'Tag', ACTIVITY, 'tag', ['has', 'not_has']),
  f('list', 'List', ACTIVITY, 'list', ['subscribed', 'not_subscribed', 'unsubscribed', 'unconfirmed']),
  f('opened', 'Opened a campaign', ACTIVITY, 'mail_event', ['ever', 'never', 'within_days', 'not_within_days', 'eq', 'neq']),
  f('clicked', 'Clicked in a campaign', ACTIVITY, 'mail_event', ['ever', 'never', 'within_days', 'not_within_days', 'eq', 'neq']),
  f('visited_url', 'Visited a page', ACTIVITY, 'visited_url', ['contains', 'not_contains']),
  f('purchased', 'Purchased', PURCHASES, 'purchased', ['ever', 'never', 'within_days', 'before_days']),
  f('order_count', 'Number of orders', PURCHASES, 'number', NUMBER_OPS),
  f('lifetime_value', 'Lifetime value', PURCHASES, 'money', ['gt', 'lt', 'gte', 'lte', 'eq']),
  f('created_at', 'Created', DATES, 'date', DATE_OPS),
  f('updated_at', 'Last updated', DATES, 'date', DATE_OPS),
  f('last_activity_at', 'Last activity', DATES, 'date', DATE_OPS),
  f('follow_up_at', 'Follow-up date', DATES, 'date', DATE_OPS),
]

export type CustomFieldLike = { key: string; label: string; type: string; choices?: readonly string[] }

/** The standard fields, then the contact custom fields as `custom.<key>`. */
export function fieldCatalog(custom: readonly CustomFieldLike[] = []): FieldDef[] {
  return [
    ...STANDARD_FIELDS,
    ...custom.map((c) => {
      const type = (c.type in CUSTOM_OPS ? c.type : 'text') as FieldType
      return f(`custom.${c.key}`, c.label, 'Custom fields', type, CUSTOM_OPS[type] ?? TEXT_OPS, type === 'choice' || type === 'multi_choice' ? (c.choices ?? []) : undefined)
    }),
  ]
}

export function findField(catalog: readonly FieldDef[], field: string): FieldDef | undefined {
  return catalog.find((d) => d.value === field)
}

/** The input the value of `op` on this field needs. */
export function valueKind(def: FieldDef | undefined, op: string): ValueKind {
  if (!def || !op || NO_VALUE_OPS.includes(op)) return 'none'
  if (DAYS_OPS.includes(op)) return 'days'
  switch (def.type) {
    case 'tag':
      return 'tag'
    case 'list':
      return 'list'
    case 'choice':
    case 'multi_choice':
    case 'email_status':
      return 'choice'
    case 'money':
      return 'money'
    case 'mail_event':
      return 'campaign'
    case 'number':
      return 'number'
    case 'date':
      return 'date'
    case 'boolean':
      return 'boolean'
    default:
      return 'text' // text, visited_url
  }
}

const COMMON: Record<string, string> = {
  eq: 'is',
  neq: 'is not',
  contains: 'contains',
  not_contains: 'does not contain',
  starts_with: 'starts with',
  is_empty: 'is empty',
  is_not_empty: 'is not empty',
  has: 'has',
  not_has: 'does not have',
  within_days: 'in the last … days',
  before_days: 'more than … days ago',
  not_within_days: 'not in the last … days',
  ever: 'ever',
  never: 'never',
}
const BY_TYPE: Partial<Record<FieldType, Record<string, string>>> = {
  number: { eq: 'equals', neq: 'does not equal', gt: 'more than', lt: 'less than', gte: 'at least', lte: 'at most' },
  money: { eq: 'equals', gt: 'more than', lt: 'less than', gte: 'at least', lte: 'at most' },
  date: { gt: 'after', lt: 'before', eq: 'on', is_not_empty: 'is set' },
  multi_choice: { has: 'includes', not_has: 'does not include' },
  list: { subscribed: 'subscribed to', not_subscribed: 'not subscribed to', unsubscribed: 'unsubscribed from', unconfirmed: 'waiting to confirm' },
  purchased: { before_days: 'not in the last … days (but earlier)' },
  mail_event: { eq: 'the campaign', neq: 'not the campaign' },
  visited_url: { contains: 'an address containing', not_contains: 'no address containing' },
}

export function opLabel(def: FieldDef | undefined, op: string): string {
  return (def && BY_TYPE[def.type]?.[op]) ?? COMMON[op] ?? op.replace(/_/g, ' ')
}

/** How a choice reads (email statuses by their label). */
export function choiceLabel(def: FieldDef, choice: string): string {
  return def.type === 'email_status' ? (EMAIL_STATUS[choice as keyof typeof EMAIL_STATUS]?.label ?? choice) : choice
}

export function defaultValue(kind: ValueKind, def?: FieldDef): RuleValue | undefined {
  switch (kind) {
    case 'none':
      return undefined
    case 'days':
      return 30
    case 'boolean':
      return true
    case 'choice':
      return def?.choices?.[0] ?? ''
    case 'text':
    case 'tag':
    case 'date':
      return ''
    default:
      return null // number, list, money, campaign: nothing until typed or picked
  }
}

const finite = (v: unknown) => (typeof v === 'number' || (typeof v === 'string' && v.trim() !== '')) && Number.isFinite(Number(v))

/** Whether the value fits: what the API would refuse is not counted yet (and told on save). */
export function valueIsComplete(kind: ValueKind, value: RuleValue | undefined): boolean {
  switch (kind) {
    case 'none':
      return true
    case 'days':
      return finite(value) && Number.isInteger(Number(value)) && Number(value) > 0 && Number(value) <= MAX_DAYS
    case 'number':
      return finite(value)
    case 'list':
    case 'campaign':
      return finite(value) && Number.isInteger(Number(value)) && Number(value) > 0
    case 'money':
      return typeof value === 'object' && value !== null ? finite(value.amount) && /^[A-Za-z]{3}$/.test(value.currency) : finite(value)
    case 'date':
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
    case 'boolean':
      return typeof value === 'boolean'
    default:
      return typeof value === 'string' && value.trim().length > 0 && value.trim().length <= 500
  }
}

/** A rule the API can count: a known field, one of its ops, and a value that fits. */
export function isComplete(rule: RuleNode, catalog: readonly FieldDef[]): boolean {
  const def = findField(catalog, rule.field)
  if (!def || !def.ops.includes(rule.op)) return false
  const daysOk = rule.days == null || valueIsComplete('days', rule.days)
  return daysOk && valueIsComplete(valueKind(def, rule.op), rule.value)
}

/** Another field: its first op unless the current one applies; the value kept if it still fits. */
export function withField(rule: RuleNode, field: string, catalog: readonly FieldDef[]): RuleNode {
  const before = findField(catalog, rule.field)
  const def = findField(catalog, field)
  if (!def) return { ...rule, field, op: '', value: null, days: null }
  const op = def.ops.includes(rule.op) ? rule.op : def.ops[0]
  const kind = valueKind(def, op)
  const sameKind = kind === valueKind(before, rule.op) && ['text', 'number', 'date', 'days'].includes(kind)
  return { ...rule, field, op, value: sameKind ? rule.value : (defaultValue(kind, def) ?? null), days: WITH_DAYS.includes(field) ? (rule.days ?? null) : null }
}

/** Another op: the value kept when it takes the same kind, else a fresh one. */
export function withOp(rule: RuleNode, op: string, catalog: readonly FieldDef[]): RuleNode {
  const def = findField(catalog, rule.field)
  const kind = valueKind(def, op)
  const value = kind === valueKind(def, rule.op) ? rule.value : (defaultValue(kind, def) ?? null)
  return { ...rule, op, value }
}
