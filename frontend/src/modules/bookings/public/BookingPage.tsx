import { Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core'
import { IconCalendarOff, IconChevronRight, IconCircleCheck, IconLinkOff } from '@tabler/icons-react'
import { useEffect, useMemo, useState } from 'react'
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router'
import { isApiError } from '../../../api/errors'
import { browserTimeZone, ErrorAlert, useUnsavedChanges } from '../../../ui'
import { BookingForm, EMPTY, type Values } from './BookingForm'
import { usePublicCalendar, type PageRef, type PublicBooking, type PublicCalendar, type PublicType } from './hooks'
import { PublicLoading, PublicProblem, PublicShell, WRAP } from '../../../ui'
import { BookingSummary } from './parts'
import { SlotPicker } from './SlotPicker'
import { dayOf, formatDuration, knownZone, validInstant } from './time'

const DAY = /^\d{4}-\d{2}-\d{2}$/

function TypeLine({ type }: { type: PublicType }) {
  return (
    <Text size="sm" c="dimmed" component="span" style={WRAP}>
      {formatDuration(type.duration_minutes)}
      {type.location ? ` · ${type.location}` : ''}
    </Text>
  )
}

function TypeChoice({ types, onChoose }: { types: PublicType[]; onChoose: (slug: string) => void }) {
  return (
    <Stack gap="xs" role="group" aria-label="What would you like to book?">
      <Text fw={600}>What would you like to book?</Text>
      {types.map((t) => (
        <Paper
          key={t.slug}
          component="button"
          type="button"
          withBorder
          radius="md"
          p="md"
          w="100%"
          ta="left"
          style={{ cursor: 'pointer', font: 'inherit', color: 'inherit' }}
          onClick={() => onChoose(t.slug)}
        >
          <Group wrap="nowrap" justify="space-between" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Text fw={600} style={WRAP}>
                {t.name}
              </Text>
              <TypeLine type={t} />
              {t.description ? (
                <Text size="sm" style={{ ...WRAP, whiteSpace: 'pre-line' }}>
                  {t.description}
                </Text>
              ) : null}
            </Stack>
            <IconChevronRight size={18} style={{ flexShrink: 0 }} aria-hidden />
          </Group>
        </Paper>
      ))}
    </Stack>
  )
}

function Confirmation({ booking }: { booking: PublicBooking }) {
  return (
    <PublicShell title={booking.workspace_name}>
      <Stack gap="lg">
        <Stack align="center" ta="center" gap="xs">
          <ThemeIcon color="teal" variant="light" size={56} radius="xl" aria-hidden>
            <IconCircleCheck size={32} />
          </ThemeIcon>
          <Title order={1} fz="h2">
            You are booked
          </Title>
          <Text size="sm" c="dimmed" style={WRAP}>
            A confirmation email is on its way to <b>{booking.email}</b>.
          </Text>
        </Stack>
        <BookingSummary type={booking.type} start={booking.start} end={booking.end} tz={booking.time_zone} member={booking.member_name} />
        <Stack gap={4}>
          <Button component={Link} to={`/booking/${booking.token}`} variant="light" fullWidth>
            Change or cancel this booking
          </Button>
          <Text size="xs" c="dimmed" ta="center">
            The email has this link too.
          </Text>
        </Stack>
      </Stack>
    </PublicShell>
  )
}

/** The steps, kept in the URL (?type=&tz=&day=&start=) so Back and a reload keep the place. */
function BookingFlow({ page, pageRef }: { page: PublicCalendar; pageRef: PageRef }) {
  const [params, setParams] = useSearchParams()
  const navigate = useNavigate()
  const location = useLocation()
  const [values, setValues] = useState<Values>(EMPTY)
  useUnsavedChanges(values.name !== '' || values.email !== '' || Object.values(values.answers).some(Boolean))
  const tz = knownZone(params.get('tz') || browserTimeZone())
  const types = page.booking_types
  const type = types.length === 1 ? types[0] : types.find((t) => t.slug === params.get('type'))
  const day = DAY.test(params.get('day') ?? '') ? params.get('day') : null
  const start = params.get('start')
  const chosen = type && validInstant(start) ? start : null

  const go = (patch: Record<string, string | null>, replace = false) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        for (const [k, v] of Object.entries(patch)) {
          if (v === null) next.delete(k)
          else next.set(k, v)
        }
        return next
      },
      { replace },
    )

  let step
  if (!types.length) {
    step = (
      <Stack align="center" ta="center" gap="xs" py="md">
        <IconCalendarOff size={36} color="var(--mantine-color-gray-6)" aria-hidden />
        <Text fw={600}>Nothing can be booked here right now.</Text>
        <Text size="sm" c="dimmed">
          Please come back later.
        </Text>
      </Stack>
    )
  } else if (!type) {
    step = <TypeChoice types={types} onChoose={(slug) => go({ type: slug, day: null, start: null })} />
  } else if (!chosen) {
    step = (
      <Stack gap="md">
        <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text fw={600} style={WRAP}>
              {type.name}
            </Text>
            <TypeLine type={type} />
          </Stack>
          {types.length > 1 ? (
            <Button variant="subtle" size="compact-sm" onClick={() => go({ type: null, day: null, start: null })}>
              Change
            </Button>
          ) : null}
        </Group>
        {types.length === 1 && type.description ? (
          <Text size="sm" style={{ ...WRAP, whiteSpace: 'pre-line' }}>
            {type.description}
          </Text>
        ) : null}
        <SlotPicker
          pageRef={pageRef}
          type={type}
          tz={tz}
          onTzChange={(zone) => go({ tz: zone, day: null }, true)}
          day={day}
          onDay={(d) => go({ day: d }, true)}
          onPick={(slot) => go({ day: dayOf(slot.start), start: slot.start })}
        />
      </Stack>
    )
  } else {
    step = (
      <BookingForm
        page={page}
        pageRef={pageRef}
        type={type}
        start={chosen}
        tz={tz}
        values={values}
        onValues={setValues}
        onChangeTime={() => go({ start: null })}
        onPick={(slot) => go({ day: dayOf(slot.start), start: slot.start }, true)}
        onBooked={(booked) => {
          setValues(EMPTY)
          navigate(location.pathname, { replace: true, state: { booked } })
        }}
      />
    )
  }

  return (
    <PublicShell title={page.workspace_name} wide>
      <Stack gap="lg">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge variant="light" tt="none">
              Book a time
            </Badge>
          </Group>
          <Title order={1} fz={{ base: 'h3', xs: 'h2' }} style={WRAP}>
            {page.name}
          </Title>
          {page.description ? (
            <Text size="sm" c="dimmed" style={{ ...WRAP, whiteSpace: 'pre-line' }}>
              {page.description}
            </Text>
          ) : null}
        </Stack>
        {step}
      </Stack>
    </PublicShell>
  )
}

