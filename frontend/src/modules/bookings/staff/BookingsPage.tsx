import { ActionIcon, Alert, Anchor, Button, Center, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Tabs, Text, Title, Tooltip } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconCalendarEvent, IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { useState } from 'react'
import { Link, useLocation, useNavigate } from 'react-router'
import { numberParam, textParam, useListParams, type ListParams, type ListPatch } from '../../../api/queries'
import { EmptyState, ErrorAlert, PageHeader, PaginationBar, ResponsiveTable, browserTimeZone, formatDateTime, type Column } from '../../../ui'
import { SearchInput } from '../../lists/SearchInput'
import { useMemberOptions } from '../../owners/hooks'
import { useCan, useWorkspaceId } from '../../workspaces/hooks'
import { BookingDrawer, StatusBadge } from './BookingDrawer'
import { useBookings, useCalendars, type Booking, type BookingQuery } from './hooks'
import { addDays, dateKey, formatTime, formatWeek, parseDateKey, weekDays, weekStart } from './time'
import { WeekAgenda, WeekGrid } from './WeekView'

type Filters = {
  view: string
  week: string
  calendar: number
  member: string
  contact: number
  status: string
  when: string
  q: string
  booking: number
}
const FILTERS = {
  view: textParam('view'),
  week: textParam('week'),
  calendar: numberParam('calendar'),
  member: textParam('member'),
  contact: numberParam('contact'),
  status: textParam('status'),
  when: textParam('when'),
  q: textParam('q', { typed: true }),
  booking: numberParam('booking'),
}
const EVERYONE = 'everyone'
const WHEN = [
  { value: 'upcoming', label: 'Upcoming' },
  { value: 'past', label: 'Past' },
  { value: 'all', label: 'All' },
]
const WEEK_LIMIT = 200
// break-word, not anywhere: a table column stays as wide as its longest word
const WRAP = { overflowWrap: 'break-word' } as const

type Update = (patch: ListPatch<Filters>) => void
type Shared = { ws: number; filter: BookingQuery; onOpen: (id: number) => void }

/** The filters both tabs share: calendar, member and status. */
function FilterBar({ ws, query, update }: { ws: number; query: Partial<Filters>; update: Update }) {
  const calendars = useCalendars(ws)
  const members = useMemberOptions(ws)
  const calendarOptions = [{ value: '', label: 'All calendars' }, ...(calendars.data?.items ?? []).map((c) => ({ value: String(c.id), label: c.name }))]
  const memberOptions = [{ value: EVERYONE, label: 'Everyone' }, { value: 'me', label: 'Me' }, ...members.options]
  return (
    <SimpleGrid cols={{ base: 2, xs: 3 }} spacing="sm" maw={660}>
      <Select
        label="Calendar"
        data={calendarOptions}
        value={query.calendar ? String(query.calendar) : ''}
        onChange={(v) => update({ calendar: v ? Number(v) : null })}
        allowDeselect={false}
        searchable
      />
      <Select
        label="Member"
        data={memberOptions}
        value={query.member ?? EVERYONE}
        onChange={(v) => update({ member: !v || v === EVERYONE ? null : v })}
        allowDeselect={false}
        searchable
      />
      <Select
        label="Status"
        data={[
          { value: '', label: 'Any status' },
          { value: 'confirmed', label: 'Confirmed' },
          { value: 'cancelled', label: 'Cancelled' },
        ]}
        value={query.status ?? ''}
        onChange={(v) => update({ status: v || null })}
        allowDeselect={false}
      />
    </SimpleGrid>
  )
}

