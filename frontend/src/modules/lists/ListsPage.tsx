import { ActionIcon, Alert, Anchor, Button, Center, Group, Loader, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core'
import { IconMailbox, IconPencil, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useNavigate } from 'react-router'
import { textParam, useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDate, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { useDeleteList, useLists, useRestoreList } from './hooks'
import { ListFormModal } from './ListFormModal'
import { flagParam } from './params'
import { SearchInput } from './SearchInput'
import { ListFlags, SubscriberCounts } from './StatusBadge'
import type { MailingList } from './types'

type Filters = { q: string; deleted: boolean }
const FILTERS = { q: textParam('q', { typed: true }), deleted: flagParam('deleted') }
const WRAP = { overflowWrap: 'anywhere' } as const

/** /w/:ws/lists: the mailing lists with their subscribers by status, searched and paged in the
 * URL; ?deleted=true shows the trash. */
export function ListsPage() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const isAdmin = useCan('manage_settings')
  const navigate = useNavigate()
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: 'name', pageSize: 25 })
  const trash = !!query.deleted
  const lists = useLists(ws, query)
  const remove = useDeleteList(ws)
  const restore = useRestoreList(ws)
  const [modal, setModal] = useState<{ open: boolean; editing: MailingList | null }>({ open: false, editing: null })
  const [deleted, setDeleted] = useState<MailingList | null>(null)
  const items = lists.data?.items ?? []
  const total = lists.data?.total ?? 0

  const moveToTrash = (list: MailingList) =>
    remove.mutate(list.id, {
      onSuccess: () => {
        restore.reset()
        setDeleted(list)
      },
    })
  const undo = () => deleted && restore.mutate(deleted.id, { onSuccess: () => setDeleted(null) })

  const newButton = canWrite && !trash ? (
    <Button leftSection={<IconPlus size={16} />} onClick={() => setModal({ open: true, editing: null })}>
      New list
    </Button>
  ) : null

  const columns: Column<MailingList>[] = [
    {
      key: 'name',
      label: 'List',
      sortField: 'name',
      primary: true,
      render: (l) => (
        <Stack gap={2} style={{ minWidth: 0 }}>
          {trash ? (
            <Text fw={600} size="sm" style={WRAP}>
              {l.name}
            </Text>
          ) : (
            <Anchor component={Link} to={`/w/${ws}/lists/${l.id}`} fw={600} size="sm" style={WRAP}>
              {l.name}
            </Anchor>
          )}
          {l.description ? (
            <Text size="xs" c="dimmed" lineClamp={2} style={WRAP}>
              {l.description}
            </Text>
          ) : null}
          <ListFlags list={l} />
        </Stack>
      ),
    },
    { key: 'subscribers', label: 'Subscribers', width: 220, render: (l) => <SubscriberCounts counts={l.counts} /> },
    trash
      ? { key: 'deleted', label: 'Deleted', width: 130, render: (l) => <Text size="sm">{formatDate(l.deleted_at)}</Text> }
      : { key: 'created', label: 'Created', sortField: 'created_at', width: 130, render: (l) => <Text size="sm">{formatDate(l.created_at)}</Text> },
  ]
  if (trash && isAdmin) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      width: 120,
      render: (l) => (
        <Button
          size="xs"
          variant="default"
          leftSection={<IconRestore size={14} />}
          loading={restore.isPending && restore.variables === l.id}
          onClick={() => restore.mutate(l.id)}
          aria-label={`Restore ${l.name}`}
        >
          Restore
        </Button>
      ),
    })
  } else if (!trash && canWrite) {
    columns.push({
      key: 'actions',
      label: 'Actions',
      width: 100,
      render: (l) => (
        <Group gap={4} wrap="nowrap">
          <Tooltip label="Edit" withArrow>
            <ActionIcon variant="subtle" aria-label={`Edit ${l.name}`} onClick={() => setModal({ open: true, editing: l })}>
              <IconPencil size={16} />
            </ActionIcon>
          </Tooltip>
          {isAdmin ? (
            <Tooltip label="Move to the trash" withArrow>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={`Delete ${l.name}`}
                loading={remove.isPending && remove.variables === l.id}
                onClick={() => moveToTrash(l)}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Tooltip>
          ) : null}
        </Group>
      ),
    })
  }

  const searching = !!query.q
  return (
    <Stack gap="md">
      <PageHeader
        title="Lists"
        description="Mailing lists people subscribe to: through a form on your website, the preference page in every mail, or added by your team. Every change is kept with its proof."
        actions={total > 0 || searching ? newButton : null}
      />
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SearchInput
          aria-label="Search lists"
          placeholder="Search lists by name"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
        {isAdmin ? (
          <SegmentedControl
            aria-label="Show"
            value={trash ? 'trash' : 'lists'}
            onChange={(v) => {
              setDeleted(null)
              update({ deleted: v === 'trash' ? true : null })
            }}
            data={[
              { value: 'lists', label: 'Lists' },
              { value: 'trash', label: 'Trash' },
            ]}
          />
        ) : null}
      </Group>
      {deleted ? (
        <Alert color="gray" variant="light" role="status" withCloseButton onClose={() => setDeleted(null)} closeButtonLabel="Dismiss">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Text size="sm" style={{ flex: '1 1 12rem', ...WRAP }}>
              Moved <b>{deleted.name}</b> to the trash. Its subscribers and history are kept.
            </Text>
            <Button size="xs" variant="default" loading={restore.isPending} onClick={undo} style={{ flexShrink: 0 }}>
              Undo
            </Button>
          </Group>
        </Alert>
      ) : null}
      <ErrorAlert error={lists.error || remove.error || restore.error} />
      {lists.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading lists" />
        </Center>
      ) : items.length === 0 && query.page === 1 ? (
        trash ? (
          <EmptyState icon={<IconTrash size={26} />} title={searching ? 'No list in the trash matches' : 'The trash is empty'} description="Deleted lists wait here, with their subscribers, until you restore them." />
        ) : searching ? (
          <EmptyState title="No list matches your search" description={`Nothing is called “${query.q}”. Check the spelling or clear the search.`} />
        ) : (
          <EmptyState
            icon={<IconMailbox size={26} />}
            title="No lists yet"
            description={
              canWrite
                ? 'Create a list, add people to it or put its form on your website. People manage their own lists on the preference page.'
                : 'Members and admins create the lists; they will show up here.'
            }
            action={newButton}
          />
        )
      ) : (
        <div style={{ opacity: lists.isPlaceholderData ? 0.6 : 1 }}>
          <ResponsiveTable
            caption={trash ? 'Deleted lists' : 'Lists'}
            columns={columns}
            rows={items}
            rowKey={(l) => l.id}
            sort={query.sort}
            onSortChange={(sort) => update({ sort })}
          />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={total}
            noun={total === 1 ? 'list' : 'lists'}
            onPageChange={(page) => update({ page })}
          />
        </div>
      )}
      <ListFormModal
        ws={ws}
        opened={modal.open}
        editing={modal.editing}
        onClose={() => setModal({ open: false, editing: null })}
        onCreated={(list) => navigate(`/w/${ws}/lists/${list.id}`)}
      />
    </Stack>
  )
}
