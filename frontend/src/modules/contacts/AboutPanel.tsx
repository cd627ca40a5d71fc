import { SimpleGrid, Stack, Text } from '@mantine/core'
import { formatDateTime } from '../../ui'
import { EmailStatusBadge } from '../hygiene/EmailStatusBadge'
import { useMembers } from '../settings/members/hooks'
import type { CardPanelProps } from './cardPanels'
import { useContact } from './hooks'

const CREATORS: Record<string, string> = {
  user: 'Added by hand',
  api: 'Through the API',
  form: 'A web form',
  import: 'An import',
  job: 'A background job',
  system: 'Cardfile',
}

export function money(amount: string, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(Number(amount))
  } catch {
    return `${amount} ${currency}`
  }
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0} miw={0}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Stack>
  )
}

/** What Cardfile recorded about the contact (read-only): origin, value, score, activity, email state. */
export function AboutPanel({ workspaceId: ws, contactId }: CardPanelProps) {
  const contact = useContact(ws, contactId).data
  const members = useMembers(ws)
  if (!contact) return null
  const creator = members.data?.items.find((m) => m.user_id === contact.created_by_user_id)
  const by = CREATORS[contact.created_by] ?? contact.created_by
  const value = Object.entries(contact.lifetime_value ?? {}) as [string, string][]
  return (
    <SimpleGrid cols={{ base: 2, xs: 2 }} spacing="sm" verticalSpacing="sm">
      <Fact label="Created">{formatDateTime(contact.created_at)}</Fact>
      <Fact label="Created by">{creator ? `${creator.name}${contact.created_by === 'api' ? ' via API' : ''}` : by}</Fact>
      <Fact label="Source">{contact.source || '—'}</Fact>
      <Fact label="Last activity">{contact.last_activity_at ? formatDateTime(contact.last_activity_at) : '—'}</Fact>
      <Fact label="Lifetime value">{value.length ? value.map(([c, a]) => money(a, c)).join(' · ') : '—'}</Fact>
      <Fact label="Orders">{contact.order_count}</Fact>
      <Fact label="Score">{contact.score}</Fact>
      <Fact label="Email status">
        <EmailStatusBadge status={contact.email_status} reason={contact.email_status_reason} checkedAt={contact.email_checked_at} withDetails />
      </Fact>
    </SimpleGrid>
  )
}
