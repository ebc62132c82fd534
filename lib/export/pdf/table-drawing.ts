/**
 * A table chunk as drawing operations: the rules as filled rectangles and the cell text as
 * positioned runs, computed from the plan's geometry (row heights, column widths) and the same
 * line breaking as the plan (cellLines).
 *
 * Drawing tables this way, on one <Canvas> per chunk, instead of as a flex box per cell, is what
 * keeps a render fast: a report has ~350 cells, and every react-pdf Text node costs a yoga node,
 * a style resolution, a textkit layout and a font switch (a new embedded-font wrapper each time).
 * The result looks the same as the boxes did: each cell draws its right and bottom rules, the
 * table its top and left ones, text centred vertically, aligned as the view model says.
 */
import { TABLE_STYLE, cellLines, cellTextWidth, cellWidth, type Grid, type TableGeometry } from "./layout";
import { faceRuns, fontAscentEm, type FaceName, type PrimaryFace } from "./fonts";

/** A filled rectangle (a rule), in pt relative to the table's top-left corner. */
export type Rule = { x: number; y: number; w: number; h: number };

/** One run of text in one face, placed by its baseline. */
export type TextRun = { face: FaceName; size: number; x: number; baseline: number; text: string };

export type TableDrawing = { width: number; height: number; rules: Rule[]; runs: TextRun[] };

const B = TABLE_STYLE.border;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * The runs of one line of cell text: its faces (primary, or the fallback for characters the
 * primary face lacks), x positions for the alignment, one baseline for the whole line. A line
 * wider than the cell (one unbreakable part, e.g. a 15-digit number in a narrow column) is drawn
 * at a smaller size so it stays inside its rules.
 */
function lineRuns(line: string, face: PrimaryFace, size: number, left: number, width: number, align: string, lineTop: number): TextRun[] {
  const runs = faceRuns(line, face);
  const natural = runs.reduce((w, r) => w + r.widthEm, 0) * size;
  const fitted = natural > width && natural > 0 ? (size * width) / natural : size;
  const lineW = (natural * fitted) / size;
  let x = left;
  if (align === "center") x += Math.max(0, (width - lineW) / 2);
  else if (align === "right") x += Math.max(0, width - lineW);
  const ascent = Math.max(...runs.map((r) => fontAscentEm(r.face))) * fitted;
  return runs.map((r) => {
    const run: TextRun = { face: r.face, size: fitted, x, baseline: lineTop + ascent, text: r.text };
    x += r.widthEm * fitted;
    return run;
  });
}

function drawGrid(grid: Grid, heights: number[], g: TableGeometry, y0: number, out: TableDrawing): void {
  const rowTop: number[] = [];
  let y = y0;
  for (const h of heights) {
    rowTop.push(y);
    y += h;
  }
  const colLeft: number[] = [];
  let x = B;
  for (const w of g.colW) {
    colLeft.push(x);
    x += w;
  }
  for (const cell of grid.cells) {
    const cx = colLeft[cell.c] as number;
    const cy = rowTop[cell.r] as number;
    const w = cellWidth(g, cell.c, cell.cs);
    const h = sum(heights.slice(cell.r, cell.r + cell.rs));
    out.rules.push({ x: cx + w - B, y: cy, w: B, h }, { x: cx, y: cy + h - B, w, h: B });
    if (cell.text === "") continue;
    const face: PrimaryFace = cell.bold ? "Hei" : g.face;
    const tw = cellTextWidth(g, cell.c, cell.cs);
    const lines = cellLines(cell.text, { face, size: g.fontSize }, tw);
    const free = h - B - 2 * TABLE_STYLE.padV - lines.length * g.lineHeight;
    const top = cy + TABLE_STYLE.padV + Math.max(0, free / 2);
    lines.forEach((line, i) => {
      out.runs.push(...lineRuns(line, face, g.fontSize, cx + TABLE_STYLE.padH, tw, cell.align, top + i * g.lineHeight));
    });
  }
}

/** The drawing of a table chunk: its header rows (repeated on every chunk) over its body rows. */
export function drawTable(header: Grid, headerHeights: number[], body: Grid, bodyHeights: number[], g: TableGeometry): TableDrawing {
  const width = B + sum(g.colW);
  const headerH = sum(headerHeights);
  const height = B + headerH + sum(bodyHeights);
  const out: TableDrawing = { width, height, rules: [{ x: 0, y: 0, w: width, h: B }, { x: 0, y: 0, w: B, h: height }], runs: [] };
  drawGrid(header, headerHeights, g, B, out);
  drawGrid(body, bodyHeights, g, B + headerH, out);
  return out;
}
