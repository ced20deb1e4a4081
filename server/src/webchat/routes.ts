import type {} from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  WidgetClientFrame,
  type WidgetMessage,
  type WidgetServerFrame,
  WidgetSessionRequest,
  WidgetSessionResponse,
} from '../../../protocol/widget';
import type { ServerDeps } from '../app';
import { parseFrame, sendFrame } from '../realtime/frames';
import { WidgetDelivery, type WidgetSocket } from './delivery';
import { createVisitor, findVisitor, type Visitor } from './visitors';

const HELLO_DEADLINE_MS = 10_000;

export function webchatRoutes(deps: ServerDeps) {
  return async (app: FastifyInstance) => {
    const delivery = new WidgetDelivery(deps.db, app.log);
    await delivery.start();
    app.addHook('onClose', () => delivery.stop());
    const r = app.withTypeProvider<ZodTypeProvider>();

    // Public: the customer's browser calls this. An unknown or stale token starts a new visitor.
    r.post(
      '/api/widget/session',
      { schema: { body: WidgetSessionRequest, response: { 200: WidgetSessionResponse } } },
      async (req) => {
        const known = req.body.visitorToken ? await findVisitor(deps.db, req.body.visitorToken) : null;
        if (known && req.body.visitorToken) {
          return { visitorToken: req.body.visitorToken, customerId: known.customerId, name: known.name };
        }
        const { token, visitor } = await createVisitor(deps.db, req.body.name);
        return { visitorToken: token, customerId: visitor.customerId, name: visitor.name };
      },
    );

    app.get('/api/widget/ws', { websocket: true }, (socket) => {
      let visitor: Visitor | null = null;
      let attached: WidgetSocket | null = null;
      const deadline = setTimeout(() => socket.close(4401, 'hello timeout'), HELLO_DEADLINE_MS);
      const fail = (code: string, message: string) => sendFrame<WidgetServerFrame>(socket, { type: 'error', code, message });

      // Frames are handled one at a time so that a send never overtakes the hello.
      let queue = Promise.resolve();
      socket.on('message', (raw) => {
        queue = queue.then(() => handle(raw)).catch((err) => {
          app.log.error({ err }, 'widget frame failed');
          fail('internal', '消息暂未送达，请稍后重试 (message not delivered, please retry)');
        });
      });

      async function handle(raw: unknown): Promise<void> {
        const parsed = parseFrame(WidgetClientFrame, raw);
        if (!parsed.ok) return fail('invalid_frame', parsed.message);
        const frame = parsed.frame;
        if (frame.type === 'hello') {
          if (visitor) return;
          visitor = await findVisitor(deps.db, frame.visitorToken);
          if (!visitor) {
            fail('unauthorized', '会话已失效，请刷新页面 (session expired, reload the page)');
            socket.close(4401, 'unknown visitor');
            return;
          }
          clearTimeout(deadline);
          attached = await delivery.attach(socket, visitor.customerId);
          return;
        }
        if (!visitor || !attached) return fail('unauthorized', '请先发送 hello (send hello first)');
        const taken = await deps.pipeline.receive(
          {
            channel: 'webchat',
            // Scoped to the visitor so one visitor's ids can never collide with another's.
            externalMessageId: `${visitor.customerId}:${frame.clientMessageId}`,
            externalUserId: visitor.externalUserId,
            customerName: visitor.name,
            body: frame.body,
          },
          app.log,
        );
        delivery.markSent(attached, taken.messageId);
        // Once taken in, the message is safe even if processing is still to come: acknowledge it as stored.
        const message: WidgetMessage = {
          id: taken.messageId,
          kind: 'customer',
          authorName: visitor.name,
          body: frame.body,
          createdAt: taken.receivedAt.toISOString(),
        };
        sendFrame<WidgetServerFrame>(socket, { type: 'ack', clientMessageId: frame.clientMessageId, message });
      }

      socket.on('close', () => {
        clearTimeout(deadline);
        if (attached) delivery.detach(attached);
      });
    });
  };
}
