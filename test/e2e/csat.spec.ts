import { expect, test } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';
import { writeInWebChat } from './widget';

// Acceptance story 1's last step: the ticket resolves and the player gets a satisfaction
// survey on their channel; the answer shows up in the agent's conversation.

const server = serverForThisFile();

test('a resolved web chat gets one survey; the customer answers once and the agent sees the score', async ({ browser }) => {
  const customerCtx = await browser.newContext();
  const agentCtx = await browser.newContext();
  const customer = await customerCtx.newPage();
  const agent = await agentCtx.newPage();
  await signIn(agent, server.url, 'lead');

  await writeInWebChat(customer, server.url, '我买的王者荣耀点卡显示已使用但没到账，订单号 DD202611226666');
  const item = agent.getByTestId('inbox-item').filter({ hasText: 'DD202611226666' });
  await item.click();
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: 'DD202611226666' })).toBeVisible();

  // e resolves; the survey invitation reaches the customer's chat, once.
  await agent.keyboard.press('e');
  await expect(agent.getByTestId('thread-status')).toHaveAttribute('data-status', 'resolved');
  const invitation = customer.getByTestId('widget-message').filter({ hasText: '/survey/' });
  await expect(invitation).toHaveCount(1, { timeout: 20_000 });
  const link = /https?:\/\/\S+\/survey\/[A-Za-z0-9_-]+/.exec((await invitation.textContent()) ?? '')![0];

  // The player answers on the public page (a phone-sized window).
  const phone = await customerCtx.newPage();
  await phone.setViewportSize({ width: 390, height: 800 });
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: '服务满意度调查' })).toBeVisible();
  await phone.getByRole('button', { name: '提交评价' }).click();
  // Nothing chosen: the browser's own required check keeps the form on the page.
  await expect(phone.getByRole('heading', { name: '服务满意度调查' })).toBeVisible();
  await phone.getByLabel(/4 分/).check();
  await phone.getByLabel(/意见或建议/).fill('补发很快，谢谢');
  await phone.getByRole('button', { name: '提交评价' }).click();
  await expect(phone.getByRole('heading', { name: '感谢您的评价！' })).toBeVisible();

  // The agent sees the answer in the conversation.
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: '客户满意度评价' })).toContainText('4 分（满意）', {
    timeout: 20_000,
  });
  await expect(agent.getByTestId('thread').getByTestId('message').filter({ hasText: '客户满意度评价' })).toContainText('补发很快，谢谢');

  // The link works once.
  await phone.goto(link);
  await expect(phone.getByRole('heading', { name: '这份问卷已经提交过了' })).toBeVisible();
  await expect(invitation).toHaveCount(1);

  await customerCtx.close();
  await agentCtx.close();
});
