/**
 * Spreadsheet-style keyboard navigation across a table's value cells: the physical layout (row and
 * column span of every value cell, merged cells included) and the target of a move. Pure.
 */
import { CELLS, type TableDef } from "@/lib/template";

export type Direction = "up" | "down" | "left" | "right";

type Pos = { id: string; row: number; colStart: number; colEnd: number; input: boolean };

export type NavModel = { cells: ReadonlyMap<string, Pos>; rows: readonly (readonly Pos[])[] };

/** Physical positions of the value cells of a table (columns counted with spans of cells from above). */
export function buildNavModel(table: TableDef): NavModel {
  const grid = [...table.headerRows, ...table.bodyRows];
  const occupied: boolean[][] = grid.map(() => []);
  const rows: Pos[][] = [];
  const cells = new Map<string, Pos>();
  grid.forEach((row, r) => {
    let col = 0;
    const values: Pos[] = [];
    for (const cell of row.cells) {
      while (occupied[r]![col]) col++;
      for (let dr = 0; dr < cell.rowSpan; dr++)
        for (let dc = 0; dc < cell.colSpan; dc++) {
          const line = occupied[r + dr];
          if (line) line[col + dc] = true;
        }
      if (cell.type === "value") {
        const pos: Pos = {
          id: cell.cellId,
          row: rows.length,
          colStart: col,
          colEnd: col + cell.colSpan - 1,
          input: !CELLS.get(cell.cellId)?.computed,
        };
        values.push(pos);
        cells.set(cell.cellId, pos);
      }
      col += cell.colSpan;
    }
    if (values.length > 0) rows.push(values);
  });
  return { cells, rows };
}

/** The input cell a move from `fromId` lands on, or null at the table's edge. Computed cells are skipped. */
export function navTarget(model: NavModel, fromId: string, dir: Direction): string | null {
  const from = model.cells.get(fromId);
  if (!from) return null;
  if (dir === "left" || dir === "right") {
    const row = model.rows[from.row]!;
    const i = row.indexOf(from);
    const step = dir === "right" ? 1 : -1;
    for (let j = i + step; j >= 0 && j < row.length; j += step) if (row[j]!.input) return row[j]!.id;
    return null;
  }
  const step = dir === "down" ? 1 : -1;
  for (let r = from.row + step; r >= 0 && r < model.rows.length; r += step) {
    const hit = model.rows[r]!.find((p) => p.colStart <= from.colStart && from.colStart <= p.colEnd);
    if (hit?.input) return hit.id;
  }
  return null;
}

export type KeyInfo = {
  key: string;
  shiftKey: boolean;
  altKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  /** IME composition in progress (Chinese input): never navigate. */
  isComposing: boolean;
  selectionStart: number | null;
  selectionEnd: number | null;
  valueLength: number;
};

/**
 * Which way a key press moves, or null to let the input handle it. Enter / Shift+Enter move down / up;
 * Up / Down always move; Left / Right only when the caret sits at the start / end of the text with
 * nothing selected. Tab is left to the browser (native order is the visual order).
 */
export function keyDirection(k: KeyInfo): Direction | null {
  if (k.isComposing || k.altKey || k.ctrlKey || k.metaKey) return null;
  const collapsed = k.selectionStart !== null && k.selectionStart === k.selectionEnd;
  switch (k.key) {
    case "Enter":
      return k.shiftKey ? "up" : "down";
    case "ArrowUp":
      return k.shiftKey ? null : "up";
    case "ArrowDown":
      return k.shiftKey ? null : "down";
    case "ArrowLeft":
      return !k.shiftKey && collapsed && k.selectionStart === 0 ? "left" : null;
    case "ArrowRight":
      return !k.shiftKey && collapsed && k.selectionEnd === k.valueLength ? "right" : null;
    default:
      return null;
  }
}
