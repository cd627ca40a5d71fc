import { Alert, Box, Button, Group, Modal, NativeSelect, Paper, Stack, Text, TextInput } from '@mantine/core'
import { IconAlertCircle, IconArrowRight } from '@tabler/icons-react'
import { useState } from 'react'
import { NEW, NEW_FIELD_CHOICE, sampleValues, targetChoices, type FieldRef, type Mapping } from './mapping'

type Props = {
  columns: string[]
  preview: string[][]
  mapping: Mapping
  onChange: (column: string, target: string) => void
  fields: FieldRef[]
  canAddFields: boolean
  /** {column: message}; '' for the mapping as a whole. */
  errors: Record<string, string>
  disabled?: boolean
}

const wrap = { overflowWrap: 'anywhere' } as const

function NewFieldModal({ column, fields, onClose, onCreate }: { column: string | null; fields: FieldRef[]; onClose: () => void; onCreate: (label: string) => void }) {
  const [label, setLabel] = useState('')
  const [shownFor, setShownFor] = useState<string | null>(null)
  if (column !== shownFor) {
    // A new column asks: start from its name.
    setShownFor(column)
    setLabel(column ?? '')
  }
  const trimmed = label.trim()
  const existing = fields.find((f) => f.label.trim().toLowerCase() === trimmed.toLowerCase())
  const error = !trimmed ? undefined : trimmed.length > 100 ? 'Use at most 100 characters.' : existing ? `“${existing.label}” exists: choose it in the list instead.` : undefined
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!trimmed || error) return
    onCreate(trimmed)
  }
  return (
    <Modal opened={column !== null} onClose={onClose} title="New custom field" centered>
      <form onSubmit={send} noValidate>
        <Stack>
          <Text size="sm" style={wrap}>
            A text field for the values of “{column}”. It is added to every contact when the import starts.
          </Text>
          <TextInput label="Field name" value={label} onChange={(e) => setLabel(e.currentTarget.value)} error={error} maxLength={120} data-autofocus />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" disabled={!trimmed || !!error}>
              Use this field
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** One select per column of the file: where its values go (standard fields, custom fields,
 * a new custom field, tags, or skip), with a few of its values as examples and its error. */
export function MappingEditor({ columns, preview, mapping, onChange, fields, canAddFields, errors, disabled }: Props) {
  const [asking, setAsking] = useState<string | null>(null)
  return (
    <Stack gap="xs">
      {errors[''] ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} role="alert" py="xs">
          {errors['']}
        </Alert>
      ) : null}
      {columns.map((column, index) => {
        const target = mapping[column] ?? 'skip'
        const samples = sampleValues(preview, index)
        return (
          <Paper key={column} withBorder radius="md" p="xs" data-testid="mapping-row" bg={target === 'skip' ? 'gray.0' : undefined}>
            <Group gap="xs" align="flex-start" wrap="wrap">
              <Stack gap={0} style={{ flex: '1 1 200px', minWidth: 0 }}>
                <Text size="sm" fw={600} style={wrap}>
                  {column}
                </Text>
                <Text size="xs" c="dimmed" lineClamp={2} style={wrap}>
                  {samples.length ? samples.join(' · ') : 'Empty in the preview'}
                </Text>
              </Stack>
              <Box visibleFrom="sm" mt={8} c="dimmed" style={{ flexShrink: 0 }}>
                <IconArrowRight size={16} aria-hidden />
              </Box>
              <NativeSelect
                aria-label={`Where “${column}” goes`}
                data={targetChoices(fields, target, canAddFields)}
                value={target}
                disabled={disabled}
                onChange={(e) => {
                  const value = e.currentTarget.value
                  if (value === NEW_FIELD_CHOICE) setAsking(column)
                  else onChange(column, value)
                }}
                error={errors[column]}
                style={{ flex: '1 1 220px', minWidth: 0 }}
              />
            </Group>
          </Paper>
        )
      })}
      <NewFieldModal
        column={asking}
        fields={fields}
        onClose={() => setAsking(null)}
        onCreate={(label) => {
          if (asking !== null) onChange(asking, `${NEW}${label}`)
          setAsking(null)
        }}
      />
    </Stack>
  )
}
