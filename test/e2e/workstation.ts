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
