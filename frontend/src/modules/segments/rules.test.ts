import { describe, expect, it } from 'vitest'
import { describeRules } from './describe'
import { fieldCatalog, isComplete, opLabel, findField, valueKind, withField, withOp } from './fields'
import {
  addGroup,
  addRule,
  apiPath,
  canAddGroup,
  compile,
  countRules,
  errorsByNode,
  fromApi,
  isGroup,
  MAX_DEPTH,
  newGroup,
  newRule,
  nodeAt,
  parseApiPath,
  removeAt,
  setGroupOp,
  toApi,
  updateRule,
  type GroupNode,
  type RuleNode,
} from './rules'

const SAVED = {
  op: 'or',
  rules: [
    { field: 'first_name', op: 'eq', value: 'Zdzisław' },
    {
      op: 'and',
      rules: [
        { field: 'tag', op: 'has', value: 'kupujący' },
        { field: 'custom.plan', op: 'eq', value: 'Про' },
      ],
    },
    { field: 'visited_url', op: 'contains', value: '/cennik', days: 14 },
  ],
}

const catalog = fieldCatalog([
  { key: 'plan', label: 'Plan', type: 'text' },
  { key: 'seats', label: 'Seats', type: 'number' },
  { key: 'vip', label: 'VIP', type: 'boolean' },
  { key: 'topics', label: 'Topics', type: 'multi_choice', choices: ['buty', 'torby'] },
])

const rule = (root: GroupNode, ...path: number[]) => nodeAt(root, path) as RuleNode

describe('the rule tree', () => {
  it('reads saved rules and gives them back unchanged', () => {
    const tree = fromApi(SAVED)
    expect(tree.op).toBe('or')
    expect(isGroup(nodeAt(tree, [1]))).toBe(true)
    expect(rule(tree, 1, 0).value).toBe('kupujący')
    expect(countRules(tree)).toBe(4)
    expect(toApi(tree)).toEqual(SAVED)
    // Every node has its own key (React's), none of them sent.
    const keys = [tree.key, ...[0, 1, 2].map((i) => nodeAt(tree, [i])!.key), rule(tree, 1, 1).key]
    expect(new Set(keys).size).toBe(keys.length)
    expect(JSON.stringify(toApi(tree))).not.toContain('key')
  })

  it('reads anything else as an empty group', () => {
    expect(toApi(fromApi(null))).toEqual({ op: 'and', rules: [] })
    expect(toApi(fromApi({ op: 'xor', rules: [1, { field: 'email', op: 'is_empty' }] }))).toEqual({ op: 'and', rules: [{ field: 'email', op: 'is_empty' }] })
  })

  it('adds rules and groups where asked, without touching the old tree', () => {
    const empty = newGroup()
    const one = addRule(empty, [])
    expect(empty.rules).toHaveLength(0)
    expect(one.rules).toHaveLength(1)
    const nested = addGroup(one, [])
    const group = nodeAt(nested, [1])
    expect(isGroup(group) && group.op).toBe('or') // the other op than its parent's
    expect(isGroup(group) && group.rules).toHaveLength(1)
    const deeper = addRule(nested, [1], newRule({ field: 'email', op: 'contains', value: '@wp.pl' }))
    expect(rule(deeper, 1, 1).value).toBe('@wp.pl')
    expect(nodeAt(deeper, [0])).toBe(nodeAt(one, [0])) // untouched branches are shared
    expect(() => addRule(deeper, [0])).toThrow(TypeError) // a rule is no group
    expect(() => addRule(deeper, [5])).toThrow(RangeError)
  })

  it('nests groups up to the API’s depth', () => {
    let tree = newGroup()
    const path: number[] = []
    while (canAddGroup(path)) {
      tree = addGroup(tree, path)
      path.push((nodeAt(tree, path) as GroupNode).rules.length - 1) // into the group just added
    }
    expect(path).toHaveLength(MAX_DEPTH - 1)
    expect(() => addGroup(tree, path)).toThrow(RangeError)
  })

  it('removes, switches and updates by path', () => {
    const tree = fromApi(SAVED)
    const without = removeAt(tree, [1, 0])
    expect(toApi(without).rules[1]).toEqual({ op: 'and', rules: [{ field: 'custom.plan', op: 'eq', value: 'Про' }] })
    expect(toApi(removeAt(tree, [1])).rules).toHaveLength(2)
    expect(() => removeAt(tree, [])).toThrow(RangeError)
    expect(setGroupOp(tree, [1], 'or').rules[1]).toMatchObject({ op: 'or' })
    expect(setGroupOp(tree, [], 'and').op).toBe('and')
    const renamed = updateRule(tree, [0], (r) => ({ ...r, value: 'Ђорђе' }))
    expect(rule(renamed, 0).value).toBe('Ђорђе')
    expect(rule(tree, 0).value).toBe('Zdzisław')
    expect(() => updateRule(tree, [1], (r) => r)).toThrow(TypeError)
  })

  it('names nodes as the API does, and reads its names back', () => {
    expect(apiPath([])).toBe('rules')
    expect(apiPath([2])).toBe('rules.rules.2')
    expect(apiPath([1, 0])).toBe('rules.rules.1.rules.0')
    expect(parseApiPath('rules.rules.1.rules.0.value')).toEqual({ path: [1, 0], part: 'value' })
    expect(parseApiPath('rules.op')).toEqual({ path: [], part: 'op' })
    expect(parseApiPath('rules.rules')).toEqual({ path: [], part: 'rules' })
    expect(parseApiPath('rules.rules.3')).toEqual({ path: [3], part: '' })
    expect(parseApiPath('name')).toBeNull()
  })
})

