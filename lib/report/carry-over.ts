import { T3_INPUT_COLUMNS, t3CellId, type CellValues } from "@/lib/template";

/**
 * This year's 二、上年结转 cells from last year's 四、结转下年度继续办理 (rule X1), as cell id → value.
 * Only last year's cells that hold a value are carried; blanks stay blank.
 */
export function carriedFromPrevious(previous: CellValues): CellValues {
  const out: CellValues = {};
  for (const c of T3_INPUT_COLUMNS) {
    const v = (previous[t3CellId("carryover", c.id)] ?? "").trim();
    if (v !== "") out[t3CellId("carried", c.id)] = v;
  }
  return out;
}
