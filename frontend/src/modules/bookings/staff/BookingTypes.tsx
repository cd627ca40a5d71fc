import { ActionIcon, Badge, Button, Checkbox, Group, Loader, Modal, NumberInput, Paper, SimpleGrid, Stack, Text, TextInput, Textarea, Title, Tooltip } from '@mantine/core'
import { useMediaQuery } from '@mantine/hooks'
import { IconPencil, IconPlus, IconX } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { ConfirmButton, ErrorAlert, useSubmitOnce, useUnsavedChanges } from '../../../ui'
import { errorOnFields, useBookingTypes, useDeleteBookingType, useSaveBookingType, type BookingType, type BookingTypeInput, type Question } from './hooks'
import { formatMinutes } from './time'

type Num = number | string

export type TypeDraft = {
  name: string
  slug: string
  description: string
  location: string
  duration_minutes: Num
  buffer_before: Num
  buffer_after: Num
  min_notice_minutes: Num
  max_days_ahead: Num
  max_per_day: Num
  questions: Question[]
}

const NEW_TYPE: TypeDraft = {
  name: '',
  slug: '',
  description: '',
  location: '',
  duration_minutes: 30,
  buffer_before: 0,
  buffer_after: 0,
  min_notice_minutes: 60,
  max_days_ahead: 60,
  max_per_day: '',
  questions: [],
}

export function typeDraft(t: BookingType | null): TypeDraft {
  if (!t) return NEW_TYPE
  return {
    name: t.name,
    slug: t.slug,
    description: t.description ?? '',
    location: t.location ?? '',
    duration_minutes: t.duration_minutes,
    buffer_before: t.buffer_before,
    buffer_after: t.buffer_after,
    min_notice_minutes: t.min_notice_minutes,
    max_days_ahead: t.max_days_ahead,
    max_per_day: t.max_per_day ?? '',
    questions: t.questions.map((q) => ({ ...q })),
  }
}

/** The request body; a number field left empty goes as typed, so the API names it. */
export function typeBody(d: TypeDraft): BookingTypeInput {
  const num = (v: Num) => (v === '' ? (v as unknown as number) : Number(v))
  const body: BookingTypeInput = {
    name: d.name.trim(),
    description: d.description.trim() || null,
    location: d.location.trim() || null,
    duration_minutes: num(d.duration_minutes),
    buffer_before: num(d.buffer_before),
    buffer_after: num(d.buffer_after),
    min_notice_minutes: num(d.min_notice_minutes),
    max_days_ahead: num(d.max_days_ahead),
    max_per_day: d.max_per_day === '' ? null : Number(d.max_per_day),
    questions: d.questions.filter((q) => q.label.trim()).map((q) => ({ ...q, label: q.label.trim() })),
  }
  if (d.slug.trim()) body.slug = d.slug.trim().toLowerCase()
  return body
}

/** "30 min · 10 min free after · at least 1 h ahead, up to 60 days · at most 4 a day" */
export function describeType(t: BookingType): string {
  const buffers = [
    t.buffer_before ? `${formatMinutes(t.buffer_before)} free before` : '',
    t.buffer_after ? `${formatMinutes(t.buffer_after)} free after` : '',
  ]
  return [
    formatMinutes(t.duration_minutes),
    ...buffers,
    `${t.min_notice_minutes ? `at least ${formatMinutes(t.min_notice_minutes)} ahead` : 'no notice needed'}, up to ${t.max_days_ahead} days ahead`,
    t.max_per_day ? `at most ${t.max_per_day} a day` : '',
  ]
    .filter(Boolean)
    .join(' · ')
}

