import { Badge, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { ErrorAlert, formatDateTime } from '../../ui'
import { Chart, type ChartOption } from '../../ui/Chart'
import type { CardPanelProps } from '../contacts/cardPanels'
import { useContact } from '../contacts/hooks'
import { describeReason, useFollowTimeline, useScoreHistory, type ScoreChange } from './hooks'

const SHOWN_CHANGES = 5

function chartOption(changes: ScoreChange[]): ChartOption {
  const points = [...changes].reverse().map((c) => [c.created_at, c.score])
  return {
    grid: { left: 40, right: 12, top: 10, bottom: 24 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', axisLabel: { hideOverlap: true, fontSize: 10 } },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 10 } },
    series: [{ type: 'line', name: 'Score', step: 'end', showSymbol: false, data: points, areaStyle: { opacity: 0.08 } }],
  }
}

/** The card's score: the number, how it moved, and the last changes with their reasons. */
export function ScorePanel({ contactId, workspaceId }: CardPanelProps) {
  const contact = useContact(workspaceId, contactId)
  const history = useScoreHistory(workspaceId, contactId)
  useFollowTimeline(workspaceId, contactId)
  const changes = history.data?.items ?? []
  // The newest change carries the score after it; the card's own value is the fallback.
  const score = changes[0]?.score ?? contact.data?.score ?? 0

  if (history.isPending) {
    return (
      <Center py="md">
        <Loader size="sm" aria-label="Loading the score" />
      </Center>
    )
  }
  return (
    <Stack gap="sm">
      <ErrorAlert error={history.error} />
      <Group gap="xs" align="baseline">
        <Text fz={40} fw={700} lh={1} data-testid="score">
          {score.toLocaleString('en-GB')}
        </Text>
        <Text size="sm" c="dimmed">
          points
        </Text>
      </Group>
      {changes.length > 1 ? (
        <Chart
          option={chartOption(changes)}
          height={120}
          label={`Score over the last ${changes.length} changes, from ${changes[changes.length - 1].score} to ${score}`}
        />
      ) : null}
      {history.isSuccess && !changes.length ? (
        <Text size="sm" c="dimmed">
          No score changes yet. Scoring rules (Settings → Scoring) give points for tags, notes, purchases, visits and other events.
        </Text>
      ) : null}
      {changes.length ? (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Last score changes">
          {changes.slice(0, SHOWN_CHANGES).map((change) => (
            <Group key={change.id} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge
                variant="light"
                color={change.delta >= 0 ? 'teal' : 'red'}
                miw={56}
                style={{ flexShrink: 0 }}
                aria-label={`${change.delta >= 0 ? 'plus' : 'minus'} ${Math.abs(change.delta)}`}
              >
                {change.delta > 0 ? '+' : ''}
                {change.delta}
              </Badge>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  {describeReason(change.reason)}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatDateTime(change.created_at)} · score {change.score}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      ) : null}
    </Stack>
  )
}
