import { Anchor, Group, Paper, Select, Stack, Text, Title } from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { contactName } from '../contacts/types'
import { useHygieneChanges } from './hooks'
import { emailStatusParam } from './params'
import { StatusPill } from './RunSummary'
import { EMAIL_STATUS_OPTIONS, n, reasonLabel, statusMeta, type EmailStatus, type HygieneChange } from './types'

// ?status=&page=&size= of the report's URL.
const FILTERS = { status: emailStatusParam('status') }
const wrap = { overflowWrap: 'anywhere' } as const

/** The contacts a run changed, a page at a time, filtered by their new status; all in the URL. */
export function ChangesList({ ws, runId }: { ws: number; runId: number }) {
  const { query, update } = useListParams<{ status: EmailStatus }>({ filters: FILTERS, sort: 'id', pageSize: 25 })
  const changes = useHygieneChanges(ws, runId, query)
  const items = changes.data?.items ?? []
  const total = changes.data?.total ?? 0
  const columns: Column<HygieneChange>[] = [
    {
      key: 'contact',
      label: 'Contact',
      primary: true,
      render: (c) => (
        <Stack gap={0} miw={0}>
          <Anchor component={Link} to={`/w/${ws}/contacts/${c.contact_id}`} fw={600} size="sm" style={wrap}>
            {contactName({ first_name: c.first_name, last_name: c.last_name, email: c.email, phone: null })}
          </Anchor>
          {c.first_name || c.last_name ? (
            <Text size="xs" c="dimmed" style={wrap}>
              {c.email}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'change',
      label: 'Status',
      width: 230,
      render: (c) => (
        <Group gap={4} wrap="nowrap" aria-label={`From ${statusMeta(c.old_status).label} to ${statusMeta(c.new_status).label}`}>
          <StatusPill status={c.old_status} />
          <IconArrowRight size={12} aria-hidden style={{ flexShrink: 0 }} />
          <StatusPill status={c.new_status} />
        </Group>
      ),
    },
    {
      key: 'reason',
      label: 'Why',
      render: (c) => (
        <Text size="sm" style={wrap} title={c.reason_code ? reasonLabel(c.reason_code) : undefined}>
          {c.reason || (c.new_status === 'valid' ? 'Looks right, and the domain takes mail' : '—')}
        </Text>
      ),
    },
  ]
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Group justify="space-between" align="flex-end" mb="sm" gap="xs">
        <div>
          <Title order={3} fz="h4">
            Changed contacts
          </Title>
          <Text size="xs" c="dimmed">
            Contacts whose status or reason this check changed.
          </Text>
        </div>
        <Select
          aria-label="Show changes to"
          placeholder="Any new status"
          data={EMAIL_STATUS_OPTIONS.map((o) => ({ value: o.value, label: `Now ${o.label.toLowerCase()}` }))}
          value={query.status ?? null}
          onChange={(v) => update({ status: (v as EmailStatus | null) ?? null })}
          clearable
          w={{ base: '100%', xs: 200 }}
        />
      </Group>
      <ErrorAlert error={changes.error} />
      {changes.isPending ? (
        <Text size="sm" c="dimmed">
          Loading the changes…
        </Text>
      ) : items.length === 0 ? (
        query.status ? (
          <EmptyState
            title={`No contact became ${statusMeta(query.status).label.toLowerCase()}`}
            description="Choose another status, or show every change."
            action={
              <Anchor component="button" type="button" onClick={() => update({ status: null })}>
                Show every change
              </Anchor>
            }
          />
        ) : (
          <Text size="sm" c="dimmed">
            This check changed no address: every status is as it was.
          </Text>
        )
      ) : (
        <div style={{ opacity: changes.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable columns={columns} rows={items} rowKey={(c) => c.id} caption="Changed contacts" />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={total}
            noun={total === 1 ? 'change' : 'changes'}
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(size) => update({ page_size: size })}
            pageSizes={[25, 50, 100]}
          />
        </div>
      )}
      {total > 0 && query.status ? (
        <Text size="xs" c="dimmed" mt={4}>
          {n(total)} became {statusMeta(query.status).label.toLowerCase()} in this check.
        </Text>
      ) : null}
    </Paper>
  )
}
