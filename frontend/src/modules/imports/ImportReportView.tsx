import { Alert, Anchor, Button, Center, Group, Loader, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { IconAlertCircle, IconDownload, IconUsers } from '@tabler/icons-react'
import { Link } from 'react-router'
import { ConfirmButton, ErrorAlert, formatDateTime } from '../../ui'
import { Chart, type ChartOption } from '../../ui/Chart'
import { rejectedCsvPath, useImportReport } from './hooks'
import { flaggedLabel, flaggedTotal, n, normalizeCounts, outcomes, rejectedLabel, rejectedTotal } from './labels'
import type { Import, ReportCounts } from './types'

type Props = {
  ws: number
  record: Import
  canWrite: boolean
  onDelete: () => Promise<unknown>
  onRetry: () => Promise<unknown>
  retrying: boolean
  actionError: unknown
}

/** Long labels (a tag name) wrap instead of being cut on a phone. */
const wrapButton = {
  root: { height: 'auto', minHeight: 36, paddingBlock: 6, maxWidth: '100%' },
  label: { whiteSpace: 'normal', overflowWrap: 'anywhere', textAlign: 'left' },
} as const

function chartOption(counts: ReportCounts): ChartOption {
  const rows = outcomes(counts).reverse() // the first outcome on top
  return {
    animation: false, // the numbers are the point: drawn at once, exact
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rows.map((r) => r.label), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: 'Rows',
        data: rows.map((r) => ({ value: r.value, itemStyle: { color: r.color } })),
        label: { show: true, position: 'right' },
        barMaxWidth: 28,
      },
    ],
  }
}

function ReasonTable({ title, by, label, caption }: { title: string; by: Record<string, number>; label: (k: string) => string; caption: string }) {
  const entries = Object.entries(by)
    .filter(([, v]) => v > 0)
    .sort((a, b) => b[1] - a[1])
  if (!entries.length) return null
  return (
    <Stack gap={4}>
      <Title order={5}>{title}</Title>
      <Table verticalSpacing={4} fz="sm" aria-label={caption}>
        <Table.Tbody>
          {entries.map(([reason, count]) => (
            <Table.Tr key={reason}>
              <Table.Td style={{ overflowWrap: 'anywhere' }}>{label(reason)}</Table.Td>
              <Table.Td ta="right" fw={600} w={80}>
                {n(count)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  )
}

/** A finished, failed or cancelled import: counts per outcome as numbers and a chart, the
 * rejected and flagged rows by reason, the rejected rows as CSV, the contacts. */
export function ImportReportView({ ws, record, canWrite, onDelete, onRetry, retrying, actionError }: Props) {
  const report = useImportReport(ws, record.id, true)
  const counts = normalizeCounts(report.data?.counts ?? record.counts)
  const rejected = rejectedTotal(counts)
  const flagged = flaggedTotal(counts)
  const notImported = rejected + counts.duplicate_in_file
  const rows = report.data?.rows ?? record.total_rows
  const done = report.data?.rows_done ?? record.progress.done
  const tags = Array.isArray(record.options.tags) ? (record.options.tags as string[]) : []
  const contactsLink = tags.length ? `/w/${ws}/contacts?tag=${encodeURIComponent(tags[0])}` : `/w/${ws}/contacts`
  const cells = outcomes(counts)
  // Cancelled or failed before the first row: no report to show.
  const nothingDone = record.status !== 'finished' && !done

  return (
    <Stack gap="md">
      {record.status === 'failed' ? (
        <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="The import stopped with an error" role="alert">
          <Stack gap="xs">
            <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
              {record.error || 'Something went wrong while importing.'}
            </Text>
            {done ? (
              <Text size="sm">
                The {n(done)} rows handled before it stopped are imported. Trying again goes on from where it stopped.
              </Text>
            ) : null}
            {canWrite ? (
              <Group>
                <Button size="xs" variant="light" color="red" loading={retrying} onClick={() => void onRetry()}>
                  Try again
                </Button>
              </Group>
            ) : null}
          </Stack>
        </Alert>
      ) : null}
      {record.status === 'cancelled' ? (
        <Alert color="orange" variant="light" title="Cancelled">
          {done
            ? `Stopped after ${n(done)}${rows != null ? ` of ${n(rows)}` : ''} rows. The contacts imported until then stay.`
            : 'Cancelled before any row was imported.'}
        </Alert>
      ) : null}
      <ErrorAlert error={report.error ?? actionError} />

      {nothingDone ? null : report.isPending ? (
        <Center py="lg">
          <Loader size="sm" aria-label="Loading the report" />
        </Center>
      ) : (
        <Paper withBorder radius="md" p="md">
          <Stack gap="md" role="region" aria-label="Import report">
            <Text size="sm">
              {rows != null ? `${n(done)} of ${n(rows)} rows handled` : `${n(done)} rows handled`}
              {record.finished_at ? ` · finished ${formatDateTime(record.finished_at)}` : ''}.
            </Text>
            <SimpleGrid cols={{ base: 2, xs: 3, md: 6 }} spacing="xs">
              {[...cells, { key: 'flagged', label: 'Flagged (imported)', value: flagged, color: '#fd7e14' }].map((c) => (
                <Paper key={c.key} withBorder radius="md" p="xs" data-testid={`count-${c.key}`}>
                  <Text size="xl" fw={700} style={{ color: c.value ? c.color : undefined }}>
                    {n(c.value)}
                  </Text>
                  <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                    {c.label}
                  </Text>
                </Paper>
              ))}
            </SimpleGrid>
            <Chart
              label={`Rows by outcome: ${cells.map((c) => `${c.label} ${c.value}`).join(', ')}`}
              option={chartOption(counts)}
              height={220}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
              <ReasonTable title="Rejected, by reason" by={counts.rejected} label={rejectedLabel} caption="Rejected rows by reason" />
              <ReasonTable title="Flagged, by reason" by={counts.flagged} label={flaggedLabel} caption="Flagged contacts by reason" />
            </SimpleGrid>
            {flagged ? (
              <Text size="xs" c="dimmed">
                Flagged contacts are imported with their email marked as risky: check them before you send.
              </Text>
            ) : null}
            <Group gap="sm" wrap="wrap">
              <Button component={Link} to={contactsLink} leftSection={<IconUsers size={16} />} variant="light" styles={wrapButton}>
                {tags.length ? `See the contacts tagged “${tags[0]}”` : 'Go to the contacts'}
              </Button>
              {notImported ? (
                <Button component="a" href={rejectedCsvPath(ws, record.id)} download leftSection={<IconDownload size={16} />} variant="default" styles={wrapButton}>
                  Download rejected rows (CSV)
                </Button>
              ) : null}
            </Group>
            {notImported ? (
              <Text size="xs" c="dimmed">
                The CSV holds every row not imported, as it was in the file, with its row number and the reason: fix them and import
                that file.
              </Text>
            ) : null}
          </Stack>
        </Paper>
      )}

      {canWrite ? (
        <Group justify="space-between" gap="xs">
          <Anchor component={Link} to={`/w/${ws}/imports/new`} size="sm">
            Import another file
          </Anchor>
          <ConfirmButton
            variant="subtle"
            size="xs"
            confirmTitle="Delete this import?"
            confirmText="Its file, report and rejected rows are deleted. The contacts it imported stay."
            confirmLabel="Delete import"
            onConfirm={onDelete}
          >
            Delete import
          </ConfirmButton>
        </Group>
      ) : null}
    </Stack>
  )
}
