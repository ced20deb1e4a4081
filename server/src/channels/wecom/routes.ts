import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerDeps } from '../../app';
import { HttpError } from '../../http/errors';
import { deliverWhileRunning } from '../deliveries';
import type { WecomConfig } from './config';
import { WecomCrypto, WecomCryptoError } from './crypto';
import { wecomInbound } from './message';
import { WecomSender } from './outbound';
import { MAX_XML_CHARS, parseFlatXml, XmlError } from './xml';

export const WECOM_CALLBACK_PATH = '/api/channels/wecom/callback';

const Signed = z.object({
  msg_signature: z.string().min(1).max(128),
  timestamp: z.string().regex(/^\d{1,20}$/),
  nonce: z.string().min(1).max(64),
});
const UrlCheck = Signed.extend({ echostr: z.string().min(1).max(4096) });

const badSignature = () => new HttpError(403, 'invalid_signature', '企业微信签名校验失败 (WeChat Work signature check failed)');

/**
 * WeChat Work's callback URL: GET answers the URL check, POST receives encrypted messages
 * and hands them to the inbound pipeline. Agent replies go back through message/send.
 */
export function wecomRoutes(deps: ServerDeps, config: WecomConfig) {
  const crypto = new WecomCrypto(config.token, config.encodingAesKey, config.corpId);

  function open(q: z.infer<typeof Signed>, encrypted: string): string {
    if (!crypto.verify(q.msg_signature, q.timestamp, q.nonce, encrypted)) throw badSignature();
    try {
      return crypto.decrypt(encrypted);
    } catch (err) {
      if (err instanceof WecomCryptoError) {
        throw new HttpError(403, 'undecryptable', `企业微信消息无法解密 (message could not be decrypted: ${err.reason})`);
      }
      throw err;
    }
  }

  // Bad XML outside or inside the envelope, or a message missing its fields, is the sender's fault.
  function malformed<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      if (err instanceof XmlError) throw new HttpError(400, 'malformed_xml', `XML 格式错误 (${err.message})`);
      throw err;
    }
  }

  return async (app: FastifyInstance) => {
    deliverWhileRunning(app, deps.db, new WecomSender(config));
    // Scoped to this plugin: only the callback accepts XML, and only this much of it.
    app.addContentTypeParser(['text/xml', 'application/xml'], { parseAs: 'string', bodyLimit: MAX_XML_CHARS }, (_req, body, done) =>
      done(null, body),
    );
    const r = app.withTypeProvider<ZodTypeProvider>();
    const docs = { tags: ['channels'], security: [] };

    r.get(WECOM_CALLBACK_PATH, { schema: { ...docs, summary: 'WeChat Work callback URL check', querystring: UrlCheck } }, async (req, reply) => {
      const echo = open(req.query, req.query.echostr);
      return reply.type('text/plain; charset=utf-8').send(echo);
    });

    r.post(WECOM_CALLBACK_PATH, { schema: { ...docs, summary: 'WeChat Work message callback', querystring: Signed } }, async (req, reply) => {
      const xml = req.body;
      if (typeof xml !== 'string') throw new HttpError(415, 'unsupported_media_type', '请以 XML 发送 (send XML)');
      const encrypted = malformed(() => parseFlatXml(xml)).get('Encrypt')?.trim();
      if (!encrypted) throw new HttpError(400, 'malformed_xml', 'XML 缺少 Encrypt (Encrypt is missing)');
      const plain = open(req.query, encrypted);
      const inbound = malformed(() => wecomInbound(parseFlatXml(plain), config.agentId));
      if (inbound.kind === 'message') await deps.pipeline.receive(inbound.message, req.log);
      else req.log.debug({ reason: inbound.reason }, 'WeChat Work callback ignored');
      // WeChat Work retries anything but a prompt "success" (or empty) answer.
      return reply.type('text/plain; charset=utf-8').send('success');
    });
  };
}
