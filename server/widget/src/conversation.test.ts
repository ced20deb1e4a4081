import { describe, expect, it } from 'vitest';
import { WidgetConversation } from './conversation';

const msg = (id: string, createdAt: string, body = id) => ({ id, kind: 'agent' as const, authorName: '客服', body, createdAt });

describe('widget conversation', () => {
  it('shows a message once however many times it arrives', () => {
    const c = new WidgetConversation();
    c.merge([msg('a', '2026-11-23T01:00:00Z'), msg('b', '2026-11-23T01:01:00Z')]);
    c.merge([msg('b', '2026-11-23T01:01:00Z'), msg('c', '2026-11-23T01:02:00Z')]);
    expect(c.ordered().map((m) => m.id)).toEqual(['a', 'b', 'c']);
  });

  it('orders by time whatever the arrival order', () => {
    const c = new WidgetConversation();
    c.merge([msg('late', '2026-11-23T02:00:00Z')]);
    c.merge([msg('early', '2026-11-23T01:00:00Z')]);
    expect(c.ordered().map((m) => m.id)).toEqual(['early', 'late']);
  });

  it('keeps unacknowledged sends until their ack arrives', () => {
    const c = new WidgetConversation([{ clientMessageId: 'x1', body: '你好' }]);
    c.queue({ clientMessageId: 'x2', body: '在吗' });
    expect(c.unacknowledged().map((p) => p.clientMessageId)).toEqual(['x1', 'x2']);
    c.acknowledge('x1', { ...msg('m1', '2026-11-23T01:00:00Z', '你好'), kind: 'customer' });
    expect(c.unacknowledged().map((p) => p.clientMessageId)).toEqual(['x2']);
    expect(c.ordered().map((m) => m.body)).toEqual(['你好']);
  });
});
