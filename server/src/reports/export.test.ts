import { extractText, getDocumentProxy } from 'unpdf';
import { describe, expect, it } from 'vitest';
import type { ServiceReport } from '../../../protocol/reports';
import { csvCell, reportCsv } from './csv';
import { reportFontCandidates } from './font';
import { NoReportFontError, reportPdf } from './pdf';

const REPORT: ServiceReport = {
  period: {
    label: '2026-11',
    from: '2026-11-01',
    to: '2026-11-30',
    start: '2026-10-31T16:00:00.000Z',
    end: '2026-11-30T16:00:00.000Z',
    timeZone: 'Asia/Shanghai',
  },
  generatedAt: '2026-12-01T01:00:00.000Z',
  volume: {
    total: 3,
    byCategory: [
      { key: 'delivery_delayed', count: 2 },
      { key: 'unclassified', count: 1 },
    ],
    byChannel: [
      { key: 'webchat', count: 2 },
      { key: 'email', count: 1 },
    ],
    byDay: [
      { day: '2026-11-01', total: 2, byCategory: { delivery_delayed: 2 }, byChannel: { webchat: 1, email: 1 } },
      { day: '2026-11-02', total: 1, byCategory: { unclassified: 1 }, byChannel: { webchat: 1 } },
    ],
  },
  times: {
    firstResponse: { count: 2, p50: 25_000, p90: 95_000, p99: 95_000 },
    resolution: { count: 2, p50: 750_000, p90: 7_500_000, p99: 7_500_000 },
  },
  sla: {
    overall: { key: 'overall', met: 1, breached: 1, attainment: 0.5 },
    byPolicy: [
      { key: 'chat', met: 1, breached: 0, attainment: 1 },
      { key: 'email', met: 0, breached: 1, attainment: 0 },
    ],
    byPriority: [{ key: 'normal', met: 1, breached: 1, attainment: 0.5 }],
  },
  firstContactResolution: { resolved: 2, firstContact: 1, rate: 0.5 },
  csat: { sent: 4, answered: 3, responseRate: 0.75, average: 4, csat: 2 / 3, distribution: [0, 0, 1, 1, 1] },
  repeatContacts: { conversations: 3, repeats: 1, rate: 1 / 3 },
  compensation: {
    count: 2,
    amountCents: 2550,
    byCause: [
      { key: '通道拥堵, 延迟 "到账"', count: 1, amountCents: 2000 },
      { key: '=HYPERLINK("x")', count: 1, amountCents: 550 },
    ],
    byLiability: [{ key: 'supplier', count: 2, amountCents: 2550 }],
    bySupplier: [{ supplier: '星河卡业', count: 2, amountCents: 2550, pendingCents: 550, settledCents: 2000 }],
  },
};

describe('CSV export', () => {
  const csv = reportCsv(REPORT);
  const lines = csv.slice(1).split('\r\n');

  it('starts with a UTF-8 byte order mark so that Excel reads the Chinese', () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(lines[0]).toBe('Kadesk 客户服务月度报告 2026-11');
  });

  it('writes the summary figures in display units', () => {
    expect(lines).toContain('报表期间,2026-11-01 至 2026-11-30');
    expect(lines).toContain('会话量,3');
    expect(lines).toContain('首次响应 P50（秒）,25');
    expect(lines).toContain('解决时长 P90（分钟）,125');
    expect(lines).toContain('SLA 达成率（%）,50');
    expect(lines).toContain('满意度 CSAT（%，4–5 分占比）,66.7');
    expect(lines).toContain('重复来访率（%）,33.3');
    expect(lines).toContain('先行赔付金额（元）,25.50');
  });

  it('writes every table under its title', () => {
    const after = (title: string, n: number) => lines.slice(lines.indexOf(title) + 1, lines.indexOf(title) + 1 + n);
    expect(after('按问题类别的会话量', 3)).toEqual(['类别,会话数,占比（%）', '到账延迟/未到账,2,66.7', '未分类,1,33.3']);
    expect(after('每日会话量（北京时间）', 3)).toEqual(['日期,合计,在线客服,客服邮箱', '2026-11-01,2,1,1', '2026-11-02,1,1,0']);
    expect(after('每日会话量（按问题类别）', 3)).toEqual(['日期,合计,到账延迟/未到账,未分类', '2026-11-01,2,2,0', '2026-11-02,1,0,1']);
    expect(after('响应与解决时长', 3)).toEqual(['指标,样本数,P50,P90,P99', '首次响应（秒）,2,25,95,95', '解决时长（分钟）,2,12.5,125,125']);
    expect(after('SLA 达成（按策略）', 4)).toEqual(['SLA 策略,达成,超时,达成率（%）', '在线会话,1,0,100', '客服邮箱,0,1,0', '合计,1,1,50']);
    expect(after('满意度评分分布', 6)).toEqual(['评分,份数', '1 分,0', '2 分,0', '3 分,1', '4 分,1', '5 分,1']);
    expect(after('供货商责任（待向供货商结算）', 2)).toEqual(['供货商,笔数,金额（元）,待结算（元）,已结算（元）', '星河卡业,2,25.50,5.50,20.00']);
  });

  it('quotes separators and defuses text a spreadsheet would run as a formula', () => {
    expect(lines).toContain('"通道拥堵, 延迟 ""到账""",1,20.00');
    expect(lines).toContain(`"'=HYPERLINK(""x"")",1,5.50`);
    expect(csvCell('-1')).toBe("'-1");
    expect(csvCell(-1)).toBe('-1');
    expect(csvCell(null)).toBe('');
  });
});

describe('PDF export', () => {
  it('is a valid PDF with the report title and figures in an embedded Chinese font', async () => {
    const pdf = await reportPdf(REPORT, reportFontCandidates());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    // A subset of the font travels inside the file, so it reads the same on any machine.
    expect(pdf.toString('latin1')).toMatch(/\/FontFile[23]? /);
    const doc = await getDocumentProxy(new Uint8Array(pdf));
    const { text, totalPages } = await extractText(doc, { mergePages: true });
    expect(totalPages).toBeGreaterThanOrEqual(1);
    const flat = text.replace(/\s+/g, '');
    for (const expected of ['Kadesk客户服务月度报告2026-11', '生成于2026-12-0109:00', '会话量3', '首次响应P50（秒）25', 'SLA达成率（%）50', '星河卡业', '到账延迟/未到账']) {
      expect(flat).toContain(expected);
    }
  });

  it('says which fonts it tried when none can write Chinese', async () => {
    const missing = [{ path: '/nonexistent/font.ttc', faces: ['Nope'] }];
    await expect(reportPdf(REPORT, missing)).rejects.toThrow(NoReportFontError);
    await expect(reportPdf(REPORT, missing)).rejects.toThrow('/nonexistent/font.ttc');
  });

  it('looks for KADESK_REPORT_FONT first, then the system fonts that exist', () => {
    const exists = (p: string) => p.endsWith('wqy-microhei.ttc') && p.startsWith('/usr/share/fonts/truetype');
    expect(reportFontCandidates({ KADESK_REPORT_FONT: '/opt/fonts/x.ttc#XSans-Regular' }, exists)).toEqual([
      { path: '/opt/fonts/x.ttc', faces: ['XSans-Regular'] },
      { path: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc', faces: ['WenQuanYiMicroHei'] },
    ]);
    expect(reportFontCandidates({}, () => false)).toEqual([]);
  });
});