function Week({ ws, filter, onOpen, week, update }: Shared & { week: string | undefined; update: Update }) {
  const narrow = useMediaQuery('(max-width: 48em)', false, { getInitialValueInEffect: false })
  const today = new Date()
  const monday = weekStart(parseDateKey(week) ?? today)
  const days = weekDays(monday)
  const bookings = useBookings(ws, {
    ...filter,
    from: monday.toISOString(),
    to: addDays(monday, 7).toISOString(),
    sort: 'start',
    page_size: WEEK_LIMIT,
  })
  const items = bookings.data?.items ?? []
  const go = (d: Date | null) => update({ week: d && dateKey(d) !== dateKey(weekStart(today)) ? dateKey(d) : null })
  return (
    <Stack gap="sm">
      <Group justify="space-between" gap="xs" wrap="wrap">
        <Group gap={6} wrap="nowrap">
          <Tooltip label="Previous week" withArrow>
            <ActionIcon variant="default" size="lg" aria-label="Previous week" onClick={() => go(addDays(monday, -7))}>
              <IconChevronLeft size={18} />
            </ActionIcon>
          </Tooltip>
          <Button variant="default" onClick={() => go(null)}>
            Today
          </Button>
          <Tooltip label="Next week" withArrow>
            <ActionIcon variant="default" size="lg" aria-label="Next week" onClick={() => go(addDays(monday, 7))}>
              <IconChevronRight size={18} />
            </ActionIcon>
          </Tooltip>
          <Title order={3} fz={{ base: 'md', sm: 'lg' }} ml="xs" data-testid="week-label">
            {formatWeek(monday)}
          </Title>
        </Group>
        <Text size="xs" c="dimmed">
          Times in {browserTimeZone()}
        </Text>
      </Group>
      <ErrorAlert error={bookings.error} />
      {bookings.data && bookings.data.total > items.length ? (
        <Alert color="yellow" variant="light">
          Showing the first {items.length} of {bookings.data.total} bookings of this week: choose a calendar or a member to see the rest.
        </Alert>
      ) : null}
      {bookings.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading bookings" />
        </Center>
      ) : narrow ? (
        <WeekAgenda days={days} bookings={items} onOpen={onOpen} today={today} />
      ) : (
        <WeekGrid days={days} bookings={items} onOpen={onOpen} today={today} />
      )}
      {bookings.isSuccess && !items.length ? (
        <Text size="sm" c="dimmed" ta="center">
          No bookings this week.
        </Text>
      ) : null}
    </Stack>
  )
}

function List({ ws, filter, onOpen, query, update }: Shared & { query: ListParams<Filters>; update: Update }) {
  const [now] = useState(() => new Date().toISOString())
  const when = WHEN.some((w) => w.value === query.when) ? query.when! : 'upcoming'
  const sort = query.sort || (when === 'upcoming' ? 'start' : '-start')
  const bookings = useBookings(ws, {
    ...filter,
    q: query.q,
    from: when === 'upcoming' ? now : undefined,
    to: when === 'past' ? now : undefined,
    sort,
    page: query.page,
    page_size: query.page_size,
  })
  const items = bookings.data?.items ?? []
  const columns: Column<Booking>[] = [
    {
      key: 'name',
      label: 'Booked by',
      primary: true,
      render: (b) => (
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Anchor component="button" type="button" fw={600} size="sm" ta="left" onClick={() => onOpen(b.id)} style={WRAP}>
            {b.name}
          </Anchor>
          <Text size="xs" c="dimmed" style={WRAP}>
            {b.email}
          </Text>
        </Stack>
      ),
    },
    {
      key: 'start',
      label: 'When',
      sortField: 'start',
      render: (b) => (
        <Text size="sm" td={b.status === 'cancelled' ? 'line-through' : undefined}>
          {formatDateTime(b.start)}–{formatTime(b.end)}
        </Text>
      ),
    },
    { key: 'type', label: 'Type', render: (b) => <Text size="sm" style={WRAP}>{b.booking_type_name}</Text> },
    { key: 'calendar', label: 'Calendar', render: (b) => <Text size="sm" style={WRAP}>{b.calendar_name}</Text> },
    { key: 'member', label: 'Member', render: (b) => <Text size="sm" style={WRAP}>{b.user_name ?? '—'}</Text> },
    { key: 'status', label: 'Status', width: 110, render: (b) => <StatusBadge status={b.status} /> },
    { key: 'created', label: 'Booked on', sortField: 'created_at', render: (b) => <Text size="sm">{formatDateTime(b.created_at)}</Text> },
  ]
  return (
    <Stack gap="sm">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <SegmentedControl data={WHEN} value={when} onChange={(v) => update({ when: v === 'upcoming' ? null : v, sort: null })} />
        <SearchInput
          aria-label="Search bookings"
          placeholder="Name or email"
          value={query.q ?? ''}
          onSearch={(q) => update({ q })}
          style={{ flex: '1 1 220px' }}
          maw={360}
        />
      </Group>
      <ErrorAlert error={bookings.error} />
      {bookings.isPending ? (
        <Center py="xl">
          <Loader aria-label="Loading bookings" />
        </Center>
      ) : bookings.isError ? null : items.length === 0 ? (
        <EmptyState
          icon={<IconCalendarEvent size={26} />}
          title={when === 'upcoming' ? 'No upcoming bookings' : when === 'past' ? 'No past bookings' : 'No bookings'}
          description="Bookings made on the calendars’ public pages appear here."
        />
      ) : (
        <>
          <ResponsiveTable caption="Bookings" columns={columns} rows={items} rowKey={(b) => b.id} sort={sort} onSortChange={(s) => update({ sort: s })} />
          <PaginationBar
            page={query.page}
            pageSize={query.page_size}
            total={bookings.data?.total ?? 0}
            noun="bookings"
            onPageChange={(page) => update({ page })}
            onPageSizeChange={(page_size) => update({ page_size })}
          />
        </>
      )}
    </Stack>
  )
}

