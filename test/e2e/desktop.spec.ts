import { expect, test, type Page } from '@playwright/test';
import { newId } from '../../protocol/ids';
import { serverForThisFile } from './file-server';
import { openConversationId, signIn } from './workstation';

// The desktop shell's renderer side, in Chromium: browser-mode notifications (permission,
// a notice for a new assignment and an @mention, a click that opens the conversation), and
// the update banner and deep links driven through a stand-in for Electron's window.kadesk.

const server = serverForThisFile();

interface Agent {
  id: string;
  name: string;
  teamIds: string[];
}

async function api<T>(path: string, body: unknown, token?: string): Promise<T> {
  const res = await fetch(server.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

const login = (name: string, password: string) =>
  api<{ token: string; agent: Agent }>('/api/auth/login', { login: name, password });

/** An open conversation of one of `teamIds` that is not assigned to `agentId`, as the lead sees it. */
async function pickConversation(token: string, teamIds: string[], agentId: string): Promise<{ id: string; subject: string }> {
  let cursor = 0;
  for (;;) {
    const page = await api<{ changes: Array<{ table: string; row: Record<string, unknown> }>; cursor: number; hasMore: boolean }>(
      '/api/sync/pull',
      { cursor, limit: 500 },
      token,
    );
    for (const { table, row } of page.changes) {
      if (table !== 'conversations' || row.status === 'resolved' || row.assigneeId === agentId) continue;
      if (teamIds.includes(row.teamId as string)) return { id: row.id as string, subject: row.subject as string };
    }
    if (!page.hasMore) throw new Error('no conversation to assign');
    cursor = page.cursor;
  }
}

/**
 * Records the page's web notifications (Chromium shows none headless) and lets the test
 * click them. Page scripts are plain JavaScript: this project's Node typecheck has no DOM.
 */
async function recordNotifications(page: Page) {
  await page.addInitScript({
    content: `{
      const Real = window.Notification;
      const shown = [];
      class Recorded extends Real {
        constructor(title, options) {
          super(title, options);
          shown.push({ title, body: options && options.body, tag: options && options.tag, click: () => this.onclick && this.onclick(new Event('click')) });
        }
      }
      window.Notification = Recorded;
      window.__notices = shown;
    }`,
  });
}

const notices = (page: Page) =>
  page.evaluate('window.__notices.map(({ title, body, tag }) => ({ title, body, tag }))') as Promise<
    Array<{ title: string; body?: string; tag?: string }>
  >;

test('browser mode asks for notification permission, then notifies an assignment and a mention; a click opens it', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await recordNotifications(page);
  await signIn(page, server.url, 'agent01');

  // Not allowed yet: the banner offers to turn notifications on.
  const banner = page.getByTestId('desktop-notifications');
  await expect(banner).toBeVisible();
  await context.grantPermissions(['notifications'], { origin: server.url });
  await page.getByTestId('notifications-enable').click();
  await expect(banner).toBeHidden();

  const lead = await login('lead', 'kadesk-lead');
  const me = await login('agent01', 'kadesk-agent');
  const target = await pickConversation(lead.token, me.agent.teamIds, me.agent.id);
  await api(
    '/api/sync/push',
    {
      clientId: 'e2e-desktop-lead',
      mutations: [
        { id: newId(), name: 'conversation.assign', args: { conversationId: target.id, assigneeId: me.agent.id } },
        {
          id: newId(),
          name: 'message.note',
          args: { messageId: newId(), conversationId: target.id, body: `@${me.agent.name} 这位客户的卡密需要你核实一下` },
        },
      ],
    },
    lead.token,
  );

  await expect.poll(() => notices(page), { timeout: 30_000 }).toEqual(
    expect.arrayContaining([
      { title: '新会话分配给你', body: target.subject, tag: target.id },
      expect.objectContaining({ title: `${lead.agent.name} 在备注中提到了你`, tag: target.id }),
    ]),
  );

  await page.evaluate('window.__notices[0].click()');
  await expect.poll(() => openConversationId(page).catch(() => null)).toBe(target.id);
  await context.close();
});

/**
 * window.kadesk as the Electron preload would expose it, with the main process played by the
 * page: the token in memory, an update that is available, downloads and is ready, a focus
 * shortcut another program owns, and deep links pushed by the test.
 */
async function fakeElectron(page: Page, serverUrl: string) {
  await page.addInitScript({
    content: `{
      const url = ${JSON.stringify(serverUrl)};
      const updateListeners = new Set();
      const openListeners = new Set();
      let token = null;
      let status = { phase: 'available', version: '1.2.0' };
      const publish = (next) => {
        status = next;
        updateListeners.forEach((l) => l(next));
      };
      const host = { installed: false, notified: [] };
      const total = 84 * 1024 * 1024;
      window.__host = host;
      window.__openConversation = (id) => openListeners.forEach((l) => l(id));
      window.kadesk = Object.freeze({
        mode: 'electron',
        serverUrl: async () => url,
        getToken: async () => token,
        setToken: async (t) => { token = t; },
        setBadge: async () => {},
        openExternal: async () => {},
        notify: async (notice) => { host.notified.push(notice); },
        notificationAccess: async () => 'granted',
        requestNotificationAccess: async () => 'granted',
        onOpenConversation: (l) => { openListeners.add(l); return () => openListeners.delete(l); },
        updateStatus: async () => status,
        onUpdateStatus: (l) => { updateListeners.add(l); return () => updateListeners.delete(l); },
        checkForUpdate: async () => {},
        downloadUpdate: async () => {
          publish({ phase: 'downloading', version: '1.2.0', percent: 0, transferred: 0, total, bytesPerSecond: 0 });
          setTimeout(() => publish({ phase: 'downloading', version: '1.2.0', percent: 42.5, transferred: total * 0.425, total, bytesPerSecond: 5e6 }), 300);
          setTimeout(() => publish({ phase: 'ready', version: '1.2.0' }), 1500);
        },
        installUpdate: async () => { host.installed = true; },
        focusShortcut: async () => ({ accelerator: 'CommandOrControl+Shift+K', registered: false, failure: 'taken' }),
      });
    }`,
  });
}

test('the Electron bridge drives the update banner, reports the shortcut and opens deep links', async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await fakeElectron(page, server.url);
  await signIn(page, server.url, 'agent02');

  const update = page.getByTestId('desktop-update');
  await expect(update).toHaveAttribute('data-phase', 'available');
  await expect(update).toContainText('Kadesk 1.2.0 可以更新了');
  await expect(page.getByTestId('desktop-shortcut')).toContainText('CommandOrControl+Shift+K');

  await page.getByTestId('update-download').click();
  await expect(update).toHaveAttribute('data-phase', 'downloading');
  await expect(page.getByTestId('update-progress')).toHaveAttribute('value', '42');
  await expect(update).toContainText('42%');
  await expect(update).toHaveAttribute('data-phase', 'ready');
  await page.getByTestId('update-install').click();
  await expect.poll(() => page.evaluate('window.__host.installed')).toBe(true);

  // A kadesk://conversation/<id> link, as the main process hands it over.
  await page.getByTestId('inbox-item').first().waitFor();
  const id = await page.getByTestId('inbox-item').nth(1).getAttribute('data-conversation-id');
  expect(id).toBeTruthy();
  await page.evaluate(`window.__openConversation(${JSON.stringify(id)})`);
  await expect.poll(() => openConversationId(page).catch(() => null)).toBe(id);
  await context.close();
});
