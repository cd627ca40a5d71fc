import { Badge, Center, Code, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { EmptyState, ErrorAlert, formatDateTime, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { ACTION_LABELS, useAuditLog, useSuppressions, type AuditEntry, type Suppression } from './hooks'

const PAGE_SIZE = 25

function details(entry: AuditEntry): string {
  const kept = (entry.details as { kept?: { order_count?: number; lifetime_value?: Record<string, string> } }).kept
  if (!kept) return ''
  const money = Object.entries(kept.lifetime_value ?? {})
    .map(([currency, amount]) => `${amount} ${currency}`)
    .join(', ')
  return `Kept: ${kept.order_count ?? 0} orders${money ? `, ${money}` : ''}`
}

function SuppressionList({ ws }: { ws: number }) {
  const [page, setPage] = useState(1)
  const list = useSuppressions(ws, { page, page_size: PAGE_SIZE })
  const columns: Column<Suppression>[] = [
    {
      key: 'hash',
      label: 'Address hash',
      primary: true,
      render: (s) => <Code title={s.email_hash}>{s.email_hash.slice(0, 16)}…</Code>,
    },
    { key: 'reason', label: 'Reason', render: (s) => <Badge variant="light">{s.reason}</Badge> },
    { key: 'created_at', label: 'Since', render: (s) => <Text size="sm">{formatDateTime(s.created_at)}</Text> },
  ]
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb={4}>
        Suppression list
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Addresses never added or mailed again, kept only as keyed hashes: no one can read an address back from this list.
      </Text>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Center py="md">
          <Loader aria-label="Loading the suppression list" />
        </Center>
      ) : list.data?.items.length ? (
        <>
          <ResponsiveTable caption="Suppression list" columns={columns} rows={list.data.items} rowKey={(s) => s.id} />
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onPageChange={setPage} noun="addresses" />
        </>
      ) : (
        <EmptyState title="No suppressed addresses" description="A forgotten person's address appears here as a hash." />
      )}
    </Paper>
  )
}

function AuditLog({ ws }: { ws: number }) {
  const [page, setPage] = useState(1)
  const list = useAuditLog(ws, { page, page_size: PAGE_SIZE })
  const columns: Column<AuditEntry>[] = [
    {
      key: 'action',
      label: 'What',
      primary: true,
      render: (a) => (
        <Text size="sm" fw={600}>
          {ACTION_LABELS[a.action] ?? a.action}
        </Text>
      ),
    },
    { key: 'subject', label: 'About', render: (a) => <Code>{a.subject}</Code> },
    {
      key: 'actor',
      label: 'By',
      render: (a) => (
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {a.actor_name ?? '—'}
        </Text>
      ),
    },
    { key: 'details', label: 'Details', render: (a) => <Text size="sm">{details(a)}</Text> },
    { key: 'created_at', label: 'When', render: (a) => <Text size="sm">{formatDateTime(a.created_at)}</Text> },
  ]
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={4} mb={4}>
        Audit log
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Exports, erasures and tracking changes. Contacts are named by their number only: the log keeps no personal data.
      </Text>
      <ErrorAlert error={list.error} />
      {list.isPending ? (
        <Center py="md">
          <Loader aria-label="Loading the audit log" />
        </Center>
      ) : list.data?.items.length ? (
        <>
          <ResponsiveTable caption="Audit log" columns={columns} rows={list.data.items} rowKey={(a) => a.id} />
          <PaginationBar page={page} pageSize={PAGE_SIZE} total={list.data.total} onPageChange={setPage} noun="entries" />
        </>
      ) : (
        <EmptyState title="Nothing recorded yet" description="Privacy actions on contacts will be listed here." />
      )}
    </Paper>
  )
}

/** Settings → Privacy: the suppression list and the audit log (admins). */
export function PrivacySettingsPage() {
  const ws = useWorkspaceId()
  const isAdmin = useCan('manage_settings')
  return (
    <>
      <PageHeader title="Privacy" description="What was exported, forgotten or no longer tracked, and the addresses never to be used again." />
      {isAdmin ? (
        <Stack gap="lg">
          <SuppressionList ws={ws} />
          <AuditLog ws={ws} />
        </Stack>
      ) : (
        <EmptyState title="Admins only" description="Ask an admin of this workspace about privacy requests." />
      )}
    </>
  )
}
