import { Anchor, Badge, Button, Center, Group, Loader, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { IconMailCheck } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { Link } from 'react-router'
import { useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, formatDateTime, useSubmitOnce, type Column } from '../../ui'
import { useJob } from '../jobs/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { isActive } from '../jobs/types'
import { useCan } from '../workspaces/hooks'
import { hygieneKey, useHygieneRuns, useHygieneSettings, useStartHygieneRun, useUpdateHygieneSettings } from './hooks'
import { RUN_STATUS, SCHEDULE_OPTIONS, isRunActive, n, plural, scheduleLabel, type HygieneRun, type Schedule } from './types'

type NoFilters = Record<never, never>
const NO_FILTERS: { [K in keyof NoFilters]: never } = {}

/** How often the whole workspace is checked by itself: admins choose, others read it. */
export function ScheduleSetting({ ws }: { ws: number }) {
  const settings = useHygieneSettings(ws)
  const save = useUpdateHygieneSettings(ws)
  const isAdmin = useCan('manage_settings')
  const schedule = settings.data?.schedule
  const last = settings.data?.last_scheduled_at
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" align="flex-end" gap="sm">
        <Stack gap={2} style={{ flex: '1 1 260px', minWidth: 0 }}>
          <Title order={3} fz="h4">
            Automatic checks
          </Title>
          <Text size="xs" c="dimmed">
            The whole workspace is checked at night on this schedule.{' '}
            {last ? `Last automatic check: ${formatDateTime(last)}.` : 'No automatic check has run yet.'}
            {isAdmin ? '' : ' Only admins change this.'}
          </Text>
        </Stack>
        {isAdmin ? (
          <Select
            label="Schedule"
            data={SCHEDULE_OPTIONS}
            value={schedule ?? null}
            onChange={(v) => v && v !== schedule && save.mutate(v as Schedule)}
            allowDeselect={false}
            disabled={!settings.data || save.isPending}
            error={save.fieldError('schedule')}
            description={save.isSuccess ? 'Saved' : undefined}
            w={{ base: '100%', xs: 220 }}
          />
        ) : schedule ? (
          <Badge variant="light" color="gray" tt="none" size="lg">
            {scheduleLabel(schedule)}
          </Badge>
        ) : null}
      </Group>
      <ErrorAlert error={settings.error || (save.fieldError('schedule') ? null : save.error)} />
    </Paper>
  )
}

/** "7 addresses checked, 7 changed: 2 invalid, 1 risky. 2 groups of duplicates." from the job's
 * result (counts only). */
export function finishedSummary(result: unknown): string {
  const r = (result ?? {}) as { checked?: number; changed?: number; by_status?: Record<string, number>; duplicate_groups?: number; possible_duplicate_groups?: number }
  const checked = `${plural(r.checked ?? 0, 'address', 'addresses')} checked, ${n(r.changed ?? 0)} changed`
  const bad = (['invalid', 'risky', 'suppressed', 'unverified'] as const).filter((s) => r.by_status?.[s]).map((s) => `${n(r.by_status![s])} ${s}`)
  const groups = (r.duplicate_groups ?? 0) + (r.possible_duplicate_groups ?? 0)
  return `${checked}${bad.length ? `: ${bad.join(', ')}` : ''}.${groups ? ` ${plural(groups, 'group')} of duplicates.` : ''}`
}

function RunStatusBadge({ run }: { run: HygieneRun }) {
  const s = RUN_STATUS[run.status]
  return (
    <Badge variant="light" color={s.color} tt="none">
      {s.label}
    </Badge>
  )
}

/** The "List hygiene" page: check every address now (with its progress), the schedule, and the
 * past checks, paged in the URL. */
