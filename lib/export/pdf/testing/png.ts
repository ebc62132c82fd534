/**
 * Test helpers for visual baselines: rasterise a PDF page with poppler's pdftoppm (grayscale PNG)
 * and compare two images' gray levels pixel by pixel — with a minimal PNG decoder (8-bit,
 * non-interlaced, as pdftoppm writes), so no image library is needed.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";

export type GrayImage = { width: number; height: number; pixels: Uint8Array };

/** Page `page` (1-based) of `pdfFile` as a grayscale PNG at `dpi`. */
export function rasterPage(pdfFile: string, page: number, dpi = 50): Buffer {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-ppm-"));
  try {
    const prefix = path.join(dir, "p");
    execFileSync("pdftoppm", ["-r", String(dpi), "-gray", "-png", "-singlefile", "-f", String(page), "-l", String(page), pdfFile, prefix]);
    return fs.readFileSync(`${prefix}.png`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Decodes an 8-bit, non-interlaced PNG (gray, gray+alpha, RGB or RGBA) to gray levels. */
export function decodeGrayPng(png: Buffer): GrayImage {
  if (png.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let p = 8;
  let width = 0;
  let height = 0;
  let channels = 1;
  const idat: Buffer[] = [];
  while (p < png.length) {
    const len = png.readUInt32BE(p);
    const type = png.toString("latin1", p + 4, p + 8);
    const data = png.subarray(p + 8, p + 8 + len);
    if (type === "IHDR") {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      const [depth, color, interlace] = [data[8], data[9], data[12]];
      const ch = ({ 0: 1, 4: 2, 2: 3, 6: 4 } as Record<number, number>)[color ?? -1];
      if (depth !== 8 || !ch || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, color type ${color}, interlace ${interlace})`);
      channels = ch;
    } else if (type === "IDAT") idat.push(data);
    else if (type === "IEND") break;
    p += 12 + len;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const bytes = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = bytes.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? bytes.subarray((y - 1) * stride, y * stride) : new Uint8Array(stride);
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (out[x - channels] as number) : 0;
      const b = prev[x] as number;
      const c = x >= channels ? (prev[x - channels] as number) : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const pa = Math.abs(b - c);
        const pb = Math.abs(a - c);
        const pc = Math.abs(a + b - 2 * c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      } else if (filter !== 0) throw new Error(`bad PNG filter ${filter}`);
      out[x] = ((line[x] as number) + pred) & 0xff;
    }
  }
  const pixels = new Uint8Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    const o = i * channels;
    pixels[i] =
      channels >= 3
        ? Math.round(0.299 * (bytes[o] as number) + 0.587 * (bytes[o + 1] as number) + 0.114 * (bytes[o + 2] as number))
        : (bytes[o] as number);
  }
  return { width, height, pixels };
}

export type ImageDiff = { sameSize: boolean; differing: number; total: number; ratio: number };

/** Pixels whose gray levels differ by more than `threshold` (0–255). */
export function diffImages(a: GrayImage, b: GrayImage, threshold = 64): ImageDiff {
  const total = a.width * a.height;
  if (a.width !== b.width || a.height !== b.height) return { sameSize: false, differing: total, total, ratio: 1 };
  let differing = 0;
  for (let i = 0; i < total; i++) if (Math.abs((a.pixels[i] as number) - (b.pixels[i] as number)) > threshold) differing++;
  return { sameSize: true, differing, total, ratio: differing / total };
}
