import { Badge, Button, Collapse, Group, Loader, Paper, SegmentedControl, Spoiler, Stack, Text, Textarea, TextInput } from '@mantine/core'
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react'
import { useState } from 'react'
import { ErrorAlert, formatDateTime, useSubmitOnce, useUnsavedChanges } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useConsents, useRecordConsent, type ConsentEvent, type ConsentState } from './hooks'

const STATE_COLORS: Record<string, string> = { granted: 'green', withdrawn: 'red', unknown: 'gray' }
const STATE_LABELS: Record<string, string> = { granted: 'Granted', withdrawn: 'Withdrawn', unknown: 'Unknown' }
const WRAP = { overflowWrap: 'anywhere' } as const

export function ConsentBadge({ state }: { state: string }) {
  return (
    <Badge size="sm" variant="light" color={STATE_COLORS[state] ?? 'gray'} style={{ flexShrink: 0 }}>
      {STATE_LABELS[state] ?? state}
    </Badge>
  )
}

type Granting = 'granted' | 'withdrawn'

/** A new grant or withdrawal of one purpose: where it was given and the exact text agreed to. */
function ConsentForm({ ws, contactId, current, onDone }: { ws: number; contactId: number; current: ConsentState; onDone: () => void }) {
  const record = useRecordConsent(ws, contactId)
  const { submit, pending } = useSubmitOnce()
  const [state, setState] = useState<Granting>(current.state === 'granted' ? 'withdrawn' : 'granted')
  const [source, setSource] = useState('')
  const [proof, setProof] = useState('')
  useUnsavedChanges(!!(source.trim() || proof.trim()) && !pending)
  const needsProof = state === 'granted'

  const save = (e: React.FormEvent) => {
    e.preventDefault()
    const body = { purpose: current.purpose, state, source: source.trim(), proof_text: proof.trim() || null }
    void submit(async (idempotencyKey) => {
      await record.mutateAsync({ body, idempotencyKey })
      onDone()
    }).catch(() => undefined)
  }
  const otherError = record.error && !record.fieldError('source') && !record.fieldError('proof_text') && !record.fieldError('state')
  return (
    <form onSubmit={save} noValidate aria-label={`Change consent: ${current.purpose_name}`}>
      <Stack gap={6} mt="xs">
        <SegmentedControl
          size="xs"
          aria-label="New state"
          value={state}
          onChange={(v) => setState(v as Granting)}
          data={[
            { value: 'granted', label: 'Granted' },
            { value: 'withdrawn', label: 'Withdrawn' },
          ]}
        />
        {record.fieldError('state') ? (
          <Text size="xs" c="red">
            {record.fieldError('state')}
          </Text>
        ) : null}
        <TextInput
          size="xs"
          label="Source"
          placeholder="web form, phone call, in the shop…"
          maxLength={200}
          value={source}
          onChange={(e) => setSource(e.currentTarget.value)}
          error={record.fieldError('source')}
          withAsterisk
          data-autofocus
        />
        <Textarea
          size="xs"
          label="Exact text agreed to"
          description={needsProof ? 'Kept as proof with your IP address and browser.' : 'Optional for a withdrawal.'}
          rows={3}
          maxLength={10000}
          value={proof}
          onChange={(e) => setProof(e.currentTarget.value)}
          error={record.fieldError('proof_text')}
          withAsterisk={needsProof}
        />
        <ErrorAlert error={otherError ? (record.fieldError('purpose') ?? record.error) : null} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={pending} disabled={!source.trim() || (needsProof && !proof.trim())}>
            Save consent
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

function HistoryItem({ event }: { event: ConsentEvent }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="consent-change">
      <Group justify="space-between" gap={4} wrap="wrap">
        <Text size="sm" fw={600} style={WRAP}>
          {event.purpose_name}
        </Text>
        <ConsentBadge state={event.state} />
      </Group>
      <Text size="xs" c="dimmed" style={WRAP}>
        {formatDateTime(event.at)} · {event.source}
        {event.actor_name ? ` · ${event.actor_name}` : ''}
      </Text>
      {event.proof_text ? (
        <Spoiler maxHeight={60} showLabel="Show all" hideLabel="Show less" mt={4}>
          <Text size="sm" style={{ ...WRAP, whiteSpace: 'pre-wrap' }}>
            {event.proof_text}
          </Text>
        </Spoiler>
      ) : null}
      <Text size="xs" c="dimmed" mt={4} style={WRAP}>
        IP {event.ip ?? '—'} · {event.user_agent ?? 'no user agent'}
      </Text>
    </Paper>
  )
}

/** The card's consents: every purpose's state, a change with its proof, and the full history. */
export function ConsentsPanel({ contactId, workspaceId, canEdit }: CardPanelProps) {
  const consents = useConsents(workspaceId, contactId)
  const [editing, setEditing] = useState<string | null>(null)
  const [showHistory, setShowHistory] = useState(false)
  if (consents.isPending) return <Loader size="sm" aria-label="Loading consents" />
  if (consents.error) return <ErrorAlert error={consents.error} />
  const { current, history } = consents.data
  return (
    <Stack gap="xs">
      {current.map((c) => (
        <Paper key={c.purpose} withBorder p="sm" radius="sm" data-testid="consent">
          <Group justify="space-between" gap={4} wrap="wrap">
            <Text size="sm" fw={600} style={WRAP}>
              {c.purpose_name}
            </Text>
            <ConsentBadge state={c.state} />
          </Group>
          <Group justify="space-between" gap={4} wrap="wrap" align="flex-end">
            <Text size="xs" c="dimmed" style={WRAP}>
              {c.at ? `${formatDateTime(c.at)} · ${c.source}` : 'Never asked'}
            </Text>
            {canEdit && editing !== c.purpose ? (
              <Button size="compact-xs" variant="subtle" ml="auto" onClick={() => setEditing(c.purpose)} aria-label={`Change ${c.purpose_name}`}>
                Change
              </Button>
            ) : null}
          </Group>
          {editing === c.purpose ? <ConsentForm ws={workspaceId} contactId={contactId} current={c} onDone={() => setEditing(null)} /> : null}
        </Paper>
      ))}
      {!current.length ? (
        <Text size="sm" c="dimmed">
          No consent purposes in this workspace.
        </Text>
      ) : null}
      <Button
        variant="subtle"
        size="xs"
        onClick={() => setShowHistory((v) => !v)}
        aria-expanded={showHistory}
        rightSection={showHistory ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
        style={{ alignSelf: 'flex-start' }}
      >
        History ({history.length})
      </Button>
      <Collapse expanded={showHistory}>
        <Stack gap={6}>
          {history.length ? (
            history.map((event) => <HistoryItem key={event.id} event={event} />)
          ) : (
            <Text size="sm" c="dimmed">
              No changes recorded yet.
            </Text>
          )}
        </Stack>
      </Collapse>
    </Stack>
  )
}
