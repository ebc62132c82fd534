/**
 * Page geometry, text measurement and pagination planning for the PDF export.
 *
 * react-pdf cannot repeat table header rows, has no row spans and splits row-spanning boxes badly,
 * so the document is planned here before it is drawn: every paragraph's line count and every
 * table row's height is computed from the real font metrics (fontkit) with the same line-breaking
 * rules react-pdf applies (see chineseHyphenation), the flow is simulated page by page with
 * react-pdf's own rules (orphans/widows 2, minPresenceAhead, wrap={false}), and tables are cut
 * into page-sized chunks that are drawn as unbreakable blocks with the header rows repeated (each
 * chunk painted on one canvas from the planned geometry, see table-drawing.ts).
 */
import type { Align, Block, Table, TableRow, ViewModel } from "../view-model";
import { advanceEm, breakParts, type PrimaryFace } from "./fonts";

// ---------------------------------------------------------------------------------------------
// Geometry (GB/T 9704-2012)

export const PT_PER_MM = 72 / 25.4;
/** A4 as react-pdf sizes it. */
export const PAGE = { width: 595.28, height: 841.89 } as const;
export const MARGIN = {
  top: 37 * PT_PER_MM,
  bottom: 35 * PT_PER_MM,
  left: 28 * PT_PER_MM,
  right: 26 * PT_PER_MM,
} as const;
/** Text block: 156 × 225 mm. */
export const TEXT_W = PAGE.width - MARGIN.left - MARGIN.right;
export const TEXT_H = PAGE.height - MARGIN.top - MARGIN.bottom;

/** Body: 3号 (16 pt), 22 lines × 28 characters. */
export const BODY = { size: 16, line: 28.99, letterSpacing: -0.21 } as const;
/** Width of one body character including letter spacing; the first-line indent is two of them. */
export const BODY_CHAR = BODY.size + BODY.letterSpacing;
export const INDENT = 2 * BODY_CHAR;

export const TITLE = { size: 22, line: 36 } as const;

/** Page number: 4号 (14 pt) 宋体, 7 mm below the text block, indented one character. */
export const FOLIO = { size: 14, gap: 7 * PT_PER_MM, indent: 14 } as const;

export const TABLE_STYLE = {
  fontSize: 10.5,
  /** line height as a multiple of the font size */
  lineFactor: 1.3,
  padH: 2,
  padV: 2.5,
  border: 0.5,
  /** space after a table */
  after: BODY.line / 2,
} as const;

/** Slack kept free at the bottom of a page when a table chunk is sized, against rounding. */
const TABLE_SAFETY = 2;
const EPS = 0.001;

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Prepare text for drawing: ASCII spaces and tabs become no-break spaces (react-pdf's line
 * breaker would otherwise prefer any space as a break point and leave huge gaps), line breaks
 * are dropped (callers split paragraphs first), surrounding white space is trimmed.
 */
export function prepareText(text: string): string {
  return text
    .replace(/\r?\n/g, "")
    .trim()
    .replace(/[ \t]/g, "\u00a0");
}

/** Split a paragraph text on line breaks into prepared, non-empty paragraphs. */
export function splitParagraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(prepareText)
    .filter((p) => p !== "");
}

export type TextStyle = {
  face: PrimaryFace;
  size: number;
  letterSpacing?: number;
};

export function textWidth(text: string, s: TextStyle): number {
  let w = 0;
  for (const ch of text) w += advanceEm(s.face, ch) * s.size + (s.letterSpacing ?? 0);
  return w;
}

/**
 * Break prepared text into lines the way react-pdf does with our hyphenation callback: greedy
 * fill, breaks only between the parts of `breakParts`. Returns the lines (at least one).
 */
export function layoutLines(text: string, s: TextStyle, width: number, indent = 0): string[] {
  const lines: string[] = [];
  let cur = "";
  let x = 0;
  let avail = width - indent;
  for (const p of breakParts(text)) {
    const w = textWidth(p, s);
    if (cur === "" || x + w <= avail + EPS) {
      cur += p;
      x += w;
    } else {
      lines.push(cur);
      cur = p;
      x = w;
      avail = width;
    }
  }
  lines.push(cur);
  return lines;
}

