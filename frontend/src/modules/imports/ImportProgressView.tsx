import { Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { ConfirmButton, ErrorAlert } from '../../ui'
import { useCancelImport } from './hooks'
import { countsSummary, n, percentDone, timeLeft } from './labels'
import type { Import } from './types'

/** A queued or running import: rows done of the total, rows per second, time left, and
 * Cancel (the batches done stay imported). The page polls the import until it ends. */
export function ImportProgressView({ ws, record, canWrite }: { ws: number; record: Import; canWrite: boolean }) {
  const cancel = useCancelImport(ws, record.id)
  const [stopRequested, setStopping] = useState(false)
  const stopping = stopRequested || record.cancel_requested // kept across a reload
  const { done, total, rows_per_second: rate, seconds_left: left } = record.progress
  const pct = percentDone(done, total)
  const queued = record.status === 'queued'
  const summary = countsSummary(record.counts)
  return (
    <Paper withBorder radius="md" p="md">
      <Stack gap="sm" role="status" aria-label="Import progress">
        <Group justify="space-between" gap="xs">
          <Text fw={600}>{stopping ? 'Stopping after the current batch…' : queued ? 'In the queue' : 'Importing…'}</Text>
          {canWrite ? (
            <ConfirmButton
              variant="light"
              size="xs"
              disabled={stopping}
              confirmTitle="Cancel this import?"
              confirmText="It stops after the batch it is working on. Contacts imported so far stay; the report shows what was done."
              confirmLabel="Cancel import"
              onConfirm={async () => {
                await cancel.mutateAsync()
                setStopping(true)
              }}
            >
              Cancel import
            </ConfirmButton>
          ) : null}
        </Group>
        <Progress
          value={queued ? 100 : pct}
          animated
          striped
          color={queued ? 'gray' : 'blue'}
          size="lg"
          aria-label="Rows imported"
          aria-valuetext={queued ? 'Waiting to start' : `${pct}%`}
        />
        {queued ? (
          <Text size="sm" c="dimmed">
            Waiting for a worker to start…
          </Text>
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="xs">
            <div>
              <Text fw={700}>{total != null ? `${n(done)} of ${n(total)}` : n(done)}</Text>
              <Text size="xs" c="dimmed">
                rows{total != null ? ` (${pct}%)` : ', counting the file…'}
              </Text>
            </div>
            <div>
              <Text fw={700}>{rate == null ? '—' : rate < 10 ? rate.toFixed(1) : n(Math.round(rate))}</Text>
              <Text size="xs" c="dimmed">
                rows per second
              </Text>
            </div>
            <div>
              <Text fw={700}>{timeLeft(left) ?? '—'}</Text>
              <Text size="xs" c="dimmed">
                time left
              </Text>
            </div>
          </SimpleGrid>
        )}
        {summary ? (
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            So far: {summary}
          </Text>
        ) : null}
        <Text size="xs" c="dimmed">
          You can leave this page: the import goes on, and the jobs menu at the top shows it.
        </Text>
        <ErrorAlert error={cancel.error} />
      </Stack>
    </Paper>
  )
}
