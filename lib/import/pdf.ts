/**
 * PDF → the importer's text, with PDF.js (the `unpdf` build: pure JS, no worker, no native canvas).
 *
 * Text items are grouped into lines by their baseline (cells of one table row share a y coordinate),
 * items on a line are joined with a tab where the horizontal gap is wide (a cell boundary), a space where
 * it is a word gap, nothing inside a run of Chinese text. Lines of running text that fill the text width
 * are joined into paragraphs again (also across page breaks); page numbers are dropped.
 */

import { SECTIONS } from "@/lib/template";

export class PdfError extends Error {
  constructor(
    readonly code: "encrypted" | "corrupt",
    message: string,
  ) {
    super(message);
  }
}

type Item = { str: string; x: number; y: number; w: number; size: number };
type PdfLine = {
  page: number;
  y: number;
  x0: number;
  x1: number;
  size: number;
  text: string;
  table: boolean;
  items: Item[];
  spaces: Item[];
};

export type PdfText = { text: string; pages: number; /** non-space characters found */ chars: number };

/** Minimal structural types of what we use from PDF.js (its own types pull in optional canvas packages). */
type TextItemLike = { str?: string; transform?: number[]; width?: number; height?: number };
type PageLike = {
  getViewport(o: { scale: number }): { width: number; height: number };
  getTextContent(o?: Record<string, unknown>): Promise<{ items: TextItemLike[] }>;
  cleanup?: () => void;
};
type DocLike = { numPages: number; getPage(n: number): Promise<PageLike>; destroy(): Promise<void> };

const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’《》「」『』【】、，。：；！？（）]/u;
const PAGE_NUMBER = /^(?:[-—–－_·•\s]*\d{1,3}[-—–－_·•\s]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?|\d+\s*\/\s*\d+|page\s*\d+(?:\s*of\s*\d+)?)$/i;

/**
 * Binary data PDF.js asks for while reading: the CMaps of non-embedded Chinese fonts come from the
 * bundled Adobe-GB1 set (no file system, no network); anything else is not available.
 */
class EmbeddedBinaryDataFactory {
  constructor(_opts: unknown) {
    void _opts;
  }
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    if (kind === "cMapUrl") {
      const { GB_CMAPS } = await import("./cmaps/gb");
      const b64 = GB_CMAPS[filename.replace(/\.bcmap$/, "")];
      if (b64) return base64Bytes(b64);
    }
    throw new Error(`${kind} ${filename} not available`);
  }
}

function base64Bytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function openPdf(bytes: Uint8Array): Promise<DocLike> {
  const { getDocumentProxy } = await import("unpdf");
  try {
    // PDF.js takes ownership of the buffer: give it a copy.
    const doc = (await getDocumentProxy(new Uint8Array(bytes), {
      isEvalSupported: false,
      useSystemFonts: false,
      disableFontFace: true,
      verbosity: 0,
      useWorkerFetch: false,
      cMapPacked: true,
      BinaryDataFactory: EmbeddedBinaryDataFactory,
    } as Record<string, unknown>)) as unknown as DocLike;
    return doc;
  } catch (e) {
    const name = (e as { name?: string })?.name ?? "";
    if (name === "PasswordException") throw new PdfError("encrypted", String((e as Error).message));
    throw new PdfError("corrupt", String((e as Error)?.message ?? e));
  }
}

function pageItems(items: readonly TextItemLike[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    if (typeof it.str !== "string" || !it.transform) continue;
    const str = it.str.replace(/\u0000/g, "");
    if (!str) continue;
    const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = it.transform;
    // Rotated text is a watermark ("草稿") or a stamp, never part of the report's lines.
    if (Math.abs(b) > Math.abs(a) * 0.05 || Math.abs(c) > Math.abs(d) * 0.05) continue;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || it.height || 10;
    const w = it.width ?? 0;
    // Whitespace items are kept as word separators (a real space, e.g. "四 平台建设情况").
    if (!str.trim()) {
      out.push({ str: " ", x: e, y: f, w, size });
      continue;
    }
    // An item with runs of spaces inside ("0    0    0"): split it, spreading the width by characters.
    if (/\S\s{2,}\S/.test(str) && w > 0) {
      const perChar = w / str.length;
      let pos = 0;
      for (const part of str.split(/(\s{2,})/)) {
        if (part.trim()) out.push({ str: part.trim(), x: e + pos * perChar, y: f, w: part.trim().length * perChar, size });
        pos += part.length;
      }
      continue;
    }
    out.push({ str, x: e, y: f, w, size });
  }
  return out;
}

