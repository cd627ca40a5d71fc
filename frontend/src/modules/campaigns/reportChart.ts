import type { ChartOption } from '../../ui/Chart'
import { n, type Report } from './types'

// Mantine's shade 6 (ECharts needs the colour itself, not the theme's name).
const BLUE = '#228be6'
const TEAL = '#12b886'
const ORANGE = '#fd7e14'

/** "3 Mar, 14:00" in the workspace's time zone. */
export function hourLabel(iso: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso))
  } catch {
    return iso
  }
}

/** Sent per hour as bars, opens and clicks as lines, hours in the workspace's zone. */
export function timelineOption(points: Report['timeline'], timeZone: string): ChartOption {
  return {
    animation: false, // a report: drawn as it is (and screenshots show it whole)
    grid: { left: 8, right: 12, top: 36, bottom: 4, containLabel: true },
    legend: { top: 0, itemGap: 16 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: points.map((p) => hourLabel(p.at, timeZone)), axisLabel: { fontSize: 10, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, splitNumber: 4, axisLabel: { fontSize: 10 } },
    series: [
      { type: 'bar', name: 'Sent', data: points.map((p) => p.sent), itemStyle: { color: BLUE }, barMaxWidth: 28 },
      { type: 'line', name: 'Opens', data: points.map((p) => p.opens), itemStyle: { color: TEAL }, lineStyle: { color: TEAL }, symbolSize: 7 },
      { type: 'line', name: 'Clicks', data: points.map((p) => p.clicks), itemStyle: { color: ORANGE }, lineStyle: { color: ORANGE }, symbolSize: 7 },
    ],
  }
}

/** The chart in words, for screen readers: "3 sent, 1 open and 0 clicks over 2 hours". */
export function timelineSentence(points: Report['timeline']): string {
  const sum = (key: 'sent' | 'opens' | 'clicks') => points.reduce((total, p) => total + p[key], 0)
  const opens = sum('opens')
  const clicks = sum('clicks')
  const hours = points.length === 1 ? '1 hour' : `${points.length} hours`
  return `Sent, opens and clicks per hour: ${n(sum('sent'))} sent, ${n(opens)} ${opens === 1 ? 'open' : 'opens'} and ${n(clicks)} ${clicks === 1 ? 'click' : 'clicks'} over ${hours}`
}
