import { describe, expect, it } from 'vitest';
import { contentDisposition, DEFAULT_FILENAME, safeFilename } from './filename';

describe('attachment file names', () => {
  it('drops directories, control and direction-override characters', () => {
    expect(safeFilename('../../etc/passwd')).toBe('passwd');
    expect(safeFilename('C:\\Users\\玩家\\截图.png')).toBe('截图.png');
    expect(safeFilename('invoice\u202Egpj.exe')).toBe('invoicegpj.exe');
    expect(safeFilename('a\r\nb.txt')).toBe('ab.txt');
    expect(safeFilename('.hidden')).toBe('hidden');
  });

  it('falls back to a default and bounds the length', () => {
    expect(safeFilename(undefined)).toBe(DEFAULT_FILENAME);
    expect(safeFilename(' / ')).toBe(DEFAULT_FILENAME);
    expect([...safeFilename('截'.repeat(500))]).toHaveLength(200);
  });

  it('sends Chinese names exactly and an ASCII fallback without quotes', () => {
    expect(contentDisposition('充值截图 "1".png', false)).toBe(
      `attachment; filename="____ _1_.png"; filename*=UTF-8''%E5%85%85%E5%80%BC%E6%88%AA%E5%9B%BE%20%221%22.png`,
    );
    expect(contentDisposition("it's.png", true)).toBe(`inline; filename="it's.png"; filename*=UTF-8''it%27s.png`);
  });
});
