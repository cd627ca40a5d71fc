import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, Title, UnstyledButton } from '@mantine/core'
import { IconArrowRight } from '@tabler/icons-react'
import { Link } from 'react-router'
import { Chart, type ChartOption } from '../../ui/Chart'
import { EMAIL_STATUS, isEmailStatus, n, reasonCounts, statusCounts, statusMeta, type HygieneRunDetail } from './types'

// Mantine's shade 6 of each status colour (ECharts needs the value, not the theme name).
const HEX: Record<string, string> = { teal: '#12b886', yellow: '#fab005', red: '#fa5252', grape: '#be4bdb', gray: '#868e96' }

export function statusChartOption(counts: { status: string; count: number }[]): ChartOption {
  const rows = [...counts].reverse() // the first status on top
  return {
    animation: false, // a report: drawn as it is (and screenshots show it whole)
    grid: { left: 8, right: 40, top: 4, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { fontSize: 10 } },
    yAxis: { type: 'category', data: rows.map((r) => statusMeta(r.status).label), axisTick: { show: false } },
    series: [
      {
        type: 'bar',
        name: 'Contacts',
        barMaxWidth: 22,
        label: { show: true, position: 'right', fontSize: 11 },
        data: rows.map((r) => ({ value: r.count, itemStyle: { color: HEX[statusMeta(r.status).color] ?? HEX.gray } })),
      },
    ],
  }
}

/** "5 valid, 4 invalid, 1 risky" (non-zero ones only), for the chart's label and screen readers. */
export function statusSentence(counts: { status: string; count: number }[]): string {
  const parts = counts.filter((c) => c.count > 0).map((c) => `${n(c.count)} ${statusMeta(c.status).label.toLowerCase()}`)
  return parts.length ? parts.join(', ') : 'nothing checked yet'
}

/** Counts by status: a bar chart, and the numbers as tiles that open the contacts list filtered
 * by that status (as it is now). */
export function StatusSummary({ ws, run }: { ws: number; run: Pick<HygieneRunDetail, 'by_status' | 'checked'> }) {
  const counts = statusCounts(run.by_status)
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Title order={3} fz="h4" mb="xs">
        By status
      </Title>
      <Chart option={statusChartOption(counts)} height={170} label={`Addresses checked by status: ${statusSentence(counts)}`} />
      <SimpleGrid cols={{ base: 2, xs: 3, lg: 5 }} spacing="xs" mt="sm" aria-label="Counts by status">
        {counts.map(({ status, count }) => {
          const meta = statusMeta(status)
          const tile = (
            <Paper withBorder radius="md" p="xs" h="100%">
              <Text size="xl" fw={700} c={count ? meta.color : 'dimmed'} lh={1.2}>
                {n(count)}
              </Text>
              <Text size="xs" c="dimmed">
                {meta.label}
              </Text>
            </Paper>
          )
          return isEmailStatus(status) ? (
            <UnstyledButton
              key={status}
              component={Link}
              to={`/w/${ws}/contacts?email_status=${status}`}
              aria-label={`${n(count)} ${meta.label.toLowerCase()}: list the contacts that are ${meta.label.toLowerCase()} now`}
              title={EMAIL_STATUS[status].hint}
            >
              {tile}
            </UnstyledButton>
          ) : (
            <div key={status}>{tile}</div>
          )
        })}
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt="xs">
        {n(run.checked)} addresses checked. Open a number to list the contacts that have that status now.
      </Text>
    </Paper>
  )
}

/** Why addresses are not valid: each reason code with its label and count. */
export function ReasonTable({ byReason }: { byReason: Record<string, number> }) {
  const rows = reasonCounts(byReason)
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Title order={3} fz="h4" mb="xs">
        Reasons
      </Title>
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No problem found: every address checked is valid.
        </Text>
      ) : (
        <Table verticalSpacing={4} fz="sm" aria-label="Addresses by reason">
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{r.label}</Table.Td>
                <Table.Td ta="right" fw={600} w={80}>
                  {n(r.count)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  )
}

export function StatusPill({ status }: { status: string }) {
  const meta = statusMeta(status)
  return (
    <Badge color={meta.color} variant="light" tt="none" size="sm" style={{ flexShrink: 0 }}>
      {meta.label}
    </Badge>
  )
}

/** old → new status, with how many contacts moved that way. */
export function Transitions({ transitions }: { transitions: HygieneRunDetail['transitions'] }) {
  return (
    <Paper withBorder radius="md" p={{ base: 'sm', sm: 'md' }}>
      <Title order={3} fz="h4" mb="xs">
        Changes of status
      </Title>
      {transitions.length === 0 ? (
        <Text size="sm" c="dimmed">
          No address changed status in this check.
        </Text>
      ) : (
        <Stack gap={6} component="ul" m={0} p={0} style={{ listStyle: 'none' }} aria-label="Changes of status">
          {transitions.map((t) => (
            <Group
              key={`${t.old_status}-${t.new_status}`}
              component="li"
              gap={6}
              wrap="nowrap"
              aria-label={`${statusMeta(t.old_status).label} to ${statusMeta(t.new_status).label}: ${n(t.count)}`}
            >
              <StatusPill status={t.old_status} />
              <IconArrowRight size={14} aria-hidden style={{ flexShrink: 0 }} />
              <StatusPill status={t.new_status} />
              <Text size="sm" fw={600} ml="auto">
                {n(t.count)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  )
}