describe('what is sent to count, and where the API’s errors go', () => {
  it('leaves incomplete rules and the groups they empty out, and maps paths back', () => {
    let tree = fromApi(SAVED)
    tree = addRule(tree, [], newRule()) // [3]: no field yet
    tree = addGroup(tree, []) // [4]: a group with one empty rule
    tree = updateRule(tree, [1, 0], (r) => ({ ...r, value: '' })) // a tag not typed yet
    const sent = compile(tree, (r) => isComplete(r, catalog))
    expect(sent.skipped).toBe(3)
    expect(sent.rules).toEqual({
      op: 'or',
      rules: [
        { field: 'first_name', op: 'eq', value: 'Zdzisław' },
        { op: 'and', rules: [{ field: 'custom.plan', op: 'eq', value: 'Про' }] },
        { field: 'visited_url', op: 'contains', value: '/cennik', days: 14 },
      ],
    })
    // The API's "rules.rules.1.rules.0" is the tree's [1, 1] now.
    expect(sent.origin['rules.rules.1.rules.0']).toBe(nodeAt(tree, [1, 1])!.key)
    expect(sent.origin['rules.rules.2']).toBe(nodeAt(tree, [2])!.key)
    expect(Object.values(sent.origin)).not.toContain(nodeAt(tree, [4])!.key)

    const errors = errorsByNode(
      { 'rules.rules.1.rules.0.value': ['Give a text.'], 'rules.op': ['Unknown group op.'], 'rules.rules.9.field': ['Nope.'], name: ['Too long.'] },
      sent.origin,
    )
    expect(errors[nodeAt(tree, [1, 1])!.key]).toEqual([{ part: 'value', message: 'Give a text.' }])
    expect(errors[tree.key]).toEqual([
      { part: 'op', message: 'Unknown group op.' },
      { part: '', message: 'Nope.' }, // a path not sent: told on the group that holds it
    ])
    expect(Object.keys(errors)).toHaveLength(2)
  })

  it('sends everything when saving, so the API names the same paths as the tree', () => {
    const tree = addRule(fromApi(SAVED), [1])
    const sent = compile(tree)
    expect(sent.skipped).toBe(0)
    expect(sent.origin['rules.rules.1.rules.2']).toBe(nodeAt(tree, [1, 2])!.key)
    expect((sent.rules.rules[1] as { rules: unknown[] }).rules[2]).toEqual({ field: '', op: '' })
  })
})

