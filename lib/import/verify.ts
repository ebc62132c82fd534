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

const T3_COLUMNS_ALL = [...T3_INPUT_COLUMNS.map((c) => c.id), "total"];

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
      // A row read with its values but no printed total: nothing can check where its numbers sit.
      if (p === null && vals.some((v) => v !== null) && cells[ids[0]!] !== undefined) {
        t3Ok = false;
        flag(ids, `表三「${t3RowName(row)}」一行原文没有总计（或总计读不出），无法核对各数字的位置，请对照原文核对。`);
      }
      continue;
    }
    const sum = vals.reduce((a, v) => a! + v!, 0)!;
    if (sum !== p) {
      t3Ok = false;
      flag([...ids, t3CellId(row.id, totalCol)], `表三「${t3RowName(row)}」一行各项之和为 ${sum}，原文合计为 ${p}，不一致：该行的数字可能错位、缺失或读错，请对照原文核对。`);
    }
  }

  // ---- table 三: the printed （七）总计 row itself ---------------------------------------------
  const p7s = T3_INPUT_COLUMNS.map((c) => num(printed[t3CellId(totalRow.id, c.id)]));
  const p7Total = num(printed[t3CellId(totalRow.id, totalCol)]);
  const rowPrinted = p7s.some((v) => v !== null) || p7Total !== null;
  if (rowPrinted && (p7s.some((v) => v === null) || p7Total === null || p7s.reduce((a, v) => a! + (v ?? 0), 0) !== p7Total)) {
    t3Ok = false;
    notes.push({
      kind: "uncertain-cell",
      cells: T3_COLUMNS_ALL.map((c) => t3CellId(totalRow.id, c)),
      message: `表三「${totalRow.label}」一行原文的数字不全或与其总计不符，可能错位或读错，请对照原文核对。`,
    });
  }

  // ---- table 三: columns ----------------------------------------------------------------------
  for (const col of T3_INPUT_COLUMNS) {
    const g = (rowId: string) => num(cells[t3CellId(rowId, col.id)]);
    const p7 = num(printed[t3CellId(totalRow.id, col.id)]);
    if (p7 === null) {
      t3Complete = false;
      if (rowPrinted) {
        flag(resultRows.map((r) => t3CellId(r.id, col.id)), `表三「${col.label}」一列原文「${totalRow.label}」为空，无法核对该列，请对照原文核对。`);
      }
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
    } else {
      t3Complete = false;
      // Some result cells of the column could not be read: the column's sum cannot check the others.
      const known = resultRows.filter((r) => g(r.id) !== null).map((r) => t3CellId(r.id, col.id));
      if (known.length > 0) flag(known, `表三「${col.label}」一列有单元格未能读出，其余单元格无法用「${totalRow.label}」核对，请对照原文核对。`);
    }
    const [a, b, d] = [g("new"), g("carried"), g("carryover")];
    if (a !== null && b !== null && d !== null) {
      if (a + b !== p7 + d) {
        t3Ok = false;
        flag(
          ["new", "carried", "carryover"].map((r) => t3CellId(r, col.id)),
          `表三「${col.label}」一列不符合勾稽关系（一 + 二 = （七）总计 + 四）：${a} + ${b} ≠ ${p7} + ${d}，请对照原文核对。`,
        );
      }
    } else {
      t3Complete = false;
      const known = ["new", "carried", "carryover"].filter((r) => g(r) !== null).map((r) => t3CellId(r, col.id));
      if (known.length > 0 && known.length < 3) flag(known, `表三「${col.label}」一列的一、二、四项未能全部读出，无法按勾稽关系核对，请对照原文核对。`);
    }
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
      if (p === null && vals.some((v) => v !== null)) {
        t4Ok = false;
        flag([...ids, t4CellId(grp.id, total.id)], `表四「${grp.label}」原文总计为空或读不出，无法核对，请对照原文核对。`);
      }
      continue;
    }
    const sum = vals.reduce((a, v) => a! + v!, 0)!;
    if (sum !== p) {
      t4Ok = false;
      flag([...ids, t4CellId(grp.id, total.id)], `表四「${grp.label}」各项之和为 ${sum}，原文总计为 ${p}，不一致：这几个数字可能错位或读错，请对照原文核对。`);
    }
  }
  return { notes, proven: { t3: t3Complete && t3Ok, t4: t4Complete && t4Ok } };
}
