import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { extractText, getDocumentProxy } from 'unpdf';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// Acceptance story 4, its end: the supervisor reads the month's service report and exports it.

const server = serverForThisFile();

const chinaMonth = (now: number) => new Date(now + 8 * 3_600_000).toISOString().slice(0, 7);
const previousMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 2, 1)).toISOString().slice(0, 7);
};

async function volumeShown(page: Page): Promise<number> {
  const text = await page.getByTestId('reports-kpi-volume').locator('strong').innerText();
  return Number(text);
}

test('an agent is told that reports are for supervisors', async ({ page }) => {
  await signIn(page, server.url, 'agent01');
  await page.keyboard.press('Shift+R');
  // The workspace refuses the command for the agent's role (or the screen says so): no figures either way.
  await expect(page.getByText('服务报表只对主管和管理员开放').first()).toBeVisible();
  await expect(page.getByTestId('reports-kpi-volume')).toHaveCount(0);
});

test('the lead opens the month’s report, sees its charts and exports it as CSV and PDF', async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, server.url, 'lead');

  // From the command palette, by its Chinese name.
  await page.keyboard.press('Control+k');
  await page.keyboard.type('服务报表');
  await page.keyboard.press('Enter');
  const reports = page.getByTestId('reports');
  await expect(reports).toBeVisible();
  const month = chinaMonth(Date.now());
  await expect(page.getByTestId('reports-month')).toHaveValue(month);
  await expect(page.getByTestId('reports-kpi-volume')).toBeVisible();
  expect(await volumeShown(page)).toBeGreaterThan(0);

  // The previous month is history only: every chart has something to draw.
  await page.keyboard.press('[');
  const last = previousMonth(month);
  await expect(page.getByTestId('reports-month')).toHaveValue(last);
  await expect(page.getByTestId('reports-kpi-volume')).toBeVisible();
  for (const id of ['byDay', 'byDayCategory', 'byCategory', 'times', 'slaByPolicy', 'slaByPriority', 'csat', 'compensationByCause', 'supplierLiability']) {
    const canvas = page.getByTestId(`reports-chart-${id}`).locator('canvas');
    await expect(canvas).toBeVisible();
    expect((await canvas.boundingBox())!.height).toBeGreaterThan(100);
  }
  const volume = await volumeShown(page);
  expect(volume).toBeGreaterThan(50);
  await expect(page.getByTestId('reports-kpi-sla')).toContainText('%');
  await expect(page.getByTestId('reports-kpi-csat')).toContainText('%');

  // CSV by key: Excel-ready (byte order mark), the same figures as the screen.
  const csvDownload = page.waitForEvent('download');
  await page.keyboard.press('c');
  const csv = await csvDownload;
  expect(csv.suggestedFilename()).toBe(`kadesk-service-report-${last}.csv`);
  const csvBytes = await readFile((await csv.path())!);
  expect([...csvBytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const lines = csvBytes.toString('utf8').slice(1).split('\r\n');
  expect(lines[0]).toBe(`Kadesk 客户服务月度报告 ${last}`);
  expect(lines).toContain(`会话量,${volume}`);
  await expect(page.getByTestId('reports-export-status')).toContainText(`已导出 kadesk-service-report-${last}.csv`);

  // PDF by button: a real PDF carrying the report's figures.
  const pdfDownload = page.waitForEvent('download');
  await page.getByTestId('reports-export-pdf').click();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`kadesk-service-report-${last}.pdf`);
  const pdfBytes = await readFile((await pdf.path())!);
  expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  const { text } = await extractText(await getDocumentProxy(new Uint8Array(pdfBytes)), { mergePages: true });
  const flat = text.replace(/\s+/g, '');
  expect(flat).toContain(`Kadesk客户服务月度报告${last}`);
  expect(flat).toContain(`会话量${volume}`);
  await expect(page.getByTestId('reports-export-status')).toContainText(`kadesk-service-report-${last}.pdf`);

  await page.keyboard.press('Escape');
  await expect(reports).toBeHidden();
  await expect(page.getByTestId('inbox-list')).toBeVisible();
});
