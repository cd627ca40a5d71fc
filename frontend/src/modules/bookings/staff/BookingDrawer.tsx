import { Anchor, Badge, Blockquote, Button, Center, Divider, Drawer, Group, Loader, SimpleGrid, Stack, Text, TextInput, Textarea, Title } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { useRef, useState, type ReactNode } from 'react'
import { Link } from 'react-router'
import { isApiError } from '../../../api/client'
import { ConfirmButton, ErrorAlert, browserTimeZone, formatDateTime, useSubmitOnce } from '../../../ui'
import { SlotButtons } from '../public/SlotPicker'
import { useBooking, useBookingTypes, useChangeBooking, useDaySlots, type Booking, type Slot } from './hooks'
import { dateKey, formatLongDay, formatTimeRange, parseDateKey } from './time'

const WRAP = { overflowWrap: 'anywhere' } as const

export function StatusBadge({ status }: { status: Booking['status'] }) {
  return (
    <Badge size="sm" variant="light" color={status === 'confirmed' ? 'teal' : 'gray'}>
      {status === 'confirmed' ? 'Confirmed' : 'Cancelled'}
    </Badge>
  )
}

const SOURCES: Record<string, string> = { public: 'Public booking page', staff: 'Added by staff', api: 'API' }
const CANCELLED_BY: Record<string, string> = { customer: 'the customer', staff: 'your team' }
export const sourceLabel = (source: string) => SOURCES[source] ?? source

/** "Monday 2 March 2026, 09:00–09:30" in the browser's zone. */
export function formatWhen(b: Pick<Booking, 'start' | 'end'>): string {
  return `${formatLongDay(new Date(b.start))}, ${formatTimeRange(b.start, b.end)}`
}

/** "what_to_discuss" → "What to discuss" (for answers whose question is gone). */
const humanize = (key: string) => key.replace(/_/g, ' ').replace(/^\w/, (c) => c.toUpperCase())

/** The free slots a 409 offered, from its body. */
export function offeredSlots(error: unknown): Slot[] {
  if (!isApiError(error) || error.status !== 409 || !Array.isArray(error.body.slots)) return []
  return error.body.slots as Slot[]
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={WRAP}>
        {children}
      </Text>
    </div>
  )
}

function Reschedule({ ws, booking }: { ws: number; booking: Booking }) {
  const move = useChangeBooking(ws, booking)
  const { submit, pending } = useSubmitOnce()
  const tz = browserTimeZone()
  const types = useBookingTypes(ws, booking.calendar_id)
  const type = types.data?.items.find((t) => t.id === booking.booking_type_id)
  const [day, setDay] = useState(() => dateKey(new Date(booking.start)))
  const [start, setStart] = useState<string | null>(null)
  const free = useDaySlots(ws, booking.calendar_id, { type: type?.slug, day, tz, ignore_booking: booking.id })
  // A 409 ("just taken") brings the day's times still free.
  const taken = isApiError(move.error) && move.error.status === 409
  const slots = taken ? offeredSlots(move.error) : free.data
  const date = parseDateKey(day)
  const isCurrent = (iso: string) => new Date(iso).getTime() === new Date(booking.start).getTime()
  const unchanged = !start || isCurrent(start)
  // A second click can come after the answer but before the drawer shows the moved booking.
  const moved = useRef(false)
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (unchanged || moved.current) return
    void submit(async () => {
      await move.mutateAsync({ start: start! })
      moved.current = true
    }).catch(() => undefined)
  }
  return (
    <form onSubmit={send} noValidate aria-label="Reschedule">
      <Stack gap="xs">
        <TextInput
          type="date"
          label="Move to day"
          description={`Free times in your zone (${tz}); the customer is told by mail.`}
          min={dateKey(new Date())}
          value={day}
          onChange={(e) => {
            setDay(e.currentTarget.value)
            setStart(null)
            move.reset()
          }}
        />
        <ErrorAlert error={move.error ?? types.error ?? free.error} />
        {types.data && !type ? (
          <Text size="sm" c="dimmed">
            This booking’s type no longer exists, so its free times are unknown.
          </Text>
        ) : !date ? null : !slots ? (
          free.isFetching || types.isPending ? <Loader size="sm" aria-label="Loading free times" /> : null
        ) : slots.length ? (
          <SlotButtons slots={slots} tz={tz} chosen={start ?? slots.find((s) => isCurrent(s.start))?.start} onPick={(s) => setStart(s.start)} label={`Free times on ${formatLongDay(date)}`} wide />
        ) : (
          <Text size="sm" c="dimmed">
            Nothing is free that day: try another day.
          </Text>
        )}
        <Button type="submit" loading={pending} disabled={unchanged} style={{ alignSelf: 'flex-start' }}>
          Move
        </Button>
      </Stack>
    </form>
  )
}

function Cancel({ ws, booking }: { ws: number; booking: Booking }) {
  const cancel = useChangeBooking(ws, booking)
  const [reason, setReason] = useState('')
  return (
    <Stack gap="xs">
      <Textarea
        label="Reason for cancelling"
        description="Optional; kept with the booking and sent to the member."
        rows={3}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={cancel.fieldError('reason')}
      />
      <ErrorAlert error={cancel.fieldError('reason') ? null : cancel.error} />
      <ConfirmButton
        variant="light"
        style={{ alignSelf: 'flex-start' }}
        confirmTitle="Cancel this booking?"
        confirmText={`${booking.name} is told by mail that ${formatWhen(booking)} is cancelled.`}
        confirmLabel="Cancel booking"
        onConfirm={() => cancel.mutateAsync({ status: 'cancelled', reason: reason.trim() || null })}
      >
        Cancel booking
      </ConfirmButton>
    </Stack>
  )
}

