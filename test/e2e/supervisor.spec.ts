import { expect, test, type Locator, type Page } from '@playwright/test';
import { startServer, type RunningServer } from './server';
import { signIn } from './workstation';
import { writeInWebChat } from './widget';

// Acceptance story 4: a promotion floods the queue; the supervisor watches queue depth per
// channel and team and each agent's load, sees the tickets about to breach, and reassigns
// from the keyboard. Agents cannot open the board.

let server: RunningServer;
test.beforeAll(async () => {
  // Frequent sweeps, so a web chat's 30 s first-response clock warns within the test.
  server = await startServer({ env: { KADESK_SWEEP_MS: '500' } });
});
test.afterAll(async () => {
  await server?.stop();
});

async function tokenOf(login: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password }),
  });
  return ((await res.json()) as { token: string }).token;
}

const depthRow = (page: Page, group: 'channel' | 'team' | 'category', key: string) =>
  page.getByTestId(`sv-depth-${group}`).locator(`[data-testid="sv-depth-row"][data-key="${key}"]`);
const agentRow = (page: Page, login: string) => page.locator(`[data-testid="sv-agent"][data-login="${login}"]`);
const loadOf = async (row: Locator) => Number(await row.getByTestId('sv-agent-load').getAttribute('data-load'));

/** Every agent's open load as the board shows it, by login. */
async function loads(page: Page): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const row of await page.getByTestId('sv-agent').all()) {
    out.set((await row.getAttribute('data-login'))!, await loadOf(row));
  }
  return out;
}

test('the supervisor watches depth and load live and reassigns an at-risk ticket from the keyboard', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await (await browser.newContext()).newPage();
  const customer = await (await browser.newContext()).newPage();
  await signIn(lead, server.url, 'lead');

  await lead.keyboard.press('b');
  const board = lead.getByTestId('supervisor-board');
  await expect(board).toBeVisible();
  await expect(lead.getByTestId('inbox-list')).toBeHidden();

  // Depth per channel and per team: every channel and every demo team has a row, and the
  // rows of each table add up to the workspace total.
  // The board fills in once the first figures are computed; read the total and the rows together.
  const depth = async () => {
    const total = Number(await lead.getByTestId('sv-total-open').getAttribute('data-value'));
    const sums: number[] = [];
    for (const group of ['channel', 'team'] as const) {
      const rows = lead.getByTestId(`sv-depth-${group}`).getByTestId('sv-depth-row');
      const opens = await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-open'))));
      sums.push(opens.reduce((a, b) => a + b, 0));
    }
    return { positive: total > 0, sums: sums.map((n) => n - total) };
  };
  await expect.poll(depth, { timeout: 20_000 }).toEqual({ positive: true, sums: [0, 0] });
  await expect(lead.getByTestId('sv-depth-channel').getByTestId('sv-depth-row')).toHaveCount(6);
  // The demo's seven teams, each with its own row.
  expect(await lead.getByTestId('sv-depth-team').getByTestId('sv-depth-row').count()).toBeGreaterThanOrEqual(7);

  // Each agent's load against capacity, as the server counts it.
  const snapshot = (await (
    await fetch(`${server.url}/api/supervision/agents`, { headers: { authorization: `Bearer ${await tokenOf('lead', 'kadesk-lead')}` } })
  ).json()) as { agents: Array<{ login: string; openLoad: number; capacity: number }> };
  await expect(lead.getByTestId('sv-agent')).toHaveCount(snapshot.agents.length);
  for (const a of snapshot.agents.filter((x) => x.login.startsWith('agent'))) {
    await expect(agentRow(lead, a.login).getByTestId('sv-agent-load')).toHaveAttribute('data-capacity', String(a.capacity));
  }
  const agent01 = snapshot.agents.find((a) => a.login === 'agent01')!;
  await expect(agentRow(lead, 'agent01').getByTestId('sv-agent-load')).toHaveText(new RegExp(`${agent01.openLoad} / ${agent01.capacity}`));

  // A customer writes in web chat: the web chat depth rises without a reload.
  const webchat = depthRow(lead, 'channel', 'webchat');
  const before = Number(await webchat.getAttribute('data-open'));
  const total = Number(await lead.getByTestId('sv-total-open').getAttribute('data-value'));
  await writeInWebChat(customer, server.url, '充值的点券一直没到账，订单号 DD202611235555，麻烦看一下');
  await expect(webchat).toHaveAttribute('data-open', String(before + 1));
  await expect(lead.getByTestId('sv-total-open')).toHaveAttribute('data-value', String(total + 1));

  // Nobody answers: within the 30 s first-response target it is about to breach.
  const risky = lead.getByTestId('sv-risk-item').filter({ hasText: 'DD202611235555' });
  await expect(risky).toBeVisible({ timeout: 45_000 });

  // Keyboard only: j selects it, Enter opens the picker, a login picks the agent.
  const holder = (await risky.getByTestId('sv-risk-assignee').textContent())!.trim();
  const target = holder === '演示客服07' ? 'agent06' : 'agent07';
  const targetName = target === 'agent07' ? '演示客服07' : '演示客服06';
  const loadsBefore = await loads(lead);
  await lead.keyboard.press('j');
  await expect(risky).toHaveAttribute('aria-selected', 'true');
  await lead.keyboard.press('Enter');
  await expect(lead.getByTestId('sv-reassign-picker')).toBeVisible();
  await lead.keyboard.type(target);
  await lead.keyboard.press('Enter');
  await expect(lead.getByTestId('sv-reassign-picker')).toBeHidden();

  await expect(risky.getByTestId('sv-risk-assignee')).toHaveText(targetName);
  await expect(lead.getByTestId('sv-notice')).toContainText(targetName);
  await expect(agentRow(lead, target).getByTestId('sv-agent-load')).toHaveAttribute('data-load', String(loadsBefore.get(target)! + 1));
  // The agent the pipeline gave it to, if anyone, holds one ticket fewer.
  const previous = /^演示客服(\d\d)$/.exec(holder)?.[1] && `agent${holder.slice(-2)}`;
  if (previous) {
    await expect(agentRow(lead, previous).getByTestId('sv-agent-load')).toHaveAttribute('data-load', String(loadsBefore.get(previous)! - 1));
  }

  // Escape closes the board; the inbox is back where it was.
  await lead.keyboard.press('Escape');
  await expect(board).toBeHidden();
  await expect(lead.getByTestId('inbox-list')).toBeVisible();
});

