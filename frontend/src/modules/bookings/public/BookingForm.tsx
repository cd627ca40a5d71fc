import { Alert, Anchor, Button, Checkbox, Group, Stack, Text, TextInput, Textarea } from '@mantine/core'
import { IconAlertTriangle } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { isApiError } from '../../../api/errors'
import { ErrorAlert, errorMessage, useSubmitOnce } from '../../../ui'
import { freshSlots, useBook, useRefreshSlots, type PageRef, type PublicBooking, type PublicCalendar, type PublicType, type Slot } from './hooks'
import { BookingSummary } from './parts'
import { SlotButtons } from './SlotPicker'
import { endOf, formatDay, dayOf } from './time'

export type Values = { name: string; email: string; answers: Record<string, string>; consent: boolean }
export const EMPTY: Values = { name: '', email: '', answers: {}, consent: false }

type Question = PublicType['questions'][number]
const keyOf = (q: Question) => q.key ?? q.label

/** What is required and still empty, by the API's field names (so every problem shows at once). */
function missing(type: PublicType, v: Values): Record<string, string> {
  const out: Record<string, string> = {}
  if (!v.name.trim()) out.name = 'Enter your name.'
  if (!v.email.trim()) out.email = 'Enter your email address.'
  for (const q of type.questions) if (q.required && !(v.answers[keyOf(q)] ?? '').trim()) out[`answers.${keyOf(q)}`] = 'Answer this question.'
  if (!v.consent) out.consent = 'Tick the box to agree, so we can keep your booking.'
  return out
}

/** What no field of the form shows, for the alert above the button: messages about other fields
 * (a time no longer offered…), or the error itself when it names no field. A 409 has its own alert. */
function unshown(error: unknown, fields: string[]): unknown {
  if (!isApiError(error)) return error
  if (error.status === 409) return null
  const keys = Object.keys(error.errors)
  if (!keys.length) return error
  const other = keys.filter((k) => !fields.includes(k)).flatMap((k) => error.errors[k])
  return other.length ? other.join(' ') : null
}

/** A field people never see: bots fill it in, and the API refuses the booking then. */
function Honeypot({ inputRef }: { inputRef: React.Ref<HTMLInputElement> }) {
  return (
    <input
      ref={inputRef}
      type="text"
      name="website"
      defaultValue=""
      tabIndex={-1}
      autoComplete="off"
      aria-hidden="true"
      style={{ position: 'absolute', left: -10000, top: 0, width: 1, height: 1, opacity: 0, overflow: 'hidden' }}
    />
  )
}

type Props = {
  page: PublicCalendar
  pageRef: PageRef
  type: PublicType
  start: string
  tz: string
  values: Values
  onValues: (values: Values) => void
  onChangeTime: () => void
  /** Another free time, picked after this one was taken. */
  onPick: (slot: Slot) => void
  onBooked: (booking: PublicBooking) => void
}

/** The visitor's details for the chosen time; booked once, however often it is clicked. */
export function BookingForm({ page, pageRef, type, start, tz, values, onValues, onChangeTime, onPick, onBooked }: Props) {
  const book = useBook(pageRef)
  const refresh = useRefreshSlots(pageRef)
  const { submit, pending } = useSubmitOnce()
  const [tried, setTried] = useState(false)
  const form = useRef<HTMLFormElement>(null)
  const honeypot = useRef<HTMLInputElement>(null)
  const local = tried ? missing(type, values) : {}
  const fieldError = (field: string) => local[field] ?? book.fieldError(field)
  const fresh = freshSlots(book.error)
  const general = unshown(book.error, ['name', 'email', 'consent', ...type.questions.map((q) => `answers.${keyOf(q)}`)])

  const set = (patch: Partial<Values>) => onValues({ ...values, ...patch })
  const setAnswer = (key: string, value: string) => set({ answers: { ...values.answers, [key]: value } })
  const focusProblem = () => requestAnimationFrame(() => form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus())

  const onSubmit = (e: React.FormEvent) => {
    e.preventDefault()
    setTried(true)
    if (Object.keys(missing(type, values)).length) return focusProblem()
    const answers = Object.fromEntries(type.questions.map((q) => [keyOf(q), (values.answers[keyOf(q)] ?? '').trim()]).filter(([, a]) => a))
    void submit(async () => {
      const body = { type: type.slug, start, name: values.name.trim(), email: values.email.trim(), answers, consent: values.consent, tz }
      onBooked(await book.mutateAsync({ ...body, website: honeypot.current?.value ?? '' }))
    }).catch((error: unknown) => {
      if (freshSlots(error)) void refresh()
      else focusProblem()
    })
  }
  const pickAgain = (slot: Slot) => {
    book.reset()
    onPick(slot)
  }

  return (
    <form ref={form} onSubmit={onSubmit} noValidate aria-label="Your details" style={{ position: 'relative' }}>
      <Stack gap="md">
        <Stack gap="xs">
          <BookingSummary type={type} start={start} end={endOf(start, type.duration_minutes)} tz={tz} struck={!!fresh} />
          <Anchor component="button" type="button" size="sm" onClick={onChangeTime} style={{ alignSelf: 'flex-start' }}>
            Change the time
          </Anchor>
        </Stack>
        {fresh ? (
          <Alert color="orange" icon={<IconAlertTriangle size={18} />} title={errorMessage(book.error)} role="alert">
            <Stack gap="xs">
              {fresh.length ? (
                <>
                  <Text size="sm">Still free on {formatDay(dayOf(start))}:</Text>
                  <SlotButtons slots={fresh} tz={tz} onPick={pickAgain} label="Times still free that day" wide />
                </>
              ) : (
                <Text size="sm">No other time is free that day.</Text>
              )}
              <Group>
                <Button variant="default" size="xs" onClick={onChangeTime}>
                  Choose another day
                </Button>
              </Group>
            </Stack>
          </Alert>
        ) : null}
        <TextInput label="Your name" required autoComplete="name" value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={fieldError('name')} maxLength={200} />
        <TextInput
          label="Email"
          type="email"
          required
          autoComplete="email"
          value={values.email}
          onChange={(e) => set({ email: e.currentTarget.value })}
          error={fieldError('email')}
        />
        {type.questions.map((q) => {
          const key = keyOf(q)
          const common = {
            label: q.label,
            required: q.required,
            value: values.answers[key] ?? '',
            error: fieldError(`answers.${key}`),
            maxLength: 2000,
            styles: { label: { overflowWrap: 'anywhere' as const } },
          }
          return q.multiline ? (
            <Textarea key={key} {...common} autosize minRows={3} maxRows={10} onChange={(e) => setAnswer(key, e.currentTarget.value)} />
          ) : (
            <TextInput key={key} {...common} onChange={(e) => setAnswer(key, e.currentTarget.value)} />
          )
        })}
        <Checkbox
          label={page.consent_text}
          required
          checked={values.consent}
          onChange={(e) => set({ consent: e.currentTarget.checked })}
          error={fieldError('consent')}
          styles={{ body: { alignItems: 'flex-start' }, labelWrapper: { minWidth: 0, flex: 1 }, label: { overflowWrap: 'anywhere' } }}
        />
        <Honeypot inputRef={honeypot} />
        <ErrorAlert error={general} />
        <Button type="submit" size="md" fullWidth loading={pending} disabled={!!fresh}>
          Confirm booking
        </Button>
      </Stack>
    </form>
  )
}
