import { Anchor, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { ErrorAlert, formatDateTime } from '../../../ui'
import type { CardPanelProps } from '../../contacts/cardPanels'
import { StatusBadge } from './BookingDrawer'
import { useContactBookings, type Booking } from './hooks'
import { formatTime } from './time'

const SHOWN = 5
const WRAP = { overflowWrap: 'anywhere' } as const

function Row({ ws, booking }: { ws: number; booking: Booking }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="contact-booking">
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Anchor
          component={Link}
          to={`/w/${ws}/bookings?view=list&when=all&contact=${booking.contact_id}&booking=${booking.id}`}
          size="sm"
          fw={600}
          c={booking.status === 'cancelled' ? 'dimmed' : undefined}
          style={WRAP}
        >
          {formatDateTime(booking.start)}–{formatTime(booking.end)}
        </Anchor>
        <div style={{ flexShrink: 0 }}>
          <StatusBadge status={booking.status} />
        </div>
      </Group>
      <Text size="xs" c="dimmed" style={WRAP}>
        {[booking.booking_type_name, booking.calendar_name, booking.user_name].filter(Boolean).join(' · ')}
      </Text>
    </Paper>
  )
}

function BookingGroup({ title, ws, items, total }: { title: string; ws: number; items: Booking[]; total: number }) {
  if (!items.length) return null
  return (
    <Stack gap={6} role="group" aria-label={title}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase">
        {title}
        {total > items.length ? ` (${items.length} of ${total})` : ''}
      </Text>
      {items.map((b) => (
        <Row key={b.id} ws={ws} booking={b} />
      ))}
    </Stack>
  )
}

/** The card's "Bookings" panel: the contact's upcoming bookings, then the latest past ones. */
export function BookingsPanel({ contactId, workspaceId: ws }: CardPanelProps) {
  const [now] = useState(() => new Date().toISOString())
  const upcoming = useContactBookings(ws, contactId, { from: now, sort: 'start', page_size: SHOWN })
  const past = useContactBookings(ws, contactId, { to: now, sort: '-start', page_size: SHOWN })
  const total = (upcoming.data?.total ?? 0) + (past.data?.total ?? 0)
  return (
    <Stack gap="sm">
      <ErrorAlert error={upcoming.error ?? past.error} />
      {upcoming.isPending || past.isPending ? <Loader size="sm" aria-label="Loading bookings" /> : null}
      {upcoming.isSuccess && past.isSuccess && total === 0 ? (
        <Text size="sm" c="dimmed">
          No bookings yet. Bookings this contact makes on a calendar’s page appear here.
        </Text>
      ) : null}
      <BookingGroup title="Upcoming" ws={ws} items={upcoming.data?.items ?? []} total={upcoming.data?.total ?? 0} />
      <BookingGroup title="Past" ws={ws} items={past.data?.items ?? []} total={past.data?.total ?? 0} />
      {!upcoming.isSuccess || !past.isSuccess ? null : total > 0 ? (
        <Anchor component={Link} to={`/w/${ws}/bookings?view=list&when=all&contact=${contactId}`} size="sm">
          {total === 1 ? 'Open in Bookings' : `All ${total} bookings`}
        </Anchor>
      ) : (
        <Anchor component={Link} to={`/w/${ws}/bookings`} size="sm">
          Go to Bookings
        </Anchor>
      )}
    </Stack>
  )
}
