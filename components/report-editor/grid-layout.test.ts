import { describe, expect, it } from "vitest";
import { T3_CORNER, T3_RESULTS_LABEL, TABLES, tableById, type GridRow } from "@/lib/template";
import { gridLayout, gridPlaces, pinnedWidths } from "./grid-layout";

const t3 = tableById("t3");
const layout = gridLayout(t3);
const places = gridPlaces(t3, layout);
const rowOf = (key: string): GridRow => [...t3.headerRows, ...t3.bodyRows].find((r) => r.key === key)!;
/** The place of the printed cell of row `key` showing `what` (a label's text or a cell id). */
function placeOf(key: string, what: string) {
  const row = rowOf(key);
  const i = row.cells.findIndex((c) => (c.type === "text" ? c.text === what : c.cellId === what));
  expect(i, `${what} in row ${key}`).toBeGreaterThanOrEqual(0);
  return places.get(key)![i]!;
}

describe("gridLayout", () => {
  it("gives every table widths that add up to 1, one per column", () => {
    for (const t of TABLES) {
      const l = gridLayout(t);
      expect(l.widths).toHaveLength(t.columnCount);
      expect(l.widths.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
  });

  it("fits table 三 beside the side column at 1366×768 (796 px less the card's padding) with its data columns wide enough for numbers", () => {
    expect(layout.minWidth).toBeLessThanOrEqual(796 - 42);
    for (const w of layout.widths.slice(3)) expect(w * layout.minWidth).toBeGreaterThanOrEqual(55);
    expect(layout.widths[2]! * layout.minWidth).toBeGreaterThanOrEqual(180); // the item labels
  });
});

describe("gridPlaces", () => {
  it("pins table 三's label columns to the left and its 总计 column to the right", () => {
    expect(placeOf("h1", T3_CORNER)).toEqual({ pin: { side: "left", offset: 0, edge: true }, first: true });
    expect(placeOf("new", "一、本年新收政府信息公开申请数量").pin).toEqual({ side: "left", offset: 0, edge: true });
    expect(placeOf("open", T3_RESULTS_LABEL)).toEqual({ pin: { side: "left", offset: 0, edge: false }, first: true });
    // an item label: third column, after the first two
    const item = placeOf("deny1", "1.属于国家秘密");
    expect(item.first).toBe(false);
    expect(item.pin).toEqual({ side: "left", offset: Math.round((layout.widths[0]! + layout.widths[1]!) * layout.minWidth), edge: true });
    for (const row of ["new", "carried", "open", "deny1", "total", "carryover"])
      expect(placeOf(row, `t3.${row}.total`).pin).toEqual({ side: "right", offset: 0, edge: true });
    expect(placeOf("h2", "总计").pin).toEqual({ side: "right", offset: 0, edge: true });
  });

  it("leaves the data columns and the header spanning them unpinned", () => {
    expect(placeOf("new", "t3.new.natural")).toEqual({ pin: null, first: false });
    expect(placeOf("new", "t3.new.otherOrg").pin).toBeNull();
    expect(placeOf("h1", "申请人情况").pin).toBeNull();
  });

  it("pins nothing in tables 二 and 四, where only the first column draws the left border", () => {
    for (const id of ["t2", "t4"] as const) {
      const t = tableById(id);
      const p = gridPlaces(t, gridLayout(t));
      for (const row of [...t.headerRows, ...t.bodyRows]) {
        const list = p.get(row.key)!;
        expect(list).toHaveLength(row.cells.length);
        expect(list.every((x) => x.pin === null)).toBe(true);
      }
      expect(pinnedWidths(gridLayout(t))).toEqual({ left: 0, right: 0 });
    }
  });

  it("keeps a focused cell clear of the pinned columns: scroll padding = their widths", () => {
    const w = pinnedWidths(layout);
    const sum = (ws: number[]) => Math.round(ws.reduce((a, b) => a + b, 0) * layout.minWidth);
    expect(w).toEqual({ left: sum(layout.widths.slice(0, 3)), right: sum(layout.widths.slice(-1)) });
  });
});
