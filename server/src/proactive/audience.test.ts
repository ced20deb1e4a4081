import { describe, expect, it } from 'vitest';
import { orderedWithin, summarise } from './audience';

describe('notice audience', () => {
  it('reads dates as whole days in China (UTC+8), the end day included', () => {
    expect(orderedWithin({ from: '2026-11-20', to: '2026-11-21' })).toEqual({
      since: new Date('2026-11-19T16:00:00Z'),
      until: new Date('2026-11-21T16:00:00Z'),
    });
    expect(orderedWithin({})).toEqual({ since: null, until: null });
  });

  it('counts customers per channel, orders, and those with no channel to write to', () => {
    expect(
      summarise([
        { customerId: 'a', orders: 2, channel: 'wecom' },
        { customerId: 'b', orders: 1, channel: 'webchat' },
        { customerId: 'c', orders: 1, channel: 'wecom' },
        { customerId: 'd', orders: 3, channel: null },
      ]),
    ).toEqual({ customers: 4, orders: 7, byChannel: { wecom: 2, webchat: 1 }, unreachable: 1 });
    expect(summarise([])).toEqual({ customers: 0, orders: 0, byChannel: {}, unreachable: 0 });
  });
});
