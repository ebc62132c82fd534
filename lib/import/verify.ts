/**
 * No silent cell: after the tables are read, every sum the format defines is checked against the cells and
 * the totals the file printed. A table whose checks all hold is proven; where a check fails, every cell the
 * check covers is flagged (an uncertain-cell note naming them), because any of them may be misplaced or
 * misread — a column shift, a lost cell, swapped rows or a changed digit all break at least one of them
 * unless the damaged table happens to balance again.
 *
 *   table 三, every row:    总计 as printed = Σ the six applicant columns              (E2)
 *   table 三, every column: （七）总计 as printed = Σ the result rows                   (E3)
 *                           一 + 二 = （七）总计 as printed + 四                          (E1)
 *   table 四, every group:  总计 as printed = 结果维持 + 结果纠正 + 其他结果 + 尚未审结   (E4)
 *
 * Table 二 has no sums: its cells are proven only by where they were read (a cell of a row with exactly its
 * columns); a cell placed any other way is flagged where it is read (lib/import/tables.ts).
 */
import { T3_INPUT_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS, t3CellId, t4CellId, t3RowName } from "@/lib/template";
import { readCell } from "@/lib/report";
import type { ImportNote } from "./types";

type Values = Readonly<Record<string, string>>;

const num = (v: string | undefined): number | null => {
  const r = readCell(v ?? "", "count");
  return r.state === "valid" ? r.value : null;
};

export type Verification = {
  notes: ImportNote[];
  /** Tables whose every check held (and that had every check available). */
  proven: { t3: boolean; t4: boolean };
};

export function verifyTables(cells: Values, printed: Values): Verification {
  const notes: ImportNote[] = [];
  const flag = (ids: string[], message: string) => notes.push({ kind: "uncertain-cell", cells: ids, message });
  let t3Complete = true;
  let t3Ok = true;

  // ---- table 三: rows -------------------------------------------------------------------------
  const resultRows = T3_ROWS.filter((r) => r.isResult);
  const totalRow = T3_ROWS.find((r) => r.computed)!;
  const totalCol = "total";
  for (const row of T3_ROWS.filter((r) => !r.computed)) {
    const ids = T3_INPUT_COLUMNS.map((c) => t3CellId(row.id, c.id));
    const vals = ids.map((id) => num(cells[id]));
    const p = num(printed[t3CellId(row.id, totalCol)]);
    if (vals.some((v) => v === null) || p === null) {
      t3Complete = false;
      continue;
    }
    const sum = vals.reduce((a, v) => a! + v!, 0)!;
    if (sum !== p) {
      t3Ok = false;
      flag(ids, `表三「${t3RowName(row)}」一行各项之和为 ${sum}，原文合计为 ${p}，不一致：该行的数字可能错位、缺失或读错，请对照原文核对。`);
    }
  }

  // ---- table 三: columns ----------------------------------------------------------------------
  for (const col of T3_INPUT_COLUMNS) {
    const g = (rowId: string) => num(cells[t3CellId(rowId, col.id)]);
    const p7 = num(printed[t3CellId(totalRow.id, col.id)]);
    if (p7 === null) {
      t3Complete = false;
      continue;
    }
    const results = resultRows.map((r) => g(r.id));
    if (results.every((v) => v !== null)) {
      const sum = results.reduce((a, v) => a! + v!, 0)!;
      if (sum !== p7) {
        t3Ok = false;
        flag(
          resultRows.map((r) => t3CellId(r.id, col.id)),
          `表三「${col.label}」一列办理结果各项之和为 ${sum}，原文「${totalRow.label}」为 ${p7}，不一致：该列的数字可能错位或读错，请对照原文核对。`,
        );
      }
    } else t3Complete = false;
    const [a, b, d] = [g("new"), g("carried"), g("carryover")];
    if (a !== null && b !== null && d !== null) {
      if (a + b !== p7 + d) {
        t3Ok = false;
        flag(
          ["new", "carried", "carryover"].map((r) => t3CellId(r, col.id)),
          `表三「${col.label}」一列不符合勾稽关系（一 + 二 = （七）总计 + 四）：${a} + ${b} ≠ ${p7} + ${d}，请对照原文核对。`,
        );
      }
    } else t3Complete = false;
  }

  // ---- table 四 -------------------------------------------------------------------------------
  let t4Complete = true;
  let t4Ok = true;
  const parts = T4_RESULTS.filter((r) => !r.computed);
  const total = T4_RESULTS.find((r) => r.computed)!;
  for (const grp of T4_GROUPS) {
    const ids = parts.map((r) => t4CellId(grp.id, r.id));
    const vals = ids.map((id) => num(cells[id]));
    const p = num(printed[t4CellId(grp.id, total.id)]);
    if (vals.some((v) => v === null) || p === null) {
      t4Complete = false;
      continue;
    }
    const sum = vals.reduce((a, v) => a! + v!, 0)!;
    if (sum !== p) {
      t4Ok = false;
      flag(ids, `表四「${grp.label}」各项之和为 ${sum}，原文总计为 ${p}，不一致：这几个数字可能错位或读错，请对照原文核对。`);
    }
  }
  return { notes, proven: { t3: t3Complete && t3Ok, t4: t4Complete && t4Ok } };
}
