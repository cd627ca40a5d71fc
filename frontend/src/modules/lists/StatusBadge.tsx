import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core'
import { n, subscriptionStatusMeta, type MailingList, type StatusCounts } from './types'

/** A subscription's status as a coloured badge (its meaning in the tooltip). */
export function SubscriptionBadge({ status, size = 'sm' }: { status: string | null | undefined; size?: 'xs' | 'sm' | 'md' }) {
  const meta = subscriptionStatusMeta(status)
  const badge = (
    <Badge size={size} variant="light" color={meta.color} tt="none" style={{ flexShrink: 0 }} data-status={status ?? 'none'}>
      {meta.label}
    </Badge>
  )
  return meta.hint ? (
    <Tooltip label={meta.hint} multiline w={240} withArrow>
      {badge}
    </Tooltip>
  ) : (
    badge
  )
}

/** "12 subscribed", large, with the other statuses small beside it (those above zero). */
export function SubscriberCounts({ counts, size = 'md' }: { counts: StatusCounts; size?: 'md' | 'lg' }) {
  const others = [
    { key: 'unconfirmed', label: 'waiting', value: counts.unconfirmed },
    { key: 'unsubscribed', label: 'unsubscribed', value: counts.unsubscribed },
    { key: 'bounced', label: 'bounced', value: counts.bounced },
    { key: 'complained', label: 'complained', value: counts.complained },
  ].filter((o) => o.value > 0)
  return (
    <Stack gap={0} aria-label="Subscribers by status">
      <Group gap={6} align="baseline" wrap="nowrap">
        <Text fw={700} fz={size === 'lg' ? 28 : 'lg'} lh={1.1} c={counts.subscribed ? undefined : 'dimmed'}>
          {n(counts.subscribed)}
        </Text>
        <Text size="sm" c="dimmed">
          subscribed
        </Text>
      </Group>
      {others.length ? (
        <Text size="xs" c="dimmed">
          {others.map((o) => `${n(o.value)} ${o.label}`).join(' · ')}
        </Text>
      ) : null}
    </Stack>
  )
}

/** "Double opt-in" or "Single opt-in", and "Private" for a list the public does not see. */
export function ListFlags({ list }: { list: Pick<MailingList, 'double_opt_in' | 'public'> }) {
  return (
    <Group gap={4} wrap="wrap">
      {list.double_opt_in ? (
        <Tooltip label="New subscribers confirm by a link mailed to them first" withArrow>
          <Badge size="xs" variant="light" color="blue" tt="none">
            Double opt-in
          </Badge>
        </Tooltip>
      ) : (
        <Badge size="xs" variant="light" color="gray" tt="none">
          Single opt-in
        </Badge>
      )}
      {list.public ? null : (
        <Tooltip label="Not on the preference page; its form is closed" withArrow>
          <Badge size="xs" variant="outline" color="gray" tt="none">
            Private
          </Badge>
        </Tooltip>
      )}
    </Group>
  )
}
