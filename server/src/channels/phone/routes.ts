import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ServerDeps } from '../../app';
import { badRequest, HttpError } from '../../http/errors';
import { acceptInbound } from '../../pipeline/inbound';
import { CallRecord, customerNumber, renderCall } from './call';
import type { PhoneConfig } from './config';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyCall } from './signature';

export const PHONE_CALLS_PATH = '/api/channels/phone/calls';
const CALL_BODY_LIMIT_BYTES = 64 * 1024;

const refused = () => new HttpError(403, 'invalid_signature', '电话平台签名校验失败 (call record signature check failed)');

/**
 * The call platform's webhook: each finished call, signed with the shared secret, becomes a
 * line in the customer's phone conversation — calls in, missed calls and agents' callbacks
 * alike. A record posted again (the platform retried) is accepted once.
 */
export function phoneRoutes(deps: ServerDeps, config: PhoneConfig) {
  function verifiedBody(req: FastifyRequest): Buffer {
    const body = req.body;
    if (!Buffer.isBuffer(body)) throw new HttpError(415, 'unsupported_media_type', '请以 JSON 发送 (send JSON)');
    const timestamp = req.headers[TIMESTAMP_HEADER];
    const signature = req.headers[SIGNATURE_HEADER];
    if (typeof timestamp !== 'string' || typeof signature !== 'string' || !verifyCall(config.secret, timestamp, body, signature)) throw refused();
    return body;
  }

  async function agentName(login: string | undefined): Promise<string | null> {
    if (!login) return null;
    const { rows } = await deps.db.query<{ name: string }>('SELECT name FROM agents WHERE login = $1 AND deleted_at IS NULL', [login]);
    return rows[0]?.name ?? login;
  }

  return async (app: FastifyInstance) => {
    // Scoped to this plugin: the signature covers the exact bytes, so JSON is parsed only after checking them.
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: CALL_BODY_LIMIT_BYTES }, (_req, body, done) => done(null, body));

    app.post(PHONE_CALLS_PATH, { schema: { tags: ['channels'], security: [], summary: 'Call record from the call platform' } }, async (req) => {
      const body = verifiedBody(req);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('JSON 格式错误 (malformed JSON)');
      }
      const parsed = CallRecord.safeParse(json);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '/'}: ${i.message}`).join('; ');
        throw badRequest(`通话记录不完整或有误 (bad call record): ${problems}`);
      }
      const call = parsed.data;
      const number = customerNumber(call);
      const accepted = await acceptInbound(deps.db, {
        channel: 'phone',
        externalMessageId: call.callId,
        externalUserId: number,
        customerName: `电话客户 尾号${number.slice(-4)}`,
        body: renderCall(call, await agentName(call.agentLogin)),
      });
      return { messageId: accepted.messageId, conversationId: accepted.conversationId, duplicate: accepted.duplicate };
    });
  };
}
