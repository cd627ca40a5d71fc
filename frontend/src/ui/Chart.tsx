import ReactEChartsCore from 'echarts-for-react/esm/core'
import { BarChart, LineChart, PieChart } from 'echarts/charts'
import { DatasetComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components'
import * as echarts from 'echarts/core'
import { SVGRenderer } from 'echarts/renderers'
import type { EChartsCoreOption } from 'echarts/core'

// Only the parts the app draws, so a chart costs its panel a small chunk (not in ui/index.ts:
// importing the shared UI must not pull ECharts into every page).
echarts.use([BarChart, LineChart, PieChart, DatasetComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer])

export type ChartOption = EChartsCoreOption

/**
 * One ECharts chart, resized with its container. `label` describes it for screen readers; give
 * the numbers in text nearby too (a table or a summary) when they matter.
 */
export function Chart({ option, label, height = 200 }: { option: ChartOption; label: string; height?: number }) {
  return (
    <div role="img" aria-label={label} style={{ width: '100%', minWidth: 0 }}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height, width: '100%' }} opts={{ renderer: 'svg' }} />
    </div>
  )
}