/** /book/:workspaceSlug/:calendarSlug — no login: a visitor books a time on a calendar. */
export function BookingPage() {
  const { workspaceSlug = '', calendarSlug = '' } = useParams()
  const pageRef = useMemo(() => ({ ws: workspaceSlug, calendar: calendarSlug }), [workspaceSlug, calendarSlug])
  const page = usePublicCalendar(pageRef)
  const booked = (useLocation().state as { booked?: PublicBooking } | null)?.booked
  useEffect(() => {
    document.title = page.data ? `${page.data.name} — ${page.data.workspace_name}` : 'Book a time'
  }, [page.data])

  if (booked) return <Confirmation booking={booked} />
  if (page.isPending) return <PublicLoading label="Loading the booking page" />
  if (page.error || !page.data) {
    if (isApiError(page.error) && page.error.status === 404) {
      return (
        <PublicProblem icon={<IconLinkOff size={40} color="var(--mantine-color-red-6)" />} title="This booking page does not exist">
          Check that you opened the whole link you were given. The page may also have been closed.
        </PublicProblem>
      )
    }
    return (
      <PublicShell>
        <ErrorAlert error={page.error} title="The booking page could not be loaded" />
        <Button variant="default" fullWidth onClick={() => void page.refetch()}>
          Try again
        </Button>
      </PublicShell>
    )
  }
  return <BookingFlow page={page.data} pageRef={pageRef} />
}
