import { describe, expect, it } from 'vitest';
import { isInlineSafe, OPAQUE, resolveContentType, sniffContentType } from './content-type';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const bytes = (text: string) => new TextEncoder().encode(text);

describe('attachment content types', () => {
  it('recognises images and PDF by their bytes, whatever was declared', () => {
    expect(sniffContentType(PNG)).toBe('image/png');
    expect(sniffContentType(JPEG)).toBe('image/jpeg');
    expect(sniffContentType(bytes('GIF89a....'))).toBe('image/gif');
    expect(sniffContentType(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffContentType(bytes('%PDF-1.7\n'))).toBe('application/pdf');
    expect(resolveContentType('text/html', PNG)).toBe('image/png');
    expect(resolveContentType(undefined, JPEG)).toBe('image/jpeg');
  });

  it('never stores a type that a browser would run or render as a page', () => {
    expect(resolveContentType('text/html', bytes('<script>alert(1)</script>'))).toBe(OPAQUE);
    expect(resolveContentType('image/svg+xml', bytes('<svg onload="alert(1)"/>'))).toBe(OPAQUE);
    expect(resolveContentType('application/javascript', bytes('alert(1)'))).toBe(OPAQUE);
    // A declared image whose bytes are something else cannot be shown inline.
    expect(resolveContentType('image/png', bytes('<html>'))).toBe(OPAQUE);
  });

  it('keeps passive declared types such as text, office documents and archives', () => {
    expect(resolveContentType('Text/Plain; charset=GBK', bytes('订单号'))).toBe('text/plain');
    expect(resolveContentType('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', bytes('PK\x03\x04'))).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(resolveContentType('application/x-unknown', bytes('x'))).toBe(OPAQUE);
  });

  it('shows only raster images inline', () => {
    expect(isInlineSafe('image/png')).toBe(true);
    expect(isInlineSafe('image/svg+xml')).toBe(false);
    expect(isInlineSafe('application/pdf')).toBe(false);
  });
});
