import { ActionIcon, Alert, Anchor, Button, Center, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core'
import { IconFilter, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react'
import { useMemo, useState } from 'react'
import { Link } from 'react-router'
import { textParam, useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDate, formatDateTime, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { flagParam } from '../lists/params'
import { SearchInput } from '../lists/SearchInput'
import { useLists } from '../lists/hooks'
import { useCustomFields } from '../settings/fields/hooks'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useDeleteSegment, useRestoreSegment, useSegments, type Segment } from './hooks'
import { describeRules } from './describe'
import { fieldCatalog } from './fields'
import { fromApi } from './rules'

type Filters = { q: string; deleted: boolean }
const FILTERS = { q: textParam('q', { typed: true }), deleted: flagParam('deleted') }
const WRAP = { overflowWrap: 'anywhere' } as const


/** /w/:ws/segments: saved segments, searched and paged in the URL; ?deleted=true: the trash. */
export function SegmentsPage() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: 'name', pageSize: 25 })
  const trash = !!query.deleted
  const segments = useSegments(ws, query)
  const remove = useDeleteSegment(ws)
  const restore = useRestoreSegment(ws)
  const [deleted, setDeleted] = useState<Segment | null>(null)
  const items = segments.data?.items ?? []
  const total = segments.data?.total ?? 0
  const searching = !!query.q
  const fields = useCustomFields(ws, 'contact')
  const lists = useLists(ws, { page_size: 200 }, { enabled: items.length > 0 })
  const catalog = useMemo(() => fieldCatalog(fields.data?.items ?? []), [fields.data])
  const listNames = useMemo(() => new Map((lists.data?.items ?? []).map((l) => [l.id, l.name])), [lists.data])

  const newButton =
    canWrite && !trash ? (
      <Button component={Link} to={`/w/${ws}/segments/new`} leftSection={<IconPlus size={16} />}>
        New segment
      </Button>
    ) : null

  const columns: Column<Segment>[] = [
    {
      key: 'name',
      label: 'Segment',
      sortField: 'name',
      primary: true,
      render: (s) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          {trash ? (
            <Text fw={600} size="sm" style={WRAP}>
              {s.name}
            </Text>
          ) : (
            <Anchor component={Link} to={`/w/${ws}/segments/${s.id}`} fw={600} size="sm" style={WRAP}>
              {s.name}
            </Anchor>
          )}
          {s.description ? (
            <Text size="xs" c="dimmed" lineClamp={2} style={WRAP}>
              {s.description}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    {
      key: 'rules',
      label: 'Rules',
      render: (s) => (
        <Text size="sm" lineClamp={3} style={WRAP}>
          {describeRules(fromApi(s.rules), catalog, { lists: listNames })}
        </Text>
      ),
    },
    trash
      ? { key: 'deleted', label: 'Deleted', width: 170, render: (s) => <Text size="sm">{formatDateTime(s.deleted_at)}</Text> }
      : { key: 'updated', label: 'Last changed', sortField: 'updated_at', width: 150, render: (s) => <Text size="sm">{formatDate(s.updated_at)}</Text> },
  ]
  if (canWrite) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      width: trash ? 120 : 70,
      render: (s) =>
        trash ? (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRestore size={14} />}
            loading={restore.isPending && restore.variables === s.id}
            onClick={() => restore.mutate(s.id)}
            aria-label={`Restore ${s.name}`}
          >
            Restore
          </Button>
        ) : (
          <Tooltip label="Move to the trash" withArrow>
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`Delete ${s.name}`}
              loading={remove.isPending && remove.variables === s.id}
              onClick={() =>
                remove.mutate(s.id, {
                  onSuccess: () => {
                    restore.reset()
                    setDeleted(s)
                  },
                })
              }
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Tooltip>
        ),
    })
  }

  return (
    <Stack gap="md">
      <PageHeader
        title="Segments"
        description="Saved rules that pick contacts: by profile, custom fields, tags, lists, purchases and activity. A segment is counted again each time it is used."
        actions={total > 0 || searching ? newButton : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          aria-label="Search segments"
          placeholder="Search segments by name"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
        <SegmentedControl
          aria-label="Show"
          value={trash ? 'trash' : 'segments'}
          onChange={(v) => {
            setDeleted(null)
            update({ deleted: v === 'trash' ? true : null })
          }}
          data={[
            { value: 'segments', label: 'Segments' },
            { value: 'trash', label: 'Trash' },
          ]}
        />
      </Group>
      {deleted ? (
        <Alert color="gray" variant="light" role="status" withCloseButton onClose={() => setDeleted(null)} closeButtonLabel="Dismiss">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" style={{ flex: '1 1 12rem', ...WRAP }}>
              Moved <b>{deleted.name}</b> to the trash.
            </Text>
            <Button
              size="xs"
              variant="default"
              loading={restore.isPending}
              onClick={() => restore.mutate(deleted.id, { onSuccess: () => setDeleted(null) })}
              style={{ flexShrink: 0 }}
            >
              Undo
            </Button>
          </Group>
        </Alert>
      ) : null}
      <ErrorAlert error={segments.error || remove.error || restore.error} />
      {segments.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading segments" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        trash ? (
          <EmptyState icon={<IconTrash size={26} />} title={searching ? 'No segment in the trash matches' : 'The trash is empty'} description="Deleted segments wait here until you restore them." />
        ) : searching ? (
          <EmptyState title="No segment matches your search" description={`Nothing is called “${query.q}”. Check the spelling or clear the search.`} />
        ) : (
          <EmptyState
            icon={<IconFilter size={26} />}
            title="No segments yet"
            description={
              canWrite
                ? 'Build one from rules, e.g. “tagged customer, and bought in the last 90 days or opened a campaign”. You see how many contacts match while you edit.'
                : 'Members and admins build segments; they will show up here.'
            }
            action={newButton}
          />
        )
      ) : (
        <div style={{ opacity: segments.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            caption={trash ? 'Deleted segments' : 'Segments'}
            columns={columns}
            rows={items}
            rowKey={(s) => s.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar page={query.page} pageSize={query.page_size} total={total} noun={total === 1 ? 'segment' : 'segments'} onPageChange={(page) => update({ page })} />
        </div>
      )}
    </Stack>
  )
}
