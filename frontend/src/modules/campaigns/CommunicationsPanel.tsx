import { Anchor, Group, Loader, Paper, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { Link } from 'react-router'
import { ErrorAlert, formatDateTime, PaginationBar } from '../../ui'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useContactMessages } from './hooks'
import { MessageStateBadge } from './StatusBadge'
import type { Message } from './types'

const PAGE_SIZE = 10
const WRAP = { overflowWrap: 'anywhere' } as const

/** "Opened 3× · first 3 Mar 2026, 14:05" or "Not opened". */
export function engagement(count: number, first: string | null | undefined, verb: 'Opened' | 'Clicked'): string {
  if (!count && !first) return `Not ${verb.toLowerCase()}`
  return `${verb} ${Math.max(count, 1)}× · first ${formatDateTime(first)}`
}

function MessageItem({ ws, m }: { ws: number; m: Message }) {
  const meta = [m.version ? `Version ${m.version}` : null, m.initiator ? `sent by ${m.initiator}` : null, m.sent_at ? formatDateTime(m.sent_at) : null].filter(Boolean)
  const handed = m.state === 'sent'
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="message" component="li">
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        <Anchor component={Link} to={`/w/${ws}/campaigns/${m.campaign_id}`} size="sm" fw={600} style={{ ...WRAP, minWidth: 0 }}>
          {m.campaign_name}
        </Anchor>
        <MessageStateBadge message={m} size="xs" />
      </Group>
      {m.subject ? (
        <Text size="sm" style={WRAP}>
          {m.subject}
        </Text>
      ) : null}
      {meta.length ? (
        <Text size="xs" c="dimmed" style={WRAP}>
          {meta.join(' · ')}
        </Text>
      ) : null}
      {m.state === 'failed' && m.error ? (
        <Text size="xs" c="red" style={WRAP}>
          Refused: {m.error}
        </Text>
      ) : null}
      {m.state === 'uncertain' ? (
        <Text size="xs" c="yellow.9" style={WRAP}>
          The sender stopped while handing this to the mail server: it may have arrived. It is not sent again.
        </Text>
      ) : null}
      {m.state === 'skipped' ? (
        <Text size="xs" c="dimmed" style={WRAP}>
          Not sent: the address could no longer be mailed when its turn came.
        </Text>
      ) : null}
      {handed ? (
        <Text size="xs" style={WRAP}>
          {engagement(m.open_count, m.opened_at, 'Opened')} · {engagement(m.click_count, m.clicked_at, 'Clicked')}
          {m.bounced_at ? ` · bounced ${formatDateTime(m.bounced_at)}` : ''}
          {m.unsubscribed_at ? ` · unsubscribed ${formatDateTime(m.unsubscribed_at)}` : ''}
        </Text>
      ) : null}
    </Paper>
  )
}

/** The contact's campaign messages, newest first: what was sent and what became of it. */
export function CommunicationsPanel({ contactId, workspaceId: ws }: CardPanelProps) {
  const [page, setPage] = useState(1)
  const messages = useContactMessages(ws, contactId, { page, page_size: PAGE_SIZE })
  const items = messages.data?.items ?? []
  const total = messages.data?.total ?? 0
  if (messages.isPending) return <Loader size="sm" aria-label="Loading messages" />
  return (
    <Stack gap="xs">
      <ErrorAlert error={messages.error} />
      {items.length === 0 && page === 1 ? (
        <Text size="sm" c="dimmed">
          No campaign has been sent to this contact yet.
        </Text>
      ) : (
        <>
          <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none', opacity: messages.isPlaceholderData ? 0.6 : 1 }} aria-label="Messages">
            {items.map((m) => (
              <MessageItem key={m.id} ws={ws} m={m} />
            ))}
          </Stack>
          {total > PAGE_SIZE ? <PaginationBar page={page} pageSize={PAGE_SIZE} total={total} noun="messages" onPageChange={setPage} /> : null}
        </>
      )}
    </Stack>
  )
}
