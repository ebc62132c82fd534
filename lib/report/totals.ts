/**
 * Computed cells (every 总计): derived from the input cells, never typed nor stored.
 * A blank summand counts as 0 in the running total; an invalid summand makes the total unknown (null).
 */
import { COMPUTED_CELLS, CELLS, type CellValues } from "@/lib/template";
import { readCell } from "./values";

export type Totals = Record<string, number | null>;

/** The value of any cell: input cells read from `cells`, computed cells from `totals`. */
export function cellNumber(cells: CellValues, totals: Totals, id: string): number | null {
  const def = CELLS.get(id);
  if (!def) throw new Error(`unknown cell ${id}`);
  if (def.computed) return totals[id] ?? null;
  const r = readCell(cells[id], def.kind);
  return r.state === "valid" ? r.value : r.state === "blank" ? 0 : null;
}

export function computeTotals(cells: CellValues): Totals {
  const totals: Totals = {};
  for (const c of COMPUTED_CELLS) {
    let sum: number | null = 0;
    for (const id of c.sum) {
      const v = cellNumber(cells, totals, id);
      if (v === null || sum === null) {
        sum = null;
        break;
      }
      sum += v;
    }
    totals[c.id] = sum;
  }
  return totals;
}
