import { ActionIcon, Autocomplete, Group, NumberInput, Paper, Select, Stack, Text, TextInput, Tooltip } from '@mantine/core'
import { IconTrash } from '@tabler/icons-react'
import { useBuilder } from './builderContext'
import { choiceLabel, findField, MAX_DAYS, opLabel, valueKind, WITH_DAYS, withField, withOp, type FieldDef } from './fields'
import { removeAt, updateRule, type Money, type Path, type RuleNode, type RuleValue } from './rules'

const PART_LABELS: Record<string, string> = { field: 'Field', op: 'Condition', value: 'Value', days: 'Days' }

/** The field picker's options: standard fields by group, then the custom fields. */
function fieldOptions(catalog: FieldDef[], current: string) {
  const groups = new Map<string, { value: string; label: string }[]>()
  for (const def of catalog) groups.set(def.group, [...(groups.get(def.group) ?? []), { value: def.value, label: def.label }])
  if (current && !catalog.some((d) => d.value === current)) groups.set('Unknown', [{ value: current, label: current }])
  return [...groups.entries()].map(([group, items]) => ({ group, items }))
}

const asNumber = (v: RuleValue | undefined): number | string => (typeof v === 'number' || typeof v === 'string' ? v : '')
const numberOrNull = (v: number | string): number | null => (v === '' || !Number.isFinite(Number(v)) ? null : Number(v))

type ValueProps = { def: FieldDef; rule: RuleNode; label: string; error?: string; onChange: (value: RuleValue) => void }

