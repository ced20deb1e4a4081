import { expect, test } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// The customer 360 panel reads from the local cache, so it keeps working without a network;
// only fetching older history needs the server, and it says so.

const server = serverForThisFile();

test('the customer panel shows orders and past conversations offline', async ({ browser }) => {
  const ctx = await browser.newContext();
  const agent = await ctx.newPage();
  await signIn(agent, server.url, 'lead');
  await agent.getByTestId('view-all').click();

  // Find a customer with orders and earlier conversations among the first rows.
  const panel = agent.getByTestId('customer-panel');
  const items = agent.getByTestId('inbox-item');
  let opened: string | null = null;
  for (let i = 0; i < 20 && !opened; i++) {
    await items.nth(i).click();
    await expect(panel).toBeVisible();
    await expect(panel.getByTestId('history-load').or(panel.getByTestId('history-complete'))).toBeVisible();
    if ((await panel.getByTestId('history-item').count()) > 0 && (await panel.getByTestId('order').count()) > 0) {
      opened = await items.nth(i).getAttribute('data-conversation-id');
    }
  }
  expect(opened).not.toBeNull();
  const orders = await panel.getByTestId('order').count();
  const past = await panel.getByTestId('history-item').allTextContents();

  await ctx.setOffline(true);
  await expect(agent.getByTestId('connection-state')).toHaveAttribute('data-state', 'offline');
  // Leave and come back: everything is read again, from IndexedDB.
  await agent.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await agent.locator(`[data-testid="inbox-item"][data-conversation-id="${opened}"]`).click();
  await expect(panel.getByTestId('order')).toHaveCount(orders);
  await expect(panel.getByTestId('order').first().locator('code').first()).toHaveText(/^\*{4}-\*{4}-\*{4}-\w{4}$/);
  expect(await panel.getByTestId('history-item').allTextContents()).toEqual(past);
  await expect(panel.getByTestId('history-offline')).toBeVisible();
  await expect(panel.getByTestId('history-load')).toBeDisabled();

  // A past conversation opens with its messages, still offline.
  const earlier = panel.getByTestId('history-item').first();
  const earlierId = await earlier.getAttribute('data-conversation-id');
  await earlier.click();
  await expect(agent.getByTestId('thread')).toHaveAttribute('data-conversation-id', earlierId!);
  await expect(agent.getByTestId('thread').getByTestId('message').first()).toBeVisible();

  // Back online, older history loads from the server into the cache.
  await ctx.setOffline(false);
  await expect(agent.getByTestId('connection-state')).toHaveAttribute('data-state', 'online', { timeout: 20_000 });
  await agent.keyboard.press('h');
  await expect(panel.getByTestId('history-complete')).toBeVisible();
  await ctx.close();
});
