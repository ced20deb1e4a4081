import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Attachment } from '../../../protocol/entities';
import { addTeam } from '../testing/fixtures';
import { createTestServer, type TestServer } from '../testing/test-server';
import { acceptWithFiles } from './accept';
import { type AttachmentOrigin, type IncomingFile, MAX_ATTACHMENT_BYTES, storeAttachments } from './store';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
const FILES: IncomingFile[] = [
  { filename: '充值截图.png', contentType: 'image/png', data: PNG },
  { filename: 'page.html', contentType: 'text/html', data: Buffer.from('<script>alert(1)</script>') },
];

describe('attachments: stored with the message, served to agents in scope', () => {
  let s: TestServer;
  let agentToken: string;
  let otherToken: string;
  let supervisorToken: string;

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'G', 'general');
    await addTeam(s.db, 'H', 'tech');
    await s.addAgent({ login: 'agent-g', password: 'pw-agent-g', role: 'agent', teamIds: ['G'] });
    await s.addAgent({ login: 'agent-h', password: 'pw-agent-h', role: 'agent', teamIds: ['H'] });
    await s.addAgent({ login: 'lead', password: 'pw-lead', role: 'supervisor' });
    agentToken = await s.login('agent-g', 'pw-agent-g');
    otherToken = await s.login('agent-h', 'pw-agent-h');
    supervisorToken = await s.login('lead', 'pw-lead');
  });
  afterAll(() => s.close());

  /** Accepts a message with FILES and puts its conversation in team G, whatever routing chose. */
  async function acceptInG(origin: AttachmentOrigin): Promise<{ attachments: Attachment[]; duplicate: boolean }> {
    let attachments: Attachment[] = [];
    const accepted = await acceptWithFiles(s.db, origin, FILES, (stored) => {
      attachments = stored;
      return { externalUserId: 'player0001@example.com', customerName: '测试玩家', body: '见附件' };
    });
    await s.db.write((tx) => tx.query(`UPDATE conversations SET team_id = 'G', assignee_id = NULL WHERE id = $1`, [accepted.conversationId]));
    return { attachments, duplicate: accepted.duplicate };
  }

  const get = (id: string, token?: string, headers: Record<string, string> = {}) =>
    s.app.inject({ method: 'GET', url: `/api/attachments/${id}`, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } });

  it('serves a raster image inline with the headers that keep it from acting as a page', async () => {
    const { attachments } = await acceptInG({ channel: 'email', externalMessageId: 'player0001@example.com#<a1@example.com>' });
    expect(attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual([
      ['充值截图.png', 'image/png', PNG.length],
      ['page.html', 'application/octet-stream', 25],
    ]);
    const res = await get(attachments[0]!.id, agentToken);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.equals(PNG)).toBe(true);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline; filename="[^"]*"; filename\*=UTF-8''%E5%85%85/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain('sandbox');

    const html = await get(attachments[1]!.id, supervisorToken);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('application/octet-stream');
    expect(html.headers['content-disposition']).toMatch(/^attachment;/);

    const again = await get(attachments[0]!.id, agentToken, { 'if-none-match': String(res.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('refuses callers without a session and hides files outside the caller scope', async () => {
    const { attachments } = await acceptInG({ channel: 'email', externalMessageId: 'player0001@example.com#<a2@example.com>' });
    const id = attachments[0]!.id;
    expect((await get(id)).statusCode).toBe(401);
    expect((await get(id, otherToken)).statusCode).toBe(404);
    expect((await get('01JZZZZZZZZZZZZZZZZZZZZZZZ', agentToken)).statusCode).toBe(404);
    expect((await get('not-an-id', agentToken)).statusCode).toBe(400);
  });

  it('stores a retried message once and completes what a failed first attempt left undone', async () => {
    const origin: AttachmentOrigin = { channel: 'form', externalMessageId: 'submission-0001' };
    // First attempt: the files were stored, then the server died before the message was.
    const early = await storeAttachments(s.db, origin, FILES);
    expect((await get(early[0]!.id, agentToken)).statusCode).toBe(404);

    const retry = await acceptInG(origin);
    expect(retry.attachments.map((a) => a.id)).toEqual(early.map((a) => a.id));
    expect((await get(early[0]!.id, agentToken)).statusCode).toBe(200);

    const third = await acceptInG(origin);
    expect(third.duplicate).toBe(true);
    const { rows } = await s.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM attachments WHERE channel = 'form' AND external_id = 'submission-0001'`,
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('refuses a file above the size limit', async () => {
    const big = { filename: 'big.bin', data: new Uint8Array(MAX_ATTACHMENT_BYTES + 1) };
    await expect(storeAttachments(s.db, { channel: 'form', externalMessageId: 'submission-big' }, [big])).rejects.toThrow(RangeError);
  });
});
