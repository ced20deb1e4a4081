const MAX_FILENAME_CHARS = 200;
export const DEFAULT_FILENAME = 'attachment';

/**
 * A customer-supplied file name made safe to store and show: no directories, no control or
 * bidirectional-override characters (which disguise extensions), bounded length.
 */
export function safeFilename(name: string | undefined | null): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base
    .replace(/[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu, '')
    .replace(/^[\s.]+/, '')
    .trim();
  return [...clean].slice(0, MAX_FILENAME_CHARS).join('') || DEFAULT_FILENAME;
}

/**
 * A Content-Disposition header for `filename`: an ASCII fallback for old clients plus the
 * exact UTF-8 name (RFC 6266 / RFC 5987), so Chinese names survive.
 */
export function contentDisposition(filename: string, inline: boolean): string {
  const fallback = filename.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
