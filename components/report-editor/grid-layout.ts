/**
 * How the editor lays a table out (pure): relative column widths, the width below which the table scrolls
 * sideways, and which cells stay pinned (sticky) while it does.
 */
import type { TableDef } from "@/lib/template";

/** A cell kept in view while the table scrolls sideways: its side and its distance (px) from that edge. */
export type Pin = { side: "left" | "right"; offset: number; /** on the boundary of the pinned columns */ edge: boolean };

/** Where a printed cell sits: pinned or not, and whether it starts the row (it then draws the left border). */
export type Place = { pin: Pin | null; first: boolean };

/**
 * How the editor lays a table out: relative column widths, the width below which it scrolls sideways,
 * and how many leading (labels) and trailing (总计) columns stay in view while it does. Table 三 is made to
 * fit — labels and 总计 included — beside the side column or the docked preview at 1366×768; narrower
 * (a zoomed or smaller screen) its labels and 总计 stay pinned. Tables 二 and 四 fit at these widths.
 */
export type GridLayout = { minWidth: number; widths: readonly number[]; pinLeft: number; pinRight: number };

const T3_DATA_SHARE = 0.57;

export function gridLayout(table: TableDef): GridLayout {
  switch (table.id) {
    case "t3": {
      const data = table.columnCount - 3;
      return {
        minWidth: 720,
        widths: [0.055, 0.09, 1 - 0.055 - 0.09 - T3_DATA_SHARE, ...Array.from({ length: data }, () => T3_DATA_SHARE / data)],
        pinLeft: 3,
        pinRight: 1,
      };
    }
    case "t4":
      return { minWidth: 690, widths: table.columnWidths, pinLeft: 0, pinRight: 0 };
    default:
      return { minWidth: 520, widths: table.columnWidths, pinLeft: 0, pinRight: 0 };
  }
}

/**
 * The place of every printed cell (by row key, in the row's cell order). Pinned: cells wholly inside the
 * pinned leading or trailing columns. Offsets are taken at the minimum width, the only width at which
 * the table scrolls (wider, it fills its box and a sticky cell is never displaced).
 */
export function gridPlaces(table: TableDef, layout: GridLayout): Map<string, Place[]> {
  const px = (from: number, to: number) => Math.round(layout.widths.slice(from, to).reduce((a, b) => a + b, 0) * layout.minWidth);
  const n = table.columnCount;
  const rows = [...table.headerRows, ...table.bodyRows];
  const occupied: boolean[][] = rows.map(() => []);
  const places = new Map<string, Place[]>();
  rows.forEach((row, r) => {
    let col = 0;
    const list: Place[] = [];
    for (const cell of row.cells) {
      while (occupied[r]![col]) col++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const line = occupied[r + dr];
          if (line) line[col + dc] = true;
        }
      const end = col + cell.colSpan;
      let pin: Pin | null = null;
      if (end <= layout.pinLeft) pin = { side: "left", offset: px(0, col), edge: end === layout.pinLeft };
      else if (layout.pinRight > 0 && col >= n - layout.pinRight) pin = { side: "right", offset: px(end, n), edge: col === n - layout.pinRight };
      list.push({ pin, first: col === 0 });
      col = end;
    }
    places.set(row.key, list);
  });
  return places;
}

/** Width (px) of the pinned columns on each side, at the minimum width. */
export function pinnedWidths(layout: GridLayout): { left: number; right: number } {
  const sum = (w: readonly number[]) => Math.round(w.reduce((a, b) => a + b, 0) * layout.minWidth);
  return { left: sum(layout.widths.slice(0, layout.pinLeft)), right: sum(layout.widths.slice(layout.widths.length - layout.pinRight)) };
}

