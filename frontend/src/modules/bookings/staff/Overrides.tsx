import { Badge, Button, Group, Input, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core'
import { IconX } from '@tabler/icons-react'
import { useState } from 'react'
import { ConfirmButton, ErrorAlert, useSubmitOnce, useUnsavedChanges } from '../../../ui'
import { errorOnFields, useDeleteOverrides, useOverrides, useSetOverride, type Hours, type OverrideInput } from './hooks'
import { RangesInput } from './HoursEditor'
import { DEFAULT_RANGE, describeHours, formatRun, groupOverrides, rangeErrors } from './time'

type Draft = { date: string; end_date: string; mode: 'off' | 'hours'; hours: Hours[]; note: string }
const EMPTY: Draft = { date: '', end_date: '', mode: 'off', hours: [{ ...DEFAULT_RANGE }], note: '' }
const FIELDS = ['date', 'end_date', 'hours', 'note']

export function overrideBody(d: Draft): OverrideInput {
  return {
    date: d.date,
    end_date: d.end_date && d.end_date !== d.date ? d.end_date : null,
    hours: d.mode === 'off' ? [] : d.hours.map((h) => ({ start: h.start, end: h.end === '00:00' ? '24:00' : h.end })),
    note: d.note.trim() || null,
  }
}

function OverrideForm({ ws, calendarId }: { ws: number; calendarId: number }) {
  const add = useSetOverride(ws, calendarId)
  const { submit, pending } = useSubmitOnce()
  const [draft, setDraft] = useState(EMPTY)
  useUnsavedChanges(!!draft.date && !pending)
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const own = draft.mode === 'hours' ? rangeErrors(draft.hours) : {}
  const apiErrors = Object.fromEntries(draft.hours.map((_, i) => [i, add.fieldError(`hours.${i}.end`) ?? add.fieldError(`hours.${i}.start`)]))
  const errors = Object.fromEntries(draft.hours.map((_, i) => [i, own[i] ?? apiErrors[i]]))
  const valid = !!draft.date && (draft.mode === 'off' || (draft.hours.length > 0 && !Object.keys(own).length))
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!valid) return
    void submit(async (idempotencyKey) => {
      await add.mutateAsync({ body: overrideBody(draft), idempotencyKey })
      setDraft(EMPTY)
    }).catch(() => undefined)
  }
  return (
    <form onSubmit={send} noValidate aria-label="Add a date override">
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
          <TextInput type="date" label="Date" value={draft.date} onChange={(e) => set('date', e.currentTarget.value)} error={add.fieldError('date')} withAsterisk />
          <TextInput
            type="date"
            label="Until"
            description="For a run of days (optional)"
            min={draft.date || undefined}
            value={draft.end_date}
            onChange={(e) => set('end_date', e.currentTarget.value)}
            error={add.fieldError('end_date')}
          />
        </SimpleGrid>
        <Input.Wrapper label="Hours" error={add.fieldError('hours')}>
          <Stack gap="xs" mt={4}>
            <SegmentedControl
              value={draft.mode}
              onChange={(v) => set('mode', v as Draft['mode'])}
              data={[
                { value: 'off', label: 'Day off' },
                { value: 'hours', label: 'Other hours' },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            {draft.mode === 'hours' ? (
              <RangesInput label="That day" ranges={draft.hours} onChange={(hours) => set('hours', hours)} errors={errors} allowEmpty={false} />
            ) : null}
          </Stack>
        </Input.Wrapper>
        <TextInput label="Note" placeholder="Holiday, conference…" maxLength={200} value={draft.note} onChange={(e) => set('note', e.currentTarget.value)} error={add.fieldError('note')} />
        <ErrorAlert error={errorOnFields(add.error, FIELDS) ? null : add.error} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={pending} disabled={!valid}>
            Add override
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** Days with their own hours or off (holidays): these replace the weekly hours on those dates. */
export function OverridesSection({ ws, calendarId, canManage }: { ws: number; calendarId: number; canManage: boolean }) {
  const overrides = useOverrides(ws, calendarId)
  const remove = useDeleteOverrides(ws, calendarId)
  const runs = groupOverrides(overrides.data?.items ?? [])
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="date-overrides">
      <Stack gap="sm">
        <div>
          <Title order={3} fz="h4" id="date-overrides">
            Date overrides
          </Title>
          <Text size="sm" c="dimmed">
            Days off and days with other hours replace the weekly hours on those dates. Bookings already made stay.
          </Text>
        </div>
        <ErrorAlert error={overrides.error ?? remove.error} />
        {overrides.isPending ? <Loader size="sm" aria-label="Loading date overrides" /> : null}
        {overrides.isSuccess && !runs.length ? (
          <Text size="sm" c="dimmed">
            No date overrides ahead.
          </Text>
        ) : null}
        {runs.length ? (
          <Stack gap={6} role="list" aria-label="Date overrides">
            {runs.map((run) => (
              <Paper key={run.ids[0]} withBorder p="xs" radius="sm" role="listitem">
                <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
                  <Stack gap={2} style={{ minWidth: 0 }}>
                    <Text size="sm" fw={600}>
                      {formatRun(run)}
                    </Text>
                    <Group gap={6}>
                      <Badge size="sm" variant="light" color={run.hours.length ? 'blue' : 'gray'}>
                        {describeHours(run.hours)}
                      </Badge>
                      {run.note ? (
                        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {run.note}
                        </Text>
                      ) : null}
                    </Group>
                  </Stack>
                  {canManage ? (
                    <ConfirmButton
                      size="compact-xs"
                      variant="subtle"
                      aria-label={`Delete the override of ${formatRun(run)}`}
                      confirmTitle="Delete this override?"
                      confirmText={`${formatRun(run)} goes back to the weekly hours.`}
                      confirmLabel="Delete"
                      onConfirm={() => remove.mutateAsync(run.ids)}
                    >
                      <IconX size={14} />
                    </ConfirmButton>
                  ) : null}
                </Group>
              </Paper>
            ))}
          </Stack>
        ) : null}
        {canManage ? (
          <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-default-hover)">
            <OverrideForm ws={ws} calendarId={calendarId} />
          </Paper>
        ) : null}
      </Stack>
    </Paper>
  )
}