/**
 * A table cell's lines: as layoutLines, except that a short word of Chinese characters that wraps onto two
 * lines is split in the middle — 「商业/企业」「科研/机构」 as the format prints table 三's headers, not
 * 「商业企/业」 — when both halves fit. Same number of lines, so row heights do not change.
 */
export function cellLines(text: string, s: TextStyle, width: number): string[] {
  const lines = layoutLines(text, s, width);
  if (lines.length !== 2 || !/^\p{Script=Han}+$/u.test(text)) return lines;
  const half = Math.ceil([...text].length / 2);
  const balanced = [[...text].slice(0, half).join(""), [...text].slice(half).join("")];
  return balanced.every((l) => textWidth(l, s) <= width + EPS) ? balanced : lines;
}

const BODY_TEXT: TextStyle = { face: "FangSong", size: BODY.size, letterSpacing: BODY.letterSpacing };

// ---------------------------------------------------------------------------------------------
// Tables: grid placement, row heights, page chunks

export type PlacedCell = {
  /** first row and column in the grid */
  r: number;
  c: number;
  rs: number;
  cs: number;
  text: string;
  align: Align;
  bold: boolean;
};

export type Grid = {
  nrows: number;
  ncols: number;
  /** cells in row-major order of their top-left corner */
  cells: PlacedCell[];
  /** keep[r]: no page break between row r and row r + 1 */
  keep: boolean[];
};

/** Place rows on the grid (HTML semantics for row spans) and check that every position is covered once. */
export function placeRows(rows: TableRow[], ncols: number, where: string): Grid {
  const nrows = rows.length;
  const occupied: boolean[][] = rows.map(() => new Array<boolean>(ncols).fill(false));
  const cells: PlacedCell[] = [];
  const keep: boolean[] = [];
  rows.forEach((row, r) => {
    const rowCells =
      row.kind === "title"
        ? [{ text: row.text, colSpan: ncols, align: row.align ?? "center", bold: row.bold }]
        : row.cells;
    keep.push(row.kind === "title" ? true : Boolean(row.keepWithNext));
    let c = 0;
    for (const cell of rowCells) {
      const occ = occupied[r] as boolean[];
      while (c < ncols && occ[c]) c++;
      const cs = Math.max(1, Math.floor(cell.colSpan));
      const rs = Math.max(1, Math.floor(("rowSpan" in cell ? cell.rowSpan : 1) ?? 1));
      if (c + cs > ncols) throw new Error(`${where}: row ${r + 1} has more than ${ncols} columns`);
      if (r + rs > nrows) throw new Error(`${where}: a cell in row ${r + 1} spans past the last row`);
      for (let i = r; i < r + rs; i++) {
        for (let j = c; j < c + cs; j++) {
          const o = occupied[i] as boolean[];
          if (o[j]) throw new Error(`${where}: cells overlap at row ${i + 1}, column ${j + 1}`);
          o[j] = true;
        }
      }
      cells.push({ r, c, rs, cs, text: prepareText(cell.text), align: cell.align, bold: Boolean(cell.bold) });
      c += cs;
    }
    const missing = (occupied[r] as boolean[]).filter((o) => !o).length;
    if (missing > 0) throw new Error(`${where}: row ${r + 1} leaves ${missing} of ${ncols} columns empty`);
  });
  return { nrows, ncols, cells, keep };
}

/** Rows s..e−1 of a grid; cells crossing the cut are clipped (their text is repeated in each piece). */
export function sliceGrid(grid: Grid, s: number, e: number): Grid {
  const cells: PlacedCell[] = [];
  for (const cell of grid.cells) {
    const top = Math.max(cell.r, s);
    const bottom = Math.min(cell.r + cell.rs, e);
    if (bottom <= top) continue;
    cells.push({ ...cell, r: top - s, rs: bottom - top });
  }
  cells.sort((a, b) => a.r - b.r || a.c - b.c);
  return { nrows: e - s, ncols: grid.ncols, cells, keep: grid.keep.slice(s, e) };
}

