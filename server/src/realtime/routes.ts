import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import { AgentClientFrame, type AgentServerFrame } from '../../../protocol/realtime';
import { authenticateToken } from '../auth/guard';
import type { ServerDeps } from '../app';
import { parseFrame, sendFrame } from './frames';
import { RealtimeHub } from './hub';

/** A socket that has not authenticated by then is closed. */
const AUTH_DEADLINE_MS = 10_000;

export function realtimeRoutes(deps: ServerDeps) {
  return async (app: FastifyInstance) => {
    const hub = new RealtimeHub(deps.db, app.log);
    await hub.start();
    app.addHook('onClose', () => hub.stop());
    app.get('/api/realtime', { websocket: true }, (socket) => {
      let client: ReturnType<RealtimeHub['add']> | null = null;
      const deadline = setTimeout(() => socket.close(4401, 'auth timeout'), AUTH_DEADLINE_MS);
      const fail = (code: string, message: string) => sendFrame<AgentServerFrame>(socket, { type: 'error', code, message });

      socket.on('message', async (raw) => {
        const parsed = parseFrame(AgentClientFrame, raw);
        if (!parsed.ok) return fail('invalid_frame', parsed.message);
        const frame = parsed.frame;
        if (!client) {
          if (frame.type !== 'auth') return fail('unauthorized', '请先认证 (authenticate first)');
          const auth = await authenticateToken(deps.db, frame.token);
          if (!auth) {
            fail('unauthorized', '会话无效或已过期，请重新登录 (invalid or expired session)');
            return socket.close(4401, 'unauthorized');
          }
          clearTimeout(deadline);
          client = hub.add(socket, auth);
          sendFrame<AgentServerFrame>(socket, { type: 'ready', version: await hub.currentVersion() });
          return;
        }
        if (frame.type === 'viewing') return hub.publishPresence(client.auth, frame.conversationId, false);
        if (frame.type === 'typing') return hub.publishPresence(client.auth, frame.conversationId, true);
      });
      socket.on('close', () => {
        clearTimeout(deadline);
        if (client) hub.remove(client);
      });
    });
  };
}