function QuestionsEditor({ value, onChange, fieldError }: { value: Question[]; onChange: (q: Question[]) => void; fieldError: (f: string) => string | undefined }) {
  const set = (i: number, patch: Partial<Question>) => onChange(value.map((q, j) => (j === i ? { ...q, ...patch } : q)))
  return (
    <Stack gap="xs">
      <div>
        <Text size="sm" fw={500}>
          Questions
        </Text>
        <Text size="xs" c="dimmed">
          Asked on the booking form besides the name and email; the answers show on the booking.
        </Text>
      </div>
      {value.map((q, i) => (
        <Paper key={i} withBorder p="xs" radius="sm">
          <Group gap="xs" align="flex-start" wrap="nowrap">
            <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
              <TextInput
                size="xs"
                aria-label={`Question ${i + 1}`}
                placeholder="What would you like to talk about?"
                maxLength={300}
                value={q.label}
                onChange={(e) => set(i, { label: e.currentTarget.value })}
                error={fieldError(`questions.${i}.label`) ?? fieldError(`questions.${i}.key`)}
              />
              <Group gap="md">
                <Checkbox size="xs" label="Required" checked={!!q.required} onChange={(e) => set(i, { required: e.currentTarget.checked })} />
                <Checkbox size="xs" label="Long answer" checked={!!q.multiline} onChange={(e) => set(i, { multiline: e.currentTarget.checked })} />
              </Group>
            </Stack>
            <Tooltip label="Remove the question" withArrow>
              <ActionIcon variant="subtle" color="gray" aria-label={`Remove question ${i + 1}`} onClick={() => onChange(value.filter((_, j) => j !== i))}>
                <IconX size={16} />
              </ActionIcon>
            </Tooltip>
          </Group>
        </Paper>
      ))}
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPlus size={14} />}
        onClick={() => onChange([...value, { label: '', required: false, multiline: false }])}
        disabled={value.length >= 20}
        style={{ alignSelf: 'flex-start' }}
      >
        Add a question
      </Button>
      {fieldError('questions') ? (
        <Text size="xs" c="red">
          {fieldError('questions')}
        </Text>
      ) : null}
    </Stack>
  )
}

const TYPE_FIELDS = ['name', 'slug', 'description', 'location', 'duration_minutes', 'buffer_before', 'buffer_after', 'min_notice_minutes', 'max_days_ahead', 'max_per_day', 'questions']

