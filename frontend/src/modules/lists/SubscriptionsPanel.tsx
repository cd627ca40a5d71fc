import { Anchor, Button, Collapse, Group, Loader, Paper, Select, Spoiler, Stack, Text } from '@mantine/core'
import { IconChevronDown, IconChevronUp, IconPlus } from '@tabler/icons-react'
import { useState } from 'react'
import { Link } from 'react-router'
import { ErrorAlert, formatDate, formatDateTime, useSubmitOnce } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useContactSubscriptions, useLists, useSetSubscription } from './hooks'
import { SubscriptionBadge } from './StatusBadge'
import { staffStatusOptions, type ContactSubscription, type StaffStatus, type SubscriptionEvent } from './types'

const WRAP = { overflowWrap: 'anywhere' } as const

/** "Subscribed 3 Mar 2026 · left 5 Mar 2026 · Form: Newsletter". */
function dates(s: ContactSubscription): string {
  const parts = [
    s.subscribed_at ? `Subscribed ${formatDate(s.subscribed_at)}` : null,
    s.unsubscribed_at && s.status !== 'subscribed' ? `left ${formatDate(s.unsubscribed_at)}` : null,
    !s.subscribed_at && !s.unsubscribed_at ? `Since ${formatDate(s.updated_at)}` : null,
    s.source,
  ]
  return parts.filter(Boolean).join(' · ')
}

/** Who made a change: "Ann", "Ann via API", "Web form" (the person, by a form or a link). */
function who(event: SubscriptionEvent): string {
  return event.actor_name ?? (event.actor_kind === 'user' ? 'A former team member' : event.actor_kind)
}

type StatusFormProps = {
  ws: number
  contactId: number
  listId: number
  /** Double opt-in: "unconfirmed" mails a confirmation link. */
  doubleOptIn: boolean
  current?: string
  submitLabel: string
  onDone: () => void
  /** Picks the list first (adding to a list). */
  listPicker?: React.ReactNode
}

/** Set a status on one list; the API's refusal (e.g. re-subscribing someone who left) shows under it. */
function StatusForm({ ws, contactId, listId, doubleOptIn, current, submitLabel, onDone, listPicker }: StatusFormProps) {
  const set = useSetSubscription(ws)
  const { submit, pending } = useSubmitOnce()
  const options = staffStatusOptions(doubleOptIn).filter((o) => o.value !== current)
  const [status, setStatus] = useState<StaffStatus>(options[0].value)
  const save = (e: React.FormEvent) => {
    e.preventDefault()
    if (!Number.isFinite(listId)) return
    void submit(async () => {
      await set.mutateAsync({ listId, body: { contact_id: contactId, status } })
      onDone()
    }).catch(() => undefined)
  }
  const statusError = set.fieldError('status')
  return (
    <form onSubmit={save} noValidate aria-label={submitLabel}>
      <Stack gap={6} mt="xs">
        {listPicker}
        <Select
          size="xs"
          label="New status"
          data={options}
          value={status}
          onChange={(v) => {
            set.reset()
            if (v) setStatus(v as StaffStatus)
          }}
          allowDeselect={false}
          error={statusError}
          comboboxProps={{ withinPortal: true }}
        />
        <ErrorAlert error={statusError ? null : (set.fieldError('contact_id') ?? set.error)} />
        <Group justify="flex-end" gap="xs">
          <Button size="xs" variant="default" onClick={onDone} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={pending} disabled={!Number.isFinite(listId)}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  )
}

/** "Add to a list": the lists the contact is not on yet. */
function AddToList({ ws, contactId, onList, onDone }: { ws: number; contactId: number; onList: Set<number>; onDone: () => void }) {
  const lists = useLists(ws, { page_size: 200 })
  const [listId, setListId] = useState<string | null>(null)
  const free = (lists.data?.items ?? []).filter((l) => !onList.has(l.id))
  const chosen = free.find((l) => String(l.id) === listId)
  if (lists.isPending) return <Loader size="xs" aria-label="Loading lists" />
  if (!free.length) {
    return (
      <Text size="sm" c="dimmed">
        {lists.data?.total ? 'The contact is on every list already.' : 'There are no lists yet.'}{' '}
        <Anchor component={Link} to={`/w/${ws}/lists`} size="sm">
          Lists
        </Anchor>
      </Text>
    )
  }
  return (
    <Paper withBorder p="sm" radius="sm">
      <StatusForm
        key={listId ?? ''}
        ws={ws}
        contactId={contactId}
        listId={chosen ? chosen.id : Number.NaN}
        doubleOptIn={chosen?.double_opt_in ?? false}
        submitLabel="Add to list"
        onDone={onDone}
        listPicker={
          <Select
            size="xs"
            label="List"
            placeholder="Choose a list"
            data={free.map((l) => ({ value: String(l.id), label: l.name }))}
            value={listId}
            onChange={setListId}
            searchable
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
        }
      />
    </Paper>
  )
}

