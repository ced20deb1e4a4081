import { expect, test, type Page } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// Acceptance story 3: the same merchant opens a third ticket about the same order this
// week; Kadesk flags it as a repeat and moves it to the senior queue with priority.

const server = serverForThisFile();

const CONTACT = 'story-merchant@example.net';
const ORDER = 'DD202611230301';

/** Files a ticket through the public form and returns the ticket number shown. */
async function fileTicket(page: Page, text: string): Promise<string> {
  await page.goto(server.url + '/support/');
  await page.getByTestId('form-contact').fill(CONTACT);
  await page.getByTestId('form-order').fill(ORDER);
  await page.getByTestId('form-category').selectOption({ label: '订单异常' });
  await page.getByTestId('form-description').fill(text);
  await page.getByTestId('form-submit').click();
  await expect(page.getByTestId('form-status')).toHaveAttribute('data-kind', 'done');
  const status = await page.getByTestId('form-status').textContent();
  const ref = /#([0-9A-Z]{8})/.exec(status ?? '')?.[1];
  if (!ref) throw new Error(`no ticket number in "${status}"`);
  return ref;
}

test('a third ticket about the same order in a week is flagged and escalated', async ({ browser }) => {
  const customer = await browser.newPage();
  const refs: string[] = [];
  refs.push(await fileTicket(customer, `订单 ${ORDER} 付款后一直显示待发货，麻烦看一下。`));
  refs.push(await fileTicket(customer, `还是没有发货，订单 ${ORDER}，我们店里客户在催。`));
  refs.push(await fileTicket(customer, `第三次问了，订单 ${ORDER} 到底什么时候发货？`));

  const agent = await browser.newPage();
  await signIn(agent, server.url, 'lead');
  await agent.getByTestId('view-all').click();
  const row = (ref: string) => agent.locator(`[data-testid="inbox-item"][data-conversation-id$="${ref}"]`);

  // The first two are ordinary tickets.
  for (const ref of refs.slice(0, 2)) {
    await expect(row(ref)).toBeVisible();
    await expect(row(ref).getByTestId('repeat')).toHaveCount(0);
  }

  // The third carries the repeat flag, a raised priority and the escalation note.
  const third = row(refs[2]!);
  await expect(third.getByTestId('repeat')).toBeVisible();
  await third.click();
  const thread = agent.getByTestId('thread');
  await expect(thread.locator('.chip.repeat')).toBeVisible();
  await expect(thread.locator('.chip.priority-high, .chip.priority-urgent')).toHaveCount(1);
  await expect(thread.getByTestId('message').filter({ hasText: '已转资深客服优先处理' })).toBeVisible();

  // It sits in the senior queue: a senior agent's team view has it, and not the first two.
  const senior = await browser.newPage();
  await signIn(senior, server.url, 'agent11');
  await senior.getByTestId('view-team').click();
  await expect(senior.locator(`[data-testid="inbox-item"][data-conversation-id$="${refs[2]}"]`)).toBeVisible();
  await expect(senior.locator(`[data-testid="inbox-item"][data-conversation-id$="${refs[0]}"]`)).toHaveCount(0);
});