export function HygieneView({ ws }: { ws: number }) {
  const canWrite = useCan('write_contacts')
  const { query, update } = useListParams<NoFilters>({ filters: NO_FILTERS, sort: '-created_at', pageSize: 20 })
  const runs = useHygieneRuns(ws, query)
  const start = useStartHygieneRun(ws)
  const { submit, pending } = useSubmitOnce()
  const [started, setStarted] = useState<{ job_id: string; run_id: number } | null>(null)
  const items = runs.data?.items ?? []
  const total = runs.data?.total ?? 0
  const going = items.find(isRunActive)
  const followed = started ?? (going?.job_id ? { job_id: going.job_id, run_id: going.id } : null)
  const job = useJob(ws, followed?.job_id ?? null)
  const running = pending || (!!job.data && isActive(job.data)) || !!going
  const qc = useQueryClient()
  const ended = job.data && !isActive(job.data) ? job.data.id : null
  useEffect(() => {
    if (ended) void qc.invalidateQueries({ queryKey: hygieneKey(ws) })
  }, [ended, qc, ws])

  const checkNow = () =>
    submit(async (idempotencyKey) => {
      const accepted = await start.mutateAsync({ idempotencyKey }).catch(() => null)
      if (accepted) setStarted(accepted)
    })

  const columns: Column<HygieneRun>[] = [
    {
      key: 'when',
      label: 'Check',
      primary: true,
      render: (r) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/w/${ws}/hygiene/${r.id}`} fw={600} size="sm">
            {formatDateTime(r.created_at)}
          </Anchor>
          <Text size="xs" c="dimmed">
            {r.scope === 'selection' ? 'Selected contacts' : 'Whole workspace'} · {r.trigger === 'schedule' ? 'automatic' : 'by hand'}
          </Text>
        </Stack>
      ),
    },
    { key: 'status', label: 'Status', render: (r) => <RunStatusBadge run={r} /> },
    {
      key: 'checked',
      label: 'Checked',
      render: (r) => (r.total != null && r.total !== r.checked ? `${n(r.checked)} of ${n(r.total)}` : n(r.checked)),
    },
    { key: 'changed', label: 'Changed', render: (r) => n(r.changed) },
    {
      key: 'invalid',
      label: 'Invalid',
      render: (r) => (
        <Text size="sm" c={r.by_status.invalid ? 'red' : undefined} fw={r.by_status.invalid ? 600 : undefined}>
          {n(r.by_status.invalid ?? 0)}
        </Text>
      ),
    },
    { key: 'risky', label: 'Risky', render: (r) => n(r.by_status.risky ?? 0) },
  ]

  const checkButton = canWrite ? (
    <Button leftSection={<IconMailCheck size={16} />} onClick={checkNow} loading={pending} disabled={running && !pending}>
      Check addresses now
    </Button>
  ) : null

  return (
    <Stack gap="md">
      <PageHeader
        title="List hygiene"
        description="Re-check every email address: its form, fake and throw-away addresses, role addresses, typos, the suppression list, and whether its domain takes mail. Each contact gets a status with the reason; nothing is deleted or merged automatically."
        actions={total > 0 || followed ? checkButton : null}
      />
      <ErrorAlert error={start.error || runs.error} />
      {followed && job.data ? (
        <Paper withBorder radius="md" p="sm" aria-label="Current check">
          <Stack gap="xs">
            {job.data.status === 'finished' ? (
              <Text size="sm" role="status">
                <b>Finished.</b> {finishedSummary(job.data.result)}
              </Text>
            ) : (
              <JobProgress job={job.data} ws={ws} />
            )}
            <Anchor component={Link} to={`/w/${ws}/hygiene/${followed.run_id}`} size="sm" fw={600}>
              {isActive(job.data) ? 'Open the report (it fills in as the check goes)' : 'Open the report'}
            </Anchor>
          </Stack>
        </Paper>
      ) : null}
      <ScheduleSetting ws={ws} />
      <Title order={3} fz="h4" mt="xs">
        Past checks
      </Title>
      {runs.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading the checks" />
        </Center>
      ) : items.length === 0 && !followed ? (
        <EmptyState
          icon={<IconMailCheck size={26} />}
          title="No address checks yet"
          description={
            canWrite
              ? 'Check addresses now to find invalid, risky and duplicate addresses. It runs in the background; you can leave this page.'
              : 'A member or an admin can check the addresses; automatic checks follow the schedule above.'
          }
          action={checkButton}
        />
      ) : (
        <div style={{ opacity: runs.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable columns={columns} rows={items} rowKey={(r) => r.id} caption="Past checks" />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={total}
            noun={total === 1 ? 'check' : 'checks'}
            onPageChange={(page) => update({ page })}
          />
        </div>
      )}
    </Stack>
  )
}
