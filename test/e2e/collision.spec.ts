import { expect, test } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { openConversationId, signIn } from './workstation';

// Two agents of the supplier-liaison team open the same conversation: each sees the other
// there, and sees when the other types, so they do not both answer.

const server = serverForThisFile();

test('two agents see each other viewing and typing in a conversation', async ({ browser }) => {
  const ctxA = await browser.newContext();
  const ctxB = await browser.newContext();
  const a = await ctxA.newPage();
  const b = await ctxB.newPage();
  await signIn(a, server.url, 'agent06');
  await signIn(b, server.url, 'agent07');

  await a.keyboard.press('3');
  await expect(a.getByTestId('inbox-title')).toHaveText('本组');
  await expect(a.getByTestId('inbox-item').first()).toBeVisible();
  await a.keyboard.press('j');
  await a.keyboard.press('Enter');
  const id = await openConversationId(a);
  await b.getByTestId('view-team').click();
  await b.locator(`[data-testid="inbox-item"][data-conversation-id="${id}"]`).click();
  await expect(b.getByTestId('thread')).toHaveAttribute('data-conversation-id', id);

  await expect(a.getByTestId('colleague')).toHaveText('演示客服07 正在查看');
  await expect(b.getByTestId('colleague')).toHaveText('演示客服06 正在查看');

  await b.getByTestId('reply-input').fill('您好，我来看一下');
  await expect(a.getByTestId('colleague')).toHaveText('演示客服07 正在输入…');
  await expect(a.getByTestId('colleague')).toHaveAttribute('data-typing', 'true');
  // Typing fades when it stops; viewing stays.
  await expect(a.getByTestId('colleague')).toHaveText('演示客服07 正在查看', { timeout: 15_000 });

  // B leaves the conversation: A is alone again.
  await b.keyboard.press('Escape');
  await b.keyboard.press('Escape');
  await expect(b.getByTestId('thread-empty')).toBeVisible();
  await expect(a.getByTestId('colleagues')).toHaveCount(0);

  await ctxA.close();
  await ctxB.close();
});
