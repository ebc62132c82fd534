/**
 * How findings are counted, the same everywhere (the editor's 「N 项错误」, the dashboard, the roll-up, their
 * XLSX/CSV): the blank cells of a table are one to-do — 「表三有 144 个单元格未填写」 — not 144 errors.
 */
import { CELLS, type ReportContent, type TableId } from "@/lib/template";
import type { Finding } from "./findings";
import { readCell } from "./values";

/** The table of a blank-cell finding (E5 「未填写」 on one empty cell), or null for any other finding. */
export function blankCellTable(f: Finding, content: ReportContent): TableId | null {
  if (f.rule !== "E5" || f.cells.length !== 1) return null;
  const def = CELLS.get(f.cells[0]!);
  return def && readCell(content.cells[def.id], def.kind).state === "blank" ? def.table : null;
}

/** Errors and warnings among `open` (open findings), a table's blank cells counted as one error. */
export function countFindings(content: ReportContent, open: readonly Finding[]): { errorCount: number; warningCount: number } {
  const blankTables = new Set<TableId>();
  let errorCount = 0;
  let warningCount = 0;
  for (const f of open) {
    const table = blankCellTable(f, content);
    if (table) blankTables.add(table);
    else if (f.severity === "error") errorCount++;
    else warningCount++;
  }
  return { errorCount: errorCount + blankTables.size, warningCount };
}