/** Items → lines (same baseline), joined with tabs at wide gaps. */
function itemsToLines(items: Item[], page: number): PdfLine[] {
  const sorted = [...items].sort((p, q) => q.y - p.y || p.x - q.x);
  const groups: Item[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(ref.y - it.y) <= Math.min(ref.size, it.size) * 0.45) g.push(it);
    else groups.push([it]);
  }
  return groups.map((group) => {
    const g = overlay(group.filter((i) => i.str !== " ").sort((p, q) => p.x - q.x));
    const spaces = group.filter((i) => i.str === " ");
    const size = median(g.map((i) => i.size));
    const { text, table } = joinItems(g, spaces, size, null);
    const x1 = Math.max(...g.map((i) => i.x + i.w));
    return { page, y: g[0]!.y, x0: g[0]!.x, x1, size, text, table, items: g, spaces };
  });
}

const NUMERIC = /^(?:\d+(?:\.\d+)?|[/／—–-])$/;

/**
 * Joins a line's items into text: a tab at a wide gap (a cell boundary), a space at a word gap or where
 * the file has a space, nothing inside a run of Chinese. With `columns` (centres of a table's number
 * columns), a number under a column is a cell of its own and a column without a number gives an empty cell.
 */
function joinItems(g: readonly Item[], spaces: readonly Item[], size: number, columns: readonly number[] | null) {
  let text = "";
  let prevEnd = -Infinity;
  let prev = "";
  let table = false;
  let lastCol = -1;
  const colOf = (it: Item) => {
    if (!columns || !NUMERIC.test(it.str.trim())) return -1;
    const c = it.x + it.w / 2;
    let best = -1;
    for (let k = 0; k < columns.length; k++) {
      if (Math.abs(columns[k]! - c) <= size * 0.7 && (best < 0 || Math.abs(columns[k]! - c) < Math.abs(columns[best]! - c))) best = k;
    }
    return best;
  };
  for (const it of g) {
    const col = colOf(it);
    if (col > lastCol) {
      // A number in a table column: empty cells for the columns skipped, then the number.
      if (text) text = text.replace(/ +$/, "") + "\t";
      for (let k = lastCol + 1; k < col; k++) text += "\t";
      text += it.str.trim();
      lastCol = col;
      table = true;
      prevEnd = Math.max(prevEnd, it.x + it.w);
      prev = it.str;
      continue;
    }
    const gap = it.x - prevEnd;
    if (text) {
      // A space item between the previous item and this one.
      const spaced = spaces.some((sp) => sp.x >= prevEnd - 1 && sp.x <= it.x + 1);
      if (gap > size * 0.9) {
        text = text.replace(/ +$/, "") + "\t";
        table = true;
      } else if (!/\s$/.test(text) && !/^\s/.test(it.str)) {
        const last = prev.slice(-1);
        const first = it.str[0] ?? "";
        // A word gap; between Chinese characters only where the file has a space or a visible gap.
        const cjk = CJK.test(last) && CJK.test(first);
        if (spaced || (gap > size * 0.2 && !cjk) || (cjk && gap > size * 0.3)) text += " ";
      }
    }
    text += text.endsWith("\t") ? it.str.replace(/^\s+/, "") : it.str;
    prevEnd = Math.max(prevEnd, it.x + it.w);
    prev = it.str;
  }
  if (columns && lastCol >= 0) for (let k = lastCol + 1; k < columns.length; k++) text += "\t";
  return { text: text.replace(/[ \u00a0]+\t/g, "\t").replace(/ +$/, ""), table };
}

/**
 * Column centres of a row of equally spaced numbers with holes: the usual spacing is the smallest gap
 * seen; a gap of about m spacings holds m − 1 blank cells. Null when nothing is missing (or no regular
 * spacing is visible).
 */