export type TableGeometry = {
  /** column widths in pt (they sum to the table width minus the outer left border) */
  colW: number[];
  fontSize: number;
  lineHeight: number;
  face: "FangSong" | "Song";
};

export function tableGeometry(table: Table): TableGeometry {
  const n = table.columns.length;
  if (n === 0) throw new Error(`table ${table.id}: no columns`);
  const total = table.columns.reduce((a, b) => a + b, 0);
  const inner = TEXT_W - TABLE_STYLE.border;
  const colW = table.columns.map((f) => (f / total) * inner);
  const fontSize = table.fontSize ?? TABLE_STYLE.fontSize;
  return { colW, fontSize, lineHeight: round2(fontSize * TABLE_STYLE.lineFactor), face: table.face ?? "FangSong" };
}

const round2 = (x: number) => Math.round(x * 100) / 100;

export function cellWidth(g: TableGeometry, c: number, cs: number): number {
  let w = 0;
  for (let j = c; j < c + cs; j++) w += g.colW[j] ?? 0;
  return w;
}

/** Width available to a cell's text. */
export function cellTextWidth(g: TableGeometry, c: number, cs: number): number {
  return cellWidth(g, c, cs) - 2 * TABLE_STYLE.padH - TABLE_STYLE.border;
}

function cellNeed(g: TableGeometry, cell: PlacedCell): number {
  const face: PrimaryFace = cell.bold ? "Hei" : g.face;
  const lines = cell.text === "" ? 1 : cellLines(cell.text, { face, size: g.fontSize }, cellTextWidth(g, cell.c, cell.cs)).length;
  return lines * g.lineHeight + 2 * TABLE_STYLE.padV + TABLE_STYLE.border;
}

/** Height of every row: enough for its one-row cells; rows under a spanning cell grow evenly if it needs more. */
export function rowHeights(grid: Grid, g: TableGeometry): number[] {
  const minRow = g.lineHeight + 2 * TABLE_STYLE.padV + TABLE_STYLE.border;
  const h = new Array<number>(grid.nrows).fill(minRow);
  const spanning: PlacedCell[] = [];
  for (const cell of grid.cells) {
    if (cell.rs === 1) h[cell.r] = Math.max(h[cell.r] as number, cellNeed(g, cell));
    else spanning.push(cell);
  }
  spanning.sort((a, b) => a.rs - b.rs);
  for (const cell of spanning) {
    let sum = 0;
    for (let i = cell.r; i < cell.r + cell.rs; i++) sum += h[i] as number;
    const need = cellNeed(g, cell);
    if (need > sum + EPS) {
      // spread the missing height over the rows the cell covers
      const extra = (need - sum) / cell.rs;
      for (let i = cell.r; i < cell.r + cell.rs; i++) h[i] = (h[i] as number) + extra;
    }
  }
  return h.map(round2);
}

