import { Alert, Anchor, Badge, Button, Divider, Group, Stack, Text, Textarea, Title } from '@mantine/core'
import { IconAlertTriangle, IconCalendarX, IconCircleCheck, IconClockOff, IconLinkOff } from '@tabler/icons-react'
import { useEffect, useState } from 'react'
import { Link, useParams } from 'react-router'
import { isApiError } from '../../../api/errors'
import { ConfirmButton, ErrorAlert, useSubmitOnce, useUnsavedChanges } from '../../../ui'
import { freshSlots, useCancelBooking, usePublicBooking, useRefreshSlots, useRescheduleBooking, type PublicBooking, type Slot } from './hooks'
import { PublicLoading, PublicProblem, PublicShell, WRAP } from '../../../ui'
import { BookingSummary } from './parts'
import { SlotButtons, SlotPicker } from './SlotPicker'
import { dayOf, formatDay, formatWhen, knownZone } from './time'

type Mode = 'view' | 'reschedule' | 'cancel'

function Reschedule({ booking, token, tz, onTzChange, onDone, onClose }: { booking: PublicBooking; token: string; tz: string; onTzChange: (tz: string) => void; onDone: () => void; onClose: () => void }) {
  const pageRef = { ws: booking.workspace_slug, calendar: booking.calendar_slug }
  const move = useRescheduleBooking(token)
  const refresh = useRefreshSlots(pageRef)
  const { submit, pending } = useSubmitOnce()
  const [day, setDay] = useState<string | null>(null)
  const [picked, setPicked] = useState<Slot | null>(null)
  const fresh = freshSlots(move.error)
  const pick = (slot: Slot | null) => {
    move.reset()
    setPicked(slot)
  }
  const confirm = () =>
    void submit(async () => {
      if (!picked) return
      await move.mutateAsync({ start: picked.start, tz })
      onDone()
    }).catch((error: unknown) => {
      if (freshSlots(error)) void refresh()
    })

  return (
    <Stack gap="md" role="region" aria-label="Choose a new time">
      <Title order={2} fz="h4">
        Choose a new time
      </Title>
      {picked ? (
        <>
          <Text size="sm">Move your booking to:</Text>
          <BookingSummary type={booking.type} start={picked.start} end={picked.end} tz={tz} struck={!!fresh} />
          {fresh ? (
            <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={move.error?.message} role="alert">
              <Stack gap="xs">
                {fresh.length ? (
                  <>
                    <Text size="sm">Still free on {formatDay(dayOf(picked.start))}:</Text>
                    <SlotButtons slots={fresh} tz={tz} onPick={pick} label="Times still free that day" wide />
                  </>
                ) : (
                  <Text size="sm">No other time is free that day.</Text>
                )}
              </Stack>
            </Alert>
          ) : (
            <ErrorAlert error={move.error} />
          )}
          <Group grow preventGrowOverflow={false} wrap="wrap">
            <Button onClick={confirm} loading={pending} disabled={!!fresh}>
              Move my booking
            </Button>
            <Button variant="default" onClick={() => pick(null)}>
              Choose another time
            </Button>
          </Group>
        </>
      ) : (
        <SlotPicker
          pageRef={pageRef}
          type={booking.type}
          tz={tz}
          onTzChange={(zone) => {
            setDay(null)
            onTzChange(zone)
          }}
          day={day}
          onDay={setDay}
          onPick={pick}
        />
      )}
      <Group>
        <Button variant="subtle" color="gray" onClick={onClose}>
          Keep the current time
        </Button>
      </Group>
    </Stack>
  )
}

function Cancel({ booking, token, tz, onDone, onClose }: { booking: PublicBooking; token: string; tz: string; onDone: () => void; onClose: () => void }) {
  const cancel = useCancelBooking(token)
  const [reason, setReason] = useState('')
  useUnsavedChanges(!!reason.trim())
  const when = formatWhen(booking.start, booking.end, tz)
  return (
    <Stack gap="md" role="region" aria-label="Cancel the booking">
      <Title order={2} fz="h4">
        Cancel the booking
      </Title>
      <Textarea
        label="Reason"
        description="Optional: it is passed on to the person you booked with."
        autosize
        minRows={2}
        maxRows={6}
        maxLength={500}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
        error={cancel.fieldError('reason')}
      />
      <ErrorAlert error={cancel.fieldError('reason') ? null : cancel.error} />
      <Group grow preventGrowOverflow={false} wrap="wrap">
        <ConfirmButton
          confirmTitle="Cancel this booking?"
          confirmText={`${booking.type.name} on ${when.date}, ${when.time} will be cancelled. This cannot be undone.`}
          confirmLabel="Yes, cancel it"
          onConfirm={async () => {
            await cancel.mutateAsync(reason)
            setReason('')
            onDone()
          }}
        >
          Cancel booking
        </ConfirmButton>
        <Button variant="default" onClick={onClose}>
          Keep my booking
        </Button>
      </Group>
    </Stack>
  )
}

