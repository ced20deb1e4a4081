import { z } from 'zod';
import { AccessTokenCache, type IssuedToken } from '../access-token';
import type { ChannelSender, PendingReply, SendOutcome } from '../deliveries';
import { requestJson } from '../http-json';
import { parseReceiptId } from '../receipts';
import type { WecomConfig } from './config';

const ApiResult = z.object({ errcode: z.number().int(), errmsg: z.string().default('') });
const TokenResult = ApiResult.extend({ access_token: z.string().min(1).optional(), expires_in: z.number().positive().optional() });
const SendResult = ApiResult.extend({ invaliduser: z.string().optional() });

// 40014 invalid, 42001 expired: fetch a new token and try once more.
const STALE_TOKEN = new Set([40014, 42001]);
// -1 system busy, 45009 and 45033 rate limits: worth trying again later.
const TRANSIENT = new Set([-1, 45009, 45033]);

/** Sends agent replies as WeChat Work app messages (message/send, msgtype text). */
export class WecomSender implements ChannelSender {
  readonly channel = 'wecom' as const;
  private readonly tokens = new AccessTokenCache(() => this.issueToken());

  constructor(private readonly config: WecomConfig) {}

  async send(reply: PendingReply): Promise<SendOutcome> {
    const to = reply.answeringReceiptId && parseReceiptId(reply.answeringReceiptId);
    if (!to) return { status: 'failed', error: 'no WeChat Work sender to reply to in this conversation' };
    const message = {
      touser: to.address,
      msgtype: 'text',
      agentid: Number(this.config.agentId),
      text: { content: reply.body },
    };
    let token = await this.tokens.get();
    let result = await this.post(token, message);
    if (result.ok === false && STALE_TOKEN.has(result.errcode)) {
      this.tokens.invalidate(token);
      token = await this.tokens.get();
      result = await this.post(token, message);
    }
    if (result.ok) {
      // errcode 0 still lists recipients who got nothing (left the company, outside the app's scope).
      const invalid = result.invaliduser?.split('|') ?? [];
      return invalid.includes(to.address)
        ? { status: 'failed', error: `WeChat Work refused recipient ${to.address} (invaliduser)` }
        : { status: 'sent' };
    }
    const error = `WeChat Work message/send errcode ${result.errcode}: ${result.errmsg}`;
    return { status: TRANSIENT.has(result.errcode) || STALE_TOKEN.has(result.errcode) ? 'retry' : 'failed', error };
  }

  private async post(
    token: string,
    message: object,
  ): Promise<{ ok: true; invaliduser?: string } | { ok: false; errcode: number; errmsg: string }> {
    const url = this.url('/cgi-bin/message/send', { access_token: token });
    const res = await requestJson(url, { method: 'POST', json: message });
    const parsed = SendResult.safeParse(res.body);
    if (res.status !== 200 || !parsed.success) throw new Error(`WeChat Work message/send answered HTTP ${res.status}`);
    const { errcode, errmsg, invaliduser } = parsed.data;
    return errcode === 0 ? { ok: true, invaliduser } : { ok: false, errcode, errmsg };
  }

  private async issueToken(): Promise<IssuedToken> {
    const url = this.url('/cgi-bin/gettoken', { corpid: this.config.corpId, corpsecret: this.config.secret });
    const res = await requestJson(url, { method: 'GET' });
    const parsed = TokenResult.safeParse(res.body);
    if (!parsed.success) throw new Error(`WeChat Work gettoken answered HTTP ${res.status}`);
    const { errcode, errmsg, access_token, expires_in } = parsed.data;
    if (errcode !== 0 || !access_token || !expires_in) throw new Error(`WeChat Work gettoken errcode ${errcode}: ${errmsg}`);
    return { token: access_token, expiresInSeconds: expires_in };
  }

  private url(path: string, query: Record<string, string>): URL {
    const url = new URL(path, this.config.apiBaseUrl);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return url;
  }
}
