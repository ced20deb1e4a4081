import type { EChartsOption } from 'echarts';
import type { Attainment, ServiceReport } from '../../../../protocol';

// The report's charts as ECharts options: plain data in, plain options out, so that what each
// chart shows is tested without a browser.

/** Translates a key (i18next's t), with interpolation values. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const round1 = (n: number) => Math.round(n * 10) / 10;
const minutes = (ms: number | null) => (ms === null ? null : round1(ms / 60_000));
const yuan = (cents: number) => cents / 100;

/** A duration as people read it: seconds under 2 minutes, minutes under 2 hours, then hours. */
export function formatDuration(ms: number | null, tr: Translate): string {
  if (ms === null) return '—';
  if (ms < 120_000) return tr('reports.unit.s', { n: Math.round(ms / 1000) });
  if (ms < 2 * 3_600_000) return tr('reports.unit.min', { n: round1(ms / 60_000) });
  return tr('reports.unit.h', { n: round1(ms / 3_600_000) });
}

export const formatPercent = (rate: number | null): string => (rate === null ? '—' : `${round1(rate * 100)}%`);

export const categoryLabel = (key: string, tr: Translate) => (key === 'unclassified' ? tr('reports.chart.unclassified') : tr(`category.${key}`));
const policyLabel = (key: string, tr: Translate) => {
  const name = tr(`reports.policy.${key}`);
  // A policy an admin added has no translation: its id is its name.
  return name === `reports.policy.${key}` ? key : name;
};

const base = (): EChartsOption => ({
  animation: false,
  tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
  grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
});

/** Conversations per day, one stacked series per key (channel or category), most frequent first. */
type DayVolume = ServiceReport['volume']['byDay'][number];

function stackedByDay(
  r: ServiceReport,
  keys: readonly string[],
  countOf: (d: DayVolume, key: string) => number,
  name: (key: string) => string,
): EChartsOption {
  return {
    ...base(),
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'category', data: r.volume.byDay.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', minInterval: 1 },
    series: keys.map((key) => ({ type: 'bar', stack: 'volume', name: name(key), data: r.volume.byDay.map((d) => countOf(d, key)) })),
  };
}

export const volumeByDay = (r: ServiceReport, tr: Translate): EChartsOption =>
  stackedByDay(r, r.volume.byChannel.map((c) => c.key), (d, key) => d.byChannel[key] ?? 0, (key) => tr(`channel.${key}`));

export const volumeByDayAndCategory = (r: ServiceReport, tr: Translate): EChartsOption =>
  stackedByDay(r, r.volume.byCategory.map((c) => c.key), (d, key) => d.byCategory[key] ?? 0, (key) => categoryLabel(key, tr));

/** Largest at the top. */
function horizontal(names: string[], series: EChartsOption['series'], legend = false): EChartsOption {
  return {
    ...base(),
    ...(legend ? { legend: { top: 0 } } : {}),
    xAxis: { type: 'value' },
    yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { width: 150, overflow: 'truncate' } },
    series: (series as Array<{ data: unknown[] }>).map((s) => ({ ...s, data: [...s.data].reverse() })) as EChartsOption['series'],
  };
}

export function volumeByCategory(r: ServiceReport, tr: Translate): EChartsOption {
  return horizontal(
    r.volume.byCategory.map((c) => categoryLabel(c.key, tr)),
    [{ type: 'bar', name: tr('reports.kpi.volume'), data: r.volume.byCategory.map((c) => c.count) }],
  );
}

export function times(r: ServiceReport, tr: Translate): EChartsOption {
  const { firstResponse, resolution } = r.times;
  return {
    ...base(),
    legend: { top: 0 },
    xAxis: { type: 'category', data: ['P50', 'P90', 'P99'] },
    yAxis: { type: 'value' },
    series: [
      { type: 'bar', name: tr('reports.chart.firstResponse'), data: [firstResponse.p50, firstResponse.p90, firstResponse.p99].map(minutes) },
      { type: 'bar', name: tr('reports.chart.resolution'), data: [resolution.p50, resolution.p90, resolution.p99].map(minutes) },
    ],
  };
}

