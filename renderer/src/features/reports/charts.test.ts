import { describe, expect, it } from 'vitest';
import type { ServiceReport } from '../../../../protocol';
import {
  compensationByCause,
  formatDuration,
  formatPercent,
  REPORT_CHARTS,
  slaByPolicy,
  supplierLiability,
  times,
  volumeByCategory,
  volumeByDay,
  volumeByDayAndCategory,
} from './charts';
import { chinaMonth, exportFileName, isMonth, shiftMonth } from './month';

// Keys come back with their values, so the tests see what would be translated.
const tr = (key: string, options?: Record<string, unknown>) => (options ? `${key}${JSON.stringify(options)}` : key);

const REPORT: ServiceReport = {
  period: { label: '2026-11', from: '2026-11-01', to: '2026-11-30', start: '', end: '', timeZone: 'Asia/Shanghai' },
  generatedAt: '2026-12-01T00:00:00.000Z',
  volume: {
    total: 4,
    byCategory: [
      { key: 'how_to', count: 3 },
      { key: 'unclassified', count: 1 },
    ],
    byChannel: [
      { key: 'webchat', count: 3 },
      { key: 'email', count: 1 },
    ],
    byDay: [
      { day: '2026-11-01', total: 3, byCategory: { how_to: 2, unclassified: 1 }, byChannel: { webchat: 2, email: 1 } },
      { day: '2026-11-02', total: 1, byCategory: { how_to: 1 }, byChannel: { webchat: 1 } },
    ],
  },
  times: {
    firstResponse: { count: 2, p50: 30_000, p90: 90_000, p99: 90_000 },
    resolution: { count: 0, p50: null, p90: null, p99: null },
  },
  sla: {
    overall: { key: 'overall', met: 3, breached: 1, attainment: 0.75 },
    byPolicy: [
      { key: 'chat', met: 2, breached: 1, attainment: 2 / 3 },
      { key: 'vip-gold', met: 1, breached: 0, attainment: 1 },
    ],
    byPriority: [],
  },
  firstContactResolution: { resolved: 4, firstContact: 3, rate: 0.75 },
  csat: { sent: 0, answered: 0, responseRate: null, average: null, csat: null, distribution: [0, 0, 0, 0, 0] },
  repeatContacts: { conversations: 4, repeats: 0, rate: 0 },
  compensation: {
    count: 2,
    amountCents: 2550,
    byCause: [
      { key: '卡密失效', count: 1, amountCents: 2000 },
      { key: '到账延迟', count: 1, amountCents: 550 },
    ],
    byLiability: [],
    bySupplier: [{ supplier: '星河卡业', count: 2, amountCents: 2550, pendingCents: 550, settledCents: 2000 }],
  },
};

describe('report charts', () => {
  it('stacks each channel per day', () => {
    const o = volumeByDay(REPORT, tr);
    expect(o.xAxis).toEqual({ type: 'category', data: ['11-01', '11-02'] });
    expect(o.series).toEqual([
      { type: 'bar', stack: 'volume', name: 'channel.webchat', data: [2, 1] },
      { type: 'bar', stack: 'volume', name: 'channel.email', data: [1, 0] },
    ]);
  });

  it('stacks each category per day, most frequent first', () => {
    expect((volumeByDayAndCategory(REPORT, tr).series as Array<{ name: string; data: number[] }>).map((s) => [s.name, s.data])).toEqual([
      ['category.how_to', [2, 1]],
      ['reports.chart.unclassified', [1, 0]],
    ]);
  });

  it('lists categories largest at the top, naming the unclassified', () => {
    const o = volumeByCategory(REPORT, tr);
    expect(o.yAxis).toMatchObject({ data: ['reports.chart.unclassified', 'category.how_to'] });
    expect(o.series).toEqual([{ type: 'bar', name: 'reports.kpi.volume', data: [1, 3] }]);
  });

  it('shows percentiles in minutes, gaps where there is no sample', () => {
    const o = times(REPORT, tr);
    expect((o.series as Array<{ data: unknown[] }>).map((s) => s.data)).toEqual([
      [0.5, 1.5, 1.5],
      [null, null, null],
    ]);
  });

  it('labels SLA rows with their attainment and keeps an unknown policy’s id', () => {
    const o = slaByPolicy(REPORT, (key, options) => (key === 'reports.policy.chat' ? '在线会话' : tr(key, options)));
    expect(o.yAxis).toMatchObject({ data: ['vip-gold 100%', '在线会话 66.7%'] });
    expect((o.series as Array<{ name: string; data: number[] }>).map((s) => [s.name, s.data])).toEqual([
      ['reports.chart.met', [1, 2]],
      ['reports.chart.breached', [0, 1]],
    ]);
  });

  it('shows money in yuan', () => {
    expect((compensationByCause(REPORT, tr).series as Array<{ data: number[] }>)[0]!.data).toEqual([5.5, 20]);
    expect((supplierLiability(REPORT, tr).series as Array<{ data: number[] }>).map((s) => s.data)).toEqual([[5.5], [20]]);
  });

  it('leaves out charts with nothing to show', () => {
    expect(REPORT_CHARTS.filter((c) => !c.has(REPORT)).map((c) => c.id)).toEqual(['slaByPriority', 'csat']);
  });

  it('formats durations and shares as people read them', () => {
    expect(formatDuration(25_400, tr)).toBe('reports.unit.s{"n":25}');
    expect(formatDuration(750_000, tr)).toBe('reports.unit.min{"n":12.5}');
    expect(formatDuration(205_200_000, tr)).toBe('reports.unit.h{"n":57}');
    expect(formatDuration(null, tr)).toBe('—');
    expect([formatPercent(2 / 3), formatPercent(null), formatPercent(1)]).toEqual(['66.7%', '—', '100%']);
  });
});

describe('report months', () => {
  it('are China-time calendar months', () => {
    expect(chinaMonth(Date.parse('2026-11-30T15:59:59Z'))).toBe('2026-11');
    expect(chinaMonth(Date.parse('2026-11-30T16:00:00Z'))).toBe('2026-12');
    expect([shiftMonth('2026-12', 1), shiftMonth('2026-01', -1), shiftMonth('2026-11', -13)]).toEqual(['2027-01', '2025-12', '2025-10']);
    expect([isMonth('2026-11'), isMonth('2026-13'), isMonth('')]).toEqual([true, false, false]);
    expect(exportFileName('2026-11', 'pdf')).toBe('kadesk-service-report-2026-11.pdf');
  });
});
