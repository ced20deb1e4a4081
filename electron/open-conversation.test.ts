import { describe, expect, it, vi } from 'vitest';
import { createConversationOpener } from './open-conversation';

describe('createConversationOpener', () => {
  it('reveals the window, pokes the page and hands the conversation over once', () => {
    const host = { reveal: vi.fn(), poke: vi.fn() };
    const opener = createConversationOpener(host);
    expect(opener.take()).toBeNull();
    opener.open('A');
    expect(host.reveal).toHaveBeenCalledTimes(1);
    expect(host.poke).toHaveBeenCalledTimes(1);
    expect(opener.take()).toBe('A');
    expect(opener.take()).toBeNull();
  });

  it('keeps a link that arrived before the page listened, and only the newest', () => {
    const opener = createConversationOpener({ reveal: () => {}, poke: () => {} });
    opener.open('A');
    opener.open('B');
    expect(opener.take()).toBe('B');
    expect(opener.take()).toBeNull();
  });
});