/** /w/:ws/bookings: the week (a grid; a day-by-day list on phones) and the list, with filters in the URL. */
export function BookingsPage() {
  const ws = useWorkspaceId()
  const canWrite = useCan('write_contacts')
  const location = useLocation()
  const navigate = useNavigate()
  const { query, update } = useListParams<Filters>({ filters: FILTERS, sort: '', pageSize: 50 })
  const view = query.view === 'list' ? 'list' : 'week'
  const filter: BookingQuery = {
    calendar_id: query.calendar,
    user_id: query.member,
    contact_id: query.contact,
    status: query.status === 'confirmed' || query.status === 'cancelled' ? query.status : undefined,
  }
  // Opening a booking is a history entry: Back (or closing) returns to the list as it was.
  const open = (id: number) => {
    const params = new URLSearchParams(location.search)
    params.set('booking', String(id))
    navigate({ search: params.toString() }, { state: { openedHere: true } })
  }
  const close = () => {
    if ((location.state as { openedHere?: boolean } | null)?.openedHere) navigate(-1)
    else update({ booking: null, page: query.page })
  }
  const shared = { ws, filter, onOpen: open }
  return (
    <Stack gap="md">
      <PageHeader
        title="Bookings"
        description="Appointments booked on the calendars’ pages. Open one to see its answers, move it or cancel it."
        actions={
          <Button component={Link} to={`/w/${ws}/settings/calendars`} variant="default">
            Calendars
          </Button>
        }
      />
      {query.contact ? (
        <Group gap="xs">
          <Text size="sm">Bookings of one contact.</Text>
          <Anchor component={Link} to={`/w/${ws}/contacts/${query.contact}`} size="sm">
            Open the card
          </Anchor>
          <Anchor component="button" size="sm" onClick={() => update({ contact: null })}>
            Show everyone’s
          </Anchor>
        </Group>
      ) : null}
      <FilterBar ws={ws} query={query} update={update} />
      <Tabs value={view} onChange={(v) => update({ view: v === 'list' ? 'list' : null, sort: null })} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="week">Week</Tabs.Tab>
          <Tabs.Tab value="list">List</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="week">
          <Week {...shared} week={query.week} update={update} />
        </Tabs.Panel>
        <Tabs.Panel value="list">
          <List {...shared} query={query} update={update} />
        </Tabs.Panel>
      </Tabs>
      <BookingDrawer ws={ws} bookingId={query.booking} canWrite={canWrite} onClose={close} />
    </Stack>
  )
}
