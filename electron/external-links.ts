// Links leave the app only as plain http(s) URLs handed to the system browser: other schemes
// (file:, smb:, custom protocol handlers) can launch local programs, and credentials in a
// URL are a classic way to disguise where a link really goes.

const MAX_URL_LENGTH = 2048;

/** The normalised URL if it is safe to open in the system browser, otherwise null. */
export function toSafeExternalUrl(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_URL_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username !== '' || url.password !== '') return null;
  if (url.hostname === '') return null;
  return url.href;
}
