import { Anchor, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { IconExternalLink, IconRefresh } from '@tabler/icons-react'
import { ConfirmButton, CopyField, ErrorAlert } from '../../../ui'
import { useUpdateCalendar, type Calendar } from './hooks'

/** The public booking page and the private iCalendar feed of a calendar; admins renew the feed. */
export function CalendarLinks({ ws, calendar, canManage }: { ws: number; calendar: Calendar; canManage: boolean }) {
  const renew = useUpdateCalendar(ws, calendar.id)
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="calendar-links">
      <Stack gap="sm">
        <Title order={3} fz="h4" id="calendar-links">
          Links
        </Title>
        <Stack gap={4}>
          <Group gap="xs" justify="space-between">
            <Text size="sm" fw={600}>
              Public booking page
            </Text>
            <Anchor href={calendar.public_url} target="_blank" rel="noreferrer" size="sm">
              <Group gap={4} wrap="nowrap">
                Open <IconExternalLink size={14} />
              </Group>
            </Anchor>
          </Group>
          <CopyField value={calendar.public_url} label="public booking page link" />
          <Text size="xs" c="dimmed">
            {calendar.active ? 'Share it, or link to it from your website.' : 'The calendar is not active: its page does not take bookings.'}
          </Text>
        </Stack>
        {calendar.feed_url ? (
          <Stack gap={4}>
            <Group gap="xs" justify="space-between">
              <Text size="sm" fw={600}>
                Private calendar feed
              </Text>
              {canManage ? (
                <ConfirmButton
                  size="compact-xs"
                  variant="subtle"
                  color="orange"
                  leftSection={<IconRefresh size={12} />}
                  confirmTitle="Make a new feed address?"
                  confirmText="The current address stops working at once: calendar apps subscribed to it show no more bookings until they subscribe to the new one."
                  confirmLabel="Renew the address"
                  onConfirm={() => renew.mutateAsync({ renew_feed: true })}
                >
                  Renew
                </ConfirmButton>
              ) : null}
            </Group>
            <CopyField value={calendar.feed_url} label="private calendar feed link" />
            <Text size="xs" c="dimmed">
              Subscribe to it in Google Calendar, Outlook or Apple Calendar to see the bookings there. Anyone with this address sees them:
              keep it private.
            </Text>
            <ErrorAlert error={renew.error} />
          </Stack>
        ) : null}
      </Stack>
    </Paper>
  )
}
