import { expect, test, type Page } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// The SOP panel beside a classified conversation: its answer template, checklist and
// escalation rule come from the local cache, a step ticked offline survives a reload while
// the server is unreachable, and reaches the server once it answers again.

const server = serverForThisFile();

/** What the server says, asked with the signed-in page's session. */
async function apiGet<T>(page: Page, path: string): Promise<T> {
  const token = (await page.evaluate("localStorage.getItem('kadesk.token')")) as string;
  const res = await page.request.get(server.url + path, { headers: { authorization: `Bearer ${token}` } });
  expect(res.ok()).toBe(true);
  return (await res.json()) as T;
}

test('an agent ticks an SOP checklist step offline; it survives a reload and syncs when back online', async ({ browser }) => {
  const ctx = await browser.newContext();
  const agent = await ctx.newPage();
  await signIn(agent, server.url, 'agent06');
  await agent.getByTestId('view-all').click();

  // The first classified conversation among the top rows shows its category's SOP.
  const panel = agent.getByTestId('knowledge-panel');
  const items = agent.getByTestId('inbox-item');
  let conversationId: string | null = null;
  for (let i = 0; i < 20 && !conversationId; i++) {
    await items.nth(i).click();
    await expect(panel).toBeVisible();
    if ((await panel.getAttribute('data-category')) !== '') {
      await expect(panel.getByTestId('checklist-item').first()).toBeVisible();
      conversationId = await items.nth(i).getAttribute('data-conversation-id');
    }
  }
  expect(conversationId).not.toBeNull();
  await expect(panel.getByTestId('knowledge-template')).toContainText('您好');
  await expect(panel.getByTestId('knowledge-escalation')).toContainText('升级到');
  await expect(panel.getByTestId('knowledge-article').first()).toBeVisible();
  const steps = await panel.getByTestId('checklist-item').count();
  await expect(panel.getByTestId('checklist-progress')).toHaveText(`已完成 0/${steps}`);

  // t puts the answer template, filled in from the ticket, into the reply box.
  await agent.keyboard.press('t');
  const reply = agent.getByTestId('reply-input');
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue(/您好/);
  await expect(reply).not.toHaveValue(/\{\{customer\.name\}\}/);
  await agent.keyboard.press('Escape');

  // Offline: the keyboard path (i, then Space) ticks the first step; it waits to be sent.
  await ctx.setOffline(true);
  await expect(agent.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
  await agent.keyboard.press('i');
  const first = panel.getByTestId('checklist-item').first();
  await expect(first).toBeFocused();
  await agent.keyboard.press('Space');
  await expect(first).toBeChecked();
  await expect(first).toHaveAttribute('data-pending', '1');
  await expect(panel.getByTestId('checklist-progress')).toHaveText(`已完成 1/${steps}`);
  const itemId = await first.getAttribute('data-item-id');

  // The network is back but the checklist endpoint is not; the page reloads.
  await agent.route('**/api/conversations/*/checklist', (route) => route.abort('connectionrefused'));
  await ctx.setOffline(false);
  await agent.reload();
  await expect(agent.getByTestId('inbox-list')).toBeVisible();
  await agent.locator(`[data-testid="inbox-item"][data-conversation-id="${conversationId}"]`).click();
  const again = panel.locator(`[data-testid="checklist-item"][data-item-id="${itemId}"]`);
  await expect(again).toBeChecked();
  await expect(again).toHaveAttribute('data-pending', '1');

  // The server answers again: the tick is sent and the server has it.
  await agent.unroute('**/api/conversations/*/checklist');
  await expect(again).toHaveAttribute('data-pending', '0', { timeout: 20_000 });
  await expect(again).toBeChecked();
  const { ticks } = await apiGet<{ ticks: Array<{ itemId: string; checked: boolean }> }>(agent, `/api/conversations/${conversationId}/checklist`);
  expect(ticks).toEqual([expect.objectContaining({ itemId, checked: true })]);
  await ctx.close();
});

test('an admin edits a category’s checklist from the palette; existing steps keep their ids', async ({ browser }) => {
  const ctx = await browser.newContext();
  const admin = await ctx.newPage();
  await signIn(admin, server.url, 'admin');
  await admin.keyboard.press('Control+k');
  await admin.keyboard.type('编辑知识库');
  await admin.keyboard.press('Enter');
  const editor = admin.getByTestId('knowledge-editor');
  await expect(editor).toBeVisible();

  const form = editor.getByTestId('sop-form');
  await form.locator('select').first().selectOption('how_to');
  const checklist = form.getByTestId('sop-checklist');
  await expect(checklist).toHaveValue(/确认客户想完成的操作/);
  await checklist.press('Control+End');
  await checklist.pressSequentially('\n请客户说明使用的设备与系统版本');
  await form.getByTestId('sop-save').click();
  await expect(form.getByRole('status')).toHaveText('已保存');

  const { sops } = await apiGet<{ sops: Array<{ category: string; checklist: Array<{ id: string; text: string }> }> }>(admin, '/api/knowledge');
  const sop = sops.find((s) => s.category === 'how_to')!;
  // Existing steps keep their ids (ticks stay attached); the new step is last.
  expect(sop.checklist.slice(0, 3).map((i) => i.id)).toEqual(['question', 'article', 'confirm']);
  expect(sop.checklist.at(-1)!.text).toBe('请客户说明使用的设备与系统版本');

  await admin.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  await ctx.close();
});
