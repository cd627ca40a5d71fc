import { Checkbox, MultiSelect, Select, TextInput } from '@mantine/core'
import { NUMBER_HINT, parseLocaleNumber } from '../../ui/number'
import type { CustomField } from '../settings/fields/types'
import type { CustomValue } from './types'

type Props = {
  field: CustomField
  value: CustomValue | '' | undefined
  onChange: (value: CustomValue | '') => void
  error?: string
  disabled?: boolean
}

/** One custom field's input, chosen by its type. */
export function CustomFieldInput({ field, value, onChange, error, disabled }: Props) {
  const common = { label: field.label, error, disabled }
  const choices = field.choices ?? []
  switch (field.type) {
    case 'number': {
      // Plain text, read with the decimal comma or point: "12,5" is 12.5, never 125.
      const typed = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
      const invalid = typed.trim() !== '' && parseLocaleNumber(typed) === null
      return (
        <TextInput
          {...common}
          inputMode="decimal"
          value={typed}
          onChange={(e) => onChange(e.currentTarget.value)}
          error={error ?? (invalid ? NUMBER_HINT : undefined)}
        />
      )
    }
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )
    case 'boolean':
      return (
        <Checkbox
          label={field.label}
          error={error}
          disabled={disabled}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          pt={{ base: 4, sm: 30 }}
        />
      )
    case 'choice':
      return (
        <Select
          {...common}
          data={choices}
          value={typeof value === 'string' && value ? value : null}
          onChange={(v) => onChange(v ?? '')}
          clearable
          placeholder="Choose…"
        />
      )
    case 'multi_choice':
      return (
        <MultiSelect
          {...common}
          data={choices}
          value={Array.isArray(value) ? value : []}
          onChange={(v) => onChange(v)}
          clearable
          placeholder={Array.isArray(value) && value.length ? undefined : 'Choose…'}
        />
      )
    default:
      return (
        <TextInput
          {...common}
          value={typeof value === 'string' ? value : value == null ? '' : String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      )
  }
}
