import { ActionIcon, Button, Group, Input, Paper, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core'
import { IconCopy, IconPlus, IconX } from '@tabler/icons-react'
import type { Hours } from './hooks'
import { DEFAULT_RANGE, WEEKDAYS, copyMondayToWeekdays, minutes, rangeErrors, type WeekHours } from './time'

const pad = (n: number) => String(n).padStart(2, '0')
/** A time input cannot show 24:00: it is midnight, 00:00, as an end. */
const shown = (hm: string) => (hm === '24:00' ? '00:00' : hm)

/** The next range of a day: from the last one's end, an hour long (or the day's last hour). */
function nextRange(ranges: Hours[]): Hours {
  const last = ranges[ranges.length - 1]
  if (!last?.end) return { ...DEFAULT_RANGE }
  const from = Math.min(minutes(last.end === '00:00' ? '24:00' : last.end), 23 * 60)
  const to = Math.min(from + 60, 24 * 60)
  const hm = (m: number) => (m >= 24 * 60 ? '00:00' : `${pad(Math.floor(m / 60))}:${pad(m % 60)}`)
  return { start: hm(from), end: hm(to) }
}

type RangesProps = {
  /** Names the inputs: "Monday from", "Monday until 2". */
  label: string
  ranges: Hours[]
  onChange: (ranges: Hours[]) => void
  disabled?: boolean
  /** Messages by range index (the editor's own checks, then the API's). */
  errors?: Record<number, string | undefined>
  /** An empty list may stay empty (a day off); otherwise the last range cannot be removed. */
  allowEmpty?: boolean
}

/** One day's from–until ranges, with add and remove. */
export function RangesInput({ label, ranges, onChange, disabled, errors = {}, allowEmpty = true }: RangesProps) {
  const set = (i: number, patch: Partial<Hours>) => onChange(ranges.map((r, j) => (j === i ? { ...r, ...patch } : r)))
  const suffix = (i: number) => (ranges.length > 1 ? ` ${i + 1}` : '')
  return (
    // Beside the weekday when there is room, under it on a phone.
    <Stack gap={6} style={{ flex: '1 1 270px', minWidth: 0 }}>
      {ranges.map((r, i) => (
        <div key={i}>
          <Group gap={6} wrap="nowrap" align="center">
            <TextInput
              type="time"
              size="xs"
              w={{ base: 112, xs: 128 }}
              aria-label={`${label} from${suffix(i)}`}
              value={shown(r.start)}
              onChange={(e) => set(i, { start: e.currentTarget.value })}
              disabled={disabled}
              error={!!errors[i]}
            />
            <Text size="sm" c="dimmed" aria-hidden>
              –
            </Text>
            <TextInput
              type="time"
              size="xs"
              w={{ base: 112, xs: 128 }}
              aria-label={`${label} until${suffix(i)}`}
              value={shown(r.end)}
              onChange={(e) => set(i, { end: e.currentTarget.value })}
              disabled={disabled}
              error={!!errors[i]}
            />
            {disabled || (!allowEmpty && ranges.length === 1) ? null : (
              <Tooltip label="Remove these hours" withArrow>
                <ActionIcon variant="subtle" color="gray" aria-label={`Remove ${label} hours${suffix(i)}`} onClick={() => onChange(ranges.filter((_, j) => j !== i))}>
                  <IconX size={16} />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
          {errors[i] ? (
            <Text size="xs" c="red" mt={2} role="alert">
              {errors[i]}
            </Text>
          ) : null}
        </div>
      ))}
      {disabled ? null : (
        <Button
          size="compact-xs"
          variant="subtle"
          leftSection={<IconPlus size={12} />}
          onClick={() => onChange([...ranges, nextRange(ranges)])}
          aria-label={`Add hours on ${label}`}
          style={{ alignSelf: 'flex-start' }}
        >
          Add hours
        </Button>
      )}
    </Stack>
  )
}

type WeekProps = {
  value: WeekHours
  onChange: (week: WeekHours) => void
  disabled?: boolean
  /** The API's field errors: `weekly_hours.<i>.start` etc. are mapped back onto their range. */
  fieldError?: (field: string) => string | undefined
}

/** Each weekday: off, or one or more from–until ranges; Monday's hours can be copied to Tuesday–Friday. */
export function WeeklyHoursEditor({ value, onChange, disabled, fieldError = () => undefined }: WeekProps) {
  // Index i of the list sent to the API is the i-th range of the week, Monday first.
  let index = 0
  const apiErrors = value.map((ranges) =>
    ranges.map(() => {
      const i = index++
      return fieldError(`weekly_hours.${i}.end`) ?? fieldError(`weekly_hours.${i}.start`) ?? fieldError(`weekly_hours.${i}`)
    }),
  )
  return (
    <Input.Wrapper
      label="Weekly hours"
      description="When people can book, in the calendar's time zone. A day without hours is closed."
      error={fieldError('weekly_hours')}
    >
      <Paper withBorder radius="md" p={{ base: 'xs', sm: 'sm' }} mt={6}>
        <Stack gap="xs">
          {value.map((ranges, day) => {
            const own = rangeErrors(ranges)
            const errors = Object.fromEntries(ranges.map((_, i) => [i, own[i] ?? apiErrors[day][i]]))
            const name = WEEKDAYS[day]
            return (
              <Group key={day} align="flex-start" gap="sm" wrap="wrap" data-testid={`hours-${day}`}>
                <Switch
                  w={130}
                  mt={4}
                  label={name}
                  checked={ranges.length > 0}
                  disabled={disabled}
                  onChange={(e) => {
                    const open = e.currentTarget.checked
                    onChange(value.map((r, d) => (d === day ? (open ? [{ ...DEFAULT_RANGE }] : []) : r)))
                  }}
                />
                {ranges.length ? (
                  <RangesInput
                    label={name}
                    ranges={ranges}
                    disabled={disabled}
                    errors={errors}
                    allowEmpty
                    onChange={(next) => onChange(value.map((r, d) => (d === day ? next : r)))}
                  />
                ) : (
                  <Text size="sm" c="dimmed" mt={4}>
                    Closed
                  </Text>
                )}
              </Group>
            )
          })}
          {disabled ? null : (
            <Button
              size="xs"
              variant="default"
              leftSection={<IconCopy size={14} />}
              onClick={() => onChange(copyMondayToWeekdays(value))}
              style={{ alignSelf: 'flex-start' }}
            >
              Copy Monday to Tuesday–Friday
            </Button>
          )}
        </Stack>
      </Paper>
    </Input.Wrapper>
  )
}

/** True when every range of the week is complete, in order and without overlaps. */
export function weekIsValid(week: WeekHours): boolean {
  return week.every((ranges) => Object.keys(rangeErrors(ranges)).length === 0)
}