function HistoryItem({ event }: { event: SubscriptionEvent }) {
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="subscription-change">
      <Group justify="space-between" gap={4} wrap="wrap">
        <Text size="sm" fw={600} style={WRAP}>
          {event.list_name}
        </Text>
        <SubscriptionBadge status={event.status} size="xs" />
      </Group>
      <Text size="xs" c="dimmed" style={WRAP}>
        {formatDateTime(event.at)} · {who(event)}
        {event.source ? ` · ${event.source}` : ''}
      </Text>
      {event.proof_text ? (
        <Spoiler maxHeight={60} showLabel="Show all" hideLabel="Show less" mt={4}>
          <Text size="sm" style={{ ...WRAP, whiteSpace: 'pre-wrap' }}>
            “{event.proof_text}”
          </Text>
        </Spoiler>
      ) : null}
      {event.ip || event.user_agent ? (
        <Text size="xs" c="dimmed" mt={4} style={WRAP}>
          IP {event.ip ?? '—'} · {event.user_agent ?? 'no user agent'}
        </Text>
      ) : null}
    </Paper>
  )
}

/** The card's lists: each with its status and dates, a change of status, adding to a list, and
 * every change with its proof. */
export function SubscriptionsPanel({ contactId, workspaceId: ws, canEdit }: CardPanelProps) {
  const subs = useContactSubscriptions(ws, contactId)
  const lists = useLists(ws, { page_size: 200 }, { enabled: canEdit })
  const [editing, setEditing] = useState<number | null>(null)
  const [adding, setAdding] = useState(false)
  const [showHistory, setShowHistory] = useState(false)
  if (subs.isPending) return <Loader size="sm" aria-label="Loading subscriptions" />
  if (subs.error) return <ErrorAlert error={subs.error} />
  const { items, history } = subs.data
  const doubleOptIn = new Map((lists.data?.items ?? []).map((l) => [l.id, l.double_opt_in]))
  return (
    <Stack gap="xs">
      {items.map((s) => (
        <Paper key={s.list_id} withBorder p="sm" radius="sm" data-testid="subscription">
          <Group justify="space-between" gap={4} wrap="wrap">
            <Anchor component={Link} to={`/w/${ws}/lists/${s.list_id}`} size="sm" fw={600} style={WRAP}>
              {s.list_name}
            </Anchor>
            <SubscriptionBadge status={s.status} />
          </Group>
          <Group justify="space-between" gap={4} wrap="wrap" align="flex-end">
            <Text size="xs" c="dimmed" style={WRAP}>
              {dates(s)}
            </Text>
            {canEdit && editing !== s.list_id ? (
              <Button size="compact-xs" variant="subtle" ml="auto" onClick={() => setEditing(s.list_id)} aria-label={`Change ${s.list_name}`}>
                Change
              </Button>
            ) : null}
          </Group>
          {editing === s.list_id ? (
            <StatusForm
              ws={ws}
              contactId={contactId}
              listId={s.list_id}
              doubleOptIn={doubleOptIn.get(s.list_id) ?? false}
              current={s.status}
              submitLabel="Save status"
              onDone={() => setEditing(null)}
            />
          ) : null}
        </Paper>
      ))}
      {!items.length ? (
        <Text size="sm" c="dimmed">
          Not on any list.
        </Text>
      ) : null}
      {canEdit ? (
        adding ? (
          <AddToList ws={ws} contactId={contactId} onList={new Set(items.map((s) => s.list_id))} onDone={() => setAdding(false)} />
        ) : (
          <Button variant="light" size="xs" leftSection={<IconPlus size={14} />} onClick={() => setAdding(true)} style={{ alignSelf: 'flex-start' }}>
            Add to a list
          </Button>
        )
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
