import type { ServiceReport } from '../../../protocol/reports';
import { type Cell, reportTables, reportTitle } from './document';

// Excel opens a CSV as UTF-8 only when it starts with a byte order mark; without it the
// Chinese text turns into mojibake on a Chinese Windows (which assumes GBK).
const BOM = '\uFEFF';

/**
 * One CSV cell. Text that a spreadsheet would run as a formula (a cause typed by an agent
 * starting with = + - @) is prefixed with an apostrophe; quotes, commas and line breaks are quoted.
 */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The whole report as one CSV file: a title line, then each table under its title, a blank line between. */
export function reportCsv(r: ServiceReport): string {
  const lines = [csvCell(reportTitle(r)), ''];
  for (const t of reportTables(r)) {
    lines.push(csvCell(t.title), t.columns.map(csvCell).join(','));
    for (const row of t.rows) lines.push(row.map(csvCell).join(','));
    lines.push('');
  }
  return BOM + lines.join('\r\n');
}
