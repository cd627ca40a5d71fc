import { Anchor, Badge, Center, Grid, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core'
import { IconArrowLeft } from '@tabler/icons-react'
import { useMemo, useRef } from 'react'
import { Link, useNavigate, useParams } from 'react-router'
import { ConfirmButton, ErrorAlert, PageHeader, browserTimeZone, useSubmitOnce } from '../../../ui'
import { useMe } from '../../auth/hooks'
import { useCan, useCurrentWorkspace, useWorkspaceId } from '../../workspaces/hooks'
import { BookingTypesSection } from './BookingTypes'
import { CalendarForm, calendarBody, calendarDraft, type CalendarDraft } from './CalendarForm'
import { CalendarLinks } from './CalendarLinks'
import { useCalendar, useCreateCalendar, useDeleteCalendar, useUpdateCalendar, type Calendar } from './hooks'
import { OverridesSection } from './Overrides'

function BackLink({ ws }: { ws: number }) {
  return (
    <Anchor component={Link} to={`/w/${ws}/settings/calendars`} size="sm">
      <Group gap={4} wrap="nowrap">
        <IconArrowLeft size={14} /> Calendars
      </Group>
    </Anchor>
  )
}

function NewCalendar({ ws }: { ws: number }) {
  const create = useCreateCalendar(ws)
  const { submit, pending } = useSubmitOnce()
  const navigate = useNavigate()
  const me = useMe().data?.user.id
  const zone = useCurrentWorkspace()?.time_zone
  const initial = useMemo(() => calendarDraft(undefined, { me, timeZone: zone || browserTimeZone() }), [me, zone])
  // Made: a click that lands before the page changes must not make a second one.
  const made = useRef(false)
  const save = (draft: CalendarDraft) =>
    void submit(async (idempotencyKey) => {
      if (made.current) return
      const created = await create.mutateAsync({ body: calendarBody(draft), idempotencyKey })
      made.current = true
      navigate(`/w/${ws}/settings/calendars/${created.id}`, { replace: true })
    }).catch(() => undefined)
  return (
    <>
      <BackLink ws={ws} />
      <PageHeader title="New calendar" description="Set who is booked and when; then add the booking types people choose from." />
      <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
        <CalendarForm
          ws={ws}
          initial={initial}
          isNew
          readOnly={false}
          error={create.error}
          fieldError={create.fieldError}
          pending={pending}
          onSubmit={save}
          onCancel={() => navigate(`/w/${ws}/settings/calendars`)}
        />
      </Paper>
    </>
  )
}

function EditCalendar({ ws, calendar, canManage }: { ws: number; calendar: Calendar; canManage: boolean }) {
  const update = useUpdateCalendar(ws, calendar.id)
  const remove = useDeleteCalendar(ws)
  const navigate = useNavigate()
  const { submit, pending } = useSubmitOnce()
  // A new draft only when the saved calendar changed (after Save), not on every render.
  const initial = useMemo(() => calendarDraft(calendar, { timeZone: calendar.time_zone }), [calendar])
  const save = (draft: CalendarDraft) => void submit(() => update.mutateAsync(calendarBody(draft))).catch(() => undefined)
  return (
    <>
      <BackLink ws={ws} />
      <PageHeader
        title={
          <Group gap="xs" component="span" wrap="wrap">
            {calendar.name}
            {calendar.active ? null : (
              <Badge color="gray" variant="light">
                Not active
              </Badge>
            )}
          </Group>
        }
        description={
          <>
            {calendar.members.map((m) => m.name).join(', ')}
            {calendar.team_user_ids.length ? ' · round-robin' : ''} · {calendar.time_zone} ·{' '}
            <Anchor component={Link} to={`/w/${ws}/bookings?calendar=${calendar.id}`} size="sm">
              {calendar.upcoming === 1 ? '1 upcoming booking' : `${calendar.upcoming} upcoming bookings`}
            </Anchor>
          </>
        }
      />
      {canManage ? null : (
        <Text size="sm" c="dimmed" mb="sm">
          Only workspace admins can change calendars.
        </Text>
      )}
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }} component="section" aria-labelledby="calendar-settings">
            <Title order={3} fz="h4" id="calendar-settings" mb="sm">
              Settings
            </Title>
            <CalendarForm
              ws={ws}
              initial={initial}
              isNew={false}
              readOnly={!canManage}
              members={calendar.members as { id: number; name: string | null }[]}
              error={update.error}
              fieldError={update.fieldError}
              pending={pending}
              onSubmit={save}
            />
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <CalendarLinks ws={ws} calendar={calendar} canManage={canManage} />
            <BookingTypesSection ws={ws} calendarId={calendar.id} canManage={canManage} />
            <OverridesSection ws={ws} calendarId={calendar.id} canManage={canManage} />
            {canManage ? (
              <Paper withBorder radius="md" p="md">
                <Group justify="space-between" gap="xs">
                  <Text size="sm" c="dimmed" style={{ flex: '1 1 200px' }}>
                    Deleting takes the booking page down; bookings made stay on the contacts’ cards.
                  </Text>
                  <ConfirmButton
                    variant="light"
                    size="xs"
                    confirmTitle={`Delete “${calendar.name}”?`}
                    confirmText="Its booking page stops taking bookings at once. Bookings already made stay, and are not cancelled."
                    confirmLabel="Delete calendar"
                    onConfirm={async () => {
                      await remove.mutateAsync(calendar.id)
                      navigate(`/w/${ws}/settings/calendars`, { replace: true })
                    }}
                  >
                    Delete calendar
                  </ConfirmButton>
                </Group>
                <ErrorAlert error={remove.error} />
              </Paper>
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  )
}

/** /w/:ws/settings/calendars/:calendarId ("new" for a new one): a calendar's settings, links, types and overrides. */
export function CalendarEditorPage() {
  const ws = useWorkspaceId()
  const { calendarId } = useParams()
  const canManage = useCan('manage_settings')
  const id = Number(calendarId)
  const calendar = useCalendar(ws, calendarId === 'new' ? NaN : id)
  if (calendarId === 'new') {
    if (!canManage)
      return (
        <>
          <BackLink ws={ws} />
          <ErrorAlert error="Only workspace admins can add calendars." />
        </>
      )
    return <NewCalendar ws={ws} />
  }
  if (calendar.error || !Number.isFinite(id))
    return (
      <>
        <BackLink ws={ws} />
        <ErrorAlert error={calendar.error ?? 'No such calendar.'} />
      </>
    )
  if (!calendar.data)
    return (
      <Center py="xl">
        <Loader aria-label="Loading the calendar" />
      </Center>
    )
  return <EditCalendar ws={ws} calendar={calendar.data} canManage={canManage} />
}
