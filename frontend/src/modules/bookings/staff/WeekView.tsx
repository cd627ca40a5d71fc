import { Badge, Box, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core'
import type { Booking } from './hooks'
import { formatDay, formatLongDay, formatTime, formatTimeRange, gridHours, placeDay, sameDay } from './time'

const HOUR = 64 // px per hour
const GUTTER = 52

type Props = { days: Date[]; bookings: Booking[]; onOpen: (id: number) => void; today?: Date }

const label = (b: Booking) => `${formatTimeRange(b.start, b.end)} ${b.name}, ${b.booking_type_name}${b.status === 'cancelled' ? ', cancelled' : ''}`

function Block({ booking, onOpen, style, compact }: { booking: Booking; onOpen: (id: number) => void; style: React.CSSProperties; compact: boolean }) {
  const cancelled = booking.status === 'cancelled'
  const strike = cancelled ? 'line-through' : undefined
  return (
    <UnstyledButton
      onClick={() => onOpen(booking.id)}
      aria-label={label(booking)}
      title={`${label(booking)} · ${booking.calendar_name}${booking.user_name ? ` · ${booking.user_name}` : ''}`}
      data-testid="week-booking"
      style={{
        position: 'absolute',
        overflow: 'hidden',
        padding: compact ? '1px 6px' : '3px 6px',
        borderRadius: 6,
        borderLeft: `3px solid var(--mantine-color-${cancelled ? 'gray-5' : 'blue-6'})`,
        background: cancelled ? 'var(--mantine-color-gray-1)' : 'var(--mantine-color-blue-0)',
        boxShadow: '0 0 0 1px var(--mantine-color-body)',
        opacity: cancelled ? 0.75 : 1,
        ...style,
      }}
    >
      {/* Short blocks: the start and the name on one line, the type under them. */}
      <Text size="xs" lh={1.3} truncate td={strike}>
        <b>{compact ? formatTime(booking.start) : formatTimeRange(booking.start, booking.end)}</b>
        {compact ? ` ${booking.name}` : null}
      </Text>
      {compact ? null : (
        <Text size="xs" lh={1.3} truncate td={strike}>
          {booking.name}
        </Text>
      )}
      <Text size="xs" lh={1.3} c="dimmed" truncate>
        {booking.booking_type_name}
      </Text>
    </UnstyledButton>
  )
}

/** Seven columns Monday–Sunday with hours down the side; bookings as blocks, overlapping ones side by side. */
export function WeekGrid({ days, bookings, onOpen, today = new Date() }: Props) {
  const [first, last] = gridHours(days, bookings)
  const hours = Array.from({ length: last - first }, (_, i) => first + i)
  const height = (last - first) * HOUR
  return (
    <Paper withBorder radius="md" style={{ overflow: 'hidden' }}>
      <div style={{ display: 'grid', gridTemplateColumns: `${GUTTER}px repeat(7, minmax(0, 1fr))` }}>
        <div />
        {days.map((d) => {
          const isToday = sameDay(d, today)
          return (
            <Box key={d.toISOString()} py={6} ta="center" style={{ borderLeft: '1px solid var(--mantine-color-gray-3)', borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
              <Text size="sm" fw={isToday ? 700 : 500} c={isToday ? 'blue' : undefined}>
                {formatDay(d)}
              </Text>
            </Box>
          )
        })}
        <div style={{ position: 'relative', height }} aria-hidden>
          {hours.map((h, i) => (
            <Text key={h} size="xs" c="dimmed" style={{ position: 'absolute', top: i * HOUR + 2, right: 6 }}>
              {String(h).padStart(2, '0')}:00
            </Text>
          ))}
        </div>
        {days.map((d) => {
          const mine = bookings.filter((b) => sameDay(new Date(b.start), d))
          return (
            <div
              key={d.toISOString()}
              role="group"
              aria-label={formatLongDay(d)}
              style={{
                position: 'relative',
                height,
                borderLeft: '1px solid var(--mantine-color-gray-3)',
                backgroundColor: sameDay(d, today) ? 'var(--mantine-color-blue-light)' : undefined,
                backgroundImage: `repeating-linear-gradient(to bottom, var(--mantine-color-gray-2) 0, var(--mantine-color-gray-2) 1px, transparent 1px, transparent ${HOUR}px)`,
              }}
            >
              {placeDay(d, mine, first, last).map((p) => {
                const px = Math.max(18, (p.height / 60) * HOUR - 2)
                return (
                  <Block
                    key={p.item.id}
                    booking={p.item}
                    onOpen={onOpen}
                    compact={px < 50}
                    style={{
                      top: (p.top / 60) * HOUR + 1,
                      height: px,
                      left: `calc(${(p.lane / p.lanes) * 100}% + 2px)`,
                      width: `calc(${100 / p.lanes}% - 4px)`,
                    }}
                  />
                )
              })}
            </div>
          )
        })}
      </div>
    </Paper>
  )
}

/** The week day by day, for phones: each day's bookings in order, or "No bookings". */
export function WeekAgenda({ days, bookings, onOpen, today = new Date() }: Props) {
  return (
    <Stack gap="sm">
      {days.map((d) => {
        const mine = bookings.filter((b) => sameDay(new Date(b.start), d)).sort((a, b) => a.start.localeCompare(b.start))
        const isToday = sameDay(d, today)
        return (
          <section key={d.toISOString()} aria-label={formatLongDay(d)}>
            <Group gap="xs" mb={4}>
              <Text size="sm" fw={700} c={isToday ? 'blue' : undefined}>
                {formatLongDay(d)}
              </Text>
              {isToday ? (
                <Badge size="xs" variant="light">
                  Today
                </Badge>
              ) : null}
            </Group>
            {mine.length ? (
              <Stack gap={6}>
                {mine.map((b) => (
                  <UnstyledButton
                    key={b.id}
                    onClick={() => onOpen(b.id)}
                    aria-label={label(b)}
                    data-testid="week-booking"
                    p="xs"
                    w="100%"
                    style={{
                      borderStyle: 'solid',
                      borderWidth: '1px 1px 1px 3px',
                      borderColor: `var(--mantine-color-gray-3) var(--mantine-color-gray-3) var(--mantine-color-gray-3) var(--mantine-color-${b.status === 'cancelled' ? 'gray-5' : 'blue-6'})`,
                      borderRadius: 'var(--mantine-radius-md)',
                      background: 'var(--mantine-color-body)',
                    }}
                  >
                    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                      <Text size="sm" fw={700} td={b.status === 'cancelled' ? 'line-through' : undefined} style={{ flexShrink: 0 }}>
                        {formatTimeRange(b.start, b.end)}
                      </Text>
                      {b.status === 'cancelled' ? (
                        <Badge size="xs" color="gray" variant="light">
                          Cancelled
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {b.name}
                    </Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {[b.booking_type_name, b.calendar_name, b.user_name].filter(Boolean).join(' · ')}
                    </Text>
                  </UnstyledButton>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                No bookings
              </Text>
            )}
          </section>
        )
      })}
    </Stack>
  )
}
