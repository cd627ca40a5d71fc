import { Badge, Box, Checkbox, Group, LoadingOverlay, NativeSelect, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { MappingEditor } from './MappingEditor'
import { targetLabel, type FieldRef, type Mapping } from './mapping'
import { SavedMappings } from './SavedMappings'
import { DELIMITERS, ENCODINGS, type Delimiter, type Encoding, type Import, type SavedMapping } from './types'

export type Layout = { encoding?: Encoding; delimiter?: Delimiter; header?: boolean }

type Props = {
  ws: number
  record: Import
  mapping: Mapping
  onMap: (column: string, target: string) => void
  onApplySaved: (saved: SavedMapping) => void
  onLayout: (change: Layout) => void
  /** The layout change being read (shown at once), or null. */
  reading: Layout | null
  fields: FieldRef[]
  canAddFields: boolean
  /** API errors: encoding, delimiter, header. */
  layoutErrors: Record<string, string | undefined>
  /** {column: message}, '' for the whole mapping. */
  mappingErrors: Record<string, string>
}

const encodingLabel = (value: string) => ENCODINGS.find((e) => e.value === value)?.label.split(' (')[0] ?? value
const delimiterLabel = (value: string) => DELIMITERS.find((d) => d.value === value)?.label ?? value

/** The file's first rows as read now, scrolling sideways when wide. */
function PreviewTable({ record, mapping, fields }: { record: Import; mapping: Mapping; fields: FieldRef[] }) {
  const first = record.header ? 2 : 1
  return (
    <Paper withBorder radius="md">
      <Table.ScrollContainer minWidth={Math.max(320, 48 + record.columns.length * 150)} type="native" maxHeight={460}>
        <Table striped withColumnBorders stickyHeader verticalSpacing={4} fz="sm" aria-label="Preview of the file">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={48} c="dimmed">
                Row
              </Table.Th>
              {record.columns.map((column) => {
                const target = mapping[column] ?? 'skip'
                return (
                  <Table.Th key={column} style={{ verticalAlign: 'top', minWidth: 120 }}>
                    <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }}>
                      {column}
                    </Text>
                    <Badge size="xs" variant={target === 'skip' ? 'outline' : 'light'} color={target === 'skip' ? 'gray' : 'blue'} tt="none" maw="100%">
                      {target === 'skip' ? 'Skipped' : targetLabel(target, fields)}
                    </Badge>
                  </Table.Th>
                )
              })}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {record.preview.map((row, i) => (
              <Table.Tr key={i}>
                <Table.Td c="dimmed">{first + i}</Table.Td>
                {record.columns.map((column, j) => (
                  <Table.Td key={column} title={row[j] ?? ''} style={{ maxWidth: 260 }}>
                    <Text size="sm" truncate="end">
                      {row[j] ?? ''}
                    </Text>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  )
}

/** Step 2: how the file is read (encoding, delimiter, header: each change reads it again), its
 * first rows, and where each column goes. */
export function ColumnsStep({ ws, record, mapping, onMap, onApplySaved, onLayout, reading, fields, canAddFields, layoutErrors, mappingErrors }: Props) {
  const detected = record.detected
  const encoding = reading?.encoding ?? record.encoding
  const delimiter = reading?.delimiter ?? record.delimiter
  const header = reading?.header ?? record.header
  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Title order={4}>How the file is read</Title>
        <Group gap="sm" align="flex-start" wrap="wrap">
          <NativeSelect
            label="Encoding"
            description={detected.encoding !== encoding ? `Detected: ${encodingLabel(detected.encoding)}` : 'As detected'}
            data={ENCODINGS}
            value={encoding}
            onChange={(e) => onLayout({ encoding: e.currentTarget.value as Encoding })}
            disabled={!!reading}
            error={layoutErrors.encoding}
            style={{ flex: '1 1 240px', maxWidth: 380 }}
          />
          <NativeSelect
            label="Delimiter"
            description={detected.delimiter !== delimiter ? `Detected: ${delimiterLabel(detected.delimiter)}` : 'As detected'}
            data={DELIMITERS}
            value={delimiter}
            onChange={(e) => onLayout({ delimiter: e.currentTarget.value as Delimiter })}
            disabled={!!reading}
            error={layoutErrors.delimiter}
            style={{ flex: '1 1 160px', maxWidth: 220 }}
          />
          <Checkbox
            label="First row is the header"
            description={header ? 'Its cells name the columns' : 'The columns are numbered'}
            checked={header}
            onChange={(e) => onLayout({ header: e.currentTarget.checked })}
            disabled={!!reading}
            error={layoutErrors.header}
            mt={{ base: 0, sm: 28 }}
          />
        </Group>
        <Text size="xs" c="dimmed">
          Letters like ą, ł, ż look wrong? Try another encoding. Everything in one column? Try another delimiter.
        </Text>
      </Stack>

      <Stack gap="xs">
        <Group justify="space-between" gap="xs">
          <Title order={4}>Preview</Title>
          <Text size="xs" c="dimmed">
            The first {record.preview.length} {record.preview.length === 1 ? 'row' : 'rows'} · {record.columns.length}{' '}
            {record.columns.length === 1 ? 'column' : 'columns'}
          </Text>
        </Group>
        <Box pos="relative">
          <LoadingOverlay visible={!!reading} zIndex={5} overlayProps={{ blur: 1 }} loaderProps={{ size: 'sm' }} />
          <PreviewTable record={record} mapping={mapping} fields={fields} />
        </Box>
      </Stack>

      <Stack gap="xs">
        <Title order={4}>Where each column goes</Title>
        <Text size="sm" c="dimmed">
          One column must hold the email address; the others are optional. Columns you skip are not imported.
        </Text>
        <SavedMappings ws={ws} mapping={mapping} onApply={onApplySaved} disabled={!!reading} />
        <MappingEditor
          columns={record.columns}
          preview={record.preview}
          mapping={mapping}
          onChange={onMap}
          fields={fields}
          canAddFields={canAddFields}
          errors={mappingErrors}
          disabled={!!reading}
        />
      </Stack>
    </Stack>
  )
}
