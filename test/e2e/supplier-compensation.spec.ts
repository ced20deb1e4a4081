import { expect, test } from '@playwright/test';
import { serverApi } from './api';
import { serverForThisFile } from './file-server';
import { openByOrder, signIn } from './workstation';

// Acceptance story 1, the agent's side: a "not received" ticket about a 王者荣耀 point card
// whose supplier is congested (the demo's sandbox supplier). From the order the agent checks
// the supplier (congested, about 15 minutes), grants a coupon, is refused a refund above the
// agent's limit, and reissues the card key once the supplier recovers. Offline, the check
// says it needs the network while the rest of the panel keeps working.

const server = serverForThisFile();

const { call: api, login, workspace } = serverApi(() => server.url);

test('the agent checks the supplier from the order, compensates within the limits and reissues the key', async ({ browser }) => {
  const lead = await login('lead', 'kadesk-lead');
  const data = await workspace(lead);
  const orders = new Map((data.get('orders') ?? []).map((o) => [o.id, o]));
  const supplierTeam = (data.get('teams') ?? []).find((t) => t.kind === 'supplier')!;
  // A "not received" ticket of a 王者荣耀 point card, in the supplier liaison queue.
  const conversation = (data.get('conversations') ?? []).find((c) => {
    const order = typeof c.orderId === 'string' ? orders.get(c.orderId) : undefined;
    return c.subject === '点卡显示已使用但没到账' && c.teamId === supplierTeam.id && order?.product === '王者荣耀 60元点券卡' && c.status !== 'resolved';
  });
  expect(conversation, 'the demo has an open "not received" 王者荣耀 point-card ticket').toBeDefined();
  const orderId = conversation!.orderId as string;
  const supplierName = orders.get(orderId)!.supplier as string;

  const ctx = await browser.newContext();
  const agent = await ctx.newPage();
  // agent06 works the supplier liaison queue.
  await signIn(agent, server.url, 'agent06');
  await openByOrder(agent, orderId);
  const panel = agent.getByTestId('customer-panel');
  // agent06 is not in the security team: no freeze or transaction flow for them.
  await expect(panel.getByTestId('case-actions')).toBeVisible();
  await expect(panel.getByTestId('case-freeze')).toHaveCount(0);

  // One click on the order: the upstream channel is congested, recovery in about 15 minutes.
  const order = panel.getByTestId('order').filter({ hasText: orderId });
  await order.getByTestId('order-lookup').click();
  const lookup = panel.getByTestId('supplier-lookup');
  await expect(lookup.getByTestId('supplier-health').locator('[data-state]')).toHaveAttribute('data-state', 'congested');
  await expect(lookup.getByTestId('supplier-health')).toContainText('上游通道拥堵，预计 15 分钟恢复');
  await expect(lookup.getByTestId('supplier-keys')).toContainText('已兑换');
  await expect(lookup.getByTestId('supplier-inventory')).toContainText('可用');
  await expect(lookup.getByTestId('supplier-distribution').locator('code').first()).toBeVisible();

  // While congested the supplier refuses to reissue, and says why.
  await lookup.getByTestId('reissue-start').click();
  await lookup.getByTestId('reissue-confirm').click();
  await expect(lookup.getByTestId('reissue-result')).toHaveAttribute('data-status', 'rejected');
  await expect(lookup.getByTestId('reissue-result')).toContainText('通道拥堵');

  // A coupon, from the keyboard: c opens the form with the agent's limit.
  await agent.locator('.inbox').focus();
  await agent.keyboard.press('c');
  const dialog = agent.getByTestId('compensation-dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId('compensation-limit')).toContainText('20.00');
  await dialog.getByTestId('compensation-kind').selectOption('coupon');
  await dialog.getByTestId('compensation-amount').fill('5');
  await dialog.getByTestId('compensation-submit').click();
  await expect(dialog.getByTestId('compensation-result')).toContainText('5.00');
  // Pressing again with the same form replays the grant rather than paying twice.
  await dialog.getByTestId('compensation-submit').click();
  await expect(dialog.getByTestId('compensation-result')).toContainText('未重复发放');

  // A refund above the agent's ¥50 limit: the limit is shown and the server's refusal too.
  await dialog.getByTestId('compensation-kind').selectOption('refund');
  await expect(dialog.getByTestId('compensation-limit')).toContainText('50.00');
  await dialog.getByTestId('compensation-amount').fill('60');
  await dialog.getByTestId('compensation-submit').click();
  const refusal = dialog.getByTestId('compensation-error');
  await expect(refusal).toHaveAttribute('data-kind', 'refused');
  await expect(refusal).toContainText('上限');
  await agent.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  // Escape closed only the dialog; the conversation stays open.
  await expect(agent.getByTestId('thread')).toBeVisible();

  // The ticket's compensations: exactly one coupon, the refused refund is not among them.
  await expect(panel.getByTestId('compensation')).toHaveCount(1);
  await expect(panel.getByTestId('compensation').first()).toHaveAttribute('data-kind', 'coupon');
  // The customer was told about the coupon in the conversation.
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: '优惠券' }).last()).toBeVisible();

  // The supplier recovers; o checks again and the reissue goes through.
  const admin = await login('admin', 'kadesk-admin');
  const { suppliers } = await api<{ suppliers: Array<{ id: string; name: string }> }>('/api/admin/suppliers', 'GET', undefined, admin);
  const supplier = suppliers.find((s) => s.name === supplierName)!;
  await api('/api/admin/supplier-sandbox/scenario', 'PUT', { supplierId: supplier.id, scenario: 'healthy' }, admin);
  await agent.locator('.inbox').focus();
  await agent.keyboard.press('o');
  await expect(lookup.getByTestId('supplier-health').locator('[data-state]')).toHaveAttribute('data-state', 'healthy');
  // Shift+O asks for the reissue; Enter confirms it.
  await agent.keyboard.press('Shift+O');
  await expect(lookup.getByTestId('reissue-reason')).toBeFocused();
  await agent.keyboard.press('Enter');
  await expect(lookup.getByTestId('reissue-result')).toHaveAttribute('data-status', 'issued');
  await expect(lookup.getByTestId('reissue-result')).toContainText(/\*{4}-\*{4}-\*{4}-\w{4}/);

  // The supplier stops answering: the check says so and shows the last known state with its age.
  await api(
    '/api/admin/supplier-sandbox/scenario',
    'PUT',
    { supplierId: supplier.id, scenario: { channel: 'healthy', etaMinutes: null, delayMs: 0, failNext: 1000 } },
    admin,
  );
  await agent.keyboard.press('o');
  await expect(lookup.getByTestId('supplier-banner')).toContainText('上游供应商暂时无法查询');
  await expect(lookup.getByTestId('supplier-health')).toHaveAttribute('data-kind', 'stale');
  await expect(lookup.getByTestId('supplier-stale').first()).toContainText(/缓存 · \d+ (秒|分钟)前/);

  // Offline: the check says it needs the network; the cached panel stays readable.
  await ctx.setOffline(true);
  await expect(agent.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
  await agent.locator('.inbox').focus();
  await agent.keyboard.press('o');
  await expect(lookup.getByTestId('supplier-offline')).toContainText('需要网络');
  await expect(lookup.getByTestId('supplier-last-known')).toBeVisible();
  await expect(panel.getByTestId('order').filter({ hasText: orderId })).toBeVisible();
  await ctx.close();
});

