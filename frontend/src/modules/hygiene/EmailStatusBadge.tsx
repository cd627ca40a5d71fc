import { Badge, Group, Stack, Text, Tooltip, type MantineSize } from '@mantine/core'
import { formatDateTime } from '../../ui'
import { statusMeta } from './types'

type Props = {
  /** valid, risky, invalid, suppressed or unverified (the contact's `email_status`). */
  status: string
  reason?: string | null
  checkedAt?: string | null
  size?: MantineSize
  /** Also write the reason and the check time under the badge (a card panel), not only in its
   * tooltip (lists). */
  withDetails?: boolean
}

/** The label people read: an address never checked is "Not checked", not "Unverified". */
export function emailStatusLabel(status: string, checkedAt?: string | null): string {
  return status === 'unverified' && !checkedAt ? 'Not checked' : statusMeta(status).label
}

/** "Probably a typo: did you mean …? · Checked 3 Mar 2026, 10:00" (or "Never checked"). */
export function emailStatusDetails(reason?: string | null, checkedAt?: string | null): string {
  return [reason, checkedAt ? `Checked ${formatDateTime(checkedAt)}` : 'Never checked'].filter(Boolean).join(' · ')
}

/** A contact's email status as a coloured badge; the reason and when it was checked in a
 * tooltip (hover, focus or tap), and with `withDetails` as text beside it too. */
export function EmailStatusBadge({ status, reason, checkedAt, size = 'sm', withDetails = false }: Props) {
  const meta = statusMeta(status)
  const label = emailStatusLabel(status, checkedAt)
  const details = emailStatusDetails(reason, checkedAt)
  const badge = (
    <Tooltip
      label={
        <Stack gap={2}>
          <Text size="xs" fw={600}>
            {label}
            {meta.hint ? `: ${meta.hint}` : ''}
          </Text>
          <Text size="xs">{details}</Text>
        </Stack>
      }
      multiline
      w={280}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge
        color={checkedAt || status !== 'unverified' ? meta.color : 'gray'}
        variant="light"
        tt="none"
        size={size}
        tabIndex={0}
        data-email-status={status}
        aria-label={`Email status: ${label}. ${details}`}
        style={{ flexShrink: 0, cursor: 'help' }}
      >
        {label}
      </Badge>
    </Tooltip>
  )
  if (!withDetails) return badge
  return (
    <Stack gap={2} align="flex-start" style={{ minWidth: 0 }}>
      {badge}
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {details}
      </Text>
    </Stack>
  )
}

/** The card's address line: the address, its status badge, and why and when in words. */
export function EmailWithStatus({ email, status, reason, checkedAt }: { email?: string | null; status: string; reason?: string | null; checkedAt?: string | null }) {
  if (!email) return null
  return (
    <Group gap={6} wrap="wrap" align="center" style={{ minWidth: 0 }} data-testid="email-with-status">
      <Text size="sm" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {email}
      </Text>
      <EmailStatusBadge status={status} reason={reason} checkedAt={checkedAt} />
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere', minWidth: 0 }}>
        {emailStatusDetails(reason, checkedAt)}
      </Text>
    </Group>
  )
}

/** In lists: a small badge only when the address needs attention (risky, invalid, suppressed). */
export function ListEmailStatus({ status, reason, checkedAt }: { status: string; reason?: string | null; checkedAt?: string | null }) {
  if (status !== 'risky' && status !== 'invalid' && status !== 'suppressed') return null
  return <EmailStatusBadge status={status} reason={reason} checkedAt={checkedAt} size="xs" />
}