describe('fields and ops', () => {
  it('knows every field’s ops and the value each takes', () => {
    const kind = (field: string, op: string) => valueKind(findField(catalog, field), op)
    expect(kind('email', 'contains')).toBe('text')
    expect(kind('email', 'is_empty')).toBe('none')
    expect(kind('score', 'gte')).toBe('number')
    expect(kind('created_at', 'within_days')).toBe('days')
    expect(kind('created_at', 'gt')).toBe('date')
    expect(kind('tag', 'has')).toBe('tag')
    expect(kind('list', 'subscribed')).toBe('list')
    expect(kind('email_status', 'eq')).toBe('choice')
    expect(kind('lifetime_value', 'gt')).toBe('money')
    expect(kind('opened', 'eq')).toBe('campaign')
    expect(kind('opened', 'ever')).toBe('none')
    expect(kind('custom.vip', 'eq')).toBe('boolean')
    expect(kind('custom.topics', 'has')).toBe('choice')
    expect(kind('custom.seats', 'is_empty')).toBe('none')
    expect(findField(catalog, 'custom.seats')!.ops).toEqual(['eq', 'neq', 'gt', 'lt', 'gte', 'lte', 'is_empty', 'is_not_empty'])
    expect(findField(catalog, 'custom.topics')!.choices).toEqual(['buty', 'torby'])
    expect(opLabel(findField(catalog, 'created_at'), 'gt')).toBe('after')
    expect(opLabel(findField(catalog, 'email'), 'not_contains')).toBe('does not contain')
  })

  it('keeps what still fits when the field or the op changes', () => {
    const r = newRule({ field: 'first_name', op: 'contains', value: 'Łuk' })
    expect(withField(r, 'last_name', catalog)).toMatchObject({ op: 'contains', value: 'Łuk' })
    expect(withField(r, 'score', catalog)).toMatchObject({ op: 'eq', value: null })
    expect(withField(r, 'custom.topics', catalog)).toMatchObject({ op: 'has', value: 'buty' })
    expect(withField(r, 'custom.vip', catalog)).toMatchObject({ op: 'eq', value: true })
    expect(withField(r, 'visited_url', catalog)).toMatchObject({ op: 'contains', value: 'Łuk', days: null })
    const date = newRule({ field: 'created_at', op: 'gt', value: '2026-01-31' })
    expect(withOp(date, 'lt', catalog).value).toBe('2026-01-31')
    expect(withOp(date, 'within_days', catalog).value).toBe(30)
    expect(withOp(date, 'is_empty', catalog).value).toBeNull()
  })

  it('counts only rules the API would take', () => {
    const ok = (patch: Partial<RuleNode>) => isComplete(newRule(patch), catalog)
    expect(ok({ field: 'email', op: 'is_empty' })).toBe(true)
    expect(ok({ field: 'email', op: 'contains', value: '  ' })).toBe(false)
    expect(ok({ field: 'email', op: 'sounds_like', value: 'x' })).toBe(false)
    expect(ok({ field: 'nope', op: 'eq', value: 'x' })).toBe(false)
    expect(ok({ field: 'score', op: 'gt', value: '12.5' })).toBe(true)
    expect(ok({ field: 'score', op: 'gt', value: 'dużo' })).toBe(false)
    expect(ok({ field: 'created_at', op: 'within_days', value: 0 })).toBe(false)
    expect(ok({ field: 'created_at', op: 'within_days', value: 7 })).toBe(true)
    expect(ok({ field: 'created_at', op: 'gt', value: '2026-02-30' })).toBe(true) // the API checks the calendar
    expect(ok({ field: 'created_at', op: 'gt', value: '30.01.2026' })).toBe(false)
    expect(ok({ field: 'list', op: 'subscribed', value: null })).toBe(false)
    expect(ok({ field: 'list', op: 'subscribed', value: 4 })).toBe(true)
    expect(ok({ field: 'lifetime_value', op: 'gt', value: { amount: 100, currency: 'PLN' } })).toBe(true)
    expect(ok({ field: 'lifetime_value', op: 'gt', value: { amount: 100, currency: 'zł' } })).toBe(false)
    expect(ok({ field: 'custom.vip', op: 'eq', value: false })).toBe(true)
    expect(ok({ field: 'visited_url', op: 'contains', value: '/a', days: 0 })).toBe(false)
  })
})

describe('rules in words', () => {
  it('reads a nested tree, with the names of fields, choices and lists', () => {
    const tree = fromApi({
      op: 'and',
      rules: [
        { field: 'tag', op: 'has', value: 'vip' },
        { op: 'or', rules: [{ field: 'first_name', op: 'eq', value: 'Zażółć' }, { field: 'list', op: 'subscribed', value: 4 }] },
        { field: 'created_at', op: 'within_days', value: 30 },
        { field: 'email_status', op: 'neq', value: 'invalid' },
        { field: 'custom.vip', op: 'is_empty' },
      ],
    })
    expect(describeRules(tree, catalog, { lists: new Map([[4, 'Новости']]) })).toBe(
      'Tag has “vip” and (First name is “Zażółć” or Subscribed to “Новости”) and Created in the last 30 days and Email status is not “Invalid” and VIP is empty',
    )
    expect(describeRules(fromApi({ op: 'or', rules: [] }), catalog)).toBe('Every contact')
  })
})
