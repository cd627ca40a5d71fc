import { Anchor, Badge, Code, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import { Link } from 'react-router'
import { formatDateTime } from '../../ui'
import { PenaltyList } from './HealthSummary'
import { purposeLabel, stateLook, type DomainHealth, type Listing, type SendingIp } from './hooks'
import { count, listingLook, pct, scoreLook } from './labels'
import { VerifiedBadge } from './VerifiedBadge'

const WRAP = { overflowWrap: 'anywhere' } as const
const PURPOSES = ['spf', 'dkim', 'dmarc', 'return_path']

/** One line per block list: the zone, listed or not (in colour), and why. */
export function Blocklists({ listings, testId, checked }: { listings: Listing[]; testId: string; checked: boolean }) {
  if (!listings.length) {
    return (
      <Text size="sm" c="dimmed">
        {checked ? 'No block list is set up to check against.' : 'Not checked yet.'}
      </Text>
    )
  }
  return (
    <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {listings.map((l) => {
        const look = listingLook(l.listed)
        return (
          <Stack key={`${l.zone}-${l.target}`} component="li" gap={2} data-testid={`${testId}-${l.zone}`} data-listed={String(l.listed)}>
            <Group gap="xs" wrap="wrap">
              <Badge size="sm" variant={l.listed ? 'filled' : 'light'} color={look.color}>
                {look.label}
              </Badge>
              <Code style={WRAP}>{l.zone}</Code>
            </Group>
            <Text size="xs" c="dimmed" style={WRAP}>
              {l.explanation}
            </Text>
          </Stack>
        )
      })}
    </Stack>
  )
}

function Checks({ domain }: { domain: DomainHealth }) {
  if (!domain.checks.length) {
    return (
      <Text size="sm" c="dimmed">
        DNS records not checked yet.
      </Text>
    )
  }
  const order = (purpose: string) => (PURPOSES.indexOf(purpose) + 1 || 99)
  const checks = [...domain.checks].sort((a, b) => order(a.purpose) - order(b.purpose))
  return (
    <Stack gap={8} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {checks.map((c) => {
        const look = stateLook(c.state)
        return (
          <Stack key={c.purpose} component="li" gap={2} data-testid={`domain-${domain.id}-${c.purpose}`} data-state={c.state}>
            <Group gap="xs" wrap="nowrap">
              <Text size="sm" fw={600} w={110} style={{ flexShrink: 0 }}>
                {purposeLabel(c.purpose)}
              </Text>
              <Badge size="sm" variant="light" color={look.color}>
                {look.label}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" style={WRAP}>
              {c.explanation}
            </Text>
          </Stack>
        )
      })}
    </Stack>
  )
}

function DomainCard({ ws, domain }: { ws: number; domain: DomainHealth }) {
  const look = scoreLook(domain.score)
  const week = domain.rates['7d']
  const headingId = `health-domain-${domain.id}`
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby={headingId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
          <Stack gap={2} style={{ minWidth: 0, flex: '1 1 220px' }}>
            <Group gap="xs" wrap="wrap">
              <Title order={4} fz="h5" id={headingId} style={WRAP}>
                {domain.domain}
              </Title>
              <VerifiedBadge verified={domain.verified} />
            </Group>
            <Text size="xs" c="dimmed">
              {domain.checked_at ? `Last checked ${formatDateTime(domain.checked_at)}` : 'Not checked yet'}
            </Text>
          </Stack>
          <Badge size="lg" variant="light" color={look.color} data-testid={`domain-score-${domain.id}`}>
            {domain.score === null ? 'No score yet' : `Score ${domain.score}`}
          </Badge>
        </Group>
        {!domain.verified ? (
          <Text size="sm" style={WRAP}>
            Campaigns cannot send from this domain until its DNS records are published and checked:{' '}
            <Anchor component={Link} to={`/w/${ws}/settings/sending-domains`} size="sm">
              Settings → Sending domains
            </Anchor>
            .
          </Text>
        ) : null}
        {domain.score !== null ? <PenaltyList penalties={domain.penalties} label={`What costs ${domain.domain} points`} /> : null}
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" verticalSpacing="md">
          <Stack gap={6}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              DNS records
            </Text>
            <Checks domain={domain} />
          </Stack>
          <Stack gap={6}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase">
              Block lists
            </Text>
            <Blocklists listings={domain.blocklists} testId={`domain-${domain.id}-listing`} checked={!!domain.checked_at} />
          </Stack>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          Last 7 days from this domain: {count(week.sent)} sent
          {week.sent ? `, ${pct(week.bounce_rate)} bounced, ${pct(week.complaint_rate)} marked as spam` : ''}.
        </Text>
      </Stack>
    </Paper>
  )
}

/** Each sending domain: verified, score, every record check and block list, explained. */
export function DomainHealthList({ ws, domains }: { ws: number; domains: DomainHealth[] }) {
  return (
    <Stack gap="md">
      {domains.map((d) => (
        <DomainCard key={d.id} ws={ws} domain={d} />
      ))}
    </Stack>
  )
}

/** The servers that send the mail: reverse DNS and block lists of each IP. */
export function SendingIps({ ips }: { ips: SendingIp[] }) {
  if (!ips.length) {
    return (
      <Text size="sm" c="dimmed">
        No sending server was found to check yet.
      </Text>
    )
  }
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
      {ips.map((ip) => {
        const look = stateLook(ip.state ?? 'unknown')
        return (
          <Paper key={ip.ip} withBorder radius="md" p="md" component="section" aria-label={`Sending server ${ip.ip}`}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <Code fz="sm">{ip.ip}</Code>
                {ip.name ? (
                  <Text size="sm" fw={600} style={WRAP}>
                    {ip.name}
                  </Text>
                ) : null}
              </Group>
              <Stack gap={2} data-testid={`ip-${ip.ip}-rdns`} data-state={ip.state ?? 'unknown'}>
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600} w={110} style={{ flexShrink: 0 }}>
                    Reverse DNS
                  </Text>
                  <Badge size="sm" variant="light" color={look.color}>
                    {look.label}
                  </Badge>
                </Group>
                {ip.explanation ? (
                  <Text size="xs" c="dimmed" style={WRAP}>
                    {ip.explanation}
                  </Text>
                ) : null}
              </Stack>
              <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt={4}>
                Block lists
              </Text>
              <Blocklists listings={ip.blocklists} testId={`ip-${ip.ip}-listing`} checked />
            </Stack>
          </Paper>
        )
      })}
    </SimpleGrid>
  )
}