/** The input fitting the rule's field and op. */
function ValueInput({ def, rule, label, error, onChange }: ValueProps) {
  const { tags, lists, readOnly } = useBuilder()
  const kind = valueKind(def, rule.op)
  const common = { 'aria-label': label, error, readOnly, size: 'sm' as const }
  switch (kind) {
    case 'none':
      return null
    case 'days':
      return (
        <NumberInput
          {...common}
          value={asNumber(rule.value)}
          onChange={(v) => onChange(numberOrNull(v))}
          min={1}
          max={MAX_DAYS}
          allowDecimal={false}
          allowNegative={false}
          rightSection={<Text size="xs" c="dimmed">days</Text>}
          rightSectionWidth={44}
        />
      )
    case 'number':
    case 'campaign':
      return (
        <NumberInput
          {...common}
          placeholder={kind === 'campaign' ? 'Campaign number' : 'A number'}
          value={asNumber(rule.value)}
          onChange={(v) => onChange(numberOrNull(v))}
          allowDecimal={kind === 'number'}
          allowNegative={kind === 'number'}
          hideControls
        />
      )
    case 'money': {
      const money = typeof rule.value === 'object' && rule.value !== null ? rule.value : null
      const amount = money ? money.amount : asNumber(rule.value)
      const currency = money?.currency ?? ''
      const set = (a: number | string, c: string): RuleValue => {
        const n = numberOrNull(a)
        return c.trim() ? ({ amount: n ?? '', currency: c.trim().toUpperCase() } as Money) : n
      }
      return (
        <Group gap={6} wrap="nowrap" align="flex-start">
          <NumberInput {...common} placeholder="Amount" value={amount} onChange={(v) => onChange(set(v, currency))} hideControls style={{ flex: 1, minWidth: 0 }} />
          <TextInput
            aria-label={`${label}: currency`}
            placeholder="Any"
            title="A 3-letter currency code, like PLN; empty: any currency"
            value={currency}
            maxLength={3}
            readOnly={readOnly}
            onChange={(e) => onChange(set(amount, e.currentTarget.value))}
            w={72}
            styles={{ input: { textTransform: 'uppercase' } }}
          />
        </Group>
      )
    }
    case 'date':
      return <TextInput {...common} type="date" value={typeof rule.value === 'string' ? rule.value : ''} onChange={(e) => onChange(e.currentTarget.value)} />
    case 'boolean':
      return (
        <Select
          {...common}
          data={[
            { value: 'true', label: 'Yes' },
            { value: 'false', label: 'No' },
          ]}
          value={rule.value === false ? 'false' : 'true'}
          onChange={(v) => onChange(v === 'true')}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )
    case 'choice':
      return (
        <Select
          {...common}
          placeholder={def.choices?.length ? 'Choose' : 'The field has no choices'}
          data={(def.choices ?? []).map((c) => ({ value: c, label: choiceLabel(def, c) }))}
          value={typeof rule.value === 'string' && rule.value ? rule.value : null}
          onChange={(v) => onChange(v ?? '')}
          searchable={(def.choices?.length ?? 0) > 8}
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )
    case 'list':
      return (
        <Select
          {...common}
          placeholder={lists.length ? 'Choose a list' : 'No lists yet'}
          data={lists.some((l) => l.value === String(rule.value)) || rule.value == null ? lists : [...lists, { value: String(rule.value), label: `List ${rule.value} (deleted)` }]}
          value={rule.value == null ? null : String(rule.value)}
          onChange={(v) => onChange(v ? Number(v) : null)}
          searchable
          allowDeselect={false}
          comboboxProps={{ withinPortal: true }}
        />
      )
    case 'tag':
      return (
        <Autocomplete
          {...common}
          placeholder="Tag name"
          data={tags}
          value={typeof rule.value === 'string' ? rule.value : ''}
          onChange={(v) => onChange(v)}
          maxLength={100}
          comboboxProps={{ withinPortal: true }}
        />
      )
    default:
      return (
        <TextInput
          {...common}
          placeholder={def.type === 'visited_url' ? 'e.g. /pricing' : 'Text'}
          value={typeof rule.value === 'string' || typeof rule.value === 'number' ? String(rule.value) : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
          maxLength={500}
        />
      )
  }
}

/** One rule: field, condition, value; the API's complaint about it underneath. */
export function RuleEditor({ rule, path }: { rule: RuleNode; path: Path }) {
  const { catalog, errors, incomplete, edit, readOnly } = useBuilder()
  const def = findField(catalog, rule.field)
  const name = `Rule ${path.map((i) => i + 1).join('.')}`
  const problems = errors[rule.key] ?? []
  const at = (part: string) => problems.filter((p) => p.part === part).map((p) => p.message).join(' ') || undefined
  const other = problems.filter((p) => !(p.part in PART_LABELS))
  const change = (fn: (r: RuleNode) => RuleNode) => edit((root) => updateRule(root, path, fn))
  const opOptions = def ? def.ops.map((op) => ({ value: op, label: opLabel(def, op) })) : []
  const flex = (basis: string, grow = 1) => ({ flex: `${grow} 1 ${basis}`, minWidth: 0 })
  return (
    <Paper withBorder radius="sm" p="xs" role="group" aria-label={name} data-testid="segment-rule" bg="var(--mantine-color-body)">
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <Group gap="xs" align="flex-start" wrap="wrap" style={{ flex: 1, minWidth: 0 }}>
          <Select
            aria-label={`${name}: field`}
            placeholder="Choose a field"
            data={fieldOptions(catalog, rule.field)}
            value={rule.field || null}
            onChange={(v) => v && change((r) => withField(r, v, catalog))}
            searchable
            allowDeselect={false}
            readOnly={readOnly}
            error={at('field')}
            maxDropdownHeight={320}
            comboboxProps={{ withinPortal: true }}
            style={flex('140px')}
          />
          {def ? (
            <Select
              aria-label={`${name}: condition`}
              data={opOptions}
              value={def.ops.includes(rule.op) ? rule.op : null}
              onChange={(v) => v && change((r) => withOp(r, v, catalog))}
              allowDeselect={false}
              readOnly={readOnly}
              error={at('op')}
              comboboxProps={{ withinPortal: true }}
              style={flex('140px')}
            />
          ) : null}
          {def && valueKind(def, rule.op) !== 'none' ? (
            <div style={flex('150px', 2)}>
              <ValueInput def={def} rule={rule} label={`${name}: value`} error={at('value')} onChange={(value) => change((r) => ({ ...r, value }))} />
            </div>
          ) : null}
          {def && WITH_DAYS.includes(def.value) ? (
            <NumberInput
              aria-label={`${name}: in the last days`}
              placeholder="any time"
              value={rule.days ?? ''}
              onChange={(v) => change((r) => ({ ...r, days: numberOrNull(v) }))}
              min={1}
              max={MAX_DAYS}
              allowDecimal={false}
              allowNegative={false}
              leftSection={<Text size="xs" c="dimmed">in</Text>}
              rightSection={<Text size="xs" c="dimmed">days</Text>}
              rightSectionWidth={44}
              readOnly={readOnly}
              error={at('days')}
              style={flex('120px')}
            />
          ) : null}
        </Group>
        {readOnly ? null : (
          <Tooltip label="Remove this rule" withArrow>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={`Remove ${name.toLowerCase()}`} onClick={() => edit((root) => removeAt(root, path))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        )}
      </Group>
      <Stack gap={2} mt={other.length || (incomplete.has(rule.key) && !problems.length) ? 4 : 0}>
        {other.map((p, i) => (
          <Text key={i} size="xs" c="red" role="alert">
            {p.message}
          </Text>
        ))}
        {incomplete.has(rule.key) && !problems.length ? (
          <Text size="xs" c="dimmed">
            {!def ? 'Choose a field.' : 'Give a value: until then this rule is not counted.'}
          </Text>
        ) : null}
      </Stack>
    </Paper>
  )
}
