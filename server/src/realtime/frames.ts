import type { WebSocket } from 'ws';
import type { z } from 'zod';

/** Largest frame a client may send; anything bigger is a bug or an attack. */
export const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export function sendFrame<T>(socket: WebSocket, frame: T): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** Parses one JSON frame (a client's, or a database notification's payload) against its schema; returns a readable reason when it does not fit. */
export function parseFrame<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): { ok: true; frame: z.infer<S> } | { ok: false; message: string } {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : Array.isArray(raw) ? Buffer.concat(raw).toString('utf8') : String(raw);
  if (Buffer.byteLength(text) > MAX_CLIENT_FRAME_BYTES) return { ok: false, message: '消息过大 (frame too large)' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: '不是有效的 JSON (not valid JSON)' };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, message: `格式不正确 (invalid frame): ${parsed.error.issues.map((i) => i.message).join('; ')}` };
  }
  return { ok: true, frame: parsed.data };
}
