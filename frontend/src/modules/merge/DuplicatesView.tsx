import { Anchor, Badge, Button, Center, Group, Loader, Paper, SegmentedControl, Stack, Table, Text } from '@mantine/core'
import { IconUsersGroup } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useSearchParams } from 'react-router'
import { ConfirmButton, EmptyState, ErrorAlert, PageHeader, PaginationBar, formatDateTime, useSubmitOnce } from '../../ui'
import { JobProgress } from '../jobs/JobProgress'
import { useJob } from '../jobs/hooks'
import { useCan, useCurrentWorkspace } from '../workspaces/hooks'
import { type DuplicateGroup, type DuplicateReason, useDuplicates, useMergeAllDuplicates } from './hooks'
import { MergeDialog } from './MergeDialog'

const PAGE_SIZE = 20
export const REASON_LABELS: Record<DuplicateReason, string> = {
  email: 'Same email',
  phone: 'Same phone',
  name_company: 'Same name at the same company',
}
const wrap = { overflowWrap: 'anywhere' } as const

function GroupCard({ ws, group, canMerge, onMerge }: { ws: number; group: DuplicateGroup; canMerge: boolean; onMerge: () => void }) {
  const hidden = group.size - group.contacts.length
  return (
    <Paper withBorder radius="md" p="md" data-testid="duplicate-group">
      <Group justify="space-between" mb="xs" gap="xs">
        <Badge variant="light" tt="none">
          {REASON_LABELS[group.reason]}
        </Badge>
        {canMerge ? (
          <Button size="xs" onClick={onMerge}>
            Merge…
          </Button>
        ) : null}
      </Group>
      <Table.ScrollContainer minWidth={0} type="native">
        <Table verticalSpacing={4} fz="sm">
          <Table.Tbody>
            {group.contacts.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/w/${ws}/contacts/${c.id}`} fw={600} style={wrap}>
                    {c.name || c.email || c.phone || `Contact ${c.id}`}
                  </Anchor>
                  <Text size="xs" c="dimmed" style={wrap}>
                    {[c.email, c.phone, c.company].filter(Boolean).join(' · ')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" visibleFrom="sm">
                  <Text size="xs" c="dimmed">
                    Changed {formatDateTime(c.updated_at)}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {hidden > 0 ? (
        <Text size="xs" c="dimmed" mt={4}>
          and {hidden} more (the newest are listed; Merge all takes every one)
        </Text>
      ) : null}
    </Paper>
  )
}

/** Likely duplicates among the contacts I may see, grouped; each group mergeable, or all at once
 * (admins) as a job. */
export function DuplicatesView({ ws }: { ws: number }) {
  const [params, setParams] = useSearchParams()
  const page = Math.max(1, Number(params.get('page')) || 1)
  const reason = (params.get('reason') || undefined) as DuplicateReason | undefined
  const duplicates = useDuplicates(ws, { page, page_size: PAGE_SIZE, reason })
  const canMerge = useCan('write_contacts')
  const isAdmin = useCurrentWorkspace()?.role === 'admin'
  const [merging, setMerging] = useState<number[] | null>(null)
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(ws, jobId)
  const mergeAll = useMergeAllDuplicates(ws)
  const { submit } = useSubmitOnce()
  const groups = duplicates.data?.groups ?? []
  const total = duplicates.data?.total ?? 0

  const startAll = () =>
    submit(async (key) => {
      const started = await mergeAll.mutateAsync({ reason, idempotencyKey: key }).catch(() => null)
      if (started) setJobId(started.job_id)
    })
  const set = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params)
    for (const [k, v] of Object.entries(patch)) if (v) next.set(k, v); else next.delete(k)
    setParams(next)
  }

  return (
    <Stack>
      <PageHeader
        title="Duplicates"
        description="Contacts that look like the same person: the same email, the same phone number, or the same name at the same company."
        actions={
          isAdmin && total > 0 ? (
            <ConfirmButton
              color="red"
              variant="light"
              confirmTitle="Merge all duplicates?"
              confirmText={`Each of the ${total} groups is merged into its newest contact, taking the newest non-empty value of every field. The others are deleted. This cannot be undone.`}
              confirmLabel="Merge all"
              onConfirm={startAll}
              disabled={!!jobId && !!job.data && (job.data.status === 'queued' || job.data.status === 'started')}
            >
              Merge all
            </ConfirmButton>
          ) : null
        }
      />
      <ErrorAlert error={duplicates.error || mergeAll.error} />
      {job.data ? (
        <Paper withBorder p="sm" radius="md">
          <JobProgress job={job.data} ws={ws} />
        </Paper>
      ) : null}
      <SegmentedControl
        aria-label="Reason"
        value={reason ?? 'all'}
        onChange={(v) => set({ reason: v === 'all' ? null : v, page: null })}
        data={[
          { value: 'all', label: 'All' },
          { value: 'email', label: 'Email' },
          { value: 'phone', label: 'Phone' },
          { value: 'name_company', label: 'Name + company' },
        ]}
        style={{ alignSelf: 'flex-start', maxWidth: '100%' }}
      />
      {duplicates.isPending ? (
        <Center py="xl">
          <Loader aria-label="Looking for duplicates" />
        </Center>
      ) : groups.length === 0 ? (
        <EmptyState icon={<IconUsersGroup size={26} />} title="No duplicates found" description="Contacts that share an email, a phone number, or a name at the same company show up here." />
      ) : (
        <>
          {groups.map((g) => (
            <GroupCard key={`${g.reason}-${g.contacts.map((c) => c.id).join('-')}`} ws={ws} group={g} canMerge={canMerge} onMerge={() => setMerging(g.contacts.map((c) => c.id))} />
          ))}
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={total} noun="groups" onPageChange={(p) => set({ page: String(p) })} />
        </>
      )}
      <MergeDialog ws={ws} ids={merging ?? []} opened={!!merging} onClose={() => setMerging(null)} />
    </Stack>
  )
}
