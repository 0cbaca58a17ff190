import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** Lines of rates (0–1) over dates, shown as percentages; the same figures are always offered as a table too. */
export function TrendChart({ dates, series, height = 260 }: { dates: string[]; series: Array<{ name: string; values: Array<number | null> }>; height?: number }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = echarts.init(ref.current);
    chart.setOption({
      tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v == null ? '—' : `${(v * 100).toFixed(1)}%`) },
      legend: { top: 0 },
      grid: { left: 48, right: 16, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: dates.map((d) => d.slice(5)) },
      yAxis: { type: 'value', axisLabel: { formatter: (v: number) => `${(v * 100).toFixed(1)}%` } },
      // Symbols always shown: a region with one reported day still shows its point.
      series: series.map((s) => ({ name: s.name, type: 'line', smooth: true, connectNulls: true, showSymbol: true, showAllSymbol: true, symbolSize: 6, data: s.values })),
    });
    const resize = () => chart.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.dispose();
    };
  }, [dates, series]);
  return <div ref={ref} style={{ width: '100%', height }} data-testid="trend-chart" />;
}
