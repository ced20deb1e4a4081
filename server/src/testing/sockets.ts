import WebSocket from 'ws';

/** A socket that records every frame and can wait for one matching a predicate. */
export function openSocket<F>(url: string) {
  const ws = new WebSocket(url);
  const frames: F[] = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (raw) => {
    frames.push(JSON.parse(String(raw)) as F);
    for (const w of waiters.splice(0)) w();
  });
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return {
    ws,
    frames,
    opened,
    send: (frame: unknown) => ws.send(JSON.stringify(frame)),
    async waitFor(pred: (f: F) => boolean, timeoutMs = 5000): Promise<F> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = frames.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline) throw new Error(`no matching frame; got ${JSON.stringify(frames)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 50);
        });
      }
    },
  };
}
