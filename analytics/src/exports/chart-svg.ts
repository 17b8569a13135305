/** A report's chart as SVG, rendered on the server with ECharts' SSR renderer (no browser, no canvas). */
import * as echarts from 'echarts'
import type { ChartSpec } from '../reports/types.ts'

const COLORS = ['#1f4e79', '#5b9bd5', '#ed7d31', '#70ad47', '#a5a5a5', '#ffc000', '#7030a0']

export function chartSvg(spec: ChartSpec, width: number, height: number, fontFamily: string): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  const axisLabel = (kind: string) => ({ formatter: kind === 'pct' ? (v: number) => `${Math.round(v * 100)}%` : undefined, fontSize: 9 })
  chart.setOption({
    animation: false,
    color: COLORS,
    textStyle: { fontFamily },
    legend: { top: 0, textStyle: { fontSize: 9 } },
    grid: { left: 48, right: spec.axes.length > 1 ? 48 : 16, top: 28, bottom: 48 },
    xAxis: { type: 'category', data: spec.categories, axisLabel: { fontSize: 8, rotate: spec.categories.length > 12 ? 45 : 0 } },
    yAxis: spec.axes.map((a, i) => ({ type: 'value', name: '', position: i === 0 ? 'left' : 'right', max: a.kind === 'pct' ? 1 : undefined, min: 0, axisLabel: axisLabel(a.kind), splitLine: { show: i === 0 } })),
    series: spec.series.map((s) => ({ name: s.name, type: s.type, data: s.data, yAxisIndex: Math.min(s.axis, spec.axes.length - 1), symbolSize: 4, barMaxWidth: 24 })),
  })
  const svg = chart.renderToSVGString()
  chart.dispose()
  return svg
}