function spacedColumns(centres: number[]): number[] | null {
  if (centres.length < 4) return null;
  const diffs = centres.slice(1).map((c, i) => c - centres[i]!);
  const d = Math.min(...diffs);
  if (!(d > 0)) return null;
  const regular = diffs.filter((x) => Math.abs(x - d) <= d * 0.15).length;
  if (regular < diffs.length / 2) return null;
  const out: number[] = [centres[0]!];
  let inserted = false;
  diffs.forEach((x, i) => {
    const m = Math.round(x / d);
    if (m >= 2 && Math.abs(x - m * d) <= d * 0.2 * m) {
      for (let j = 1; j < m; j++) out.push(centres[i]! + j * d);
      inserted = true;
    }
    out.push(centres[i + 1]!);
  });
  return inserted ? out : null;
}

/** Section titles: a table block never runs across one. */
const SECTION_TITLES = SECTIONS.flatMap((s) => [s.title, ...s.variants]).map((t) => t.replace(/\s+/g, ""));

/**
 * Table blocks (runs of lines with cells, wrapped label fragments allowed in between): the centres of
 * their number columns, found where numbers line up on several lines; the block's lines are then joined
 * again so that every number sits in its column's cell and blank cells are kept as empty cells.
 */
function alignColumns(lines: PdfLine[]): void {
  const isNum = (it: Item) => NUMERIC.test(it.str.trim());
  let k = 0;
  while (k < lines.length) {
    const first = lines[k]!;
    if (!(first.table || (first.items.length > 0 && first.items.every(isNum)))) {
      k++;
      continue;
    }
    // Extend the block.
    let end = k;
    let gap = 0;
    for (let j = k + 1; j < lines.length; j++) {
      const l = lines[j]!;
      const compact = l.text.replace(/\s+/g, "");
      if (SECTION_TITLES.some((t) => compact.includes(t)) || l.page > lines[j - 1]!.page + 1) break;
      const member = l.table || (l.items.length > 0 && l.items.every(isNum));
      if (member) {
        end = j;
        gap = 0;
      } else if (compact.length <= 24 && ++gap <= 3) continue;
      else break;
    }
    const block = lines.slice(k, end + 1);
    const size = median(block.map((l) => l.size));
    const centres = block.flatMap((l) => l.items.filter(isNum).map((i) => i.x + i.w / 2)).sort((a, b) => a - b);
    const clusters: { sum: number; n: number }[] = [];
    for (const c of centres) {
      const last = clusters[clusters.length - 1];
      if (last && c - last.sum / last.n <= size * 0.7) {
        last.sum += c;
        last.n++;
      } else clusters.push({ sum: c, n: 1 });
    }
    const columns = clusters.filter((c) => c.n >= 2).map((c) => c.sum / c.n);
    for (const l of block) {
      if (!l.items.some(isNum)) continue;
      // A row alone in its table (table 四's data row): equally spaced columns, a double gap is a blank cell.
      const cols = columns.length >= 2 ? columns : spacedColumns(l.items.filter(isNum).map((i) => i.x + i.w / 2));
      if (!cols) continue;
      const { text, table } = joinItems(l.items, l.spaces, l.size, cols);
      l.text = text;
      l.table = table || l.table;
    }
    k = end + 1;
  }
}

/** Estimated advance of a character relative to the font size (CJK and full-width 1, others ½). */
const advance = (ch: string) => (CJK.test(ch) || /[\u1100-\uffff]/.test(ch) ? 1 : 0.5);

/**
 * Items drawn inside another item's extent (LibreOffice draws “” in a fallback font over blanks left in
 * the Chinese run): put them into the run at their position, replacing the blank they cover.
 */