function attainment(rows: readonly Attainment[], label: (key: string) => string, tr: Translate): EChartsOption {
  return horizontal(
    rows.map((a) => `${label(a.key)} ${formatPercent(a.attainment)}`),
    [
      { type: 'bar', stack: 'sla', name: tr('reports.chart.met'), color: '#3a9d5d', data: rows.map((a) => a.met) },
      { type: 'bar', stack: 'sla', name: tr('reports.chart.breached'), color: '#d9534f', data: rows.map((a) => a.breached) },
    ],
    true,
  );
}

export const slaByPolicy = (r: ServiceReport, tr: Translate) => attainment(r.sla.byPolicy, (k) => policyLabel(k, tr), tr);
export const slaByPriority = (r: ServiceReport, tr: Translate) => attainment(r.sla.byPriority, (k) => tr(`priority.${k}`), tr);

export function csatScores(r: ServiceReport, tr: Translate): EChartsOption {
  return {
    ...base(),
    xAxis: { type: 'category', data: [1, 2, 3, 4, 5].map((score) => tr('reports.chart.score', { score })) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [{ type: 'bar', name: tr('reports.chart.answers'), data: r.csat.distribution }],
  };
}

export function compensationByCause(r: ServiceReport, tr: Translate): EChartsOption {
  return horizontal(
    r.compensation.byCause.map((c) => c.key),
    [{ type: 'bar', name: tr('reports.chart.amount'), data: r.compensation.byCause.map((c) => yuan(c.amountCents)) }],
  );
}

export function supplierLiability(r: ServiceReport, tr: Translate): EChartsOption {
  const rows = r.compensation.bySupplier;
  return horizontal(
    rows.map((s) => s.supplier),
    [
      { type: 'bar', stack: 'liability', name: tr('reports.chart.pending'), data: rows.map((s) => yuan(s.pendingCents)) },
      { type: 'bar', stack: 'liability', name: tr('reports.chart.settled'), data: rows.map((s) => yuan(s.settledCents)) },
    ],
    true,
  );
}

/** Every chart of the screen, in order, with whether it has anything to show. */
export const REPORT_CHARTS = [
  { id: 'byDay', title: 'reports.chart.byDay', option: volumeByDay, has: (r: ServiceReport) => r.volume.total > 0, wide: true },
  {
    id: 'byDayCategory',
    title: 'reports.chart.byDayCategory',
    option: volumeByDayAndCategory,
    has: (r: ServiceReport) => r.volume.total > 0,
    wide: true,
  },
  { id: 'byCategory', title: 'reports.chart.byCategory', option: volumeByCategory, has: (r: ServiceReport) => r.volume.total > 0 },
  { id: 'times', title: 'reports.chart.times', option: times, has: (r: ServiceReport) => r.times.firstResponse.count + r.times.resolution.count > 0 },
  { id: 'slaByPolicy', title: 'reports.chart.slaByPolicy', option: slaByPolicy, has: (r: ServiceReport) => r.sla.byPolicy.length > 0 },
  { id: 'slaByPriority', title: 'reports.chart.slaByPriority', option: slaByPriority, has: (r: ServiceReport) => r.sla.byPriority.length > 0 },
  { id: 'csat', title: 'reports.chart.csat', option: csatScores, has: (r: ServiceReport) => r.csat.answered > 0 },
  {
    id: 'compensationByCause',
    title: 'reports.chart.compensationByCause',
    option: compensationByCause,
    has: (r: ServiceReport) => r.compensation.count > 0,
  },
  {
    id: 'supplierLiability',
    title: 'reports.chart.supplierLiability',
    option: supplierLiability,
    has: (r: ServiceReport) => r.compensation.bySupplier.length > 0,
  },
] as const;
