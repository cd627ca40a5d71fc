import { ActionIcon, Box, Button, Center, Group, Loader, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react'
import { useMemo, useRef, useState } from 'react'
import { ErrorAlert, TimeZoneSelect } from '../../../ui'
import { useFreeSlots, type PageRef, type PublicType, type Slot } from './hooks'
import { WEEKDAYS, addDays, addMonths, dayOf, formatDay, formatTime, monthOf, monthWeeks, todayIn } from './time'

type SlotButtonsProps = { slots: Slot[]; tz: string; onPick: (slot: Slot) => void; label: string; wide?: boolean; chosen?: string | null }

/** Free times as buttons, written in `tz` (also the fresh times a "just taken" answer brings); `chosen` is marked. */
export function SlotButtons({ slots, tz, onPick, label, wide, chosen }: SlotButtonsProps) {
  return (
    <SimpleGrid cols={{ base: 3, xs: 4, sm: wide ? 5 : 3 }} spacing="xs" role="group" aria-label={label}>
      {slots.map((s) => (
        <Button key={s.start} variant={s.start === chosen ? 'filled' : 'outline'} aria-pressed={s.start === chosen} onClick={() => onPick(s)} px={4}>
          {formatTime(s.start, tz)}
        </Button>
      ))}
    </SimpleGrid>
  )
}

type MonthProps = { month: string; today: string; free: Map<string, Slot[]>; day: string | null; onDay: (day: string) => void }

function MonthGrid({ month, today, free, day, onDay }: MonthProps) {
  return (
    <Box role="grid" aria-label={formatDay(`${month}-01`, 'month')}>
      <SimpleGrid cols={7} spacing={4} role="row" mb={4}>
        {WEEKDAYS.map((w) => (
          <Text key={w} role="columnheader" size="xs" c="dimmed" ta="center" fw={600}>
            {w}
          </Text>
        ))}
      </SimpleGrid>
      <Stack gap={4}>
        {monthWeeks(month).map((week, i) => (
          <SimpleGrid key={i} cols={7} spacing={4} role="row">
            {week.map((d, j) => {
              if (!d) return <div key={j} role="gridcell" />
              const count = free.get(d)?.length ?? 0
              const chosen = d === day
              return (
                <div key={d} role="gridcell">
                  <Button
                    fullWidth
                    h={40}
                    px={0}
                    variant={chosen ? 'filled' : count ? 'light' : 'subtle'}
                    color={count ? undefined : 'gray'}
                    bg={count ? undefined : 'transparent'}
                    fw={count ? 700 : 400}
                    disabled={!count}
                    aria-pressed={chosen}
                    aria-label={`${formatDay(d)}: ${count ? `${count} free ${count === 1 ? 'time' : 'times'}` : 'no free times'}`}
                    aria-current={d === today ? 'date' : undefined}
                    style={d === today && !chosen ? { textDecoration: 'underline', textUnderlineOffset: 3 } : undefined}
                    onClick={() => onDay(d)}
                  >
                    {Number(d.slice(8))}
                  </Button>
                </div>
              )
            })}
          </SimpleGrid>
        ))}
      </Stack>
    </Box>
  )
}

type Props = {
  pageRef: PageRef
  type: PublicType
  tz: string
  onTzChange: (tz: string) => void
  /** The chosen day ('2026-05-14'), kept by the page (in its URL). */
  day: string | null
  onDay: (day: string) => void
  onPick: (slot: Slot) => void
}

/**
 * A month of a booking type's free slots: days with free times are marked (others disabled),
 * the chosen day's times are buttons, all in the visitor's zone, which they may change. One
 * request per shown month. The months go up to the type's last open day.
 */
export function SlotPicker({ pageRef, type, tz, onTzChange, day, onDay, onPick }: Props) {
  const today = todayIn(tz)
  const first = monthOf(today)
  const last = monthOf(addDays(today, type.max_days_ahead))
  const [month, setMonth] = useState(() => (day && day >= today ? monthOf(day) : first))
  const slots = useFreeSlots(pageRef, type.slug, month, tz)
  const free = useMemo(() => {
    const byDay = new Map<string, Slot[]>()
    for (const s of slots.data ?? []) byDay.set(dayOf(s.start), [...(byDay.get(dayOf(s.start)) ?? []), s])
    return byDay
  }, [slots.data])
  const times = useRef<HTMLDivElement>(null)
  const chosen = day && monthOf(day) === month ? (free.get(day) ?? []) : []
  const pickDay = (d: string) => {
    onDay(d)
    // On a phone the times are under the month: bring them into view.
    requestAnimationFrame(() => times.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }))
  }

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="xl" wrap="wrap">
        <Stack gap="sm" style={{ flex: '1 1 280px', maxWidth: 400 }}>
          <Group justify="space-between" wrap="nowrap">
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Previous month"
              disabled={month <= first}
              onClick={() => setMonth((m) => addMonths(m, -1))}
            >
              <IconChevronLeft size={18} />
            </ActionIcon>
            <Title order={2} fz="md" aria-live="polite">
              {formatDay(`${month}-01`, 'month')}
            </Title>
            <ActionIcon
              variant="default"
              size="lg"
              aria-label="Next month"
              disabled={month >= last}
              onClick={() => setMonth((m) => addMonths(m, 1))}
            >
              <IconChevronRight size={18} />
            </ActionIcon>
          </Group>
          <Box pos="relative">
            <MonthGrid month={month} today={today} free={free} day={day} onDay={pickDay} />
            {slots.isFetching && !slots.data ? (
              <Center pos="absolute" inset={0} bg="rgba(255,255,255,0.6)">
                <Loader size="sm" aria-label="Loading free times" />
              </Center>
            ) : null}
          </Box>
          <TimeZoneSelect value={tz} onChange={(v) => v && onTzChange(v)} allowDeselect={false} />
        </Stack>
        <Stack gap="sm" style={{ flex: '1 1 220px' }} ref={times}>
          {slots.error ? (
            <ErrorAlert error={slots.error} title="The free times could not be loaded">
              <Button variant="default" size="xs" mt="xs" display="block" onClick={() => void slots.refetch()}>
                Try again
              </Button>
            </ErrorAlert>
          ) : slots.data && !slots.data.length ? (
            <Stack gap="xs" align="flex-start">
              <Text size="sm">No free times in {formatDay(`${month}-01`, 'month')}.</Text>
              {month < last ? (
                <Button variant="light" size="xs" rightSection={<IconChevronRight size={14} />} onClick={() => setMonth(addMonths(month, 1))}>
                  {formatDay(`${addMonths(month, 1)}-01`, 'month')}
                </Button>
              ) : null}
            </Stack>
          ) : chosen.length && day ? (
            <>
              <Text fw={600} size="sm">
                {formatDay(day)}
              </Text>
              <SlotButtons slots={chosen} tz={tz} onPick={onPick} label={`Free times on ${formatDay(day)}`} />
            </>
          ) : slots.data ? (
            <Text size="sm" c="dimmed">
              Choose a day to see its free times.
            </Text>
          ) : null}
        </Stack>
      </Group>
    </Stack>
  )
}
