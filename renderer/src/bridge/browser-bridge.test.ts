import { describe, expect, it, vi } from 'vitest';
import { createBrowserBridge, type BrowserEnv } from './browser-bridge';

function env(search = '', stored: Record<string, string> = {}): BrowserEnv & { items: Map<string, string> } {
  const items = new Map(Object.entries(stored));
  return {
    items,
    location: { origin: 'https://desk.example.test', search },
    storage: {
      getItem: (k) => items.get(k) ?? null,
      setItem: (k, v) => void items.set(k, v),
      removeItem: (k) => void items.delete(k),
    },
    document: { title: 'Kadesk' },
    open: vi.fn(),
  };
}

describe('browser bridge', () => {
  it('uses the page origin, or a ?server= URL that it remembers', async () => {
    expect(await createBrowserBridge(env()).serverUrl()).toBe('https://desk.example.test');

    const e = env('?server=http://127.0.0.1:4170/');
    expect(await createBrowserBridge(e).serverUrl()).toBe('http://127.0.0.1:4170');
    // A later visit without the parameter keeps the choice.
    expect(await createBrowserBridge({ ...e, location: { ...e.location, search: '' } }).serverUrl()).toBe(
      'http://127.0.0.1:4170',
    );
  });

  it('ignores a ?server= that is not an http(s) URL', async () => {
    expect(await createBrowserBridge(env('?server=javascript:alert(1)')).serverUrl()).toBe('https://desk.example.test');
  });

  it('keeps the token in storage and clears it', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.setToken('tok');
    expect(await bridge.getToken()).toBe('tok');
    await bridge.setToken(null);
    expect(await bridge.getToken()).toBeNull();
  });

  it('shows the badge as a title prefix', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.setBadge(3);
    expect(e.document.title).toBe('(3) Kadesk');
    await bridge.setBadge(12);
    expect(e.document.title).toBe('(12) Kadesk');
    await bridge.setBadge(0);
    expect(e.document.title).toBe('Kadesk');
  });

  it('opens only http(s) links, without an opener', async () => {
    const e = env();
    const bridge = createBrowserBridge(e);
    await bridge.openExternal('https://help.example.test/a');
    await bridge.openExternal('file:///etc/passwd');
    expect(e.open).toHaveBeenCalledTimes(1);
    expect(e.open).toHaveBeenCalledWith('https://help.example.test/a', '_blank', 'noopener,noreferrer');
  });
});
