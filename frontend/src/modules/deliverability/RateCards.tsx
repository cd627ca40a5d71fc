import { Badge, Group, Paper, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core'
import type { RateFigures, WorkspaceLimits } from './hooks'
import { count, isOver, pct } from './labels'

type Period = 'last_1000' | '24h' | '7d'

const PERIODS: { key: Period; title: string; hint: string }[] = [
  { key: 'last_1000', title: 'Last 1,000 sent', hint: 'Since the last resume. This is what pauses sending.' },
  { key: '24h', title: 'Last 24 hours', hint: 'Every message sent in the last day.' },
  { key: '7d', title: 'Last 7 days', hint: 'What the health score counts.' },
]

function RateLine({ id, label, rate, limit, events }: { id: string; label: string; rate: number; limit: number; events: string }) {
  const over = isOver(rate, limit)
  // The bar fills up to the limit: a full red bar is over it.
  const share = limit > 0 ? Math.min(100, (rate / limit) * 100) : 0
  return (
    <Stack gap={4} data-testid={id} data-over={over}>
      <Group justify="space-between" gap="xs" wrap="wrap" align="baseline">
        <Text size="sm" fw={600}>
          {label}
        </Text>
        <Badge size="sm" variant={over ? 'filled' : 'light'} color={over ? 'red' : 'teal'}>
          {over ? 'Over the limit' : 'Under the limit'}
        </Badge>
      </Group>
      <Group gap={6} align="baseline" wrap="wrap">
        <Text fz={26} fw={700} lh={1.1} c={over ? 'red.7' : undefined}>
          {pct(rate)}
        </Text>
        <Text size="sm" c="dimmed">
          limit {pct(limit)}
        </Text>
      </Group>
      <Progress value={share} color={over ? 'red' : share >= 75 ? 'yellow' : 'teal'} size="sm" aria-hidden />
      <Text size="xs" c="dimmed">
        {events}
      </Text>
    </Stack>
  )
}

/** Bounce and complaint rates over three spans, each against the agency's limits. */
export function RateCards({ rates, limits }: { rates: Record<Period, RateFigures>; limits: WorkspaceLimits }) {
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="md">
      {PERIODS.map(({ key, title, hint }) => {
        const f = rates[key]
        return (
          <Paper key={key} withBorder radius="md" p="md" component="section" aria-label={`Rates: ${title}`}>
            <Stack gap="sm">
              <div>
                <Title order={3} fz="h5">
                  {title}
                </Title>
                <Text size="xs" c="dimmed">
                  {hint}
                </Text>
              </div>
              <Text size="sm">
                <b>{count(f.sent)}</b> {f.sent === 1 ? 'message' : 'messages'} sent
              </Text>
              {f.sent ? (
                <>
                  <RateLine
                    id={`rate-${key}-bounce`}
                    label="Bounces"
                    rate={f.bounce_rate}
                    limit={limits.bounce}
                    events={`${count(f.bounced)} bounced`}
                  />
                  <RateLine
                    id={`rate-${key}-complaint`}
                    label="Spam complaints"
                    rate={f.complaint_rate}
                    limit={limits.complaint}
                    events={`${count(f.complained)} marked as spam`}
                  />
                  {key === 'last_1000' && f.sent < limits.min_sample ? (
                    <Text size="xs" c="dimmed" data-testid="too-few">
                      Fewer than {limits.min_sample} sent since the last resume: too few for a rate to pause sending yet.
                    </Text>
                  ) : null}
                </>
              ) : (
                <Text size="sm" c="dimmed">
                  Nothing sent in this span: no rate yet.
                </Text>
              )}
            </Stack>
          </Paper>
        )
      })}
    </SimpleGrid>
  )
}
