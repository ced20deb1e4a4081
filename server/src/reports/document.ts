import type { Percentiles, ServiceReport } from '../../../protocol/reports';
import { categoryName, CHANNEL_ZH, LIABLE_ZH, policyName, PRIORITY_ZH } from './labels';

// The monthly service report as titled tables, the one layout the CSV and PDF exports share.

export type Cell = string | number | null;

export interface ReportTable {
  id: string;
  title: string;
  /** The second column is a count worth a bar beside it (PDF). */
  bars?: boolean;
  columns: string[];
  rows: Cell[][];
}

const round1 = (n: number) => Math.round(n * 10) / 10;
/** A share as a percentage with one decimal; null when undefined (nothing to divide by). */
export const percent = (r: number | null): number | null => (r === null ? null : round1(r * 100));
const seconds = (ms: number | null) => (ms === null ? null : round1(ms / 1000));
const minutes = (ms: number | null) => (ms === null ? null : round1(ms / 60_000));
export const yuan = (cents: number): string => (cents / 100).toFixed(2);

const share = (count: number, total: number) => percent(total === 0 ? null : count / total);
const times = (label: string, p: Percentiles, unit: (ms: number | null) => number | null): Cell[] => [
  label,
  p.count,
  unit(p.p50),
  unit(p.p90),
  unit(p.p99),
];

export function reportTables(r: ServiceReport): ReportTable[] {
  const { volume: v, times: t, sla, csat, compensation: comp } = r;
  const channels = v.byChannel.map((c) => c.key);
  const categories = v.byCategory.map((c) => c.key);
  return [
    {
      id: 'summary',
      title: '概览',
      columns: ['指标', '数值'],
      rows: [
        ['报表期间', `${r.period.from} 至 ${r.period.to}`],
        ['时区', `${r.period.timeZone}（北京时间）`],
        ['会话量', v.total],
        ['首次响应 P50（秒）', seconds(t.firstResponse.p50)],
        ['首次响应 P90（秒）', seconds(t.firstResponse.p90)],
        ['解决时长 P50（分钟）', minutes(t.resolution.p50)],
        ['解决时长 P90（分钟）', minutes(t.resolution.p90)],
        ['已解决工单', r.firstContactResolution.resolved],
        ['SLA 达成率（%）', percent(sla.overall.attainment)],
        ['一次解决率（%）', percent(r.firstContactResolution.rate)],
        ['满意度 CSAT（%，4–5 分占比）', percent(csat.csat)],
        ['平均评分（1–5）', csat.average === null ? null : Math.round(csat.average * 100) / 100],
        ['调查回收率（%）', percent(csat.responseRate)],
        ['重复来访率（%）', percent(r.repeatContacts.rate)],
        ['先行赔付笔数', comp.count],
        ['先行赔付金额（元）', yuan(comp.amountCents)],
      ],
    },
    {
      id: 'byCategory',
      title: '按问题类别的会话量',
      bars: true,
      columns: ['类别', '会话数', '占比（%）'],
      rows: v.byCategory.map((c) => [categoryName(c.key), c.count, share(c.count, v.total)]),
    },
    {
      id: 'byChannel',
      title: '按渠道的会话量',
      bars: true,
      columns: ['渠道', '会话数', '占比（%）'],
      rows: v.byChannel.map((c) => [CHANNEL_ZH[c.key], c.count, share(c.count, v.total)]),
    },
    {
      id: 'byDay',
      title: '每日会话量（北京时间）',
      columns: ['日期', '合计', ...channels.map((c) => CHANNEL_ZH[c])],
      rows: v.byDay.map((d) => [d.day, d.total, ...channels.map((c) => d.byChannel[c] ?? 0)]),
    },
    {
      id: 'byDayCategory',
      title: '每日会话量（按问题类别）',
      columns: ['日期', '合计', ...categories.map(categoryName)],
      rows: v.byDay.map((d) => [d.day, d.total, ...categories.map((c) => d.byCategory[c] ?? 0)]),
    },
    {
      id: 'times',
      title: '响应与解决时长',
      columns: ['指标', '样本数', 'P50', 'P90', 'P99'],
      rows: [times('首次响应（秒）', t.firstResponse, seconds), times('解决时长（分钟）', t.resolution, minutes)],
    },
    {
      id: 'slaByPolicy',
      title: 'SLA 达成（按策略）',
      columns: ['SLA 策略', '达成', '超时', '达成率（%）'],
      rows: [...sla.byPolicy, sla.overall].map((a) => [
        a.key === 'overall' ? '合计' : policyName(a.key),
        a.met,
        a.breached,
        percent(a.attainment),
      ]),
    },
    {
      id: 'slaByPriority',
      title: 'SLA 达成（按优先级）',
      columns: ['优先级', '达成', '超时', '达成率（%）'],
      rows: sla.byPriority.map((a) => [PRIORITY_ZH[a.key], a.met, a.breached, percent(a.attainment)]),
    },
    {
      id: 'csat',
      title: '满意度评分分布',
      columns: ['评分', '份数'],
      rows: csat.distribution.map((n, i) => [`${i + 1} 分`, n]),
    },
    {
      id: 'compensationByCause',
      title: '先行赔付（按原因）',
      bars: true,
      columns: ['原因', '笔数', '金额（元）'],
      rows: comp.byCause.map((c) => [c.key, c.count, yuan(c.amountCents)]),
    },
    {
      id: 'compensationByLiability',
      title: '先行赔付（按责任方）',
      columns: ['责任方', '笔数', '金额（元）'],
      rows: comp.byLiability.map((c) => [LIABLE_ZH[c.key], c.count, yuan(c.amountCents)]),
    },
    {
      id: 'supplierLiability',
      title: '供货商责任（待向供货商结算）',
      columns: ['供货商', '笔数', '金额（元）', '待结算（元）', '已结算（元）'],
      rows: comp.bySupplier.map((s) => [s.supplier, s.count, yuan(s.amountCents), yuan(s.pendingCents), yuan(s.settledCents)]),
    },
  ];
}

export const reportTitle = (r: ServiceReport) => `Kadesk 客户服务月度报告 ${r.period.label}`;
