import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { ServerDeps } from '../../app';
import { badRequest, HttpError } from '../../http/errors';
import { deliverWhileRunning } from '../deliveries';
import type { QqConfig } from './config';
import { qqInbound, QqPayload, QqValidation } from './events';
import { QqSender } from './outbound';
import { qqKeysFromSecret, qqSign, verifyEvent } from './signature';

export const QQ_WEBHOOK_PATH = '/api/channels/qq/webhook';
const QQ_BODY_LIMIT_BYTES = 256 * 1024;
/** Signed requests older (or further ahead) than this are refused as replays. */
export const QQ_MAX_CLOCK_SKEW_S = 300;

const OP_DISPATCH = 0;
const OP_CALLBACK_ACK = 12;
const OP_VALIDATION = 13;

const refused = (message: string) => new HttpError(403, 'invalid_signature', `QQ 签名校验失败 (${message})`);

/**
 * The QQ bot webhook: every request is verified against the Ed25519 signature over
 * timestamp ‖ raw body, op 13 proves the URL to the platform, and op 0 message events
 * become inbound messages. Agent replies go back as passive replies through the OpenAPI.
 */
export function qqRoutes(deps: ServerDeps, config: QqConfig) {
  const keys = qqKeysFromSecret(config.secret);

  function verifiedBody(req: FastifyRequest): Buffer {
    const body = req.body;
    if (!Buffer.isBuffer(body)) throw new HttpError(415, 'unsupported_media_type', '请以 JSON 发送 (send JSON)');
    const timestamp = req.headers['x-signature-timestamp'];
    const signature = req.headers['x-signature-ed25519'];
    if (typeof timestamp !== 'string' || typeof signature !== 'string' || !/^\d{1,20}$/.test(timestamp)) {
      throw refused('signature headers missing');
    }
    if (Math.abs(Date.now() / 1000 - Number(timestamp)) > QQ_MAX_CLOCK_SKEW_S) throw refused('timestamp too old or in the future');
    if (!verifyEvent(keys, timestamp, body, signature)) throw refused('signature does not match');
    const appId = req.headers['x-bot-appid'];
    if (appId !== undefined && appId !== config.appId) throw refused('addressed to another bot');
    return body;
  }

  return async (app: FastifyInstance) => {
    deliverWhileRunning(app, deps.db, new QqSender(config));
    // Scoped to this plugin: the signature covers the exact bytes, so JSON is parsed only after checking them.
    app.addContentTypeParser('application/json', { parseAs: 'buffer', bodyLimit: QQ_BODY_LIMIT_BYTES }, (_req, body, done) =>
      done(null, body),
    );

    app.post(QQ_WEBHOOK_PATH, { schema: { tags: ['channels'], security: [], summary: 'QQ bot webhook' } }, async (req) => {
      const body = verifiedBody(req);
      let json: unknown;
      try {
        json = JSON.parse(body.toString('utf8'));
      } catch {
        throw badRequest('JSON 格式错误 (malformed JSON)');
      }
      const payload = QqPayload.safeParse(json);
      if (!payload.success) throw badRequest('不是 QQ 回调格式 (not a QQ webhook payload)');
      const { op, t, d } = payload.data;

      if (op === OP_VALIDATION) {
        const v = QqValidation.safeParse(d);
        if (!v.success) throw badRequest('回调验证参数错误 (bad validation request)');
        return { plain_token: v.data.plain_token, signature: qqSign(keys, v.data.event_ts, v.data.plain_token) };
      }
      if (op === OP_DISPATCH) {
        let inbound;
        try {
          inbound = qqInbound(t, d);
        } catch (err) {
          if (err instanceof z.ZodError) throw badRequest(`QQ 事件 ${t ?? ''} 内容不完整 (event is missing fields)`);
          throw err;
        }
        if (inbound) await deps.pipeline.receive(inbound, req.log);
      }
      return { op: OP_CALLBACK_ACK };
    });
  };
}
