import { Badge, Tooltip } from '@mantine/core'
import { campaignStatusMeta, messageBadge, type Message } from './types'

type Size = 'xs' | 'sm' | 'md' | 'lg'

function HintedBadge({ label, color, hint, size, data }: { label: string; color: string; hint: string; size: Size; data: string }) {
  const badge = (
    <Badge size={size} variant="light" color={color} tt="none" style={{ flexShrink: 0 }} data-state={data}>
      {label}
    </Badge>
  )
  return hint ? (
    <Tooltip label={hint} multiline w={260} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  )
}

/** A campaign's status (its meaning in the tooltip). */
export function CampaignStatusBadge({ status, size = 'sm' }: { status: string; size?: Size }) {
  return <HintedBadge {...campaignStatusMeta(status)} size={size} data={status} />
}

/** What became of one message: delivered, bounced, failed, uncertain, skipped, waiting. */
export function MessageStateBadge({ message, size = 'sm' }: { message: Pick<Message, 'state' | 'delivered' | 'bounced_at'>; size?: Size }) {
  return <HintedBadge {...messageBadge(message)} size={size} data={message.state} />
}
