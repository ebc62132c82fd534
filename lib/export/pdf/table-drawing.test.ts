import { describe, expect, it } from "vitest";
import type { Table } from "../view-model";
import { table3, table4 } from "./fixtures/zhangliang";
import { fontAscentEm } from "./fonts";
import { TABLE_STYLE, TEXT_W, placeRows, rowHeights, tableGeometry, textWidth, type Grid } from "./layout";
import { drawTable, type Rule, type TableDrawing, type TextRun } from "./table-drawing";

const B = TABLE_STYLE.border;

function draw(table: Table): { d: TableDrawing; header: Grid; body: Grid; hh: number[]; bh: number[] } {
  const g = tableGeometry(table);
  const header = placeRows(table.header, g.colW.length, "header");
  const body = placeRows(table.body, g.colW.length, "body");
  const hh = rowHeights(header, g);
  const bh = rowHeights(body, g);
  return { d: drawTable(header, hh, body, bh, g), header, body, hh, bh };
}

/** Whether the rules paint the point (x, y). */
const ruled = (rules: Rule[], x: number, y: number) => rules.some((r) => x >= r.x - 1e-6 && x <= r.x + r.w + 1e-6 && y >= r.y - 1e-6 && y <= r.y + r.h + 1e-6);

const runWidth = (r: TextRun) => textWidth(r.text, { face: r.face === "Fallback" ? "FangSong" : r.face, size: r.size });

describe("drawing a table chunk", () => {
  const { d, body, bh, hh } = draw(table3([[1, 2, 3, 4, 5, 6, 7]]));

  it("is as wide as the text block and as tall as its rows plus the top rule", () => {
    expect(d.width).toBeCloseTo(TEXT_W, 6);
    expect(d.height).toBeCloseTo(B + [...hh, ...bh].reduce((a, b) => a + b, 0), 6);
  });

  it("rules the outer frame and every cell boundary, and nothing inside a cell", () => {
    // the frame: sample points along the four sides
    for (let t = 0; t <= 1; t += 0.05) {
      expect(ruled(d.rules, t * d.width, B / 2)).toBe(true);
      expect(ruled(d.rules, t * d.width, d.height - B / 2)).toBe(true);
      expect(ruled(d.rules, B / 2, t * d.height)).toBe(true);
      expect(ruled(d.rules, d.width - B / 2, t * d.height)).toBe(true);
    }
    // the middle of every body cell is blank, the middle of each of its right and bottom edges is ruled
    const g = tableGeometry(table3([]));
    const top = B + hh.reduce((a, b) => a + b, 0);
    for (const cell of body.cells) {
      const x0 = B + g.colW.slice(0, cell.c).reduce((a, b) => a + b, 0);
      const x1 = x0 + g.colW.slice(cell.c, cell.c + cell.cs).reduce((a, b) => a + b, 0);
      const y0 = top + bh.slice(0, cell.r).reduce((a, b) => a + b, 0);
      const y1 = y0 + bh.slice(cell.r, cell.r + cell.rs).reduce((a, b) => a + b, 0);
      expect(ruled(d.rules, (x0 + x1) / 2, (y0 + y1) / 2), `inside cell ${cell.r},${cell.c}`).toBe(false);
      expect(ruled(d.rules, x1 - B / 2, (y0 + y1) / 2), `right of ${cell.r},${cell.c}`).toBe(true);
      expect(ruled(d.rules, (x0 + x1) / 2, y1 - B / 2), `below ${cell.r},${cell.c}`).toBe(true);
    }
  });

  it("draws every cell's text, in cell order, inside the table", () => {
    const drawn = d.runs.map((r) => r.text).join("");
    expect(drawn).toContain("申请人情况");
    expect(drawn).toContain("一、本年新收政府信息公开申请数量");
    for (const r of d.runs) {
      expect(r.x).toBeGreaterThanOrEqual(B + TABLE_STYLE.padH - 1e-6);
      expect(r.x + runWidth(r)).toBeLessThanOrEqual(d.width + 1e-6);
      expect(r.baseline).toBeGreaterThan(0);
      expect(r.baseline).toBeLessThan(d.height);
    }
  });

  it("centres a one-line figure in its cell both ways", () => {
    const g = tableGeometry(table3([]));
    const seven = d.runs.find((r) => r.text === "7");
    expect(seven).toBeDefined();
    const cell = body.cells.find((c) => c.text === "7")!;
    const x0 = B + g.colW.slice(0, cell.c).reduce((a, b) => a + b, 0);
    const w = g.colW.slice(cell.c, cell.c + cell.cs).reduce((a, b) => a + b, 0);
    const textMid = seven!.x + runWidth(seven!) / 2;
    // the text area is the cell less its padding and its right rule
    expect(textMid).toBeCloseTo(x0 + TABLE_STYLE.padH + (w - 2 * TABLE_STYLE.padH - B) / 2, 3);
    const y0 = B + hh.reduce((a, b) => a + b, 0) + bh.slice(0, cell.r).reduce((a, b) => a + b, 0);
    const lineTop = seven!.baseline - fontAscentEm("FangSong") * seven!.size;
    const h = bh[cell.r] as number;
    expect(lineTop - y0).toBeCloseTo(TABLE_STYLE.padV + (h - B - 2 * TABLE_STYLE.padV - g.lineHeight) / 2, 3);
  });
});

describe("text that does not fit a cell", () => {
  it("draws a number wider than its column smaller, inside the column", () => {
    const { d } = draw(table4(new Array(15).fill(123456789012345)));
    const g = tableGeometry(table4([]));
    const runs = d.runs.filter((r) => r.text === "123456789012345");
    expect(runs.length).toBe(15);
    for (const r of runs) {
      expect(r.size).toBeLessThan(g.fontSize);
      const col = g.colW.find((w) => Math.abs(runWidth(r) - (w - 2 * TABLE_STYLE.padH - B)) < 1e-3);
      expect(col, "fitted exactly to a column's text width").toBeDefined();
    }
    // and the runs do not overlap
    const xs = runs.map((r) => [r.x, r.x + runWidth(r)] as const).sort((a, b) => a[0] - b[0]);
    xs.forEach(([x], i) => i > 0 && expect(x).toBeGreaterThanOrEqual((xs[i - 1] as readonly number[])[1] as number));
  });

  it("draws characters the face lacks in the fallback face, on the same baseline", () => {
    const table: Table = {
      id: "t",
      columns: [1],
      header: [],
      body: [{ cells: [{ text: "陈堃镇", colSpan: 1, align: "left" }] }],
    };
    const { d } = draw(table);
    expect(d.runs.map((r) => [r.face, r.text])).toEqual([
      ["FangSong", "陈"],
      ["Fallback", "堃"],
      ["FangSong", "镇"],
    ]);
    expect(new Set(d.runs.map((r) => r.baseline)).size).toBe(1);
    expect(d.runs[1]!.x).toBeCloseTo(d.runs[0]!.x + runWidth(d.runs[0]!), 6);
  });
});
