import { Group, Stack, Text, ThemeIcon } from '@mantine/core'
import { IconCalendarEvent, IconClock, IconMapPin, IconUser } from '@tabler/icons-react'
import type { ReactNode } from 'react'
import { WRAP } from '../../../ui'
import type { PublicType } from './hooks'
import { formatDuration, formatWhen } from './time'

function Row({ icon, label, children }: { icon: ReactNode; label: string; children: ReactNode }) {
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <ThemeIcon variant="light" size="lg" radius="xl" aria-hidden>
        {icon}
      </ThemeIcon>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
          {label}
        </Text>
        <Text size="sm" component="div" style={WRAP}>
          {children}
        </Text>
      </Stack>
    </Group>
  )
}

/** `struck`: a time that no longer holds (cancelled, or just taken by someone else). */
type SummaryProps = { type: PublicType; start: string; end: string; tz: string; member?: string | null; struck?: boolean }

/** What, when (in `tz`), where and with whom: a booking, or the time just chosen. */
export function BookingSummary({ type, start, end, tz, member, struck }: SummaryProps) {
  const when = formatWhen(start, end, tz)
  return (
    <Stack gap="sm" aria-label="Booking details" role="group" style={struck ? { opacity: 0.6 } : undefined}>
      <Row icon={<IconCalendarEvent size={18} />} label="What">
        <b>{type.name}</b> · {formatDuration(type.duration_minutes)}
      </Row>
      <Row icon={<IconClock size={18} />} label="When">
        <span data-testid="booking-when" style={struck ? { textDecoration: 'line-through' } : undefined}>
          {when.date}, {when.time}
        </span>
        <Text size="xs" c="dimmed" component="span" display="block">
          Times in {tz.replace(/_/g, ' ')}
        </Text>
      </Row>
      {type.location ? (
        <Row icon={<IconMapPin size={18} />} label="Where">
          {type.location}
        </Row>
      ) : null}
      {member ? (
        <Row icon={<IconUser size={18} />} label="With">
          {member}
        </Row>
      ) : null}
    </Stack>
  )
}
