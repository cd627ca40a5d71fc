import { Badge, Group, Progress, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../../ui'
import { isActive, jobLabel, percent, resultSummary, type Job } from './types'

const STATUS_COLOR: Record<Job['status'], string> = {
  queued: 'gray',
  started: 'blue',
  finished: 'teal',
  failed: 'red',
}

/** One job: label, state badge, a progress bar while it runs, its result when done. */
export function JobProgress({ job }: { job: Job }) {
  const pct = percent(job)
  const label = jobLabel(job.kind)
  return (
    <Stack gap={4} data-testid={`job-${job.id}`}>
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Text size="sm" fw={500} truncate>
          {label}
        </Text>
        <Badge size="sm" variant="light" color={STATUS_COLOR[job.status]}>
          {job.status}
        </Badge>
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