function TypeForm({ ws, calendarId, editing, onDone }: { ws: number; calendarId: number; editing: BookingType | null; onDone: () => void }) {
  const save = useSaveBookingType(ws, calendarId)
  const { submit, pending } = useSubmitOnce()
  const initial = typeDraft(editing)
  const [draft, setDraft] = useState(initial)
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(initial) && !pending)
  const set = <K extends keyof TypeDraft>(key: K, value: TypeDraft[K]) => setDraft((d) => ({ ...d, [key]: value }))
  const number = (key: keyof TypeDraft, label: string, min: number, max: number, props: Record<string, unknown> = {}) => (
    <NumberInput
      label={label}
      min={min}
      max={max}
      allowDecimal={false}
      allowNegative={false}
      clampBehavior="none"
      value={draft[key] as Num}
      onChange={(v) => set(key, v)}
      error={save.fieldError(key)}
      {...props}
    />
  )
  // Saved: a click while the dialog fades out must not add the type again.
  const saved = useRef(false)
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    void submit(async (idempotencyKey) => {
      if (saved.current) return
      await save.mutateAsync({ id: editing?.id, body: typeBody(draft), idempotencyKey })
      saved.current = true
      onDone()
    }).catch(() => undefined)
  }
  return (
    <form onSubmit={send} noValidate aria-label={editing ? `Edit ${editing.name}` : 'New booking type'}>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="xs">
          <TextInput
            label="Name"
            withAsterisk
            placeholder="Intro call"
            maxLength={200}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={save.fieldError('name')}
            data-autofocus
          />
          <TextInput
            label="Address on the page"
            placeholder="Empty: made from the name"
            maxLength={60}
            value={draft.slug}
            onChange={(e) => set('slug', e.currentTarget.value)}
            error={save.fieldError('slug')}
            autoComplete="off"
            spellCheck={false}
          />
        </SimpleGrid>
        <Textarea
          label="Description"
          rows={3}
          maxLength={2000}
          value={draft.description}
          onChange={(e) => set('description', e.currentTarget.value)}
          error={save.fieldError('description')}
        />
        <TextInput
          label="Location"
          placeholder="An address, a phone number or a video call link"
          maxLength={500}
          value={draft.location}
          onChange={(e) => set('location', e.currentTarget.value)}
          error={save.fieldError('location')}
        />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" verticalSpacing="xs">
          {number('duration_minutes', 'Duration (minutes)', 5, 720, { withAsterisk: true })}
          {number('buffer_before', 'Free before (minutes)', 0, 240)}
          {number('buffer_after', 'Free after (minutes)', 0, 240)}
          {number('min_notice_minutes', 'Minimum notice (minutes)', 0, 43200, { description: '60 is an hour, 1440 a day' })}
          {number('max_days_ahead', 'Days ahead', 1, 730, { description: 'How far ahead it can be booked' })}
          {number('max_per_day', 'At most a day', 1, 100, { placeholder: 'No limit', description: 'Per member; empty: no limit' })}
        </SimpleGrid>
        <QuestionsEditor value={draft.questions} onChange={(q) => set('questions', q)} fieldError={save.fieldError} />
        <ErrorAlert error={errorOnFields(save.error, TYPE_FIELDS) ? null : save.error} />
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" loading={pending} disabled={!draft.name.trim() || draft.duration_minutes === ''}>
            {editing ? 'Save booking type' : 'Add booking type'}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** A calendar's booking types: what people choose on its page. Admins add, edit and remove them. */
export function BookingTypesSection({ ws, calendarId, canManage }: { ws: number; calendarId: number; canManage: boolean }) {
  const types = useBookingTypes(ws, calendarId)
  const remove = useDeleteBookingType(ws, calendarId)
  const narrow = useMediaQuery('(max-width: 48em)')
  const [modal, setModal] = useState<{ open: boolean; editing: BookingType | null; key: number }>({ open: false, editing: null, key: 0 })
  const open = (editing: BookingType | null) => setModal((m) => ({ open: true, editing, key: m.key + 1 }))
  const close = () => setModal((m) => ({ ...m, open: false }))
  const items = types.data?.items ?? []
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="booking-types">
      <Stack gap="sm">
        <Group justify="space-between" gap="xs">
          <Title order={3} fz="h4" id="booking-types">
            Booking types
          </Title>
          {canManage ? (
            <Button size="xs" leftSection={<IconPlus size={14} />} onClick={() => open(null)}>
              Add booking type
            </Button>
          ) : null}
        </Group>
        <ErrorAlert error={types.error ?? remove.error} />
        {types.isPending ? <Loader size="sm" aria-label="Loading booking types" /> : null}
        {types.isSuccess && !items.length ? (
          <Text size="sm" c="dimmed">
            No booking types yet: {canManage ? 'add one, like a 30-minute intro call,' : 'an admin adds them'} before people can book.
          </Text>
        ) : null}
        {items.map((t) => (
          <Paper key={t.id} withBorder p="sm" radius="sm" data-testid="booking-type">
            <Group justify="space-between" align="flex-start" gap="xs" wrap="nowrap">
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Text fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {t.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {describeType(t)}
                </Text>
                {t.location ? (
                  <Text size="xs" style={{ overflowWrap: 'anywhere' }}>
                    {t.location}
                  </Text>
                ) : null}
                {t.questions.length ? (
                  <Group gap={4}>
                    {t.questions.map((q) => (
                      <Badge key={q.key ?? q.label} size="xs" variant="light" color="gray" style={{ textTransform: 'none', maxWidth: '100%' }}>
                        {q.label}
                        {q.required ? ' *' : ''}
                      </Badge>
                    ))}
                  </Group>
                ) : null}
              </Stack>
              {canManage ? (
                <Group gap={4} wrap="nowrap">
                  <Tooltip label="Edit" withArrow>
                    <ActionIcon variant="subtle" aria-label={`Edit ${t.name}`} onClick={() => open(t)}>
                      <IconPencil size={16} />
                    </ActionIcon>
                  </Tooltip>
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    aria-label={`Remove ${t.name}`}
                    confirmTitle={`Remove “${t.name}”?`}
                    confirmText="It is no longer offered on the booking page. Bookings already made keep it."
                    confirmLabel="Remove"
                    onConfirm={() => remove.mutateAsync(t.id)}
                  >
                    <IconX size={14} />
                  </ConfirmButton>
                </Group>
              ) : null}
            </Group>
          </Paper>
        ))}
      </Stack>
      <Modal
        opened={modal.open}
        onClose={close}
        title={modal.editing ? `Edit “${modal.editing.name}”` : 'New booking type'}
        size="lg"
        fullScreen={!!narrow}
        closeOnClickOutside={false}
        centered
      >
        <TypeForm key={modal.key} ws={ws} calendarId={calendarId} editing={modal.editing} onDone={close} />
      </Modal>
    </Paper>
  )
}
