/**
 * Run-together cells: text taken from HTML or PDF sometimes prints a row's cells without separators
 * (自然人 12, 商业企业 1, four zeros and 总计 13 come out as "1210000013"). Such digit strings are split
 * into the known number of cells so that the table's own sums (勾稽关系) hold. A decoding is only used when it
 * is the only one; otherwise the caller leaves the cells blank and says so.
 */

/** A sum rule over cell positions: value[total] = Σ value[parts]. */
export type SumRule = { total: number; parts: readonly number[] };

export type DecodeOptions = {
  /** Sum rules that a decoding must satisfy (e.g. the row's 总计). */
  sums?: readonly SumRule[];
  /** Longest number one cell may hold (digits). Default 6. */
  maxDigits?: number;
  /** Stop after this many decodings (enough to know "ambiguous"). Default 64. */
  limit?: number;
};

/**
 * Every way to cut the digit strings `tokens` (in order, each into one or more cells) into exactly `count`
 * non-negative integers without leading zeros ("0" itself is fine) that satisfy the sum rules.
 * Returns [] when no cut works (an impossible string), one decoding when it is unique, several when ambiguous.
 */
export function decodeRunTogether(tokens: readonly string[], count: number, opts: DecodeOptions = {}): number[][] {
  const maxDigits = opts.maxDigits ?? 6;
  const limit = opts.limit ?? 64;
  const sums = opts.sums ?? [];
  const digits = tokens.map((t) => t.replace(/\s+/g, ""));
  if (digits.some((t) => !/^\d+$/.test(t))) return [];
  const totalLen = digits.reduce((a, t) => a + t.length, 0);
  if (count < digits.length || totalLen < count || totalLen > count * maxDigits) return [];

  // A rule is checked as soon as its last position is assigned.
  const rulesAt = new Map<number, SumRule[]>();
  for (const r of sums) {
    const last = Math.max(r.total, ...r.parts);
    if (last >= count) continue;
    rulesAt.set(last, [...(rulesAt.get(last) ?? []), r]);
  }
  // Remaining digits after token i (to prune: every remaining cell needs ≥ 1 digit, ≤ maxDigits).
  const suffix = digits.map((_, i) => digits.slice(i + 1).reduce((a, t) => a + t.length, 0));

  const out: number[][] = [];
  const values: number[] = [];
  const step = (tok: number, pos: number) => {
    if (out.length >= limit) return;
    const cell = values.length;
    if (tok === digits.length) {
      if (cell === count) out.push([...values]);
      return;
    }
    const s = digits[tok]!;
    const cellsLeft = count - cell;
    const digitsLeft = s.length - pos + suffix[tok]!;
    if (cellsLeft <= 0 || digitsLeft < cellsLeft || digitsLeft > cellsLeft * maxDigits) return;
    // Tokens after this one need at least one cell each.
    const tokensAfter = digits.length - tok - 1;
    for (let len = 1; len <= Math.min(maxDigits, s.length - pos); len++) {
      const part = s.slice(pos, pos + len);
      if (part.length > 1 && part[0] === "0") break;
      const end = pos + len === s.length;
      if (!end && cellsLeft - 1 <= tokensAfter) continue;
      values.push(Number(part));
      const rules = rulesAt.get(cell);
      const ok = !rules || rules.every((r) => values[r.total] === r.parts.reduce((a, p) => a + values[p]!, 0));
      if (ok) step(end ? tok + 1 : tok, end ? 0 : pos + len);
      values.pop();
    }
  };
  step(0, 0);
  return out;
}

/** Sum rules for a row of table 三 as printed: six inputs then 总计 (positions 0–5 → 6). */
export const T3_ROW_RULES: readonly SumRule[] = [{ total: 6, parts: [0, 1, 2, 3, 4, 5] }];

/** Sum rules for the data row of table 四: three groups of four results and a 总计. */
export const T4_ROW_RULES: readonly SumRule[] = [0, 5, 10].map((o) => ({ total: o + 4, parts: [o, o + 1, o + 2, o + 3] }));
