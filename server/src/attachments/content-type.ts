/**
 * What a stored file is served as. Customers' files are untrusted: a declared type is kept
 * only when the bytes agree (images, PDF) or when the type cannot render as a page in a
 * browser (office documents, archives, plain text); everything else becomes an opaque
 * download, so nothing a customer sends can run as HTML or script on our origin.
 */

const SIGNATURES: Array<{ type: string; test: (b: Uint8Array) => boolean }> = [
  { type: 'image/png', test: (b) => starts(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { type: 'image/jpeg', test: (b) => starts(b, [0xff, 0xd8, 0xff]) },
  { type: 'image/gif', test: (b) => ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a') },
  { type: 'image/webp', test: (b) => ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP') },
  { type: 'application/pdf', test: (b) => ascii(b, 0, '%PDF-') },
];

/** Types kept as declared: browsers download them rather than render them. Sniffable types are
 * absent on purpose: a declared image whose bytes are not one becomes opaque. */
const PASSIVE = new Set([
  'text/plain',
  'text/csv',
  'application/zip',
  'application/x-zip-compressed',
  'application/x-rar-compressed',
  'application/vnd.rar',
  'application/x-7z-compressed',
  'application/msword',
  'application/vnd.ms-excel',
  'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  'audio/mpeg',
  'audio/wav',
  'video/mp4',
]);

export const OPAQUE = 'application/octet-stream';

/** Images a browser may show inline: raster formats only (SVG can carry script). */
const INLINE_SAFE = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

function starts(b: Uint8Array, prefix: number[]): boolean {
  return prefix.every((v, i) => b[i] === v);
}

function ascii(b: Uint8Array, at: number, text: string): boolean {
  return [...text].every((ch, i) => b[at + i] === ch.charCodeAt(0));
}

/** The type the first bytes prove, or null. */
export function sniffContentType(data: Uint8Array): string | null {
  return SIGNATURES.find((s) => s.test(data))?.type ?? null;
}

/** The content type to store and serve for a customer's file. */
export function resolveContentType(declared: string | undefined, data: Uint8Array): string {
  const sniffed = sniffContentType(data);
  if (sniffed) return sniffed;
  const type = (declared ?? '').split(';')[0]!.trim().toLowerCase();
  return PASSIVE.has(type) ? type : OPAQUE;
}

export const isInlineSafe = (contentType: string): boolean => INLINE_SAFE.has(contentType);
