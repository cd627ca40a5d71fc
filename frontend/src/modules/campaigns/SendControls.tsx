import { ActionIcon, Alert, Button, Group, Loader, Modal, Paper, Stack, TagsInput, Text, TextInput, Tooltip } from '@mantine/core'
import { IconCalendarTime, IconRefresh, IconSend, IconTestPipe } from '@tabler/icons-react'
import { useState } from 'react'
import { isApiError } from '../../api/errors'
import { ConfirmButton, ErrorAlert, errorMessage, formatDateTime, useSubmitOnce } from '../../ui'
import { useMe } from '../auth/hooks'
import type { Contact } from '../contacts/types'
import { ContactPicker } from '../lists/ContactPicker'
import { useSendCampaign, useSendTest } from './hooks'
import { scheduleProblem, suggestedTime, utcToZonedInput, zonedToUtc, zoneName, zoneOffset } from './schedule'
import { people, type Campaign } from './types'

type CountProps = {
  count: number | undefined
  counting: boolean
  error: unknown
  /** Who gets it was changed and not saved: the count is for the saved campaign. */
  stale: boolean
  /** Nothing chosen yet (no list, no segment). */
  nobody: boolean
  onRefresh?: () => void
}

/** "3 people will get it", for the saved campaign, counted now. */
export function AudienceCount({ count, counting, error, stale, nobody, onRefresh }: CountProps) {
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="Audience">
      <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start">
        <Stack gap={0} style={{ minWidth: 0 }}>
          {error ? (
            <Text size="sm" c="red" role="alert">
              Cannot count: {errorMessage(error)}
            </Text>
          ) : (
            <Group gap={6} align="baseline" wrap="wrap" role="status" aria-live="polite" data-testid="audience-count">
              <Text fw={700} fz={32} lh={1.1} style={{ opacity: counting || stale ? 0.45 : 1 }}>
                {count === undefined ? '…' : count.toLocaleString('en-US')}
              </Text>
              <Text size="sm" c="dimmed">
                {count === 1 ? 'person will get it' : 'people will get it'}
              </Text>
            </Group>
          )}
          <Text size="xs" c={stale ? 'yellow.8' : 'dimmed'}>
            {nobody
              ? 'Choose lists or segments to send to.'
              : stale
                ? 'You changed who gets it: save to count again.'
                : 'Subscribed, mailable and not excluded, counted now.'}
          </Text>
        </Stack>
        {counting ? (
          <Loader size="xs" aria-label="Counting" />
        ) : onRefresh ? (
          <Tooltip label="Count again" withArrow>
            <ActionIcon variant="subtle" aria-label="Count again" onClick={onRefresh}>
              <IconRefresh size={16} />
            </ActionIcon>
          </Tooltip>
        ) : null}
      </Group>
    </Paper>
  )
}

