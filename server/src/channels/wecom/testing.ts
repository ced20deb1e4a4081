import type { WecomConfig } from './config';
import { WecomCrypto } from './crypto';
import { buildFlatXml } from './xml';

/**
 * What WeChat Work would POST to the callback for `message`: encrypted for `receiveId`
 * (the corpid unless a test wants another), signed with the token. For tests.
 */
export function wecomCallback(
  config: Pick<WecomConfig, 'token' | 'encodingAesKey' | 'corpId' | 'agentId'>,
  message: Record<string, string | number>,
  receiveId = config.corpId,
): { query: Record<string, string>; body: string } {
  const crypto = new WecomCrypto(config.token, config.encodingAesKey, receiveId);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  const { encrypted, signature } = crypto.seal(buildFlatXml(message), timestamp, nonce);
  return {
    query: { msg_signature: signature, timestamp, nonce },
    body: buildFlatXml({ ToUserName: config.corpId, Encrypt: encrypted, AgentID: config.agentId }),
  };
}
