import { Badge, Button, Group, Progress, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../../ui'
import { useCancelJob } from './hooks'
import { isActive, jobLabel, percent, resultSummary, type Job } from './types'

const STATUS_COLOR: Record<Job['status'], string> = {
  queued: 'gray',
  started: 'blue',
  finished: 'teal',
  failed: 'red',
  cancelled: 'orange',
}

/** One job: label, state badge, a progress bar and Cancel while it runs, its result after. */
export function JobProgress({ job, ws }: { job: Job; ws?: number }) {
  const pct = percent(job)
  const label = jobLabel(job)
  const cancel = useCancelJob(ws ?? 0)
  const stopping = job.cancel_requested || cancel.isPending
  return (
    <Stack gap={4} data-testid={`job-${job.id}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {label}
        </Text>
        <Group gap={6} wrap="nowrap">
          <Badge size="sm" variant="light" color={STATUS_COLOR[job.status]}>
            {job.status}
          </Badge>
          {ws && isActive(job) ? (
            <Button
              size="compact-xs"
              variant="subtle"
              color="red"
              disabled={stopping}
              onClick={() => cancel.mutate(job.id)}
            >
              {stopping ? 'Stopping…' : 'Cancel'}
            </Button>
          ) : null}
        </Group>
      </Group>
      {isActive(job) || job.status === 'finished' ? (
        <Progress
          value={pct}
          animated={isActive(job)}
          striped={isActive(job)}
          color={STATUS_COLOR[job.status]}
          aria-label={`${label} progress`}
          size="md"
        />
      ) : null}
      <Text size="xs" c={job.status === 'failed' ? 'red' : 'dimmed'}>
        {isActive(job)
          ? job.total
            ? `${job.done ?? 0} of ${job.total} (${pct}%)`
            : job.status === 'queued'
              ? 'Waiting to start…'
              : `${pct}%`
          : `${resultSummary(job)} · ${formatDateTime(job.finished_at ?? job.created_at)}`}
      </Text>
    </Stack>
  )
}
