import { z } from 'zod';
import { AccessTokenCache, type IssuedToken } from '../access-token';
import type { ChannelSender, PendingReply, SendOutcome } from '../deliveries';
import { requestJson } from '../http-json';
import { parseReceiptId } from '../receipts';
import type { QqConfig } from './config';

// expires_in arrives as a string ("7200") although the docs call it a number.
const TokenResult = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().positive() });
const ApiError = z.object({ code: z.number().optional(), err_code: z.number().optional(), message: z.string().optional() });
// QQ's answer to a repeated (msg_id, msg_seq). A reply's msg_seq never changes, so this means
// the very same reply already reached QQ: a resend after a crash mid-send.
const DUPLICATE_SEQ = 40054005;

/**
 * Sends agent replies through the QQ bot OpenAPI. QQ no longer delivers unsolicited bot
 * messages, so each reply is a passive reply to the customer message it answers: msg_id
 * is that message, msg_seq numbers the replies to it. QQ refuses a repeated
 * (msg_id, msg_seq), which makes a resend after a crash harmless.
 */
export class QqSender implements ChannelSender {
  readonly channel = 'qq' as const;
  private readonly tokens = new AccessTokenCache(() => this.issueToken());

  constructor(private readonly config: QqConfig) {}

  async send(reply: PendingReply): Promise<SendOutcome> {
    const answering = reply.answeringReceiptId && parseReceiptId(reply.answeringReceiptId);
    const path = answering && pathFor(answering.address);
    if (!answering || !path) return { status: 'failed', error: 'no QQ message to reply to in this conversation' };
    const message = { content: reply.body, msg_type: 0, msg_id: answering.channelMessageId, msg_seq: reply.seq };

    let token = await this.tokens.get();
    let res = await this.post(path, token, message);
    if (res.status === 401) {
      this.tokens.invalidate(token);
      token = await this.tokens.get();
      res = await this.post(path, token, message);
    }
    if (res.status >= 200 && res.status < 300) return { status: 'sent' };
    const { code, text } = apiError(res.body);
    if (code === DUPLICATE_SEQ) return { status: 'sent' };
    const error = `QQ reply to ${answering.address}: HTTP ${res.status}${text}`;
    return { status: res.status === 429 || res.status >= 500 || res.status === 401 ? 'retry' : 'failed', error };
  }

  private post(path: string, token: string, message: object) {
    return requestJson(new URL(path, this.config.apiBaseUrl), {
      method: 'POST',
      headers: { authorization: `QQBot ${token}` },
      json: message,
    });
  }

  private async issueToken(): Promise<IssuedToken> {
    const res = await requestJson(new URL(this.config.tokenUrl), {
      method: 'POST',
      json: { appId: this.config.appId, clientSecret: this.config.secret },
    });
    const parsed = TokenResult.safeParse(res.body);
    if (res.status !== 200 || !parsed.success) throw new Error(`QQ getAppAccessToken HTTP ${res.status}${apiError(res.body).text}`);
    return { token: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in };
  }
}

function pathFor(address: string): string | null {
  const [kind, openid] = address.split(':');
  if (!openid) return null;
  if (kind === 'user') return `/v2/users/${encodeURIComponent(openid)}/messages`;
  if (kind === 'group') return `/v2/groups/${encodeURIComponent(openid)}/messages`;
  return null;
}

/** QQ's error code and a readable suffix for last_error, from whatever came back. */
function apiError(body: unknown): { code: number | undefined; text: string } {
  const parsed = ApiError.safeParse(body);
  if (!parsed.success) return { code: undefined, text: '' };
  const code = parsed.data.code ?? parsed.data.err_code;
  return { code, text: ` code ${code ?? '?'}: ${parsed.data.message ?? ''}` };
}
