import { Center, Loader, SegmentedControl, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { browserTimeZone, ErrorAlert } from '../../ui'
import { Chart } from '../../ui/Chart'
import type { CardPanelProps } from './cardPanels'
import { useActivityHistogram } from './hooks'

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']

export function bucketLabel(by: 'hour' | 'weekday', key: number): string {
  return by === 'hour' ? `${String(key).padStart(2, '0')}:00` : WEEKDAYS[key - 1]
}

/** "Most active: 14:00" over buckets (nothing when there is no activity). */
export function busiest(by: 'hour' | 'weekday', buckets: { key: number; count: number }[]): string | null {
  const top = buckets.reduce<{ key: number; count: number } | null>((best, b) => (b.count > (best?.count ?? 0) ? b : best), null)
  return top ? `Most active: ${bucketLabel(by, top.key)} (${top.count})` : null
}

/** When the contact's activity happens, by hour of day or weekday, in the viewer's time zone. */
export function ActivityPatterns({ workspaceId: ws, contactId }: CardPanelProps) {
  const [by, setBy] = useState<'hour' | 'weekday'>('hour')
  const tz = browserTimeZone()
  const histogram = useActivityHistogram(ws, contactId, by, tz)
  const buckets = histogram.data?.buckets ?? []
  const summary = busiest(by, buckets)
  return (
    <Stack gap="xs">
      <SegmentedControl
        size="xs"
        aria-label="Group activity by"
        value={by}
        onChange={(v) => setBy(v as 'hour' | 'weekday')}
        data={[
          { value: 'hour', label: 'Hour of day' },
          { value: 'weekday', label: 'Day of week' },
        ]}
      />
      {histogram.isPending ? (
        <Center py="md">
          <Loader size="sm" aria-label="Loading activity chart" />
        </Center>
      ) : histogram.error ? (
        <ErrorAlert error={histogram.error} />
      ) : !summary ? (
        <Text size="sm" c="dimmed">No activity yet.</Text>
      ) : (
        <>
          <Chart
            label={`Activity by ${by === 'hour' ? 'hour of day' : 'day of week'}. ${summary}`}
            height={180}
            option={{
              grid: { left: 32, right: 8, top: 8, bottom: 24 },
              tooltip: { trigger: 'axis' },
              xAxis: { type: 'category', data: buckets.map((b) => bucketLabel(by, b.key)), axisLabel: { interval: by === 'hour' ? 5 : 0 } },
              yAxis: { type: 'value', minInterval: 1 },
              series: [{ type: 'bar', name: 'Activities', data: buckets.map((b) => b.count), itemStyle: { color: '#228be6' } }],
            }}
          />
          <Text size="xs" c="dimmed">
            {summary} · times in {tz}
          </Text>
        </>
      )}
    </Stack>
  )
}
