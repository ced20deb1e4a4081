import { crc32, deflateSync } from 'node:zlib';

// The tray icon and the taskbar overlay are drawn here rather than shipped as files: they
// need an unread variant at several sizes, and drawing them keeps packaging to the app icon.

type Rgba = [number, number, number, number];

const BRAND: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const ALERT: Rgba = [220, 38, 38, 255];

/** A straight-alpha RGBA canvas with anti-aliased shape filling. */
class Canvas {
  readonly pixels: Uint8Array;
  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.pixels = new Uint8Array(width * height * 4);
  }

  /** Paints `colour` where `coverage(x, y)` (0..1, sampled at pixel centres, 4×4 supersampled) says. */
  fill(colour: Rgba, inside: (x: number, y: number) => boolean): void {
    const steps = 4;
    for (let py = 0; py < this.height; py++) {
      for (let px = 0; px < this.width; px++) {
        let hits = 0;
        for (let sy = 0; sy < steps; sy++) {
          for (let sx = 0; sx < steps; sx++) {
            if (inside(px + (sx + 0.5) / steps, py + (sy + 0.5) / steps)) hits++;
          }
        }
        if (hits > 0) this.blend(px, py, colour, hits / (steps * steps));
      }
    }
  }

  private blend(x: number, y: number, [r, g, b, a]: Rgba, coverage: number): void {
    const i = (y * this.width + x) * 4;
    const src = (a / 255) * coverage;
    const dst = this.pixels[i + 3]! / 255;
    const out = src + dst * (1 - src);
    if (out === 0) return;
    const mix = (s: number, d: number) => Math.round((s * src + d * dst * (1 - src)) / out);
    this.pixels[i] = mix(r, this.pixels[i]!);
    this.pixels[i + 1] = mix(g, this.pixels[i + 1]!);
    this.pixels[i + 2] = mix(b, this.pixels[i + 2]!);
    this.pixels[i + 3] = Math.round(out * 255);
  }
}

function roundedRect(x0: number, y0: number, x1: number, y1: number, r: number) {
  return (x: number, y: number) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + r), x1 - r);
    const cy = Math.min(Math.max(y, y0 + r), y1 - r);
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  };
}

function circle(cx: number, cy: number, r: number) {
  return (x: number, y: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

/** Points within `half` of the segment (ax, ay)–(bx, by). */
function stroke(ax: number, ay: number, bx: number, by: number, half: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  return (x: number, y: number) => {
    const t = Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / length2));
    return (x - ax - t * dx) ** 2 + (y - ay - t * dy) ** 2 <= half * half;
  };
}

/** The Kadesk mark: a white K on a blue rounded square, with a red dot when there is unread work. */
export function drawTrayIcon(size: number, unread: boolean): Canvas {
  const canvas = new Canvas(size, size);
  const s = size / 16;
  canvas.fill(BRAND, roundedRect(0.5 * s, 0.5 * s, 15.5 * s, 15.5 * s, 3 * s));
  const half = 1.1 * s;
  canvas.fill(WHITE, stroke(5.2 * s, 3.8 * s, 5.2 * s, 12.2 * s, half));
  canvas.fill(WHITE, stroke(5.6 * s, 8.6 * s, 11 * s, 3.8 * s, half));
  canvas.fill(WHITE, stroke(7.2 * s, 7.4 * s, 11.2 * s, 12.2 * s, half));
  if (unread) {
    canvas.fill(WHITE, circle(12.5 * s, 3.5 * s, 3.5 * s));
    canvas.fill(ALERT, circle(12.5 * s, 3.5 * s, 2.6 * s));
  }
  return canvas;
}

/** The Windows taskbar overlay: a red dot with a white rim. */
export function drawOverlayDot(size: number): Canvas {
  const canvas = new Canvas(size, size);
  const r = size / 2;
  canvas.fill(WHITE, circle(r, r, r));
  canvas.fill(ALERT, circle(r, r, r * 0.78));
  return canvas;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** A canvas as a PNG file (8-bit RGBA, no filtering), which nativeImage.createFromBuffer reads. */
export function encodePng(canvas: { width: number; height: number; pixels: Uint8Array }): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(canvas.width, 0);
  header.writeUInt32BE(canvas.height, 4);
  header.set([8, 6, 0, 0, 0], 8); // bit depth 8, colour type RGBA, deflate, no filter, no interlace
  const rowBytes = canvas.width * 4;
  const raw = Buffer.alloc((rowBytes + 1) * canvas.height);
  for (let y = 0; y < canvas.height; y++) {
    raw[y * (rowBytes + 1)] = 0;
    raw.set(canvas.pixels.subarray(y * rowBytes, (y + 1) * rowBytes), y * (rowBytes + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
