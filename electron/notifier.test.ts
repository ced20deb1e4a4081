import { describe, expect, it, vi } from 'vitest';
import type { DesktopNotice } from '../protocol/bridge';
import { createNotifier, type NotificationFactory, type SystemNotification } from './notifier';

const ID = '01JD6Q2V3X4Y5Z6A7B8C9D0EFG';
const OTHER = '01JD6Q2V3X4Y5Z6A7B8C9D0EFH';
const notice = (conversationId: string, title = '新分配给你的会话'): DesktopNotice => ({
  kind: 'assigned',
  conversationId,
  title,
  body: '点卡充值未到账',
});

function factory(supported = true) {
  const shown: Array<{ options: { title: string; body: string }; fire: (e: 'click' | 'close') => void; closed: boolean }> = [];
  const f: NotificationFactory = {
    isSupported: () => supported,
    create(options) {
      const listeners = new Map<string, () => void>();
      const entry = { options, fire: (e: 'click' | 'close') => listeners.get(e)?.(), closed: false };
      shown.push(entry);
      const n: SystemNotification = {
        on: (event, listener) => listeners.set(event, listener),
        show: () => {},
        close: () => {
          entry.closed = true;
        },
      };
      return n;
    },
  };
  return { f, shown };
}

describe('createNotifier', () => {
  it('shows the notice and opens its conversation on click', () => {
    const { f, shown } = factory();
    const open = vi.fn();
    createNotifier(f, open, () => {}).show(notice(ID));
    expect(shown[0]?.options).toEqual({ title: '新分配给你的会话', body: '点卡充值未到账' });
    shown[0]?.fire('click');
    expect(open).toHaveBeenCalledWith(ID);
  });

  it('replaces an older notice about the same conversation', () => {
    const { f, shown } = factory();
    const notifier = createNotifier(f, () => {}, () => {});
    notifier.show(notice(ID, 'first'));
    notifier.show(notice(OTHER));
    notifier.show(notice(ID, 'second'));
    expect(shown.map((s) => s.closed)).toEqual([true, false, false]);
  });

  it('logs once and shows nothing where notifications are unsupported', () => {
    const { f, shown } = factory(false);
    const log = vi.fn();
    const notifier = createNotifier(f, () => {}, log);
    notifier.show(notice(ID));
    notifier.show(notice(OTHER));
    expect(shown).toHaveLength(0);
    expect(log).toHaveBeenCalledTimes(1);
  });
});
