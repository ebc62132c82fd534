/**
 * 汇总: tables 二, 三 and 四 (and the 信息处理费 statement) added up over a government's subordinates'
 * final reports. Computed from the template's input cells — no second list of labels. Exact: counts
 * as BigInt, 万元 and 元 amounts as decimal strings added digit by digit (no float drift). Pure.
 */
import { INPUT_CELLS, type CellValues, type FeeStatement } from "@/lib/template";
import { normalizeCellInput, readCell } from "./values";

export type RollupSource = {
  reportId: string;
  organId: string;
  organName: string;
  cells: CellValues;
  fee: FeeStatement;
};

export type RollupSum = {
  /** Every input cell of tables 二/三/四, summed (a decimal string; "0" when nothing contributes). */
  cells: CellValues;
  /** The summed 信息处理费: charged when any source charged; not charged when every source said so. */
  fee: FeeStatement;
  /** Sources left out because a cell or the fee is not a valid number, with the cells concerned. */
  invalid: { reportId: string; organName: string; cells: string[] }[];
};

// ---- exact decimal arithmetic on strings ------------------------------------------------------

type Scaled = { units: bigint; scale: number };

/** "12.50" → 1250n × 10⁻²; null when not a non-negative decimal. */
export function parseDecimal(s: string): Scaled | null {
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(s.trim());
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return null;
  const frac = m[2] ?? "";
  return { units: BigInt((m[1] || "0") + frac), scale: frac.length };
}

function rescale(x: Scaled, scale: number): bigint {
  return x.units * 10n ** BigInt(scale - x.scale);
}

/** a + b exactly, keeping the larger number of decimals ("0.1" + "0.25" = "0.35"; "1.50" + "2" = "3.50"). */
export function addDecimal(a: Scaled, b: Scaled): Scaled {
  const scale = Math.max(a.scale, b.scale);
  return { units: rescale(a, scale) + rescale(b, scale), scale };
}

export function formatDecimal(x: Scaled): string {
  if (x.scale === 0) return x.units.toString();
  const digits = x.units.toString().padStart(x.scale + 1, "0");
  return `${digits.slice(0, -x.scale)}.${digits.slice(-x.scale)}`;
}

const ZERO: Scaled = { units: 0n, scale: 0 };

// ---- the roll-up ------------------------------------------------------------------------------

/** Adds up the sources' input cells and fee statements. A source with an invalid cell is left out whole. */
export function sumReports(sources: readonly RollupSource[]): RollupSum {
  const totals = new Map<string, Scaled>(INPUT_CELLS.map((c) => [c.id, ZERO]));
  const invalid: RollupSum["invalid"] = [];
  let charged: boolean | null = sources.length > 0 ? false : null;
  let pieces = 0n;
  let amount: Scaled = ZERO;

  for (const src of sources) {
    // read every value first: a source is taken whole or not at all
    const values = new Map<string, Scaled>();
    const bad: string[] = [];
    for (const c of INPUT_CELLS) {
      const stored: unknown = src.cells[c.id] ?? "";
      if (typeof stored !== "string") {
        bad.push(c.id);
        continue;
      }
      const raw = stored;
      const r = readCell(raw, c.kind);
      if (r.state === "invalid") bad.push(c.id);
      else if (r.state === "valid") {
        // counts are exact integers (≤ 12 digits each, summed as BigInt); amounts are added as the decimals they were typed with
        const d = c.kind === "count" ? { units: BigInt(r.value), scale: 0 } : parseDecimal(normalizeCellInput(raw));
        if (d) values.set(c.id, d);
        else bad.push(c.id);
      }
      // blank counts as 0 (an approved report has none)
    }
    const fee = src.fee;
    let feePieces = 0n;
    let feeAmount: Scaled = ZERO;
    if (fee.charged) {
      const p = readCell(fee.pieces, "count");
      const a = parseDecimal(normalizeCellInput(fee.amount));
      if (p.state === "invalid" || (fee.amount.trim() !== "" && !a)) bad.push("fee");
      else {
        feePieces = p.state === "valid" ? BigInt(p.value) : 0n;
        feeAmount = a ?? ZERO;
      }
    }
    if (bad.length) {
      invalid.push({ reportId: src.reportId, organName: src.organName, cells: bad });
      continue;
    }
    for (const [id, d] of values) totals.set(id, addDecimal(totals.get(id)!, d));
    if (fee.charged === null) charged = charged === true ? true : null;
    else if (fee.charged) {
      charged = true;
      pieces += feePieces;
      amount = addDecimal(amount, feeAmount);
    }
  }
  const cells: CellValues = {};
  for (const [id, v] of totals) cells[id] = formatDecimal(v);
  return {
    cells,
    fee: charged ? { charged: true, pieces: pieces.toString(), amount: formatDecimal(amount) } : { charged, pieces: "", amount: "" },
    invalid,
  };
}
