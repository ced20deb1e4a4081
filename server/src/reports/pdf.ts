import PDFDocument from 'pdfkit';
import type { ServiceReport } from '../../../protocol/reports';
import { chinaWallClock } from '../casework/china-time';
import { type Cell, type ReportTable, reportTables, reportTitle } from './document';
import type { FontFile } from './font';
import { CHANNEL_ZH } from './labels';

/** No font with Chinese glyphs could be loaded. */
export class NoReportFontError extends Error {
  constructor(readonly tried: string[]) {
    super(`no Chinese font could be loaded (tried: ${tried.join(', ') || 'none found'})`);
    this.name = 'NoReportFontError';
  }
}

const MARGIN = 42;
const ROW = 16;
const INK = '#1f2933';
const MUTED = '#6b7785';
const ACCENT = '#2f6fde';
const RULE = '#d5dbe3';

type Doc = PDFKit.PDFDocument;

function useChineseFont(doc: Doc, fonts: readonly FontFile[]): void {
  for (const f of fonts) {
    for (const face of f.faces.length > 0 ? f.faces : [undefined]) {
      try {
        doc.registerFont('report', f.path, face);
        doc.font('report');
        return;
      } catch {
        // A missing file or a face the collection does not have: try the next one.
      }
    }
  }
  throw new NoReportFontError(fonts.map((f) => f.path));
}

const text = (c: Cell) => (c === null ? '—' : String(c));
const bottom = (doc: Doc) => doc.page.height - MARGIN;

function ensureRoom(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

function drawTable(doc: Doc, t: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  const first = t.columns.length > 3 ? width * 0.3 : width * 0.45;
  const rest = (width - first) / (t.columns.length - 1);
  const xOf = (i: number) => MARGIN + (i === 0 ? 0 : first + (i - 1) * rest);
  const widthOf = (i: number) => (i === 0 ? first : rest) - 6;
  const row = (cells: Cell[], color: string) => {
    ensureRoom(doc, ROW);
    const y = doc.y;
    doc.fillColor(color).fontSize(9);
    cells.forEach((c, i) => doc.text(text(c), xOf(i), y + 3, { width: widthOf(i), lineBreak: false, ellipsis: true, align: i === 0 ? 'left' : 'right' }));
    doc.moveTo(MARGIN, y + ROW).lineTo(MARGIN + width, y + ROW).lineWidth(0.5).strokeColor(RULE).stroke();
    doc.x = MARGIN;
    doc.y = y + ROW;
    return y;
  };
  ensureRoom(doc, 3 * ROW + 8);
  doc.moveDown(0.6).fillColor(INK).fontSize(12).text(t.title, MARGIN);
  doc.moveDown(0.2);
  row(t.columns, MUTED);
  if (t.rows.length === 0) {
    row(['本期无数据', ...t.columns.slice(1).map(() => null)], MUTED);
    return;
  }
  const max = Math.max(...t.rows.map((r) => Number(r[1]) || 0), 1);
  for (const r of t.rows) {
    const y = row(r, INK);
    if (t.bars) {
      const barWidth = (widthOf(0) * 0.45 * (Number(r[1]) || 0)) / max;
      doc.rect(xOf(0) + widthOf(0) * 0.55, y + 5, barWidth, ROW - 9).fill(ACCENT);
    }
  }
}

/** Conversations per day as columns, with the day of month under every fifth. */
function drawDailyChart(doc: Doc, r: ServiceReport): void {
  const days = r.volume.byDay;
  const height = 110;
  ensureRoom(doc, height + 40);
  doc.moveDown(0.6).fillColor(INK).fontSize(12).text('每日会话量（北京时间）', MARGIN);
  const top = doc.y + 6;
  const width = doc.page.width - 2 * MARGIN;
  const max = Math.max(...days.map((d) => d.total), 1);
  const slot = width / Math.max(days.length, 1);
  doc.moveTo(MARGIN, top + height).lineTo(MARGIN + width, top + height).lineWidth(0.5).strokeColor(RULE).stroke();
  doc.fontSize(7).fillColor(MUTED).text(String(max), MARGIN, top - 2, { lineBreak: false });
  days.forEach((d, i) => {
    const h = (height * d.total) / max;
    if (h > 0) doc.rect(MARGIN + i * slot + slot * 0.15, top + height - h, slot * 0.7, h).fill(ACCENT);
    if (i % 5 === 0) doc.fontSize(7).fillColor(MUTED).text(d.day.slice(5), MARGIN + i * slot, top + height + 3, { lineBreak: false });
  });
  doc.x = MARGIN;
  doc.y = top + height + 16;
}

/**
 * The monthly service report as an A4 PDF: title, the summary and every table of the CSV,
 * with a daily volume chart and bars for the volume and compensation breakdowns.
 */
export async function reportPdf(r: ServiceReport, fonts: readonly FontFile[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: reportTitle(r), Author: 'Kadesk', Creator: 'Kadesk' } });
  useChineseFont(doc, fonts);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.fillColor(INK).fontSize(18).text(reportTitle(r));
  doc
    .fontSize(9)
    .fillColor(MUTED)
    .text(`期间 ${r.period.from} 至 ${r.period.to}（北京时间） · 生成于 ${chinaWallClock(new Date(r.generatedAt)).toISOString().slice(0, 16).replace('T', ' ')} · 渠道 ${r.volume.byChannel.map((c) => CHANNEL_ZH[c.key]).join('、') || '—'}`);
  const [summary, ...rest] = reportTables(r);
  drawTable(doc, summary!);
  drawDailyChart(doc, r);
  // The daily tables are too wide for a page; the CSV keeps them, the PDF shows the chart.
  for (const t of rest) if (t.id !== 'byDay' && t.id !== 'byDayCategory') drawTable(doc, t);
  doc.end();
  return done;
}
