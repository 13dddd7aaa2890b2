import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { FloorOverview } from '../../../shared/contract';
import { useSupervisionTranslation } from './supervision-messages';

/** One colour per kind, readable on white and apart for the common colour blindnesses. */
const SERIES = [
  { operation: 'activate', stroke: '#1f5fbf' },
  { operation: 'suspend', stroke: '#d98200' },
  { operation: 'resume', stroke: '#1e7a4c' },
  { operation: 'delete', stroke: '#c62828' },
] as const;

const HEIGHT = 200;

/**
 * Token actions per hour, by kind: a line chart reads the day's shape better than 24 columns of
 * numbers. uPlot (about 50 KB, canvas, no dependencies) is loaded with the floor screen only.
 */
export const FloorChart = ({ hourly }: { readonly hourly: FloorOverview['hourly'] }) => {
  const { t, i18n } = useSupervisionTranslation();
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = box.current;
    if (element === null) return undefined;
    const data: uPlot.AlignedData = [hourly.hours.map((hour) => Date.parse(hour) / 1000), ...SERIES.map(({ operation }) => hourly.actions[operation])];
    const chart = new uPlot(
      {
        width: Math.max(320, element.clientWidth),
        height: HEIGHT,
        series: [{}, ...SERIES.map(({ operation, stroke }) => ({ label: t(`floor.columns.${operation}`), stroke, width: 2, points: { show: false } }))],
        axes: [{ values: (_chart: uPlot, ticks: number[]) => ticks.map((tick) => new Date(tick * 1000).toLocaleTimeString(i18n.language, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })) }, { values: (_chart: uPlot, ticks: number[]) => ticks.map((tick) => (Number.isInteger(tick) ? String(tick) : '')) }],
        scales: { y: { range: (_chart: uPlot, _min: number, max: number) => [0, Math.max(4, max)] } },
        legend: { live: false },
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => chart.setSize({ width: Math.max(320, element.clientWidth), height: HEIGHT }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.destroy();
    };
  }, [hourly, t, i18n.language]);

  return <div className="floor-chart" ref={box} role="img" aria-label={t('floor.chartLabel')} data-testid="floor-chart" />;
};