test('the supervisor sets an agent status and capacity from the keyboard and drags a ticket onto an agent', async ({ browser }) => {
  test.setTimeout(120_000);
  const lead = await (await browser.newContext()).newPage();
  await signIn(lead, server.url, 'lead');
  await lead.getByTestId('supervisor-open').click();
  await expect(lead.getByTestId('supervisor-board')).toBeVisible();

  // → moves to the agent list; j walks down to agent03.
  await lead.keyboard.press('ArrowRight');
  const row = agentRow(lead, 'agent03');
  for (let i = 0; i < 12 && (await row.getAttribute('aria-selected')) !== 'true'; i++) await lead.keyboard.press('j');
  await expect(row).toHaveAttribute('aria-selected', 'true');

  await lead.keyboard.press('s');
  await expect(lead.getByTestId('sv-status-picker')).toBeVisible();
  await lead.keyboard.type('away');
  await lead.keyboard.press('Enter');
  await expect(row.getByTestId('sv-agent-status')).toHaveAttribute('data-status', 'away');

  await lead.keyboard.press('c');
  const input = lead.getByTestId('sv-capacity-input');
  await expect(input).toBeFocused();
  await lead.keyboard.type('abc');
  await lead.keyboard.press('Enter');
  await expect(lead.getByTestId('sv-capacity-dialog').getByRole('alert')).toBeVisible();
  await input.fill('3');
  await lead.keyboard.press('Enter');
  await expect(row.getByTestId('sv-agent-load')).toHaveAttribute('data-capacity', '3');
  await lead.keyboard.press('+');
  await expect(row.getByTestId('sv-agent-load')).toHaveAttribute('data-capacity', '4');

  // Another supervisor's workstation sees the change through the same sync path.
  const other = await (await browser.newContext()).newPage();
  await signIn(other, server.url, 'admin');
  await other.keyboard.press('b');
  await expect(agentRow(other, 'agent03').getByTestId('sv-agent-status')).toHaveAttribute('data-status', 'away');
  await expect(agentRow(other, 'agent03').getByTestId('sv-agent-load')).toHaveAttribute('data-capacity', '4');

  // Drag the at-risk ticket from the first test onto agent03.
  const risky = lead.getByTestId('sv-risk-item').filter({ hasText: 'DD202611235555' });
  await expect(risky).toBeVisible();
  const load = await loadOf(row);
  await risky.dragTo(row);
  await expect(risky.getByTestId('sv-risk-assignee')).toHaveText('演示客服03');
  await expect(row.getByTestId('sv-agent-load')).toHaveAttribute('data-load', String(load + 1));
  await expect(agentRow(other, 'agent03').getByTestId('sv-agent-load')).toHaveAttribute('data-load', String(load + 1));
});

test('an agent cannot open the board', async ({ browser }) => {
  const agent = await (await browser.newContext()).newPage();
  await signIn(agent, server.url, 'agent01');
  await expect(agent.getByTestId('supervisor-open')).toHaveCount(0);
  // The key only says who the board is for.
  await agent.keyboard.press('b');
  await expect(agent.getByTestId('command-refused')).toContainText('主管看板只对主管和管理员开放');
  await expect(agent.getByTestId('supervisor-board')).toHaveCount(0);
  await expect(agent.getByTestId('inbox-list')).toBeVisible();

  const res = await fetch(`${server.url}/api/supervision/agents`, { headers: { authorization: `Bearer ${await tokenOf('agent01', 'kadesk-agent')}` } });
  expect(res.status).toBe(403);
});
