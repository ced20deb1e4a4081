/**
 * External channels record an inbound message under `<reply address>#<channel message id>`,
 * so an agent's reply can be routed to wherever the customer last wrote from (a QQ group
 * or a private chat, one WeChat Work user of several) even once identities are merged.
 * Retries of one message carry the same address and id, so dedupe is unaffected.
 */
const SEPARATOR = '#';

export function receiptId(address: string, channelMessageId: string): string {
  if (address.includes(SEPARATOR) || !address || !channelMessageId) {
    throw new Error(`cannot form a receipt id from address "${address}"`);
  }
  return `${address}${SEPARATOR}${channelMessageId}`;
}

export function parseReceiptId(id: string): { address: string; channelMessageId: string } | null {
  const at = id.indexOf(SEPARATOR);
  if (at <= 0 || at === id.length - 1) return null;
  return { address: id.slice(0, at), channelMessageId: id.slice(at + 1) };
}
