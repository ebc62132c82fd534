/**
 * Pasting a block copied from Excel / WPS into a table: parsing the clipboard text (tab- and
 * newline-separated, Excel quoting) and planning which cells receive which value.
 *
 * A table is seen as its data rows (rows holding value cells, in visual order) × the value cells of
 * each row (left to right). The pasted block is laid onto that grid from the focused cell, so a block
 * copied from a sheet with the official layout lines up: values that land on a computed cell (总计)
 * are skipped, values beyond the table are ignored and counted.
 */
import { CELLS, type TableDef } from "@/lib/template";
import { canonicalCellValue } from "./values";

/**
 * Clipboard text → rows of cells. Handles CRLF / LF / CR, trailing empty lines, and Excel's quoting
 * ("a""b", cells holding tabs or line breaks). Cells are returned raw (not normalised).
 */
export function parsePastedGrid(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let i = 0;
  const n = text.length;
  let atCellStart = true;
  while (i < n) {
    const ch = text[i]!;
    if (atCellStart && ch === '"') {
      // A quoted cell only if the quotes close right before a separator or the end.
      const end = quotedEnd(text, i);
      if (end !== -1) {
        cell = text.slice(i + 1, end).replace(/""/g, '"');
        i = end + 1;
        atCellStart = false;
        continue;
      }
    }
    atCellStart = false;
    if (ch === "\t") {
      row.push(cell);
      cell = "";
      atCellStart = true;
      i++;
    } else if (ch === "\r" || ch === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      atCellStart = true;
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      cell += ch;
      i++;
    }
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  // Trailing empty lines (Excel ends a copy with a line break) carry nothing.
  while (rows.length > 0 && rows[rows.length - 1]!.every((c) => c === "") && rows[rows.length - 1]!.length <= 1) {
    rows.pop();
  }
  return rows;
}

/** Index of the closing quote of a quoted cell starting at `start`, or -1 when it is not one. */
function quotedEnd(text: string, start: number): number {
  let j = start + 1;
  while (j < text.length) {
    if (text[j] === '"') {
      if (text[j + 1] === '"') {
        j += 2;
        continue;
      }
      const next = text[j + 1];
      return next === undefined || next === "\t" || next === "\r" || next === "\n" ? j : -1;
    }
    j++;
  }
  return -1;
}

/** True when the clipboard text is more than one cell (so the paste is ours, not the input's). */
export function isMultiCellPaste(grid: readonly (readonly string[])[]): boolean {
  return grid.length > 1 || (grid[0]?.length ?? 0) > 1;
}

/** The table's data rows as lists of value-cell ids (input and computed), in visual order. */
export function tableValueGrid(table: TableDef): string[][] {
  return [...table.headerRows, ...table.bodyRows]
    .map((r) => r.cells.flatMap((c) => (c.type === "value" ? [c.cellId] : [])))
    .filter((ids) => ids.length > 0);
}

export type PastePlan = {
  /** Input cells to set, with the normalised pasted value ("" for an empty pasted cell). */
  writes: { id: string; value: string }[];
  /** Pasted values that fell on computed cells (总计) and were skipped. */
  skippedComputed: number;
  /** Pasted values beyond the table's last row or a row's last cell, ignored. */
  ignored: number;
};

/** Lay `grid` onto `table` starting at the value cell `startId`. */
export function planPaste(table: TableDef, startId: string, grid: readonly (readonly string[])[]): PastePlan {
  const rows = tableValueGrid(table);
  const r0 = rows.findIndex((r) => r.includes(startId));
  if (r0 === -1) throw new Error(`cell ${startId} is not in ${table.id}`);
  const c0 = rows[r0]!.indexOf(startId);
  const plan: PastePlan = { writes: [], skippedComputed: 0, ignored: 0 };
  grid.forEach((pastedRow, i) => {
    const target = rows[r0 + i];
    pastedRow.forEach((raw, j) => {
      const id = target?.[c0 + j];
      if (id === undefined) {
        plan.ignored++;
        return;
      }
      if (CELLS.get(id)?.computed) {
        plan.skippedComputed++;
        return;
      }
      plan.writes.push({ id, value: canonicalCellValue(raw) });
    });
  });
  return plan;
}

/** A Chinese notice about what a paste did, or null when everything landed. */
export function pasteNotice(plan: PastePlan): string | null {
  const parts: string[] = [];
  if (plan.skippedComputed > 0) parts.push(`${plan.skippedComputed} 个值落在合计单元格上，已跳过（合计自动计算）`);
  if (plan.ignored > 0) parts.push(`${plan.ignored} 个值超出表格范围，已忽略`);
  if (parts.length === 0) return null;
  return `已粘贴 ${plan.writes.length} 个单元格；${parts.join("；")}。`;
}
