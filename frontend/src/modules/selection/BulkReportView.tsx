import { SimpleGrid, Paper, Text } from '@mantine/core'
import type { BulkReport } from './hooks'

const n = (v: number) => v.toLocaleString('en-US')

/** A finished bulk action's exact counts. */
export function BulkReportView({ report }: { report: BulkReport }) {
  const cells: [string, number, string?][] = [
    ['Changed', report.changed, 'teal'],
    ['Already in that state', report.unchanged],
    ['Skipped: no longer visible', report.skipped, report.skipped ? 'orange' : undefined],
  ]
  if (report.conflicts) cells.push(['Not restored: email in use', report.conflicts, 'red'])
  return (
    <div role="status" aria-label="Bulk action report">
      <Text size="sm" mb="xs">
        {n(report.total)} contact{report.total === 1 ? '' : 's'} handled.
      </Text>
      <SimpleGrid cols={{ base: 1, xs: cells.length > 3 ? 2 : 3 }} spacing="xs">
        {cells.map(([label, value, color]) => (
          <Paper key={label} withBorder radius="md" p="xs">
            <Text size="xl" fw={700} c={color}>
              {n(value)}
            </Text>
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {label}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </div>
  )
}
