/**
 * A segment's rule tree as the builder edits it: pure functions, no React. Groups are
 * {op: and|or, rules: [...]} nested up to MAX_DEPTH; a rule is {field, op, value, days?}. Each
 * node carries a `key` for React; `toApi` drops it. A node is addressed by its path: the indices
 * from the root group down (`[]` is the root, `[1, 0]` the first item of the second item), and
 * the API names the same node "rules.rules.1.rules.0".
 */

export type Money = { amount: number | string; currency: string }
export type RuleValue = string | number | boolean | Money | null

export type RuleNode = { kind: 'rule'; key: string; field: string; op: string; value?: RuleValue; days?: number | null }
export type GroupNode = { kind: 'group'; key: string; op: 'and' | 'or'; rules: TreeNode[] }
export type TreeNode = RuleNode | GroupNode
export type Path = readonly number[]

export type ApiRule = { field: string; op: string; value?: RuleValue; days?: number }
export type ApiGroup = { op: 'and' | 'or'; rules: (ApiRule | ApiGroup)[] }

/** The API's limits (rules.py). */
export const MAX_DEPTH = 5
export const MAX_RULES = 100

let counter = 0
const nextKey = (prefix: string) => `${prefix}${++counter}`

export function newRule(patch: Partial<Omit<RuleNode, 'kind' | 'key'>> = {}): RuleNode {
  return { kind: 'rule', key: nextKey('r'), field: '', op: '', value: null, ...patch }
}

