import { Badge, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core'
import { formatDateTime } from '../../ui'
import { Chart, type ChartOption } from '../../ui/Chart'
import type { HistoryPoint } from './hooks'
import { penaltyLines, scoreLook } from './labels'

/** What costs points, in words: "Listed on a block list −30". */
export function PenaltyList({ penalties, label }: { penalties: Record<string, number>; label: string }) {
  const lines = penaltyLines(penalties)
  if (!lines.length) {
    return (
      <Text size="sm" c="teal.8">
        Nothing costs points: everything checked is in order.
      </Text>
    )
  }
  return (
    <Stack gap={4} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label={label}>
      {lines.map((line) => (
        <Group key={line.key} component="li" gap="xs" wrap="nowrap" align="flex-start" data-testid={`penalty-${line.key}`}>
          <Badge variant="light" color="red" miw={48} style={{ flexShrink: 0 }} aria-label={`minus ${line.points} points`}>
            −{line.points}
          </Badge>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {line.words}
          </Text>
        </Group>
      ))}
    </Stack>
  )
}

/** The workspace's score (the bold line) and each domain's, over time. */
export function historyOption(history: HistoryPoint[]): ChartOption {
  const series = new Map<string, { name: string; data: [string, number][]; workspace: boolean }>()
  for (const point of history) {
    const key = point.domain_id === null ? 'workspace' : `d${point.domain_id}`
    const entry = series.get(key) ?? { name: point.domain_id === null ? 'Workspace' : (point.domain ?? `Domain ${point.domain_id}`), data: [], workspace: point.domain_id === null }
    entry.data.push([point.at, point.score])
    series.set(key, entry)
  }
  const ordered = [...series.values()].sort((a, b) => Number(b.workspace) - Number(a.workspace))
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 40, bottom: 4, containLabel: true },
    legend: { top: 0, type: 'scroll', itemGap: 14, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', min: 0, max: 100, splitNumber: 4, axisLabel: { fontSize: 10 } },
    series: ordered.map((s) => ({
      type: 'line',
      name: s.name,
      data: s.data,
      step: 'end',
      showSymbol: s.data.length < 12,
      symbolSize: 6,
      lineStyle: { width: s.workspace ? 3 : 1.5 },
      z: s.workspace ? 3 : 2,
    })),
  }
}

function historySentence(history: HistoryPoint[]): string {
  const workspace = history.filter((p) => p.domain_id === null)
  if (!workspace.length) return 'Health score over the last 30 days'
  const first = workspace[0].score
  const last = workspace[workspace.length - 1].score
  return `Health score over the last 30 days: the workspace went from ${first} to ${last} over ${workspace.length} ${workspace.length === 1 ? 'check' : 'checks'}`
}

type Props = { score: number | null; penalties: Record<string, number>; checkedAt: string | null; history: HistoryPoint[] }

/** The score, big, with what costs points; its history beside it. */
export function HealthSummary({ score, penalties, checkedAt, history }: Props) {
  const look = scoreLook(score)
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Paper withBorder radius="md" p="md" h="100%" component="section" aria-labelledby="health-score-title">
          <Stack gap="sm">
            <Title order={3} fz="h5" id="health-score-title">
              Health score
            </Title>
            <Group gap="sm" align="baseline" wrap="wrap">
              <Text fz={56} fw={800} lh={1} c={`${look.color}.7`} data-testid="health-score">
                {score ?? '—'}
              </Text>
              <Text size="sm" c="dimmed">
                of 100
              </Text>
              <Badge color={look.color} variant="light">
                {look.label}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed">
              Last checked {formatDateTime(checkedAt)}. Checks run every hour.
            </Text>
            <Text size="sm" fw={600}>
              What costs points
            </Text>
            <PenaltyList penalties={penalties} label="What costs the workspace points" />
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Paper withBorder radius="md" p="md" h="100%" component="section" aria-labelledby="health-history-title">
          <Stack gap="xs">
            <Title order={3} fz="h5" id="health-history-title">
              Score over the last 30 days
            </Title>
            {new Set(history.map((p) => p.at)).size > 1 ? (
              <Chart option={historyOption(history)} height={240} label={historySentence(history)} />
            ) : (
              <Text size="sm" c="dimmed">
                {history.length
                  ? 'One check so far. The chart fills in as the hourly checks add points.'
                  : 'No history yet: each hourly check adds a point.'}
              </Text>
            )}
          </Stack>
        </Paper>
      </Grid.Col>
    </Grid>
  )
}
