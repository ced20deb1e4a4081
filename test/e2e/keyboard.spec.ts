import { expect, test } from '@playwright/test';
import { serverApi } from './api';
import { serverForThisFile } from './file-server';
import { openConversationId, signIn } from './workstation';
import { writeInWebChat } from './widget';

// The agent works without the mouse: search, open, reply, resolve, move with j/k, run a
// command from the palette, read the shortcut list.

const server = serverForThisFile();
const { login, workspace } = serverApi(() => server.url);

test('an agent finds, answers, resolves and assigns conversations from the keyboard alone', async ({ browser }) => {
  const customerCtx = await browser.newContext();
  const agentCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  const agent = await agentCtx.newPage();
  await signIn(agent, server.url, 'lead');

  const question = '我的翡翠麒麟坐骑买了以后一直没到账，订单号 DD202611227777';
  await writeInWebChat(customer, server.url, question);
  await expect(agent.getByTestId('inbox-item').filter({ hasText: 'DD202611227777' })).toBeVisible();

  // `/` searches the local cache; a Chinese word inside the sentence finds it, marked.
  await agent.locator('body').press('/');
  await expect(agent.getByTestId('search-input')).toBeFocused();
  await agent.keyboard.type('麒麟坐骑');
  const hit = agent.getByTestId('search-hit').filter({ hasText: 'DD202611227777' });
  await expect(hit).toBeVisible();
  await expect(hit.locator('mark').first()).toHaveText('麒麟坐骑');
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: question })).toBeVisible();
  const answered = await openConversationId(agent);

  // r replies, Ctrl+Enter sends; Escape leaves the box, e resolves.
  await agent.keyboard.press('r');
  await expect(agent.getByTestId('reply-input')).toBeFocused();
  await agent.keyboard.type('您好，正在为您核实坐骑的发放记录。');
  await agent.keyboard.press('Control+Enter');
  await expect(agent.getByTestId('message').filter({ hasText: '正在为您核实坐骑' })).toHaveAttribute('data-pending', '0');
  await expect(customer.getByTestId('widget-message').filter({ hasText: '正在为您核实坐骑' })).toHaveCount(1);
  await agent.keyboard.press('Escape');
  await agent.keyboard.press('e');
  await expect(agent.getByTestId('thread-status')).toHaveAttribute('data-status', 'resolved');

  // Leave the search and the conversation; j/k move through the view, Enter opens.
  await agent.keyboard.press('Escape');
  await agent.keyboard.press('/');
  await agent.keyboard.press('Escape');
  await agent.keyboard.press('Escape');
  await agent.keyboard.press('Escape');
  await expect(agent.getByTestId('thread-empty')).toBeVisible();
  await agent.keyboard.press('4');
  await expect(agent.getByTestId('inbox-title')).toHaveText('全部进行中');
  await expect(agent.getByTestId('inbox-item').nth(2)).toBeVisible();
  await agent.keyboard.press('j');
  await agent.keyboard.press('j');
  await agent.keyboard.press('j');
  await agent.keyboard.press('k');
  const second = agent.getByTestId('inbox-item').nth(1);
  await expect(second).toHaveAttribute('aria-selected', 'true');
  const secondId = await second.getAttribute('data-conversation-id');
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('thread')).toHaveAttribute('data-conversation-id', secondId!);
  expect(secondId).not.toBe(answered);

  // Ctrl+K runs any command; pinyin initials find 分配给我.
  await agent.keyboard.press('Control+k');
  await expect(agent.getByTestId('palette')).toBeVisible();
  await agent.keyboard.type('fpgw');
  await expect(agent.getByTestId('palette-option').first()).toContainText('分配给我');
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('palette')).toHaveCount(0);
  await expect(agent.getByTestId('thread').getByText('负责人：演示主管')).toBeVisible();

  // l tags the open ticket: typed text becomes a new tag, shown on the ticket and its inbox row
  // and stored on the server; Enter on a tag the ticket has takes it off.
  const tagsOnServer = async () => {
    const data = await workspace(await login('lead', 'kadesk-lead'));
    return (data.get('conversations') ?? []).find((c) => c.id === secondId)?.tags;
  };
  await agent.keyboard.press('l');
  await expect(agent.getByTestId('tag-picker')).toBeVisible();
  await agent.keyboard.type('待回访');
  await expect(agent.getByTestId('tag-picker-option').first()).toContainText('新标签');
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('tag-picker')).toHaveCount(0);
  await expect(agent.getByTestId('thread').getByTestId('tag')).toHaveText(['#待回访']);
  await expect(agent.locator(`[data-testid="inbox-item"][data-conversation-id="${secondId}"]`).getByTestId('tag')).toHaveText(['#待回访']);
  await expect.poll(tagsOnServer).toEqual(['待回访']);
  await agent.keyboard.press('l');
  await expect(agent.getByTestId('tag-picker-option').first()).toContainText('待回访');
  await expect(agent.getByTestId('tag-picker-option').first()).toContainText('移除');
  await agent.keyboard.press('Enter');
  await expect(agent.getByTestId('thread').getByTestId('tag')).toHaveCount(0);
  await expect.poll(tagsOnServer).toEqual([]);

  // ? lists every shortcut; Escape closes it.
  await agent.keyboard.press('?');
  await expect(agent.getByTestId('shortcut-help')).toContainText('Ctrl/⌘+K');
  await agent.keyboard.press('Escape');
  await expect(agent.getByTestId('shortcut-help')).toHaveCount(0);

  await customerCtx.close();
  await agentCtx.close();
});
