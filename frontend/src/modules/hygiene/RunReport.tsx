import { Alert, Anchor, Badge, Center, Grid, Group, Loader, Paper, Stack } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useRef } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../api/errors'
import { detailKey } from '../../api/queries'
import { EmptyState, ErrorAlert, PageHeader, formatDateTime } from '../../ui'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { useCan } from '../workspaces/hooks'
import { ChangesList } from './ChangesList'
import { DuplicateGroups } from './DuplicateGroups'
import { hygieneKey, useHygieneRun } from './hooks'
import { InvalidActions } from './InvalidActions'
import { ReasonTable, StatusSummary, Transitions } from './RunSummary'
import { RUN_STATUS, isRunActive, n, type HygieneRun } from './types'

export function runTitle(run: Pick<HygieneRun, 'created_at'>): string {
  return `Address check of ${formatDateTime(run.created_at)}`
}

export function runDescription(run: Pick<HygieneRun, 'scope' | 'trigger' | 'checked' | 'total' | 'changed'>): string {
  const what = run.scope === 'selection' ? 'Selected contacts' : 'Whole workspace'
  const how = run.trigger === 'schedule' ? 'automatic' : 'started by hand'
  const total = run.total != null && run.total !== run.checked ? ` of ${n(run.total)}` : ''
  return `${what}, ${how} · ${n(run.checked)}${total} checked · ${n(run.changed)} changed`
}

/** One hygiene run's report: progress while it checks, then counts by status (chart and numbers)
 * and by reason, changes of status, the changed contacts, duplicate groups, and what to do with
 * the invalid addresses. */
export function HygieneRunView({ ws, runId }: { ws: number; runId: number }) {
  const run = useHygieneRun(ws, runId)
  const canWrite = useCan('write_contacts')
  const active = !!run.data && isRunActive(run.data)
  const job = useJob(ws, active ? (run.data?.job_id ?? null) : null)
  // When a run ends while on screen, its list of changes is complete: fetch it again.
  const qc = useQueryClient()
  const wasActive = useRef(false)
  useEffect(() => {
    if (wasActive.current && !active) void qc.invalidateQueries({ queryKey: [...detailKey(hygieneKey(ws), runId), 'changes'] })
    wasActive.current = active
  }, [active, qc, ws, runId])
  const back = (
    <Anchor component={Link} to={`/w/${ws}/hygiene`} size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={14} /> List hygiene
      </Group>
    </Anchor>
  )
  if (!Number.isInteger(runId) || runId < 1 || (isApiError(run.error) && run.error.status === 404)) {
    return (
      <Stack>
        {back}
        <EmptyState title="Check not found" description="This address does not point to an address check of this workspace." />
      </Stack>
    )
  }
  if (run.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the report" />
      </Center>
    )
  }
  if (!run.data) return <ErrorAlert error={run.error} />
  const r = run.data
  const status = RUN_STATUS[r.status]
  return (
    <Stack gap="md">
      {back}
      <PageHeader
        title={runTitle(r)}
        description={runDescription(r)}
        actions={
          <Badge size="lg" variant="light" color={status.color} tt="none">
            {status.label}
          </Badge>
        }
      />
      <ErrorAlert error={run.error} />
      {active ? (
        <Paper withBorder radius="md" p="sm">
          {job.data ? <JobProgress job={job.data} ws={ws} /> : 'Starting…'}
        </Paper>
      ) : null}
      {r.status === 'failed' ? (
        <Alert color="red" variant="light" title="This check stopped">
          {r.error || 'It failed.'} The statuses of the contacts checked before it stopped are kept; start a new check to finish.
        </Alert>
      ) : null}
      {r.status === 'cancelled' ? (
        <Alert color="orange" variant="light">
          This check was cancelled after {n(r.checked)} addresses. Their statuses are kept.
        </Alert>
      ) : null}
      {canWrite && !active ? <InvalidActions ws={ws} /> : null}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <StatusSummary ws={ws} run={r} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="md">
            <ReasonTable byReason={r.by_reason} />
            <Transitions transitions={r.transitions} />
          </Stack>
        </Grid.Col>
      </Grid>
      <ChangesList ws={ws} runId={runId} />
      {r.status === 'finished' ? <DuplicateGroups ws={ws} groups={r.duplicates} canMerge={canWrite} /> : null}
    </Stack>
  )
}
