import { expect, test, type Page } from '@playwright/test';
import { serverApi } from './api';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// A supervisor tells the customers of one product from one supplier about a problem, from
// the command palette with the keyboard alone: preview the audience, send, watch progress.
// An agent is not offered the command.

const server = serverForThisFile();

const { call: api, login: signInApi, workspace } = serverApi(() => server.url);

async function openDialog(page: Page) {
  await page.keyboard.press('Control+k');
  await expect(page.getByTestId('palette')).toBeVisible();
  await page.keyboard.type('主动通知');
  await expect(page.getByTestId('palette-option').first()).toContainText('主动通知');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('proactive-dialog')).toBeVisible();
}

test('a supervisor previews and sends a notice to the affected customers, once', async ({ page }) => {
  const lead = await signInApi('lead', 'kadesk-lead');
  // A demo customer who uses the web chat, and one of their orders: its product and supplier make the audience.
  const data = await workspace(lead);
  const rows = (table: string) => data.get(table) ?? [];
  const webchatCustomers = new Set(
    rows('customers')
      .filter((c) => (c.identities as Array<{ channel: string }>).some((i) => i.channel === 'webchat'))
      .map((c) => c.id),
  );
  const order = rows('orders').find((o) => webchatCustomers.has(o.customerId as string))!;
  expect(order, 'the demo has a web chat customer with an order').toBeDefined();
  const audience = { product: order.product as string, supplier: order.supplier as string };
  const expected = await api<{ customers: number; unreachable: number }>('/api/proactive/preview', 'POST', { audience }, lead);

  await signIn(page, server.url, 'lead');
  await openDialog(page);
  // The first field has focus; Tab moves through the form, Enter previews, Enter again sends.
  await page.keyboard.type(audience.product);
  await page.keyboard.press('Tab');
  await page.keyboard.type(audience.supplier);
  await page.getByTestId('proactive-subject').fill('充值通道维护通知');
  await page.getByTestId('proactive-body').fill('您好，该商品的上游通道今晚维护，到账可能延迟，给您带来不便敬请谅解。');
  await page.getByTestId('proactive-subject').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('proactive-preview')).toContainText(`将通知 ${expected.customers} 位客户`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('proactive-progress')).toContainText(`发送完成：${expected.customers - expected.unreachable} 位客户收到通知`, { timeout: 30_000 });

  const notices = await api<{ notices: Array<{ sent: number; total: number; state: string }> }>('/api/proactive/notices', 'GET', undefined, lead);
  expect(notices.notices).toHaveLength(1);
  expect(notices.notices[0]).toMatchObject({ state: 'done', total: expected.customers, sent: expected.customers - expected.unreachable });

  // Escape closes it and the inbox has the keyboard again.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('proactive-dialog')).toHaveCount(0);
});

test('an agent is not offered the command', async ({ page }) => {
  await signIn(page, server.url, 'agent01');
  await page.keyboard.press('Control+k');
  await page.keyboard.type('主动通知');
  await expect(page.getByTestId('palette-input')).toHaveValue('主动通知');
  await expect(page.getByTestId('palette-option').filter({ hasText: '主动通知' })).toHaveCount(0);
});
