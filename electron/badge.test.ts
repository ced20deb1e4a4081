import { crc32, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { planBadge, shellLabels } from './badge';
import { drawOverlayDot, drawTrayIcon, encodePng } from './icons';

function decodePng(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const chunks = new Map<string, Buffer>();
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(crc32(png.subarray(at + 4, at + 8 + length)));
    chunks.set(type, data);
    at += length + 12;
  }
  const header = chunks.get('IHDR')!;
  const width = header.readUInt32BE(0);
  const height = header.readUInt32BE(4);
  const raw = inflateSync(chunks.get('IDAT')!);
  expect(raw.length).toBe((width * 4 + 1) * height);
  const pixel = (x: number, y: number) => [...raw.subarray(y * (width * 4 + 1) + 1 + x * 4).subarray(0, 4)];
  return { width, height, pixel, hasEnd: chunks.has('IEND') };
}

describe('tray and overlay icons', () => {
  it('encodes a valid RGBA PNG of the requested size', () => {
    const png = decodePng(encodePng(drawTrayIcon(32, false)));
    expect(png).toMatchObject({ width: 32, height: 32, hasEnd: true });
    // Corner outside the rounded square is transparent; the middle of the K's stem is white;
    // the background is the brand blue.
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(10, 16)).toEqual([255, 255, 255, 255]);
    expect(png.pixel(24, 28)).toEqual([37, 99, 235, 255]);
  });

  it('adds a red dot only when there is unread work', () => {
    const plain = decodePng(encodePng(drawTrayIcon(32, false)));
    const unread = decodePng(encodePng(drawTrayIcon(32, true)));
    expect(unread.pixel(25, 7)).toEqual([220, 38, 38, 255]);
    expect(plain.pixel(25, 7)).not.toEqual([220, 38, 38, 255]);
  });

  it('draws the overlay dot with transparent corners', () => {
    const png = decodePng(encodePng(drawOverlayDot(16)));
    expect(png.pixel(0, 0)[3]).toBe(0);
    expect(png.pixel(8, 8)).toEqual([220, 38, 38, 255]);
  });
});

describe('planBadge', () => {
  it('uses the dock badge on macOS and no tray', () => {
    expect(planBadge('darwin', 5)).toEqual({ dockCount: 5, taskbarOverlay: false, tray: null });
    expect(planBadge('darwin', 0)).toEqual({ dockCount: 0, taskbarOverlay: false, tray: null });
  });

  it('uses the taskbar overlay and the tray on Windows, which has no badge count', () => {
    expect(planBadge('win32', 3)).toEqual({
      dockCount: null,
      taskbarOverlay: true,
      tray: { tooltip: 'Kadesk (3)', unread: true },
    });
    expect(planBadge('win32', 0)).toEqual({ dockCount: null, taskbarOverlay: false, tray: { tooltip: 'Kadesk', unread: false } });
  });

  it('sets the launcher count and the tray on Linux, capping the label', () => {
    expect(planBadge('linux', 250)).toEqual({
      dockCount: 250,
      taskbarOverlay: false,
      tray: { tooltip: 'Kadesk (99+)', unread: true },
    });
  });
});

describe('shellLabels', () => {
  it('speaks Chinese on a Chinese system and English elsewhere', () => {
    expect(shellLabels('zh-CN').open).toBe('打开 Kadesk');
    expect(shellLabels('zh-TW').unread(120)).toBe('99+ 条未读消息');
    expect(shellLabels('en-US').unread(3)).toBe('3 unread messages');
    expect(shellLabels('de').quit).toBe('Quit Kadesk');
  });
});
