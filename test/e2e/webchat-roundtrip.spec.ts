import { expect, test, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { writeInWebChat } from './widget';

// Acceptance path of the walking skeleton: widget → agent inbox (no refresh) → reply →
// widget; then the agent goes offline, replies twice, comes back, and the customer gets
// both replies exactly once.

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
  await offShift('agent02');
});

/**
 * The pipeline assigns new tickets to an online agent of the right team with free capacity.
 * agent01 and agent02 staff the general team; with agent02 away, a general question is
 * either given to agent01 or waits in the team's queue, and agent01 can answer it.
 */
async function offShift(login: string) {
  const api = async (path: string, method: string, body: unknown, token?: string) => {
    const res = await fetch(server.url + path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status}`);
    return res.json();
  };
  const { token } = (await api('/api/auth/login', 'POST', { login: 'lead', password: 'kadesk-lead' })) as { token: string };
  const pulled = (await api('/api/sync/pull', 'POST', { cursor: 0, limit: 2000 }, token)) as {
    changes: Array<{ table: string; row: { id: string; login?: string } }>;
  };
  const agent = pulled.changes.find((c) => c.table === 'agents' && c.row.login === login);
  if (!agent) throw new Error(`no agent ${login}`);
  await api(`/api/agents/${agent.row.id}`, 'PATCH', { status: 'away' }, token);
}
test.afterAll(async () => {
  await server?.stop();
});

async function signIn(page: Page, login: string, password: string) {
  await page.goto(server.url + '/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('inbox-list')).toBeVisible();
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online');
  // A new general question is assigned to agent01 or waits in the team's queue: the team view shows both.
  await page.getByTestId('view-team').click();
}

const customerBubble = (page: Page, text: string) =>
  page.getByTestId('widget-message').filter({ hasText: text });

test('customer and agent talk through the widget and the inbox, exactly once through an outage', async ({ browser }) => {
  const customerCtx = await browser.newContext();
  const agentCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  const agent = await agentCtx.newPage();

  await signIn(agent, 'agent01', 'kadesk-agent');

  await customer.goto(server.url + '/widget/');
  await expect(customer.getByTestId('widget-state')).toHaveAttribute('data-state', 'online');
  // A membership question: the general team's, so it reaches agent01.
  const question = '请问会员折扣怎么没生效？订单号 DD202611229999';
  await customer.getByTestId('widget-input').fill(question);
  await customer.getByTestId('widget-send').click();
  await expect(customerBubble(customer, question)).toHaveAttribute('data-pending', '0');

  // It reaches the agent's inbox without a reload.
  const item = agent.getByTestId('inbox-item').filter({ hasText: 'DD202611229999' });
  await expect(item).toBeVisible();
  await item.click();
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: question })).toBeVisible();

  const reply = async (text: string) => {
    await agent.getByTestId('reply-input').fill(text);
    await agent.getByTestId('reply-send').click();
  };
  await reply('您好，正在为您查询会员权益，请稍候。');
  await expect(customerBubble(customer, '正在为您查询会员权益')).toHaveCount(1);

  // The agent loses the network and answers twice; the replies wait as "sending".
  await agentCtx.setOffline(true);
  await expect(agent.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
  await reply('会员等级同步有延迟，预计 15 分钟内恢复。');
  await reply('恢复后会第一时间为您补发折扣差价。');
  const pending = agent.getByTestId('thread').locator('[data-testid="message"][data-pending="1"]');
  await expect(pending).toHaveCount(2);
  await customer.waitForTimeout(1500);
  await expect(customerBubble(customer, '预计 15 分钟内恢复')).toHaveCount(0);

  await agentCtx.setOffline(false);
  await expect(pending).toHaveCount(0, { timeout: 20_000 });
  await expect(customerBubble(customer, '预计 15 分钟内恢复')).toHaveCount(1);
  await expect(customerBubble(customer, '第一时间为您补发折扣差价')).toHaveCount(1);

  // Replies stay in order and nothing arrives twice, even after the widget reloads.
  await customer.reload();
  await expect(customerBubble(customer, '第一时间为您补发折扣差价')).toHaveCount(1);
  const bodies = await customer.getByTestId('widget-message').allTextContents();
  const agentLines = bodies.filter((b) => /查询会员权益|15 分钟|补发折扣差价/.test(b));
  expect(agentLines).toHaveLength(3);
  expect(agentLines[1]).toContain('15 分钟');
  expect(agentLines[2]).toContain('补发折扣差价');

  await customerCtx.close();
  await agentCtx.close();
});

test('a queued reply survives a reload while the server is unreachable and is sent once', async ({ browser }) => {
  const ctx = await browser.newContext();
  const agent = await ctx.newPage();
  await signIn(agent, 'agent01', 'kadesk-agent');

  const customerCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  await writeInWebChat(customer, server.url, '请问怎么修改绑定的手机号？订单号 DD202611228888');

  const item = agent.getByTestId('inbox-item').filter({ hasText: 'DD202611228888' });
  await item.click();
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'DD202611228888' })).toBeVisible();

  // Pushes fail as if the server were down; the reply waits in the outbox.
  await agent.route('**/api/sync/push', (route) => route.abort('connectionrefused'));
  await agent.getByTestId('reply-input').fill('已收到，正在为您核实账号信息。');
  await agent.getByTestId('reply-send').click();
  const queued = agent.getByTestId('message').filter({ hasText: '正在为您核实账号信息' });
  await expect(queued).toHaveAttribute('data-pending', '1');

  await agent.reload();
  await agent.getByTestId('view-open').click();
  await agent.getByTestId('inbox-item').filter({ hasText: 'DD202611228888' }).click();
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'DD202611228888' })).toBeVisible();
  await expect(agent.getByTestId('message').filter({ hasText: '正在为您核实账号信息' })).toHaveAttribute('data-pending', '1');

  await agent.unroute('**/api/sync/push');
  await expect(agent.getByTestId('message').filter({ hasText: '正在为您核实账号信息' })).toHaveAttribute('data-pending', '0', {
    timeout: 30_000,
  });
  await expect(customerBubble(customer, '正在为您核实账号信息')).toHaveCount(1);
  await customer.waitForTimeout(1000);
  await expect(customerBubble(customer, '正在为您核实账号信息')).toHaveCount(1);
  await ctx.close();
  await customerCtx.close();
});
