/**
 * Tie-breaking for run-together table 二 rows (issue 13, item 1). Table 二 has no sums, so a run such as
 * 行政许可「3300」 (three columns) fits several cuts — 3、30、0 or 33、0、0. Two sources may decide:
 *
 * - the report's own sentences: 「我局2020年主动公开行政许可33项」, 「制发规范性文件12件，废止0件，现行有效12件」 —
 *   a number stated for the row (in the column its wording names, 制发/废止/现行有效, or anywhere in the row
 *   when the wording names none) must be in the cut;
 * - last year's figures, when the clerk has last year's report: 现行有效件数 this year = last year's
 *   现行有效件数 + 本年制发件数 − 本年废止件数 (规章, 行政规范性文件).
 *
 * A cut is chosen only when exactly one candidate agrees with every such fact; otherwise nothing is chosen
 * and the cells stay flagged. Pure: no I/O.
 */
import { T2_BLOCKS, t2CellId } from "@/lib/template";

/** A number the report's prose states for a row of table 二; `column` when its wording names one. */
export type SentenceHint = { rowId: string; column: string | null; value: number; sentence: string };

export type TieBreakContext = {
  hints: readonly SentenceHint[];
  /** Last year's report: its year and cells (as stored). */
  lastYear?: { year: number; cells: Readonly<Record<string, string>> } | null;
  /** The year of the report being imported. */
  year?: number | null;
};

/** Row words as the prose says them, longest first (行政规范性文件 before 规范性文件). */
const ROW_WORDS: readonly { word: string; rowId: string }[] = [
  { word: "行政规范性文件", rowId: "normative" },
  { word: "规范性文件", rowId: "normative" },
  { word: "规章", rowId: "rules" },
  { word: "行政许可", rowId: "permit" },
  { word: "行政处罚", rowId: "penalty" },
  { word: "行政强制", rowId: "coercion" },
];

/** Column words of the 规章 / 规范性文件 block. */
const COLUMN_WORDS: readonly { re: RegExp; column: string }[] = [
  { re: /现行有效|有效/, column: "valid" },
  { re: /废止|失效|撤销/, column: "repealed" },
  { re: /制发|印发|出台|制定|新制作|发布|制作/, column: "issued" },
];

/**
 * Hints from prose: in each sentence, every row word opens a stretch that runs to the next row word. Its
 * first clause (split at ，、；) gives the row a number when it begins with 「N件/项/条/起」 ("行政许可33项";
 * a column word just before the row word counts: "制发规范性文件2件"); the clauses after it only when they
 * name a column of 规章/规范性文件 ("废止0件，现行有效12件"). A category of published information
 * ("规范性文件类2条") ends the stretch.
 */
export function sentenceHints(prose: string): SentenceHint[] {
  const out: SentenceHint[] = [];
  const text = prose.normalize("NFKC");
  for (const sentence of text.split(/[。！？\n]/)) {
    if (!/\d/.test(sentence)) continue;
    const hits: { at: number; end: number; rowId: string }[] = [];
    for (let i = 0; i < sentence.length; ) {
      const w = ROW_WORDS.find((r) => sentence.startsWith(r.word, i));
      if (w) {
        hits.push({ at: i, end: i + w.word.length, rowId: w.rowId });
        i += w.word.length;
      } else i++;
    }
    hits.forEach((h, k) => {
      const stretchEnd = hits[k + 1]?.at ?? sentence.length;
      const before = sentence.slice(Math.max(hits[k - 1]?.end ?? 0, h.at - 6), h.at);
      const clauses = sentence.slice(h.end, stretchEnd).split(/[，,、；;]/);
      const block = h.rowId === "rules" || h.rowId === "normative";
      for (let ci = 0; ci < clauses.length; ci++) {
        const clause = clauses[ci]!;
        // "规范性文件类2条", "规章制度类2条" (categories of published information), "规范性文件备案2件": not
        // a table figure — and neither is anything after it in the list.
        if (ci === 0 && /^(?:类|库|备|审|制度|清理|汇编|目录)/.test(clause)) break;
        const m = /^(.{0,6}?)(\d+)\s*(?:件|项|条|起|个|次|宗)/.exec(clause);
        // After the row's own clause, only clauses naming a column of the row ("废止0件", "现行有效12件").
        const wording = ci === 0 ? before + (m?.[1] ?? "") : (m?.[1] ?? "");
        const column = block ? (COLUMN_WORDS.find((c) => c.re.test(wording))?.column ?? null) : null;
        if (!m || /\d/.test(m[1]!)) {
          if (ci === 0) continue;
          break;
        }
        if (ci > 0 && column === null) break;
        out.push({ rowId: h.rowId, column, value: Number(m[2]), sentence: sentence.trim() });
      }
    });
  }
  return out;
}

export type TieBreak = { values: number[]; reason: string };

/**
 * Picks one of several cuts of a table 二 row. `columns[k]` is the column id of position k (null for a
 * column with no 2021 counterpart, e.g. 上一年项目数量 of the 2019 format). Null when still undecided.
 */
export function breakTie(
  rowId: string,
  columns: readonly (string | null)[],
  candidates: readonly number[][],
  ctx: TieBreakContext | undefined,
): TieBreak | null {
  if (!ctx || candidates.length < 2) return null;
  let left = [...candidates];
  const reasons: string[] = [];

  const hints = ctx.hints.filter((h) => h.rowId === rowId);
  if (hints.length > 0) {
    const fits = (c: number[]) =>
      hints.every((h) => {
        const k = h.column ? columns.indexOf(h.column) : -1;
        return k >= 0 ? c[k] === h.value : c.includes(h.value);
      });
    const kept = left.filter(fits);
    if (kept.length > 0 && kept.length < left.length) {
      left = kept;
      reasons.push(`报告正文「${[...new Set(hints.map((h) => h.sentence))].slice(0, 2).join("」「")}」`);
    }
  }

  const last = ctx.lastYear;
  if (left.length > 1 && last && ctx.year && last.year === ctx.year - 1 && (rowId === "rules" || rowId === "normative")) {
    const lastValid = last.cells[t2CellId(rowId, "valid")]?.trim() ?? "";
    const [i, r, v] = ["issued", "repealed", "valid"].map((c) => columns.indexOf(c));
    if (/^\d+$/.test(lastValid) && i! >= 0 && r! >= 0 && v! >= 0) {
      const kept = left.filter((c) => c[v!] === Number(lastValid) + c[i!]! - c[r!]!);
      if (kept.length > 0 && kept.length < left.length) {
        left = kept;
        const label = T2_BLOCKS.flatMap((b) => b.rows).find((x) => x.id === rowId)?.label ?? rowId;
        reasons.push(`上年（${last.year}年）报告「${label}」现行有效件数 ${lastValid}（本年现行有效 = 上年现行有效 + 本年制发 − 本年废止）`);
      }
    }
  }
  return left.length === 1 ? { values: left[0]!, reason: reasons.join("和") } : null;
}
