import { Anchor, Breadcrumbs, Button, Center, Group, Loader, Paper, Select, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core'
import { IconPencil, IconUserPlus, IconUsers } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useParams } from 'react-router'
import { isApiError } from '../../api/errors'
import { textParam, useListParams } from '../../api/queries'
import { EmptyState, ErrorAlert, formatDateTime, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../ui'
import { useCan, useWorkspaceId } from '../workspaces/hooks'
import { AddSubscriberModal } from './AddSubscriberModal'
import { EmbedFormPanel } from './EmbedFormPanel'
import { useList, useSubscribers } from './hooks'
import { ListFormModal } from './ListFormModal'
import { subscriptionStatusParam } from './params'
import { SearchInput } from './SearchInput'
import { ListFlags, SubscriptionBadge } from './StatusBadge'
import { n, SUBSCRIPTION_STATUS, SUBSCRIPTION_STATUS_OPTIONS, SUBSCRIPTION_STATUSES, subscriberName, type MailingList, type Subscriber, type SubscriptionStatus } from './types'

type Filters = { status: SubscriptionStatus; q: string }
const FILTERS = { status: subscriptionStatusParam(), q: textParam('q', { typed: true }) }
const WRAP = { overflowWrap: 'anywhere' } as const

/** One tile per status; a click filters the subscribers by it (again: all of them). */
function StatusTiles({ list, active, onPick }: { list: MailingList; active?: SubscriptionStatus; onPick: (s: SubscriptionStatus | null) => void }) {
  return (
    <SimpleGrid cols={{ base: 2, xs: 3, md: 5 }} spacing="xs" aria-label="Subscribers by status">
      {SUBSCRIPTION_STATUSES.map((s) => {
        const main = s === 'subscribed'
        const pressed = active === s
        return (
          <UnstyledButton key={s} onClick={() => onPick(pressed ? null : s)} aria-pressed={pressed} aria-label={`${n(list.counts[s])} ${SUBSCRIPTION_STATUS[s].label}`}>
            <Paper
              withBorder
              radius="md"
              p="xs"
              h="100%"
              style={{
                borderColor: pressed ? `var(--mantine-color-${SUBSCRIPTION_STATUS[s].color}-6)` : undefined,
                background: main ? 'var(--mantine-color-teal-light)' : undefined,
              }}
            >
              <Text fw={700} fz={main ? 28 : 'xl'} lh={1.1} c={list.counts[s] ? undefined : 'dimmed'}>
                {n(list.counts[s])}
              </Text>
              <Text size="xs" c="dimmed" style={WRAP}>
                {SUBSCRIPTION_STATUS[s].label}
              </Text>
            </Paper>
          </UnstyledButton>
        )
      })}
    </SimpleGrid>
  )
}

/** /w/:ws/lists/:listId: the list's counts, its subscribers (filtered and paged in the URL),
 * adding one, and the form to embed. */
export function ListDetailPage() {
  const ws = useWorkspaceId()
  const listId = Number(useParams().listId)
  const canWrite = useCan('write_contacts')
  const list = useList(ws, listId)
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: '-updated_at', pageSize: 25 })
  const subscribers = useSubscribers(ws, listId, query)
  const [adding, setAdding] = useState(false)
  const [editing, setEditing] = useState(false)

  if (list.isPending && Number.isFinite(listId)) {
    return (
      <Center py="xl">
        <Loader aria-label="Loading the list" />
      </Center>
    )
  }
  if (!list.data) {
    const missing = !Number.isFinite(listId) || (isApiError(list.error) && list.error.status === 404)
    return missing ? (
      <EmptyState
        title="List not found"
        description="It may have been moved to the trash, or the link is wrong."
        action={
          <Button component={Link} to={`/w/${ws}/lists`} variant="default">
            All lists
          </Button>
        }
      />
    ) : (
      <ErrorAlert error={list.error} />
    )
  }
  const l = list.data
  const items = subscribers.data?.items ?? []
  const total = subscribers.data?.total ?? 0
  const filtered = !!(query.status || query.q)

  const columns: Column<Subscriber>[] = [
    {
      key: 'contact',
      label: 'Contact',
      primary: true,
      sortField: 'email',
      render: (s) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component={Link} to={`/w/${ws}/contacts/${s.contact_id}`} fw={600} size="sm" style={WRAP}>
            {subscriberName(s)}
          </Anchor>
          {s.email && s.email !== subscriberName(s) ? (
            <Text size="xs" c="dimmed" style={WRAP}>
              {s.email}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'status', label: 'Status', width: 190, render: (s) => <SubscriptionBadge status={s.status} /> },
    {
      key: 'source',
      label: 'Source',
      render: (s) => (
        <Text size="sm" style={WRAP} lineClamp={2}>
          {s.source || '—'}
        </Text>
      ),
    },
    { key: 'subscribed', label: 'Subscribed', sortField: 'subscribed_at', width: 170, render: (s) => <Text size="sm">{formatDateTime(s.subscribed_at)}</Text> },
    { key: 'updated', label: 'Last change', sortField: 'updated_at', width: 170, render: (s) => <Text size="sm">{formatDateTime(s.updated_at)}</Text> },
  ]

  const addButton = canWrite ? (
    <Button leftSection={<IconUserPlus size={16} />} onClick={() => setAdding(true)}>
      Add subscriber
    </Button>
  ) : null

  return (
    <Stack gap="md">
      <nav aria-label="Breadcrumb">
        <Breadcrumbs>
          <Anchor component={Link} to={`/w/${ws}/lists`} size="sm">
            Lists
          </Anchor>
          <Text size="sm" c="dimmed" style={WRAP} lineClamp={1}>
            {l.name}
          </Text>
        </Breadcrumbs>
      </nav>
      <div>
        <PageHeader
          title={l.name}
          description={l.description ? <span style={WRAP}>{l.description}</span> : undefined}
          actions={
            canWrite ? (
              <>
                <Button variant="default" leftSection={<IconPencil size={16} />} onClick={() => setEditing(true)}>
                  Edit
                </Button>
                {addButton}
              </>
            ) : null
          }
        />
        <ListFlags list={l} />
      </div>
      <StatusTiles list={l} active={query.status} onPick={(status) => update({ status })} />
      <Paper component="section" withBorder radius="md" p={{ base: 'sm', sm: 'md' }} aria-label="Subscribers">
        <Stack gap="sm">
          <Group gap="sm" align="flex-end" wrap="wrap">
            <SearchInput
              aria-label="Search subscribers"
              placeholder="Search name or email"
              value={query.q ?? ''}
              onSearch={(q) => update({ q })}
              style={{ flex: '1 1 220px' }}
            />
            <Select
              aria-label="Filter by status"
              placeholder="Any status"
              data={SUBSCRIPTION_STATUS_OPTIONS}
              value={query.status ?? null}
              onChange={(v) => update({ status: (v as SubscriptionStatus | null) ?? null })}
              clearable
              w={{ base: '100%', xs: 230 }}
              comboboxProps={{ withinPortal: true }}
            />
          </Group>
          <ErrorAlert error={subscribers.error} />
          {subscribers.isPending ? (
            <Center py="lg">
              <Loader aria-label="Loading subscribers" />
            </Center>
          ) : items.length === 0 && query.page === 1 ? (
            <EmptyState
              icon={<IconUsers size={26} />}
              title={filtered ? 'No subscriber matches' : 'No subscribers yet'}
              description={
                filtered
                  ? 'Clear the search or choose another status.'
                  : 'Add people who agreed to receive this list, or put the form below on your website.'
              }
              action={filtered ? null : addButton}
            />
          ) : (
            <div style={{ opacity: subscribers.isPlaceholderData ? 0.6 : 1 }}>
              <ResponsiveTable
                caption="Subscribers"
                columns={columns}
                rows={items}
                rowKey={(s) => s.contact_id}
                sort={query.sort}
                onSortChange={(sort) => update({ sort })}
              />
              <PaginationBar
                page={query.page}
                pageSize={query.page_size}
                total={total}
                noun={total === 1 ? 'subscriber' : 'subscribers'}
                onPageChange={(page) => update({ page })}
              />
            </div>
          )}
        </Stack>
      </Paper>
      <EmbedFormPanel ws={ws} list={l} canWrite={canWrite} />
      {canWrite ? (
        <>
          <AddSubscriberModal ws={ws} list={l} opened={adding} onClose={() => setAdding(false)} />
          <ListFormModal ws={ws} opened={editing} editing={l} onClose={() => setEditing(false)} />
        </>
      ) : null}
    </Stack>
  )
}