function Details({ ws, booking, canWrite }: { ws: number; booking: Booking; canWrite: boolean }) {
  const types = useBookingTypes(ws, booking.calendar_id)
  const questions = new Map((types.data?.items ?? []).flatMap((t) => t.questions).map((q) => [q.key, q.label]))
  const answers = Object.entries(booking.answers ?? {}).filter(([, v]) => v !== null && v !== undefined && v !== '')
  const zone = browserTimeZone()
  // Each change raises the sequence: the moves, and a cancellation.
  const moves = booking.sequence - (booking.status === 'cancelled' ? 1 : 0)
  const changeable = booking.status === 'confirmed' && new Date(booking.start).getTime() > Date.now()
  return (
    <Stack gap="md">
      <Stack gap={4}>
        <Group gap="xs">
          <StatusBadge status={booking.status} />
          <Text size="sm" c="dimmed">
            {booking.booking_type_name}
          </Text>
        </Group>
        <Text fw={600} data-testid="booking-when">
          {formatWhen(booking)}
        </Text>
        {booking.time_zone !== zone ? (
          <Text size="xs" c="dimmed">
            Times in {zone}. The customer’s: {formatDateTime(booking.start, booking.time_zone)} ({booking.time_zone})
          </Text>
        ) : null}
      </Stack>
      <SimpleGrid cols={2} spacing="sm" verticalSpacing="sm">
        <Fact label="Email">
          <Anchor href={`mailto:${booking.email}`} size="sm">
            {booking.email}
          </Anchor>
        </Fact>
        <Fact label="Contact">
          {booking.contact_id ? (
            <Anchor component={Link} to={`/w/${ws}/contacts/${booking.contact_id}`} size="sm">
              Open the card
            </Anchor>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Calendar">
          <Anchor component={Link} to={`/w/${ws}/settings/calendars/${booking.calendar_id}`} size="sm">
            {booking.calendar_name}
          </Anchor>
        </Fact>
        <Fact label="Member">{booking.user_name ?? '—'}</Fact>
        <Fact label="Location">{booking.location || '—'}</Fact>
        <Fact label="Source">{sourceLabel(booking.source)}</Fact>
        <Fact label="Booked">{formatDateTime(booking.created_at)}</Fact>
        {moves ? <Fact label="Rescheduled">{moves === 1 ? 'Once' : `${moves} times`}</Fact> : null}
      </SimpleGrid>
      {booking.status === 'cancelled' ? (
        <Blockquote color="gray" p="sm" radius="sm">
          <Text size="sm">
            Cancelled {formatDateTime(booking.cancelled_at)}
            {booking.cancelled_by ? ` by ${CANCELLED_BY[booking.cancelled_by] ?? booking.cancelled_by}` : ''}.
          </Text>
          {booking.cancel_reason ? (
            <Text size="sm" style={WRAP} mt={4}>
              “{booking.cancel_reason}”
            </Text>
          ) : null}
        </Blockquote>
      ) : null}
      {answers.length ? (
        <Stack gap="xs">
          <Title order={4} fz="sm">
            Answers
          </Title>
          {answers.map(([key, value]) => (
            <Fact key={key} label={questions.get(key) ?? humanize(key)}>
              <span style={{ whiteSpace: 'pre-wrap' }}>{typeof value === 'string' ? value : JSON.stringify(value)}</span>
            </Fact>
          ))}
        </Stack>
      ) : null}
      <Stack gap={4}>
        <Title order={4} fz="sm">
          Consent
        </Title>
        {booking.consent_text ? (
          <>
            <Text size="sm" fs="italic" style={WRAP} data-testid="consent-text">
              “{booking.consent_text}”
            </Text>
            <Text size="xs" c="dimmed">
              Agreed {formatDateTime(booking.consented_at)}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No consent was recorded with this booking.
          </Text>
        )}
      </Stack>
      {canWrite && changeable ? (
        <>
          <Divider label="Reschedule" labelPosition="left" />
          <Reschedule key={booking.start} ws={ws} booking={booking} />
          <Divider label="Cancel" labelPosition="left" />
          <Cancel ws={ws} booking={booking} />
        </>
      ) : booking.status === 'confirmed' && !changeable ? (
        <Text size="sm" c="dimmed">
          This booking has started or is over: it can no longer be moved or cancelled.
        </Text>
      ) : null}
    </Stack>
  )
}

/** One booking's details in a drawer, with cancel and reschedule for members. */
export function BookingDrawer({ ws, bookingId, canWrite, onClose }: { ws: number; bookingId: number | undefined; canWrite: boolean; onClose: () => void }) {
  const booking = useBooking(ws, bookingId)
  const narrow = useMediaQuery('(max-width: 48em)')
  return (
    <Drawer
      opened={bookingId !== undefined}
      onClose={onClose}
      position="right"
      size={narrow ? '100%' : 'md'}
      title={<Text fw={600} fz="lg" style={WRAP}>{booking.data?.name ?? 'Booking'}</Text>}
    >
      {booking.error ? <ErrorAlert error={booking.error} /> : null}
      {booking.data && booking.data.id === bookingId ? (
        <Details ws={ws} booking={booking.data} canWrite={canWrite} />
      ) : booking.error ? null : (
        <Center py="xl">
          <Loader aria-label="Loading the booking" />
        </Center>
      )}
    </Drawer>
  )
}