export type TableChunk = {
  /** body rows [start, end) of the table */
  start: number;
  end: number;
  grid: Grid;
  heights: number[];
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Cut the body into chunks. The first chunk gets `avail.first` (space left for body rows on the
 * current page); when it cannot hold `minFirstRows` rows (or the whole body) and `avail.canMove`,
 * the table starts on the next page with `avail.firstFresh`; later chunks get `avail.full`.
 * A chunk ends only where a row allows a break (not after a title row or a keepWithNext row).
 */
export function chunkBody(
  body: Grid,
  g: TableGeometry,
  avail: { first: number; firstFresh: number; full: number; canMove: boolean },
  minFirstRows = 2,
): { chunks: TableChunk[]; movedToNextPage: boolean } {
  if (body.nrows === 0) {
    return { chunks: [{ start: 0, end: 0, grid: body, heights: [] }], movedToNextPage: false };
  }
  // break opportunities: after row r when !keep[r]; always after the last row
  const ends: number[] = [];
  for (let r = 0; r < body.nrows; r++) if (!body.keep[r] || r === body.nrows - 1) ends.push(r + 1);

  // A break inside a row-spanning cell repeats its text in both pieces; avoid breaks where a
  // piece would be too short for the text (its rows would have to grow).
  const natural = rowHeights(body, g);
  const cutOk = (s: number, e: number) =>
    body.cells.every((cell) => {
      if (!(cell.r < e && e < cell.r + cell.rs)) return true;
      const need = cellNeed(g, cell);
      return sum(natural.slice(Math.max(cell.r, s), e)) + EPS >= need && sum(natural.slice(e, cell.r + cell.rs)) + EPS >= need;
    });

  /** the longest chunk from s that fits, preferring clean cuts; or null */
  const longest = (s: number, space: number) => {
    let best: { e: number; heights: number[] } | null = null;
    let bestClean: { e: number; heights: number[] } | null = null;
    for (const e of ends) {
      if (e <= s) continue;
      const heights = rowHeights(sliceGrid(body, s, e), g);
      if (sum(heights) > space + EPS) break;
      best = { e, heights };
      if (e === body.nrows || cutOk(s, e)) bestClean = best;
    }
    return bestClean ?? best;
  };
  const forced = (s: number) => {
    // a single unit taller than a page: draw it anyway (it will overflow), never loop forever
    const e = ends.find((x) => x > s) as number;
    return { e, heights: rowHeights(sliceGrid(body, s, e), g) };
  };

  const chunks: TableChunk[] = [];
  let movedToNextPage = false;
  let first = longest(0, avail.first);
  const enough = first !== null && (first.e >= minFirstRows || first.e === body.nrows);
  if (!enough && avail.canMove) {
    movedToNextPage = true;
    first = longest(0, avail.firstFresh);
  }
  first ??= forced(0);
  chunks.push({ start: 0, end: first.e, grid: sliceGrid(body, 0, first.e), heights: first.heights });
  let s = first.e;
  while (s < body.nrows) {
    const next = longest(s, avail.full) ?? forced(s);
    chunks.push({ start: s, end: next.e, grid: sliceGrid(body, s, next.e), heights: next.heights });
    s = next.e;
  }
  return { chunks, movedToNextPage };
}

// ---------------------------------------------------------------------------------------------
// Document plan

export type HeadingLine = { level: 1 | 2; text: string; lines: number };

export type FlowItem =
  | { kind: "title"; lines: string[]; height: number; page: number; top: number }
  | { kind: "paragraph"; text: string; lines: number; page: number; top: number }
  | {
      kind: "heading";
      level: 1 | 2;
      text: string;
      lines: number;
      minPresenceAhead: number;
      page: number;
      top: number;
    }
  | {
      kind: "table";
      table: Table;
      geometry: TableGeometry;
      /** headings drawn together with the first chunk (kept on its page) */
      headings: HeadingLine[];
      header: Grid;
      headerHeights: number[];
      chunk: TableChunk;
      /** index of this chunk and how many there are */
      index: number;
      count: number;
      /** predicted height, space after included */
      height: number;
      page: number;
      top: number;
    }
  | {
      kind: "signature";
      organName: string;
      date: string;
      nameX: number;
      dateX: number;
      /** one blank line before the name (dropped at the top of a page) */
      blankLine: boolean;
      page: number;
      top: number;
    };

export type DocumentPlan = { items: FlowItem[]; pages: number };

/**
 * Split the items where the plan starts a page with a new item (not inside a paragraph). Each
 * part is drawn as its own <Page> (react-pdf still wraps it if needed): this makes the render
 * follow the plan's page breaks, and it is much faster — react-pdf lays out everything after a
 * page break again for every page, so shorter flows cost less.
 */
export function pageSegments(plan: DocumentPlan): FlowItem[][] {
  const segments: FlowItem[][] = [];
  let current: FlowItem[] = [];
  let lastPage = 1;
  for (const item of plan.items) {
    if (current.length > 0 && item.page > lastPage && item.top < EPS) {
      segments.push(current);
      current = [];
    }
    current.push(item);
    lastPage = item.page;
  }
  if (current.length > 0) segments.push(current);
  return segments;
}

/** x offsets of the 署名 and 成文日期 lines (GB/T 9704 7.3.5.2, without seal). */
export function signaturePositions(organName: string, date: string): { nameX: number; dateX: number } {
  const nameW = textWidth(prepareText(organName), BODY_TEXT);
  const dateW = textWidth(prepareText(date), BODY_TEXT);
  if (INDENT + dateW <= nameW) {
    const nameX = TEXT_W - INDENT - nameW;
    return { nameX: Math.max(0, nameX), dateX: Math.max(0, nameX + INDENT) };
  }
  const dateX = TEXT_W - INDENT - dateW;
  return { nameX: Math.max(0, dateX - INDENT), dateX: Math.max(0, dateX) };
}

/** react-pdf's getLineBreak: how many lines of a text stay on this page. */
function linesKept(total: number, fitting: number, orphans = 2, widows = 2): number {
  if (fitting === 0) return 0;
  if (total < orphans) return total;
  if (fitting < orphans || total < orphans + widows) return 0;
  if (total === orphans + widows) return orphans;
  if (total - fitting < widows) return total - widows;
  return fitting;
}

type NormBlock =
  | { kind: "heading"; level: 1 | 2; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "table"; table: Table };

function normaliseBlocks(blocks: Block[]): NormBlock[] {
  const out: NormBlock[] = [];
  for (const b of blocks) {
    if (b.kind === "paragraph") for (const p of splitParagraphs(b.text)) out.push({ kind: "paragraph", text: p });
    else if (b.kind === "table") out.push(b);
    else {
      const text = prepareText(b.text);
      if (text) out.push({ kind: "heading", level: b.kind === "heading1" ? 1 : 2, text });
    }
  }
  return out;
}

export function headingStyle(level: 1 | 2): TextStyle {
  return { face: level === 1 ? "Hei" : "Kai", size: BODY.size, letterSpacing: BODY.letterSpacing };
}

/** Simulate the flow page by page and produce the items to draw. */
export function planDocument(vm: ViewModel): DocumentPlan {
  const H = TEXT_H;
  const items: FlowItem[] = [];
  let page = 1;
  let y = 0;
  const newPage = () => {
    page++;
    y = 0;
  };

  // Title (always at the top of page 1) and a blank line.
  const titleStyle: TextStyle = { face: "Title", size: TITLE.size };
  const titleLines = vm.title
    .map(prepareText)
    .filter(Boolean)
    .flatMap((t) => layoutLines(t, titleStyle, TEXT_W));
  if (titleLines.length > 0) {
    const height = titleLines.length * TITLE.line + BODY.line;
    items.push({ kind: "title", lines: titleLines, height, page, top: 0 });
    y += height;
  }

  const blocks: NormBlock[] = [
    ...vm.opening.flatMap(splitParagraphs).map((text): NormBlock => ({ kind: "paragraph", text })),
    ...normaliseBlocks(vm.blocks),
  ];
  const paraLines = (text: string) => layoutLines(text, BODY_TEXT, TEXT_W, INDENT).length;
  const headingLines = (level: 1 | 2, text: string) => layoutLines(text, headingStyle(level), TEXT_W, INDENT).length;

  /** Place a paragraph; returns where its first line lands. */
  const placeParagraph = (lines: number): { page: number; top: number } => {
    let left = lines;
    let start: { page: number; top: number } | null = null;
    for (;;) {
      if (y + left * BODY.line <= H + EPS) {
        start ??= { page, top: y };
        y += left * BODY.line;
        return start;
      }
      const fitting = Math.max(0, Math.floor((H - y + EPS) / BODY.line));
      const kept = linesKept(left, fitting);
      if (kept === 0 && y < EPS) {
        // cannot happen with 22 lines a page, but never loop forever
        start ??= { page, top: y };
        y += left * BODY.line;
        return start;
      }
      if (kept > 0) start ??= { page, top: y };
      left -= kept;
      newPage();
    }
  };

  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as NormBlock;
    if (b.kind === "paragraph") {
      const lines = paraLines(b.text);
      items.push({ kind: "paragraph", text: b.text, lines, ...placeParagraph(lines) });
      continue;
    }
    if (b.kind === "heading") {
      // headings directly before a table are drawn with its first chunk
      let j = i;
      const run: HeadingLine[] = [];
      while (j < blocks.length && (blocks[j] as NormBlock).kind === "heading") {
        const h = blocks[j] as Extract<NormBlock, { kind: "heading" }>;
        run.push({ level: h.level, text: h.text, lines: headingLines(h.level, h.text) });
        j++;
      }
      const next = blocks[j];
      if (next && next.kind === "table") {
        placeTable(next.table, run);
        i = j;
        continue;
      }
      // heading(s) before a paragraph (or the end): keep each with what follows
      const nextLines = next && next.kind === "paragraph" ? Math.min(2, paraLines(next.text)) : 0;
      run.forEach((h, k) => {
        const following = run.slice(k + 1).reduce((a, x) => a + x.lines * BODY.line, 0) + nextLines * BODY.line;
        const height = h.lines * BODY.line;
        if (y > EPS && y + height + following > H + EPS) newPage();
        items.push({
          kind: "heading",
          level: h.level,
          text: h.text,
          lines: h.lines,
          minPresenceAhead: following,
          page,
          top: y,
        });
        y += height;
      });
      i = j - 1;
      continue;
    }
    placeTable(b.table, []);
  }

  function placeTable(table: Table, headings: HeadingLine[]) {
    const geometry = tableGeometry(table);
    const header = placeRows(table.header, table.columns.length, `table ${table.id} header`);
    const body = placeRows(table.body, table.columns.length, `table ${table.id} body`);
    const headerHeights = rowHeights(header, geometry);
    const headingsH = headings.reduce((a, h) => a + h.lines * BODY.line, 0);
    const fixed = sum(headerHeights) + TABLE_STYLE.border;
    const full = H - fixed - TABLE_SAFETY;
    const { chunks, movedToNextPage } = chunkBody(body, geometry, {
      first: H - y - headingsH - fixed - TABLE_SAFETY,
      firstFresh: full - headingsH,
      full,
      canMove: y > EPS,
    });
    if (movedToNextPage) newPage();
    chunks.forEach((chunk, index) => {
      if (index > 0) newPage();
      const last = index === chunks.length - 1;
      const heads = index === 0 ? headings : [];
      const height =
        heads.reduce((a, h) => a + h.lines * BODY.line, 0) + fixed + sum(chunk.heights) + (last ? TABLE_STYLE.after : 0);
      items.push({
        kind: "table",
        table,
        geometry,
        headings: heads,
        header,
        headerHeights,
        chunk,
        index,
        count: chunks.length,
        height,
        page,
        top: y,
      });
      y += height;
    });
    if (y >= H - EPS) newPage();
  }

  // Signature: one blank line, the organ name, the date; kept together.
  const { organName, date } = vm.signature;
  if (prepareText(organName) || prepareText(date)) {
    // Rather than leave the signature alone on a page, give up the blank line before it.
    const blankLine = y > EPS && y + 3 * BODY.line <= H + EPS;
    if (y > EPS && y + 2 * BODY.line > H + EPS) newPage();
    const pos = signaturePositions(organName, date);
    items.push({
      kind: "signature",
      organName: prepareText(organName),
      date: prepareText(date),
      ...pos,
      blankLine,
      page,
      top: y,
    });
    y += (blankLine ? 3 : 2) * BODY.line;
  }

  return { items, pages: page };
}
