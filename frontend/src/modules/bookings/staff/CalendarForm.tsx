import { Button, Group, MultiSelect, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput, Textarea, Input } from '@mantine/core'
import { useState } from 'react'
import { ErrorAlert, TimeZoneSelect, useUnsavedChanges } from '../../../ui'
import { useMemberOptions } from '../../owners/hooks'
import { useCurrentWorkspace } from '../../workspaces/hooks'
import { errorOnFields, type Calendar, type CalendarInput, type CalendarMember } from './hooks'
import { WeeklyHoursEditor, weekIsValid } from './HoursEditor'
import { byWeekday, toWeeklyHours, type WeekHours } from './time'

export type CalendarDraft = {
  name: string
  slug: string
  description: string
  owner: 'member' | 'team'
  user_id: string | null
  team: string[]
  time_zone: string
  week: WeekHours
  consent_text: string
  active: boolean
}

const WORKDAYS = [0, 1, 2, 3, 4].map((weekday) => ({ weekday, start: '09:00', end: '17:00' }))

/** The editor's fields for a calendar, or for a new one (Monday–Friday 9–17, owned by `me`). */
export function calendarDraft(calendar: Calendar | undefined, defaults: { me?: number; timeZone: string }): CalendarDraft {
  if (!calendar)
    return {
      name: '',
      slug: '',
      description: '',
      owner: 'member',
      user_id: defaults.me ? String(defaults.me) : null,
      team: [],
      time_zone: defaults.timeZone,
      week: byWeekday(WORKDAYS),
      consent_text: '',
      active: true,
    }
  const team = calendar.team_user_ids.length > 0
  return {
    name: calendar.name,
    slug: calendar.slug,
    description: calendar.description ?? '',
    owner: team ? 'team' : 'member',
    user_id: calendar.user_id ? String(calendar.user_id) : null,
    team: calendar.team_user_ids.map(String),
    time_zone: calendar.time_zone,
    week: byWeekday(calendar.weekly_hours),
    consent_text: calendar.consent_text,
    active: calendar.active,
  }
}

/** The request body: one member or a team (the other one cleared), texts trimmed. */
export function calendarBody(d: CalendarDraft): CalendarInput {
  const body: CalendarInput = {
    name: d.name.trim(),
    description: d.description.trim() || null,
    time_zone: d.time_zone,
    weekly_hours: toWeeklyHours(d.week),
    active: d.active,
    ...(d.owner === 'team'
      ? { user_id: null, team_user_ids: d.team.map(Number) }
      : { user_id: d.user_id ? Number(d.user_id) : null, team_user_ids: [] }),
  }
  if (d.slug.trim()) body.slug = d.slug.trim().toLowerCase()
  if (d.consent_text.trim()) body.consent_text = d.consent_text.trim()
  return body
}

type Props = {
  ws: number
  initial: CalendarDraft
  isNew: boolean
  readOnly: boolean
  /** The calendar's members as the API names them (someone who left the workspace stays named). */
  members?: CalendarMember[]
  error: unknown
  fieldError: (field: string) => string | undefined
  pending: boolean
  onSubmit: (draft: CalendarDraft) => void
  onCancel?: () => void
}

const KNOWN = ['name', 'slug', 'description', 'user_id', 'team_user_ids', 'time_zone', 'weekly_hours', 'consent_text', 'active']

