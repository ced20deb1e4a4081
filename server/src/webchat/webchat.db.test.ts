import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../../protocol/ids';
import type { AgentServerFrame } from '../../../protocol/realtime';
import type { WidgetServerFrame } from '../../../protocol/widget';
import { addTeam } from '../testing/fixtures';
import { openSocket } from '../testing/sockets';
import { createTestServer, type TestServer } from '../testing/test-server';

describe('web chat widget and workstation realtime over real sockets', () => {
  let s: TestServer;
  let base: string;
  let token: string;

  beforeAll(async () => {
    s = await createTestServer();
    await addTeam(s.db, 'G', 'general');
    await s.addAgent({ login: 'agent-g', password: 'secret-pass-1', role: 'agent', teamIds: ['G'] });
    token = await s.login('agent-g', 'secret-pass-1');
    await s.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = s.app.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no port');
    base = `127.0.0.1:${addr.port}`;
  });
  afterAll(() => s.close());

  it('carries a customer message to the agent (poke + pull) and the reply back to the widget, once', async () => {
    const agent = openSocket<AgentServerFrame>(`ws://${base}/api/realtime`);
    await agent.opened;
    agent.send({ type: 'auth', token });
    await agent.waitFor((f) => f.type === 'ready');

    const session = await fetch(`http://${base}/api/widget/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: '示例玩家0042' }),
    }).then((r) => r.json() as Promise<{ visitorToken: string }>);
    const widget = openSocket<WidgetServerFrame>(`ws://${base}/api/widget/ws`);
    await widget.opened;
    widget.send({ type: 'hello', visitorToken: session.visitorToken });
    await widget.waitFor((f) => f.type === 'history');

    const clientMessageId = newId();
    const sendFrame = { type: 'send', clientMessageId, body: '点卡显示已使用但没到账，订单号 DD202611220001' };
    widget.send(sendFrame);
    widget.send(sendFrame); // a resend after a flaky network must not duplicate
    const ack = await widget.waitFor((f) => f.type === 'ack');
    await agent.waitFor((f) => f.type === 'poke');

    const pulled = await s.app.inject({
      method: 'POST',
      url: '/api/sync/pull',
      headers: { authorization: `Bearer ${token}` },
      payload: { cursor: 0, limit: 500 },
    });
    const changes = (pulled.json() as { changes: Array<{ table: string; row: { id: string; conversationId?: string; body?: string } }> }).changes;
    const inbound = changes.filter((c) => c.table === 'messages' && c.row.body?.includes('DD202611220001'));
    expect(inbound).toHaveLength(1);
    expect(ack.type === 'ack' && ack.message.id).toBe(inbound[0]!.row.id);

    const replyId = newId();
    const pushed = await s.app.inject({
      method: 'POST',
      url: '/api/sync/push',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        clientId: 'test-ws',
        mutations: [{ id: newId(), name: 'message.send', args: { messageId: replyId, conversationId: inbound[0]!.row.conversationId, body: '您好，正在为您查询上游渠道' } }],
      },
    });
    expect(pushed.json()).toMatchObject({ results: [{ status: 'applied' }] });
    await widget.waitFor((f) => f.type === 'message' && f.message.id === replyId);
    await new Promise((r) => setTimeout(r, 200));
    const deliveries = widget.frames.filter((f) => f.type === 'message' && f.message.id === replyId);
    expect(deliveries).toHaveLength(1);

    // A reconnecting widget gets the history, including the reply, from the server.
    const again = openSocket<WidgetServerFrame>(`ws://${base}/api/widget/ws`);
    await again.opened;
    again.send({ type: 'hello', visitorToken: session.visitorToken });
    const history = await again.waitFor((f) => f.type === 'history');
    expect(history.type === 'history' && history.messages.map((m) => m.id)).toEqual([inbound[0]!.row.id, replyId]);
    for (const sock of [agent, widget, again]) sock.ws.close();
  });

  it('refuses sockets with bad tokens and malformed frames with a clear error', async () => {
    const agent = openSocket<AgentServerFrame>(`ws://${base}/api/realtime`);
    await agent.opened;
    agent.ws.send('{not json');
    const bad = await agent.waitFor((f) => f.type === 'error');
    expect(bad).toMatchObject({ code: 'invalid_frame' });
    agent.send({ type: 'auth', token: 'forged-token' });
    const closed = new Promise<number>((r) => agent.ws.once('close', (code) => r(code)));
    expect(await closed).toBe(4401);

    const widget = openSocket<WidgetServerFrame>(`ws://${base}/api/widget/ws`);
    await widget.opened;
    widget.send({ type: 'send', clientMessageId: 'x', body: '未认证就发送' });
    expect(await widget.waitFor((f) => f.type === 'error')).toMatchObject({ code: 'unauthorized' });
    widget.ws.close();
  });
});