function Manage({ booking, token }: { booking: PublicBooking; token: string }) {
  const [tz, setTz] = useState(() => knownZone(booking.time_zone))
  const [mode, setMode] = useState<Mode>('view')
  const [done, setDone] = useState<'moved' | 'cancelled' | null>(null)
  const cancelled = booking.status === 'cancelled'
  const finish = (what: 'moved' | 'cancelled') => {
    setMode('view')
    setDone(what)
  }

  return (
    <PublicShell title={booking.workspace_name} wide={mode === 'reschedule'}>
      <Stack gap="lg">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={cancelled ? 'red' : booking.can_change ? 'teal' : 'gray'} variant="light" tt="none" data-testid="booking-status">
              {cancelled ? 'Cancelled' : booking.can_change ? 'Confirmed' : 'Past'}
            </Badge>
          </Group>
          <Title order={1} fz={{ base: 'h3', xs: 'h2' }} style={WRAP}>
            {booking.calendar_name}
          </Title>
          <Text size="sm" c="dimmed" style={WRAP}>
            Booked by {booking.name} ({booking.email})
          </Text>
        </Stack>
        {cancelled ? (
          <Alert color="red" icon={<IconCalendarX size={18} />} title="This booking is cancelled" role="status">
            {done === 'cancelled' ? 'We have let them know. ' : ''}
            <Anchor component={Link} to={`/book/${booking.workspace_slug}/${booking.calendar_slug}`} size="sm">
              Book another time
            </Anchor>
          </Alert>
        ) : done === 'moved' ? (
          <Alert color="teal" icon={<IconCircleCheck size={18} />} title="Your booking was moved" role="status">
            A new confirmation email is on its way.
          </Alert>
        ) : !booking.can_change ? (
          <Alert color="gray" icon={<IconClockOff size={18} />} title="This booking can no longer be changed" role="status">
            It has already started or taken place.
          </Alert>
        ) : null}
        <BookingSummary type={booking.type} start={booking.start} end={booking.end} tz={tz} member={booking.member_name} struck={cancelled} />
        {mode === 'view' && !cancelled ? (
          <Group grow preventGrowOverflow={false} wrap="wrap">
            <Button onClick={() => setMode('reschedule')} disabled={!booking.can_change}>
              Reschedule
            </Button>
            <Button variant="light" color="red" onClick={() => setMode('cancel')} disabled={!booking.can_change}>
              Cancel booking
            </Button>
          </Group>
        ) : null}
        {mode !== 'view' ? <Divider /> : null}
        {mode === 'reschedule' ? (
          <Reschedule booking={booking} token={token} tz={tz} onTzChange={setTz} onDone={() => finish('moved')} onClose={() => setMode('view')} />
        ) : mode === 'cancel' ? (
          <Cancel booking={booking} token={token} tz={tz} onDone={() => finish('cancelled')} onClose={() => setMode('view')} />
        ) : null}
      </Stack>
    </PublicShell>
  )
}

/** /booking/:token — no login: a booking from the link in its mail; reschedule or cancel it. */
export function ManageBookingPage() {
  const { token = '' } = useParams()
  const booking = usePublicBooking(token)
  useEffect(() => {
    document.title = booking.data ? `Your booking — ${booking.data.workspace_name}` : 'Your booking'
  }, [booking.data])

  if (booking.isPending) return <PublicLoading label="Loading your booking" />
  if (booking.error || !booking.data) {
    const status = isApiError(booking.error) ? booking.error.status : 0
    if (status === 404 || status === 410) {
      return (
        <PublicProblem icon={<IconLinkOff size={40} color="var(--mantine-color-red-6)" />} title={status === 410 ? 'This link has expired' : 'This booking link is not valid'}>
          Check that you opened the whole link from the email (long links are sometimes cut in two).
        </PublicProblem>
      )
    }
    return (
      <PublicShell>
        <ErrorAlert error={booking.error} title="Your booking could not be loaded" />
        <Button variant="default" fullWidth onClick={() => void booking.refetch()}>
          Try again
        </Button>
      </PublicShell>
    )
  }
  return <Manage booking={booking.data} token={token} />
}
