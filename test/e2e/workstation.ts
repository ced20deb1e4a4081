import { expect, type Page } from '@playwright/test';

/** Signs a demo agent in and waits until the workstation is synced and online. */
export async function signIn(page: Page, serverUrl: string, login: string, password = login.startsWith('agent') ? 'kadesk-agent' : `kadesk-${login}`) {
  await page.goto(serverUrl + '/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('inbox-list')).toBeVisible();
  // A supervisor's first sync takes the whole demo workspace; on a busy machine that outlasts the default wait.
  await expect(page.getByTestId('connection-state')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
}

/** The id of the conversation in the thread pane. */
export async function openConversationId(page: Page): Promise<string> {
  const id = await page.getByTestId('thread').getAttribute('data-conversation-id');
  if (!id) throw new Error('no conversation is open');
  return id;
}

/** Opens a conversation by its order number through the local search (typed again until the index has caught up). */
export async function openByOrder(page: Page, orderId: string) {
  await page.keyboard.press('/');
  const input = page.getByTestId('search-input');
  const hit = page.getByTestId('search-hit').filter({ hasText: orderId }).first();
  await expect(async () => {
    await input.fill('');
    await input.fill(orderId);
    await expect(hit).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 40_000 });
  await hit.click();
  await expect(page.getByTestId('customer-panel').getByTestId('order').filter({ hasText: orderId })).toBeVisible();
}
