import { Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core'
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { isApiError } from '../../api/errors'
import { ErrorAlert, formatDateTime, useSubmitOnce, useUnsavedChanges } from '../../ui'
import { deliverabilityKey, useResumeSending, type DeliverabilityAlert } from './hooks'

const WRAP = { overflowWrap: 'anywhere' } as const

type Props = {
  ws: number
  alert: DeliverabilityAlert
  isAdmin: boolean
  /** Who can resume, for those who cannot ("Anna Nowak, Jan Kowalski"); empty: not known. */
  admins: string[]
  /** How many paused campaigns went on; null: someone else had resumed already. */
  onResumed: (campaigns: number | null) => void
}

/** The automatic pause: why sending stopped, and for admins the form that lifts it. */
export function PauseBanner({ ws, alert, isAdmin, admins, onResumed }: Props) {
  const resume = useResumeSending(ws)
  const qc = useQueryClient()
  const { submit, pending } = useSubmitOnce()
  const [reason, setReason] = useState('')
  useUnsavedChanges(reason.trim() !== '' && !pending)
  const fieldError = resume.fieldError('reason')
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    void submit(async (idempotencyKey) => {
      const done = await resume.mutateAsync({ reason: reason.trim(), idempotencyKey })
      setReason('')
      onResumed(done?.resumed_campaigns.length ?? 0)
    }).catch(async (error: unknown) => {
      // 409: not paused any more (another admin was quicker): show the page as it is now.
      if (isApiError(error) && error.status === 409) {
        onResumed(null)
        await qc.invalidateQueries({ queryKey: deliverabilityKey(ws) })
      } // anything else is shown on the field or above the button
    })
  }
  return (
    <Alert
      color="red"
      variant="light"
      radius="md"
      icon={<IconPlayerPause size={20} />}
      title="Sending is paused"
      role="region"
      data-testid="pause-banner"
    >
      <Stack gap="sm">
        <Text size="sm" style={WRAP}>
          {alert.message}
        </Text>
        <Text size="xs" c="dimmed">
          Paused {formatDateTime(alert.created_at)}. No campaign sends until sending is resumed; campaigns that were sending wait, paused.
        </Text>
        {isAdmin ? (
          <form onSubmit={send} noValidate aria-label="Resume sending">
            <Stack gap="xs">
              <ErrorAlert error={fieldError ? null : resume.error} />
              <Textarea
                label="Why may sending start again?"
                description="Say what was fixed, for example the list you cleaned. It is kept with the alert for your team and the agency."
                placeholder="Removed the bought list that bounced; checked the rest with List hygiene."
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={fieldError}
                rows={3}
                maxLength={1000}
                bg="transparent"
              />
              <Group justify="flex-end">
                <Button type="submit" color="red" leftSection={<IconPlayerPlay size={16} />} loading={pending}>
                  Resume sending
                </Button>
              </Group>
            </Stack>
          </form>
        ) : (
          <Text size="sm" style={WRAP}>
            Only an admin of this workspace can resume sending, with the reason it is safe again
            {admins.length ? <>: {admins.join(', ')}.</> : '.'}
          </Text>
        )}
      </Stack>
    </Alert>
  )
}
