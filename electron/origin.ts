// WHATWG URL reports the origin of non-special schemes such as app:// as "null", so origins
// are compared by scheme, host and port instead of by URL.origin.

/** `scheme://host[:port]` of an absolute URL, or null when it does not parse or has no host. */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (!parsed.host) return null;
  return `${parsed.protocol}//${parsed.host}`;
}

export function isSameOrigin(url: string, origin: string): boolean {
  const actual = originOf(url);
  return actual !== null && actual === originOf(origin);
}