/** "Send test": each version to up to 10 addresses, marked [Test], personalised as a contact. */
export function SendTestButton({ ws, campaign, disabled }: { ws: number; campaign: Campaign; disabled?: boolean }) {
  const me = useMe()
  const [open, setOpen] = useState(false)
  const [emails, setEmails] = useState<string[]>([])
  const [contact, setContact] = useState<Contact | null>(null)
  const [sentTo, setSentTo] = useState<string[] | null>(null)
  const test = useSendTest(ws)
  const { submit, pending } = useSubmitOnce()
  const openDialog = () => {
    test.reset()
    setSentTo(null)
    if (!emails.length && me.data?.user.email) setEmails([me.data.user.email])
    setOpen(true)
  }
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    void submit(async () => {
      await test.mutateAsync({ id: campaign.id, emails, contactId: contact?.id ?? null })
      setSentTo(emails)
    }).catch(() => undefined)
  }
  // "emails" (how many) or "emails.1" (that address)
  const apiErrors = isApiError(test.error) ? test.error.errors : {}
  const emailsError =
    Object.entries(apiErrors)
      .filter(([k]) => k === 'emails' || k.startsWith('emails.'))
      .flatMap(([, v]) => v)
      .join(' ') || undefined
  return (
    <>
      <Button variant="default" leftSection={<IconTestPipe size={16} />} onClick={openDialog} disabled={disabled} fullWidth>
        Send test
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title="Send a test" centered>
        <form onSubmit={send} noValidate aria-label="Send a test">
          <Stack gap="sm">
            <TagsInput
              label="Send to"
              description="Up to 10 addresses; press Enter after each."
              placeholder={emails.length ? '' : 'you@example.com'}
              value={emails}
              onChange={(v) => {
                setSentTo(null)
                setEmails(v.map((s) => s.trim()).filter(Boolean))
              }}
              maxTags={10}
              splitChars={[',', ' ', ';']}
              acceptValueOnBlur
              clearable
              error={emailsError}
              data-autofocus
            />
            <ContactPicker ws={ws} value={contact} onChange={setContact} label="Personalise as (optional)" />
            <Text size="xs" c="dimmed">
              Each version of the saved campaign goes to these addresses, with “[Test]” before the subject. Nobody on the lists gets anything.
            </Text>
            <ErrorAlert error={emailsError ? null : (test.fieldError('template_id') ?? test.error)} />
            {sentTo ? (
              <Alert color="teal" variant="light" role="status">
                Test sent to {sentTo.join(', ')}. It arrives within a minute.
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(false)}>
                Close
              </Button>
              <Button type="submit" loading={pending} disabled={!emails.length} leftSection={<IconSend size={16} />}>
                Send test
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}

type SendProps = {
  ws: number
  campaign: Campaign
  /** How many people it goes to (counted when the button is pressed). */
  count: number | undefined
  disabled?: boolean
  onError: (error: unknown) => void
}

/** "Send now", confirmed with how many people get it; a double click sends once. */
export function SendNowButton({ ws, campaign, count, disabled, onError }: SendProps) {
  const send = useSendCampaign(ws)
  const { submit } = useSubmitOnce()
  const run = () =>
    submit(async (idempotencyKey) => {
      try {
        await send.mutateAsync({ id: campaign.id, at: null, idempotencyKey })
      } catch (error) {
        onError(error)
      }
    })
  return (
    <ConfirmButton
      color="blue"
      leftSection={<IconSend size={16} />}
      disabled={disabled}
      fullWidth
      confirmTitle="Send it now?"
      confirmText={
        <>
          “{campaign.name}” goes to <b>{count === undefined ? 'everyone in the audience' : people(count)}</b> now, once each.
          You can pause or cancel it while it goes out.
        </>
      }
      confirmLabel="Send now"
      onConfirm={run}
    >
      Send now
    </ConfirmButton>
  )
}

/** "Schedule…": a date and time in the workspace's time zone (named), confirmed with how many
 * people get it. For a scheduled campaign: change the time. */
export function ScheduleButton({ ws, campaign, count, disabled, onError, timeZone }: SendProps & { timeZone: string }) {
  const send = useSendCampaign(ws)
  const { submit, pending } = useSubmitOnce()
  const [open, setOpen] = useState(false)
  const [local, setLocal] = useState('')
  const [touched, setTouched] = useState(false)
  const rescheduling = campaign.status === 'scheduled' && !!campaign.scheduled_at
  const openDialog = () => {
    send.reset()
    setTouched(false)
    setLocal(rescheduling ? utcToZonedInput(campaign.scheduled_at!, timeZone) : suggestedTime(Date.now(), timeZone))
    setOpen(true)
  }
  const at = zonedToUtc(local, timeZone)
  const problem = scheduleProblem(local, timeZone, Date.now())
  const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone
  const differs = at && browserZone && zoneOffset(at.getTime(), browserZone) !== zoneOffset(at.getTime(), timeZone)
  const schedule = (e: React.FormEvent) => {
    e.preventDefault()
    setTouched(true)
    if (problem || !at) return
    void submit(async (idempotencyKey) => {
      try {
        await send.mutateAsync({ id: campaign.id, at: at.toISOString(), idempotencyKey })
        setOpen(false)
      } catch (error) {
        if (!send.fieldError('at')) onError(error)
        throw error
      }
    }).catch(() => undefined)
  }
  return (
    <>
      <Button variant="default" leftSection={<IconCalendarTime size={16} />} onClick={openDialog} disabled={disabled} fullWidth>
        {rescheduling ? 'Change time…' : 'Schedule…'}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={rescheduling ? 'Change the time' : 'Schedule the campaign'} centered>
        <form onSubmit={schedule} noValidate aria-label="Schedule">
          <Stack gap="sm">
            <TextInput
              type="datetime-local"
              label={`Date and time in ${timeZone}`}
              description={`The workspace’s time zone, ${zoneName(timeZone, at?.getTime())}.`}
              value={local}
              onChange={(e) => {
                setLocal(e.currentTarget.value)
                setTouched(true)
              }}
              error={(touched && problem) || send.fieldError('at')}
              data-autofocus
            />
            {at && differs ? (
              <Text size="xs" c="dimmed">
                That is {formatDateTime(at.toISOString(), browserZone)} where you are ({browserZone}).
              </Text>
            ) : null}
            {at && !problem ? (
              <Text size="sm" data-testid="schedule-summary">
                “{campaign.name}” will go to <b>{count === undefined ? 'everyone in the audience' : people(count)}</b> on{' '}
                <b>{formatDateTime(at.toISOString(), timeZone)}</b> ({timeZone}).
              </Text>
            ) : null}
            <Group justify="flex-end" gap="xs">
              <Button variant="default" onClick={() => setOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={pending} leftSection={<IconCalendarTime size={16} />}>
                {rescheduling ? 'Change time' : 'Schedule'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  )
}
