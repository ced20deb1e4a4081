import { describe, expect, it } from 'vitest';
import { parseReceiptId, receiptId } from './receipts';

describe('receipt ids', () => {
  it('carry the reply address and the channel’s message id', () => {
    const id = receiptId('group:C9F778FE', 'ROBOT1.0_a#b');
    expect(id).toBe('group:C9F778FE#ROBOT1.0_a#b');
    expect(parseReceiptId(id)).toEqual({ address: 'group:C9F778FE', channelMessageId: 'ROBOT1.0_a#b' });
  });

  it('refuse addresses that would make them ambiguous, and ids of other channels', () => {
    expect(() => receiptId('a#b', '1')).toThrow();
    expect(() => receiptId('', '1')).toThrow();
    expect(parseReceiptId('visitor:123')).toBeNull();
    expect(parseReceiptId('#1')).toBeNull();
    expect(parseReceiptId('a#')).toBeNull();
  });
});