test('a supervisor opens and decides a dispute, reads the transaction flow and freezes the account, all from the keyboard', async ({ browser }) => {
  const lead = await login('lead', 'kadesk-lead');
  const data = await workspace(lead);
  const customers = new Map((data.get('customers') ?? []).map((c) => [c.id, c]));
  const conversation = (data.get('conversations') ?? []).find(
    (c) => c.category === 'refund_dispute' && typeof c.orderId === 'string' && c.status !== 'resolved' && customers.get(c.customerId as string)?.frozen === false,
  );
  expect(conversation, 'the demo has an open refund dispute ticket with an order').toBeDefined();

  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  await signIn(page, server.url, 'lead');
  await openByOrder(page, conversation!.orderId as string);
  const panel = page.getByTestId('customer-panel');
  await expect(panel.getByTestId('customer-frozen')).toHaveCount(0);

  // Shift+D: open a dispute with the chat log as evidence; the review deadline counts down from 24 h.
  await page.locator('.inbox').focus();
  await page.keyboard.press('Shift+D');
  const disputes = page.getByTestId('dispute-dialog');
  await disputes.getByTestId('dispute-reason').fill('客户称商品与描述不符，要求全额退款');
  await disputes.getByTestId('dispute-submit').click();
  const dispute = disputes.getByTestId('dispute');
  await expect(dispute).toHaveAttribute('data-status', 'open');
  await expect(dispute.getByTestId('dispute-countdown')).toContainText(/审核剩余 (23 小时 5\d|24 小时 0) 分/);
  await expect(dispute).toContainText('本会话聊天记录');

  // A supervisor decides it: explain the rule, no refund.
  await disputes.getByTestId('verdict-explanation').fill('经核实商品与描述一致，按平台规则不予退款。');
  await disputes.getByTestId('verdict-submit').click();
  await expect(dispute).toHaveAttribute('data-status', 'decided');
  await expect(dispute).toContainText('说明规则，不退款');
  await page.keyboard.press('Escape');
  await expect(disputes).toHaveCount(0);
  await expect(panel.getByTestId('dispute')).toHaveAttribute('data-status', 'decided');

  // The ? list names the casework keys.
  await page.keyboard.press('?');
  await expect(page.getByTestId('shortcut-help')).toContainText('查询上游供应商');
  await expect(page.getByTestId('shortcut-help')).toContainText('Shift+f');
  await page.keyboard.press('Escape');

  // Shift+T: the transaction flow, with the purchase in it.
  await page.locator('.inbox').focus();
  await page.keyboard.press('Shift+T');
  const flow = page.getByTestId('transactions-dialog');
  await expect(flow.getByTestId('transactions')).toContainText('购买');
  await expect(flow.getByTestId('transactions-totals')).toContainText('支付');
  await page.keyboard.press('Escape');

  // Shift+F: freezing needs a reason and a confirmation; the panel then shows the account frozen.
  await page.locator('.inbox').focus();
  await page.keyboard.press('Shift+F');
  const freeze = page.getByTestId('freeze-dialog');
  await freeze.getByTestId('freeze-confirm').click();
  await expect(freeze).toContainText('请填写原因');
  await freeze.getByTestId('freeze-reason').fill('疑似盗号，账户异常登录');
  await freeze.getByTestId('freeze-confirm').click();
  await expect(freeze.getByTestId('freeze-result')).toContainText('账户已冻结');
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('customer-frozen')).toBeVisible();

  // A frozen account gets no compensation: the server says so. (From the palette this time.)
  await page.keyboard.press('Control+k');
  await page.keyboard.type('先行赔付优惠券');
  await expect(page.getByTestId('palette-option').first()).toContainText('先行赔付：优惠券');
  await page.keyboard.press('Enter');
  const compensation = page.getByTestId('compensation-dialog');
  await expect(compensation.getByTestId('compensation-kind')).toHaveValue('coupon');
  await compensation.getByTestId('compensation-amount').fill('5');
  await compensation.getByTestId('compensation-submit').click();
  await expect(compensation.getByTestId('compensation-error')).toHaveAttribute('data-kind', 'refused');
  await ctx.close();
});
