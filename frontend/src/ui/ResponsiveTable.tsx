import { Card, Group, Paper, Stack, Table, Text, UnstyledButton, VisuallyHidden } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react'
import type { ReactNode } from 'react'

export type Column<T> = {
  key: string
  label: string
  render: (row: T) => ReactNode
  /** Field name sent as `sort` when the header is clicked. */
  sortField?: string
  /** Hide this column's label in the card layout (e.g. the title column). */
  primary?: boolean
  width?: number | string
  /** Shown in the header cell instead of the label (e.g. a select-all checkbox); in the card
   * layout, above the cards. */
  header?: ReactNode
}

type Props<T> = {
  columns: Column<T>[]
  rows: T[]
  rowKey: (row: T) => string | number
  sort?: string
  onSortChange?: (sort: string) => void
  caption?: string
  /** Force the card layout (tests); otherwise chosen by viewport width. */
  stacked?: boolean
}

/** Next sort value when a header is clicked: asc → desc → asc. */
export function nextSort(current: string | undefined, field: string): string {
  if (current === field) return `-${field}`
  return field
}

function SortIcon({ state }: { state: 'asc' | 'desc' | null }) {
  if (state === 'asc') return <IconArrowUp size={14} />
  if (state === 'desc') return <IconArrowDown size={14} />
  return <IconArrowsSort size={14} opacity={0.4} />
}

/** A table at desktop widths, a list of cards on phones. */
export function ResponsiveTable<T>({ columns, rows, rowKey, sort, onSortChange, caption, stacked }: Props<T>) {
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false })
  if (stacked ?? narrow) {
    const headers = columns.filter((c) => c.header)
    const cards = (
      <Stack gap="xs" aria-label={caption} role="list">
        {rows.map((row) => (
          <Card key={rowKey(row)} withBorder padding="sm" radius="md" role="listitem">
            <Stack gap={4}>
              {columns.map((c) =>
                c.primary ? (
                  <div key={c.key}>{c.render(row)}</div>
                ) : (
                  <Group key={c.key} gap="xs" wrap="nowrap" align="flex-start">
                    <Text size="xs" c="dimmed" w={96} style={{ flexShrink: 0 }}>
                      {c.label}
                    </Text>
                    <div style={{ minWidth: 0, flex: 1, fontSize: 'var(--mantine-font-size-sm)' }}>{c.render(row)}</div>
                  </Group>
                ),
              )}
            </Stack>
          </Card>
        ))}
      </Stack>
    )
    if (!headers.length) return cards
    return (
      <Stack gap="xs">
        <Group gap="md">{headers.map((c) => <div key={c.key}>{c.header}</div>)}</Group>
        {cards}
      </Stack>
    )
  }
  return (
    <Paper withBorder radius="md" px="xs" py={4}>
    <Table.ScrollContainer minWidth={640}>
      <Table striped highlightOnHover verticalSpacing="xs" aria-label={caption}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((c) => {
              const state = !c.sortField ? null : sort === c.sortField ? 'asc' : sort === `-${c.sortField}` ? 'desc' : null
              return (
                <Table.Th
                  key={c.key}
                  w={c.width}
                  aria-sort={state === 'asc' ? 'ascending' : state === 'desc' ? 'descending' : undefined}
                >
                  {c.sortField && onSortChange ? (
                    <UnstyledButton
                      onClick={() => onSortChange(nextSort(sort, c.sortField!))}
                      fw={600}
                      fz="sm"
                    >
                      {/* named by its text ("Sort by Email"), not aria-label, so getByLabel('Sort by') stays unique */}
                      <Group gap={4} wrap="nowrap">
                        <VisuallyHidden>Sort by</VisuallyHidden>
                        {c.label}
                        <SortIcon state={state} />
                      </Group>
                    </UnstyledButton>
                  ) : (
                    c.header ?? c.label
                  )}
                </Table.Th>
              )
            })}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)}>
              {columns.map((c) => (
                <Table.Td key={c.key}>{c.render(row)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
    </Paper>
  )
}