function overlay(items: Item[]): Item[] {
  const out: Item[] = [];
  for (const it of items) {
    const host = out.find((h) => h.w > 0 && it.x > h.x + 0.5 && it.x + it.w <= h.x + h.w + 1 && h.str.length > 1);
    if (!host) {
      out.push({ ...it });
      continue;
    }
    const chars = [...host.str];
    const total = chars.reduce((a, c) => a + advance(c), 0);
    const scale = host.w / total;
    let pos = 0;
    let idx = chars.length;
    for (let k = 0; k < chars.length; k++) {
      const wk = advance(chars[k]!) * scale;
      if (host.x + pos + wk / 2 > it.x) {
        idx = k;
        break;
      }
      pos += wk;
    }
    // The blank the item covers: the nearest space to the estimated position.
    let blank = -1;
    for (let d = 0; d <= 3 && blank < 0; d++) {
      if (chars[idx - d] === " ") blank = idx - d;
      else if (chars[idx + d] === " ") blank = idx + d;
    }
    if (blank >= 0) chars.splice(blank, 1, it.str);
    else chars.splice(idx, 0, it.str);
    host.str = chars.join("");
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 10;
}

/**
 * Drops page numbers: the first or last line of a page, in the top or bottom band, set apart from the
 * text, that reads like "— 1 —", "第 1 页 共 3 页", "1/3" or a bare number.
 */
function dropFurniture(lines: PdfLine[], pageHeight: number): PdfLine[] {
  if (lines.length === 0) return lines;
  const drop = new Set<PdfLine>();
  const check = (l: PdfLine, neighbour: PdfLine | undefined) => {
    const band = l.y < pageHeight * 0.12 || l.y > pageHeight * 0.9;
    const apart = !neighbour || Math.abs(neighbour.y - l.y) > Math.max(l.size, neighbour.size) * 1.8;
    if (band && apart && PAGE_NUMBER.test(l.text.replace(/\t/g, " ").trim())) drop.add(l);
  };
  check(lines[lines.length - 1]!, lines[lines.length - 2]);
  check(lines[0]!, lines[1]);
  return lines.filter((l) => !drop.has(l));
}

/** A line that starts a heading or a list item: never the continuation of a wrapped line. */
const STARTS_ITEM = /^\s*(?:[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.．]|\d{1,2}[.．、](?!\d)|第[一二三四五六七八九十]+[部章条])/;

/** Joins wrapped lines of running text into paragraphs; table lines stay as they are. */
function reflow(lines: PdfLine[]): string[] {
  const textLines = lines.filter((l) => !l.table);
  const left = textLines.length ? quantile(textLines.map((l) => l.x0), 0.1) : 0;
  const right = textLines.length ? quantile(textLines.map((l) => l.x1), 0.9) : 0;
  // Do paragraphs start with a first-line indent (公文)? If not, a full line ending a sentence ends its paragraph.
  const indented = textLines.filter((l) => Math.abs(l.x0 - (left + 2 * l.size)) <= l.size * 0.6).length;
  const usesIndent = indented >= Math.max(2, textLines.length * 0.03);
  const out: string[] = [];
  let prev: PdfLine | null = null;
  for (const l of lines) {
    const canJoin =
      prev !== null &&
      !prev.table &&
      !l.table &&
      prev.x1 >= right - prev.size * 1.5 &&
      l.x0 <= left + l.size * 0.5 &&
      (prev.page !== l.page || (prev.y - l.y > 0 && prev.y - l.y <= Math.max(prev.size, l.size) * 2.2)) &&
      // A title or heading is short: never continued.
      prev.x0 <= left + prev.size * 2.5 &&
      !STARTS_ITEM.test(l.text) &&
      (usesIndent || !/[。！？；：:;!?]$/.test(prev.text));
    if (canJoin) {
      const last = out[out.length - 1] ?? "";
      const glue = /[A-Za-z0-9]$/.test(last) && /^[A-Za-z0-9]/.test(l.text) ? " " : "";
      out[out.length - 1] = last + glue + l.text.trim();
    } else {
      out.push(l.table ? l.text : l.text.trim());
    }
    prev = l;
  }
  return out;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.floor(q * (s.length - 1))))] ?? 0;
}

/** The text of a PDF (throws PdfError for encrypted or unreadable files). */
export async function pdfToText(bytes: Uint8Array): Promise<PdfText> {
  const doc = await openPdf(bytes);
  try {
    const all: PdfLine[] = [];
    let chars = 0;
    for (let p = 1; p <= doc.numPages; p++) {
      let page: PageLike;
      let content: { items: TextItemLike[] };
      try {
        page = await doc.getPage(p);
        content = await page.getTextContent({ includeMarkedContent: false });
      } catch (e) {
        throw new PdfError("corrupt", String((e as Error)?.message ?? e));
      }
      const { height } = page.getViewport({ scale: 1 });
      const items = pageItems(content.items);
      chars += items.reduce((a, i) => a + i.str.replace(/\s+/g, "").length, 0);
      all.push(...dropFurniture(itemsToLines(items, p), height));
      page.cleanup?.();
    }
    alignColumns(all);
    return { text: reflow(all).join("\n"), pages: doc.numPages, chars };
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