export function newGroup(op: 'and' | 'or' = 'and', rules: TreeNode[] = []): GroupNode {
  return { kind: 'group', key: nextKey('g'), op, rules }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** Saved rules (the API's JSON) as a tree to edit; anything unreadable becomes an empty group. */
export function fromApi(raw: unknown): GroupNode {
  const group = (g: Record<string, unknown>): GroupNode =>
    newGroup(
      g.op === 'or' ? 'or' : 'and',
      (Array.isArray(g.rules) ? g.rules : []).filter(isObject).map((item) => (Array.isArray(item.rules) ? group(item) : rule(item))),
    )
  const rule = (r: Record<string, unknown>): RuleNode =>
    newRule({
      field: typeof r.field === 'string' ? r.field : '',
      op: typeof r.op === 'string' ? r.op : '',
      value: (r.value ?? null) as RuleValue,
      ...(typeof r.days === 'number' ? { days: r.days } : {}),
    })
  return isObject(raw) ? group(raw) : newGroup()
}

/** The tree as the API takes it (no keys; no value where none is given). */
export function toApi(group: GroupNode): ApiGroup {
  return compile(group).rules
}

export function isGroup(node: TreeNode | undefined): node is GroupNode {
  return node?.kind === 'group'
}

export function nodeAt(root: GroupNode, path: Path): TreeNode | undefined {
  let node: TreeNode | undefined = root
  for (const index of path) node = isGroup(node) ? node.rules[index] : undefined
  return node
}

/** The tree with the node at `path` replaced by `change(node)` (the others shared, not copied). */
export function updateAt(root: GroupNode, path: Path, change: (node: TreeNode) => TreeNode): GroupNode {
  const walk = (node: TreeNode, depth: number): TreeNode => {
    if (depth === path.length) return change(node)
    if (!isGroup(node) || path[depth] < 0 || path[depth] >= node.rules.length) throw new RangeError(`No node at ${path.join('.')}`)
    const rules = node.rules.slice()
    rules[path[depth]] = walk(rules[path[depth]], depth + 1)
    return { ...node, rules }
  }
  const updated = walk(root, 0)
  if (!isGroup(updated)) throw new TypeError('The root stays a group')
  return updated
}

function inGroup(root: GroupNode, path: Path, change: (g: GroupNode) => GroupNode): GroupNode {
  return updateAt(root, path, (node) => {
    if (!isGroup(node)) throw new TypeError(`${path.join('.')} is not a group`)
    return change(node)
  })
}

/** How deep the group at `path` is (the root: 0). */
export const depthOf = (path: Path) => path.length

/** Whether a group may be added inside the group at `path` (the API nests MAX_DEPTH deep). */
export function canAddGroup(path: Path): boolean {
  return depthOf(path) + 1 < MAX_DEPTH
}

export function countRules(node: TreeNode): number {
  return isGroup(node) ? node.rules.reduce((sum, item) => sum + countRules(item), 0) : 1
}

/** A new rule at the end of the group at `path` (empty, or as given). */
export function addRule(root: GroupNode, path: Path, rule: RuleNode = newRule()): GroupNode {
  return inGroup(root, path, (g) => ({ ...g, rules: [...g.rules, rule] }))
}

/** A new group with one empty rule at the end of the group at `path`; the other op than its
 * parent's, since a group of the same op changes nothing. */
export function addGroup(root: GroupNode, path: Path): GroupNode {
  if (!canAddGroup(path)) throw new RangeError(`Groups nest ${MAX_DEPTH} deep at most`)
  return inGroup(root, path, (g) => ({ ...g, rules: [...g.rules, newGroup(g.op === 'and' ? 'or' : 'and', [newRule()])] }))
}

/** Removes the node at `path` (not the root). */
export function removeAt(root: GroupNode, path: Path): GroupNode {
  if (!path.length) throw new RangeError('The root group cannot be removed')
  const index = path[path.length - 1]
  return inGroup(root, path.slice(0, -1), (g) => ({ ...g, rules: g.rules.filter((_, i) => i !== index) }))
}

export function setGroupOp(root: GroupNode, path: Path, op: 'and' | 'or'): GroupNode {
  return inGroup(root, path, (g) => ({ ...g, op }))
}

export function updateRule(root: GroupNode, path: Path, change: (rule: RuleNode) => RuleNode): GroupNode {
  return updateAt(root, path, (node) => {
    if (isGroup(node)) throw new TypeError(`${path.join('.')} is not a rule`)
    return change(node)
  })
}

/** The API's name of the node at `path`: [] → "rules", [2] → "rules.rules.2". */
export function apiPath(path: Path): string {
  return ['rules', ...path.map((i) => `rules.${i}`)].join('.')
}

/** "rules.rules.1.rules.0.value" → {path: [1, 0], part: "value"}; null for another field. */
export function parseApiPath(name: string): { path: number[]; part: string } | null {
  const parts = name.split('.')
  if (parts[0] !== 'rules') return null
  const path: number[] = []
  let i = 1
  while (parts[i] === 'rules' && i + 1 < parts.length && /^\d+$/.test(parts[i + 1])) {
    path.push(Number(parts[i + 1]))
    i += 2
  }
  return { path, part: parts.slice(i).join('.') }
}

export type Compiled = {
  rules: ApiGroup
  /** The API path of each node sent → its key in the tree (paths shift when rules are left out). */
  origin: Record<string, string>
  /** Rules left out (incomplete). */
  skipped: number
}

/**
 * The tree for the API. With `include`, only the rules it accepts are sent. Nested groups left
 * with no rule are dropped (an empty group would match everyone); an empty root stays and
 * matches every contact. `origin` maps the API's path of each node sent back to its key.
 */
export function compile(root: GroupNode, include: (rule: RuleNode) => boolean = () => true): Compiled {
  let skipped = 0
  const group = (g: GroupNode, path: number[]): { api: ApiGroup; origin: Record<string, string> } => {
    const origin: Record<string, string> = { [apiPath(path)]: g.key }
    const rules: (ApiRule | ApiGroup)[] = []
    for (const item of g.rules) {
      const at = [...path, rules.length]
      if (isGroup(item)) {
        const sub = group(item, at)
        if (sub.api.rules.length) {
          rules.push(sub.api)
          Object.assign(origin, sub.origin)
        }
      } else if (include(item)) {
        origin[apiPath(at)] = item.key
        const out: ApiRule = { field: item.field, op: item.op }
        if (item.value !== undefined && item.value !== null && item.value !== '') out.value = item.value
        if (item.days != null) out.days = item.days
        rules.push(out)
      } else skipped += 1
    }
    return { api: { op: g.op, rules }, origin }
  }
  const { api, origin } = group(root, [])
  return { rules: api, origin, skipped }
}

export type NodeErrors = Record<string, { part: string; message: string }[]>

/** The API's 422 errors ({"rules.rules.2.op": ["…"]}) by the key of the node they name. */
export function errorsByNode(errors: Record<string, string[]>, origin: Record<string, string>): NodeErrors {
  const out: NodeErrors = {}
  for (const [name, messages] of Object.entries(errors)) {
    const parsed = parseApiPath(name)
    if (!parsed) continue
    // The deepest node sent that the path names (a dropped group's path names its parent).
    let path = parsed.path
    let part = parsed.part
    while (!(apiPath(path) in origin) && path.length) {
      part = ''
      path = path.slice(0, -1)
    }
    const key = origin[apiPath(path)]
    if (!key) continue
    ;(out[key] ??= []).push(...messages.map((message) => ({ part, message })))
  }
  return out
}
