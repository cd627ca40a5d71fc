import { Anchor, Button, Group, Loader, Modal, Stack, Switch, Text, TextInput } from '@mantine/core'
import { IconDownload, IconFileZip, IconUserX } from '@tabler/icons-react'
import { useRef, useState } from 'react'
import { useNavigate } from 'react-router'
import { ErrorAlert, formatDateTime, useSubmitOnce } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useContact, useUpdateContact } from '../contacts/hooks'
import { JobProgress } from '../jobs/JobProgress'
import { useJob } from '../jobs/hooks'
import { useCan } from '../workspaces/hooks'
import { confirmationWord, confirmed, useForget, useStartExport } from './hooks'

type ExportResult = { download_url?: string; filename?: string; expires_at?: string }

function ExportSection({ ws, contactId }: { ws: number; contactId: number }) {
  const start = useStartExport(ws, contactId)
  const once = useSubmitOnce()
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(ws, jobId)
  const result = (job.data?.status === 'finished' ? job.data.result : null) as ExportResult | null
  const run = () =>
    once.submit(async () => {
      const answer = await start.mutateAsync()
      setJobId(answer.job_id)
    })
  return (
    <Stack gap={6}>
      <ErrorAlert error={start.error || job.error} />
      <Group gap="xs" wrap="wrap">
        <Button size="xs" variant="default" leftSection={<IconFileZip size={14} />} loading={once.pending} onClick={run}>
          Export everything
        </Button>
      </Group>
      {job.data ? <JobProgress job={job.data} ws={ws} /> : null}
      {result?.download_url ? (
        <Text size="sm">
          <Anchor href={result.download_url} download={result.filename}>
            <IconDownload size={14} style={{ verticalAlign: 'middle' }} /> Download the export (zip)
          </Anchor>{' '}
          {result.expires_at ? (
            <Text span size="xs" c="dimmed">
              — the link works until {formatDateTime(result.expires_at)}, for admins of this workspace.
            </Text>
          ) : null}
        </Text>
      ) : null}
    </Stack>
  )
}

function ForgetDialog({ ws, contactId, email, opened, onClose }: { ws: number; contactId: number; email: string | null | undefined; opened: boolean; onClose: () => void }) {
  const forget = useForget(ws, contactId)
  const once = useSubmitOnce()
  const navigate = useNavigate()
  const [typed, setTyped] = useState('')
  const gone = useRef(false) // forgotten: a late second click must not ask again
  const word = confirmationWord(email)
  const ready = confirmed(typed, email)
  const send = (e: React.FormEvent) => {
    e.preventDefault()
    if (!ready || gone.current) return
    void once.submit(async () => {
      await forget.mutateAsync()
      gone.current = true
      onClose()
      navigate(`/w/${ws}/contacts`, { replace: true })
    })
  }
  return (
    <Modal opened={opened} onClose={onClose} title="Forget this person?" size="md">
      <form onSubmit={send} noValidate>
        <Stack gap="sm">
          <Text size="sm">
            Everything about this person is erased: the contact, its notes, tasks, consents, transactions, files, score history and
            timeline. <strong>This cannot be undone.</strong>
          </Text>
          <Text size="sm" c="dimmed">
            Only anonymous totals (order count and lifetime value) are kept in the audit log, and a keyed hash of the email goes on the
            suppression list, so this address is never added or mailed again.
          </Text>
          <ErrorAlert error={forget.error} />
          <TextInput
            label={`Type ${word} to confirm`}
            value={typed}
            onChange={(e) => setTyped(e.currentTarget.value)}
            autoComplete="off"
            data-autofocus
            styles={{ label: { overflowWrap: 'anywhere' } }}
          />
          <Group justify="flex-end" gap="xs" wrap="wrap">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!ready} loading={once.pending}>
              Forget this person
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  )
}

/** The card's Privacy panel: tracking (members), export and forget (admins). */
export function PrivacyPanel({ contactId, workspaceId: ws, canEdit }: CardPanelProps) {
  const contact = useContact(ws, contactId)
  const update = useUpdateContact(ws, contactId)
  const isAdmin = useCan('manage_settings')
  const [forgetting, setForgetting] = useState(false)
  if (contact.isPending) return <Loader size="sm" aria-label="Loading privacy" />
  if (!contact.data) return <ErrorAlert error={contact.error} />
  const disabled = contact.data.tracking_disabled
  return (
    <Stack gap="sm">
      <ErrorAlert error={update.error} />
      <Switch
        label="Disable tracking"
        description={disabled ? 'Page visits and events about this person are not recorded.' : 'Events about this person are recorded.'}
        checked={disabled}
        disabled={!canEdit || update.isPending}
        onChange={(e) => update.mutate({ tracking_disabled: e.currentTarget.checked })}
      />
      {isAdmin ? (
        <>
          <ExportSection ws={ws} contactId={contactId} />
          <Group>
            <Button size="xs" variant="light" color="red" leftSection={<IconUserX size={14} />} onClick={() => setForgetting(true)}>
              Forget this person…
            </Button>
          </Group>
          <ForgetDialog ws={ws} contactId={contactId} email={contact.data.email} opened={forgetting} onClose={() => setForgetting(false)} />
        </>
      ) : (
        <Text size="xs" c="dimmed">
          Admins can export everything about this person or forget them.
        </Text>
      )}
    </Stack>
  )
}
