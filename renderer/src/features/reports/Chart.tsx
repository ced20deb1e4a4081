import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { type EChartsCoreOption, init, use as registerParts } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

// Only the parts the report uses, so the workstation bundle carries no more of ECharts than that.
registerParts([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** One ECharts chart that fills its box and follows its size. */
export function Chart({ option, label, testId }: { option: EChartsCoreOption; label: string; testId: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const chart = init(ref.current!, undefined, { renderer: 'canvas' });
    chart.setOption(option);
    const resize = new ResizeObserver(() => chart.resize());
    resize.observe(ref.current!);
    return () => {
      resize.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={ref} className="report-chart" role="img" aria-label={label} data-testid={testId} />;
}
