import { Anchor, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { IconCalendarCog, IconPlus } from '@tabler/icons-react'
import { Link } from 'react-router'
import { textParam, useListParams } from '../../../api/queries'
import { CopyField, EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, type Column } from '../../../ui'
import { SearchInput } from '../../lists/SearchInput'
import { useCan, useWorkspaceId } from '../../workspaces/hooks'
import { useCalendars, type Calendar } from './hooks'

const FILTERS = { q: textParam('q', { typed: true }) }
const WRAP = { overflowWrap: 'anywhere' } as const

/** /w/:ws/settings/calendars: the workspace's booking calendars. */
export function CalendarsSettingsPage() {
  const ws = useWorkspaceId()
  const canManage = useCan('manage_settings')
  const { query, update } = useListParams<{ q: string }>({ filters: FILTERS, sort: 'name', pageSize: 25 })
  const calendars = useCalendars(ws, query)
  const items = calendars.data?.items ?? []
  const newButton = canManage ? (
    <Button component={Link} to={`/w/${ws}/settings/calendars/new`} leftSection={<IconPlus size={16} />}>
      New calendar
    </Button>
  ) : null

  const columns: Column<Calendar>[] = [
    {
      key: 'name',
      label: 'Calendar',
      sortField: 'name',
      primary: true,
      render: (c) => (
        <Group gap="xs" wrap="wrap">
          <Anchor component={Link} to={`/w/${ws}/settings/calendars/${c.id}`} fw={600} size="sm" style={WRAP}>
            {c.name}
          </Anchor>
          {c.active ? null : (
            <Badge size="xs" color="gray" variant="light">
              Not active
            </Badge>
          )}
        </Group>
      ),
    },
    {
      key: 'members',
      label: 'Booked',
      render: (c) => (
        <Stack gap={0}>
          <Text size="sm" style={WRAP}>
            {c.members.map((m) => m.name).join(', ') || '—'}
          </Text>
          {c.team_user_ids.length ? (
            <Text size="xs" c="dimmed">
              Team, round-robin
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'zone', label: 'Time zone', render: (c) => <Text size="sm">{c.time_zone}</Text> },
    {
      key: 'upcoming',
      label: 'Upcoming',
      width: 100,
      render: (c) => (
        <Anchor component={Link} to={`/w/${ws}/bookings?view=list&calendar=${c.id}`} size="sm" aria-label={`${c.upcoming} upcoming bookings in ${c.name}`}>
          {c.upcoming}
        </Anchor>
      ),
    },
    { key: 'page', label: 'Booking page', width: '34%', render: (c) => <CopyField value={c.public_url} label={`booking page link of ${c.name}`} /> },
  ]

  return (
    <Stack gap={0}>
      <PageHeader
        title="Calendars"
        description="Booking pages where people pick a free time with a member or a team. Each calendar has its hours, its booking types and a private feed for calendar apps."
        actions={newButton}
      />
      {calendars.data?.total || query.q ? (
        <SearchInput
          aria-label="Search calendars"
          placeholder="Search calendars"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          mb="md"
          maw={360}
        />
      ) : null}
      <ErrorAlert error={calendars.error} />
      {calendars.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading calendars" />
        </Center>
      ) : calendars.isError ? null : items.length === 0 ? (
        <EmptyState
          icon={<IconCalendarCog size={26} />}
          title={query.q ? 'No calendar matches' : 'No calendars yet'}
          description={
            query.q
              ? 'Try another search.'
              : canManage
                ? 'Make a calendar for a member or a team: set the hours, add a booking type, share its page.'
                : 'An admin of this workspace can add one.'
          }
          action={query.q ? null : newButton}
        />
      ) : (
        <>
          <ResponsiveTable caption="Calendars" columns={columns} rows={items} rowKey={(c) => c.id} sort={query.sort} onSortChange={(sort) => update({ sort })} />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={calendars.data?.total ?? 0}
            noun="calendars"
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(page_size) => update({ page_size })}
          />
        </>
      )}
    </Stack>
  )
}
