/**
 * Tables 三 and 四 from the register. Pure and linear in the number of entries.
 *
 * Table 三 (the register of `year`):
 * - 一、本年新收: entries received this year; 二、上年结转: entries carried over from last year's register;
 * - the result rows （一）…（六）3: each closed entry counts once, in the one row chosen for it — so 部分公开
 *   is "只计这一情形" by construction (the clerk picks （二）, and nothing else is counted for it);
 * - 四、结转下年度继续办理: entries still without a result at 12月31日.
 * Every entry is counted once in 一 or 二 and once in a result row or 四, so 一 + 二 = （七） + 四 always holds.
 *
 * Table 四 (cases): each case counts once in its group (行政复议 / 未经复议直接起诉 / 复议后起诉) and result; a
 * case where this organ is sued only as the 复议机关 (共同被告) is counted for the original organ only.
 */
import { T3_INPUT_COLUMNS, T3_ROWS, t3CellId, t4CellId, T4_GROUPS, T4_RESULTS, type CellValues } from "@/lib/template";

export type RegisterEntry = {
  id: string;
  applicantType: string;
  carried: boolean;
  /** a result row id of table 三, or null while open */
  result: string | null;
};

export type RegisterCase = { id: string; kind: string; result: string; coDefendantOnly: boolean };

const T3_INPUT_ROWS = T3_ROWS.filter((r) => !r.computed).map((r) => r.id);
const RESULT_ROW_IDS = new Set(T3_ROWS.filter((r) => r.isResult).map((r) => r.id));
const COLUMN_IDS = new Set(T3_INPUT_COLUMNS.map((c) => c.id));

/** The row an entry is counted in among the results (or 四 when open). */
export function entryOutcomeRow(e: RegisterEntry): string {
  return e.result && RESULT_ROW_IDS.has(e.result) ? e.result : "carryover";
}

const ROW_INDEX = new Map(T3_INPUT_ROWS.map((r, i) => [r, i]));
const COL_INDEX = new Map(T3_INPUT_COLUMNS.map((c, i) => [c.id, i]));
const CELL_IDS = T3_INPUT_ROWS.map((r) => T3_INPUT_COLUMNS.map((c) => t3CellId(r, c.id)));
const NEW = ROW_INDEX.get("new")!;
const CARRIED = ROW_INDEX.get("carried")!;
const CARRYOVER = ROW_INDEX.get("carryover")!;

/** Table 三's input cells (as report cell values, "0" for none) computed from the register. */
export function table3FromRegister(entries: readonly RegisterEntry[]): CellValues {
  const nc = T3_INPUT_COLUMNS.length;
  const counts = new Int32Array(T3_INPUT_ROWS.length * nc);
  for (const e of entries) {
    const col = COL_INDEX.get(e.applicantType);
    if (col === undefined) continue;
    counts[(e.carried ? CARRIED : NEW) * nc + col]! += 1;
    const out = e.result && RESULT_ROW_IDS.has(e.result) ? ROW_INDEX.get(e.result)! : CARRYOVER;
    counts[out * nc + col]! += 1;
  }
  const cells: CellValues = {};
  CELL_IDS.forEach((row, r) => row.forEach((id, c) => (cells[id] = String(counts[r * nc + c]))));
  return cells;
}

/** The entries counted in one table 三 cell (for the drill-down); `cellId` may be a 总计 cell. */
export function entriesOfT3Cell<E extends RegisterEntry>(entries: readonly E[], cellId: string): E[] {
  const [, row, col] = cellId.split(".");
  const rowMatch = (e: E) => {
    if (row === "new") return !e.carried;
    if (row === "carried") return e.carried;
    if (row === "total") return entryOutcomeRow(e) !== "carryover";
    return entryOutcomeRow(e) === row;
  };
  return entries.filter((e) => rowMatch(e) && (col === "total" ? COLUMN_IDS.has(e.applicantType) : e.applicantType === col));
}

export function table4FromCases(cases: readonly RegisterCase[]): CellValues {
  const cells: CellValues = {};
  for (const g of T4_GROUPS) for (const r of T4_RESULTS) if (!r.computed) cells[t4CellId(g.id, r.id)] = "0";
  for (const c of cases) {
    if (c.coDefendantOnly) continue;
    const id = t4CellId(c.kind, c.result);
    if (id in cells) cells[id] = String(Number(cells[id]) + 1);
  }
  return cells;
}

/** Cells where the typed figures differ from the register's (blank typed counts as 0 unless `strict`). */
export function registerDifferences(
  typed: CellValues,
  register: CellValues,
  strict = false,
): { cellId: string; typed: string; register: string }[] {
  const out: { cellId: string; typed: string; register: string }[] = [];
  for (const [id, v] of Object.entries(register)) {
    const t = (typed[id] ?? "").trim();
    if ((t === "" && !strict ? "0" : t) !== v) out.push({ cellId: id, typed: t, register: v });
  }
  return out;
}
