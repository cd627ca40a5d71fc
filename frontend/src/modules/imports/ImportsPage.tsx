import { Anchor, Badge, Button, Center, Group, Loader, Progress, Stack, Text } from '@mantine/core'
import { IconFileImport, IconUpload } from '@tabler/icons-react'
import { Link } from 'react-router'
import { useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDateTime, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { formatSize } from '../files/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useImports } from './hooks'
import { n, percentDone, resultText, STATUS_COLORS, STATUS_LABELS } from './labels'
import { isRunning, type Import } from './types'

// No filters: the page and the sort only.
type NoFilters = {}
const FILTERS = {}

/** /w/:ws/imports: every import (mine, or all for admins), newest first. */
export function ImportsPage() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useListParams<NoFilters>({ filters: FILTERS, sort: '-created_at', pageSize: 25 })
  const imports = useImports(ws, query)
  const items = imports.data?.items ?? []
  const total = imports.data?.total ?? 0
  const start = canWrite ? (
    <Button component={Link} to={`/w/${ws}/imports/new`} leftSection={<IconUpload size={16} />}>
      Import contacts
    </Button>
  ) : null

  const columns: Column<Import>[] = [
    {
      key: 'file',
      label: 'File',
      sortField: 'filename',
      primary: true,
      render: (r) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/w/${ws}/imports/${r.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
            {r.filename}
          </Anchor>
          <Text size="xs" c="dimmed">
            {formatSize(r.size)}
            {r.total_rows != null ? ` · ${n(r.total_rows)} rows` : ''}
          </Text>
        </Stack>
      ),
    },
    { key: 'date', label: 'Uploaded', sortField: 'created_at', width: 170, render: (r) => <Text size="sm">{formatDateTime(r.created_at)}</Text> },
    {
      key: 'status',
      label: 'Status',
      width: 140,
      render: (r) => (
        <Badge variant="light" color={STATUS_COLORS[r.status]}>
          {STATUS_LABELS[r.status]}
        </Badge>
      ),
    },
    {
      key: 'result',
      label: 'Result',
      render: (r) =>
        r.status === 'running' ? (
          <Stack gap={2} maw={260}>
            <Progress value={percentDone(r.progress.done, r.progress.total)} size="sm" animated aria-label={`${r.filename} progress`} />
            <Text size="xs" c="dimmed">
              {r.progress.total != null ? `${n(r.progress.done)} of ${n(r.progress.total)} rows` : `${n(r.progress.done)} rows`}
            </Text>
          </Stack>
        ) : (
          <Text size="sm" c={r.status === 'failed' ? 'red' : r.status === 'draft' ? 'dimmed' : undefined} lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
            {resultText(r)}
          </Text>
        ),
    },
  ]

  return (
    <Stack gap="md">
      <PageHeader
        title="Imports"
        description="Contacts brought in from CSV and TXT files, with a report of every row."
        actions={total > 0 ? start : null}
      />
      <ErrorAlert error={imports.error} />
      {imports.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading imports" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        <EmptyState
          icon={<IconFileImport size={26} />}
          title="No imports yet"
          description={
            canWrite
              ? 'Bring in contacts from a spreadsheet (saved as CSV) or a text file of email addresses. You check the columns before anything is imported.'
              : 'Imports members of this workspace run show up here.'
          }
          action={start}
        />
      ) : (
        <>
          <ResponsiveTable
            caption="Imports"
            columns={columns}
            rows={items}
            rowKey={(r) => r.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={total}
            noun="imports"
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(page_size) => update({ page_size })}
            pageSizes={[10, 25, 50, 100]}
          />
        </>
      )}
      {items.some((r) => isRunning(r.status)) ? (
        <Group gap={6}>
          <Loader size="xs" />
          <Text size="xs" c="dimmed">
            Updating while an import runs…
          </Text>
        </Group>
      ) : null}
    </Stack>
  )
}
