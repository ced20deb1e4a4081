import { ConversationId } from '../protocol/bridge';

export const DEEP_LINK_SCHEME = 'kadesk';

export type DeepLink = { kind: 'conversation'; conversationId: string };

// Links arrive from mail, chat and the command line, so they are parsed strictly: one shape,
// kadesk://conversation/<ULID>, nothing else (no query, fragment, credentials or port).
const MAX_LINK_LENGTH = 256;

export function parseDeepLink(raw: string): DeepLink | null {
  if (raw.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  if (url.username || url.password || url.port || url.search || url.hash) return null;
  if (url.hostname.toLowerCase() !== 'conversation') return null;
  // Windows shells may add a trailing slash when they pass the link on.
  const match = /^\/([^/]+)\/?$/.exec(url.pathname);
  if (!match) return null;
  const parsed = ConversationId.safeParse(match[1]);
  return parsed.success ? { kind: 'conversation', conversationId: parsed.data } : null;
}

/**
 * The deep link in a command line (Windows and Linux start a second instance with the link
 * as an argument; Chromium may add switches around it). Only arguments that are whole
 * kadesk:// links count.
 */
export function deepLinkFromArgv(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