/** Name, address, member or team, time zone, weekly hours, consent text and active. */
export function CalendarForm({ ws, initial, isNew, readOnly, members = [], error, fieldError, pending, onSubmit, onCancel }: Props) {
  const [draft, setDraft] = useState(initial)
  const [baseline, setBaseline] = useState(initial)
  // A newer saved version (after Save): the form starts from it. Other changes of the
  // calendar (a renewed feed address) keep what is being typed.
  if (baseline !== initial && JSON.stringify(baseline) !== JSON.stringify(initial)) {
    setBaseline(initial)
    setDraft(initial)
  }
  const dirty = JSON.stringify(draft) !== JSON.stringify(initial)
  useUnsavedChanges(!readOnly && dirty && !pending)
  const workspaceSlug = useCurrentWorkspace()?.slug
  const memberOptions = useMemberOptions(ws).options
  const options = [
    ...memberOptions,
    ...members.filter((m) => !memberOptions.some((o) => o.value === String(m.id))).map((m) => ({ value: String(m.id), label: m.name ?? `User ${m.id}` })),
  ]
  const set = <K extends keyof CalendarDraft>(key: K, value: CalendarDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const ownerMissing = draft.owner === 'team' ? draft.team.length === 0 : !draft.user_id
  const valid = !!draft.name.trim() && !ownerMissing && weekIsValid(draft.week) && (isNew || !!draft.consent_text.trim())
  const known = errorOnFields(error, KNOWN)
  const submit = (e: React.FormEvent) => {
    e.preventDefault()
    if (valid) onSubmit(draft)
  }
  return (
    <form onSubmit={submit} noValidate aria-label={isNew ? 'New calendar' : 'Calendar settings'}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="sm">
          <TextInput
            label="Name"
            withAsterisk
            maxLength={200}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={fieldError('name')}
            disabled={readOnly}
            data-autofocus
          />
          <TextInput
            label="Address"
            description={`/book/${workspaceSlug ?? '…'}/${draft.slug.trim() || (isNew ? '(made from the name)' : '…')}`}
            placeholder={isNew ? 'Empty: made from the name' : undefined}
            maxLength={60}
            value={draft.slug}
            onChange={(e) => set('slug', e.currentTarget.value)}
            error={fieldError('slug')}
            disabled={readOnly}
            autoComplete="off"
            spellCheck={false}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          description="Shown on the booking page."
          rows={3}
          maxLength={2000}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={fieldError('description')}
          disabled={readOnly}
        />
        <Input.Wrapper label="Who is booked" error={fieldError('team_user_ids') ?? fieldError('user_id')}>
          <Stack gap="xs" mt={4}>
            <SegmentedControl
              value={draft.owner}
              onChange={(v) => set('owner', v as CalendarDraft['owner'])}
              disabled={readOnly}
              data={[
                { value: 'member', label: 'One member' },
                { value: 'team', label: 'A team (round-robin)' },
              ]}
              style={{ alignSelf: 'flex-start' }}
            />
            {draft.owner === 'member' ? (
              <Select
                aria-label="Member"
                placeholder="Choose a member"
                data={options}
                value={draft.user_id}
                onChange={(v) => set('user_id', v)}
                searchable
                allowDeselect={false}
                disabled={readOnly}
                maw={420}
              />
            ) : (
              <>
                <MultiSelect
                  aria-label="Team members"
                  placeholder={draft.team.length ? undefined : 'Choose the members'}
                  data={options}
                  value={draft.team}
                  onChange={(v) => set('team', v)}
                  searchable
                  disabled={readOnly}
                  maw={560}
                />
                <Text size="xs" c="dimmed">
                  Each booking goes to a member free at that time, the one booked longest ago first.
                </Text>
              </>
            )}
          </Stack>
        </Input.Wrapper>
        <TimeZoneSelect
          value={draft.time_zone}
          onChange={(v) => v && set('time_zone', v)}
          allowDeselect={false}
          error={fieldError('time_zone')}
          disabled={readOnly}
          maw={420}
          description="The weekly hours and date overrides are in this zone; visitors see times in their own."
        />
        <WeeklyHoursEditor value={draft.week} onChange={(week) => set('week', week)} disabled={readOnly} fieldError={fieldError} />
        <Textarea
          label="Consent text"
          description="What people agree to when they book; it is kept with each booking as proof."
          placeholder={isNew ? 'Empty: “I agree that <workspace> keeps my name, email and answers to arrange this appointment.”' : undefined}
          rows={3}
          maxLength={2000}
          value={draft.consent_text}
          onChange={(e) => set('consent_text', e.currentTarget.value)}
          error={fieldError('consent_text') ?? (!isNew && !draft.consent_text.trim() ? 'Write the text people agree to.' : undefined)}
          disabled={readOnly}
        />
        <Switch
          label="Active: the booking page takes bookings"
          checked={draft.active}
          onChange={(e) => set('active', e.currentTarget.checked)}
          disabled={readOnly}
        />
        <ErrorAlert error={known ? null : error} />
        {readOnly ? null : (
          <Group justify="flex-end" gap="xs">
            {onCancel ? (
              <Button variant="default" onClick={onCancel} disabled={pending}>
                Cancel
              </Button>
            ) : null}
            {!isNew && dirty ? (
              <Button variant="subtle" color="gray" onClick={() => setDraft(initial)} disabled={pending}>
                Undo changes
              </Button>
            ) : null}
            <Button type="submit" loading={pending} disabled={!valid || (!isNew && !dirty)}>
              {isNew ? 'Create calendar' : 'Save'}
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  )
}
