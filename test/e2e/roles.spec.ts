import { expect, test, type Page } from '@playwright/test';
import { serverForThisFile } from './file-server';
import { signIn } from './workstation';

// Each role is offered only what it may do: an agent's palette and ? list leave out the
// supervisor's commands, and their keys only say who they are for.

const server = serverForThisFile();

/** The palette's options for `query`, each as its text. */
async function paletteFor(page: Page, query: string): Promise<string[]> {
  await page.keyboard.press('Control+k');
  const input = page.getByTestId('palette-input');
  await expect(input).toBeFocused();
  await page.keyboard.type(query);
  await expect(input).toHaveValue(query);
  const texts = await page.getByTestId('palette-option').allInnerTexts();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('palette')).toHaveCount(0);
  return texts;
}

async function shortcutList(page: Page): Promise<string> {
  await page.keyboard.press('?');
  const text = await page.getByTestId('shortcut-help').innerText();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('shortcut-help')).toHaveCount(0);
  return text;
}

const LEADS_ONLY = ['主管看板', '服务报表', '发送主动通知'];

test('agent01 and the lead are offered different commands', async ({ browser }) => {
  const lead = await (await browser.newContext()).newPage();
  const agent = await (await browser.newContext()).newPage();
  await signIn(lead, server.url, 'lead');
  await signIn(agent, server.url, 'agent01');

  for (const name of LEADS_ONLY) {
    expect((await paletteFor(lead, name))[0]).toContain(name);
    expect((await paletteFor(agent, name)).filter((text) => text.includes(name))).toEqual([]);
  }
  // Everyday commands are everyone's.
  expect((await paletteFor(agent, '标记完成'))[0]).toContain('标记完成');

  const leadKeys = await shortcutList(lead);
  const agentKeys = await shortcutList(agent);
  for (const text of ['主管看板', 'Shift+r', '冻结/解冻账户']) {
    expect(leadKeys).toContain(text);
    expect(agentKeys).not.toContain(text);
  }
  expect(agentKeys).toContain('回复');

  // The board's key only says who it is for, and the notice goes away by itself.
  await agent.locator('.inbox').focus();
  await agent.keyboard.press('b');
  await expect(agent.getByTestId('command-refused')).toContainText('主管看板只对主管和管理员开放');
  await expect(agent.getByTestId('supervisor-board')).toHaveCount(0);
  await expect(agent.getByTestId('supervisor-forbidden')).toHaveCount(0);
  await expect(agent.getByTestId('inbox-list')).toBeVisible();
  await expect(agent.getByTestId('command-refused')).toHaveCount(0, { timeout: 10_000 });
});
