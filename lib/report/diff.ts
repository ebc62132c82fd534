/**
 * What changed between two versions of a report (for the submission history and the reviewer's
 * "自上次提交以来的修改"): a small LCS diff for texts (sentence by sentence, then character by
 * character inside changed sentences) and the list of changed table cells. Pure.
 */
import { INPUT_CELLS, TEXT_FIELDS, type ReportContent, type SectionKey, type TableId } from "@/lib/template";
import { feeStatement } from "./fee";

export type DiffOp = "equal" | "insert" | "delete";
export type DiffSegment = { op: DiffOp; text: string };

/** Largest DP table (cells) the LCS may allocate; bigger inputs are diffed more coarsely. */
export const MAX_LCS_CELLS = 4_000_000;

/**
 * Edit script turning `a` into `b` by the longest common subsequence: a list of runs, each
 * `equal` (in both), `delete` (only in a) or `insert` (only in b), deletions before insertions.
 * Returns null when the inputs (after trimming the common prefix and suffix) exceed `maxCells`.
 */
export function lcsDiff<T>(
  a: readonly T[],
  b: readonly T[],
  maxCells = MAX_LCS_CELLS,
): { op: DiffOp; items: T[] }[] | null {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > maxCells) return null;

  const out: { op: DiffOp; items: T[] }[] = [];
  const push = (op: DiffOp, item: T) => {
    const last = out[out.length - 1];
    if (last && last.op === op) last.items.push(item);
    else out.push({ op, items: [item] });
  };
  for (let i = 0; i < start; i++) push("equal", a[i]!);

  // L[i][j] = LCS length of a[start+i..endA) and b[start+j..endB), row-major in one typed array.
  const w = m + 1;
  const L = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    const ai = a[start + i];
    for (let j = m - 1; j >= 0; j--) {
      L[i * w + j] = ai === b[start + j] ? L[(i + 1) * w + j + 1]! + 1 : Math.max(L[(i + 1) * w + j]!, L[i * w + j + 1]!);
    }
  }
  // Walk forward; within a changed stretch emit deletions first, then insertions.
  let i = 0;
  let j = 0;
  let dels: T[] = [];
  let ins: T[] = [];
  const flush = () => {
    for (const x of dels) push("delete", x);
    for (const x of ins) push("insert", x);
    dels = [];
    ins = [];
  };
  while (i < n || j < m) {
    if (i < n && j < m && a[start + i] === b[start + j]) {
      flush();
      push("equal", a[start + i]!);
      i++;
      j++;
    } else if (j >= m || (i < n && L[(i + 1) * w + j]! >= L[i * w + j + 1]!)) {
      dels.push(a[start + i]!);
      i++;
    } else {
      ins.push(b[start + j]!);
      j++;
    }
  }
  flush();
  for (let k = endA; k < a.length; k++) push("equal", a[k]!);
  return out;
}

/** Sentences with their closing punctuation (and any following line breaks); concatenated they give `text` back. */
export function splitSentences(text: string): string[] {
  return text.match(/[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n)\n*|[^。！？；!?;\n]+$/g) ?? [];
}

function merge(segments: DiffSegment[]): DiffSegment[] {
  const out: DiffSegment[] = [];
  for (const s of segments) {
    if (!s.text) continue;
    const last = out[out.length - 1];
    if (last && last.op === s.op) last.text += s.text;
    else out.push({ ...s });
  }
  // Within each changed stretch show the deletion first.
  for (let k = 0; k + 1 < out.length; k++) {
    if (out[k]!.op === "insert" && out[k + 1]!.op === "delete") {
      [out[k], out[k + 1]] = [out[k + 1]!, out[k]!];
      if (k > 0) k -= 2;
    }
  }
  const merged: DiffSegment[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && last.op === s.op) last.text += s.text;
    else merged.push(s);
  }
  return merged;
}

/**
 * Character diff of two short texts; equal runs of one or two characters between changes are folded
 * into the changes, so that a rewritten phrase reads as one deletion and one insertion.
 */
function charDiff(a: string, b: string): DiffSegment[] | null {
  const runs = lcsDiff([...a], [...b]);
  if (!runs) return null;
  const segs: DiffSegment[] = runs.map((r) => ({ op: r.op, text: r.items.join("") }));
  const out: DiffSegment[] = [];
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    const tiny = s.op === "equal" && [...s.text].length <= 2 && k > 0 && k < segs.length - 1;
    if (tiny) out.push({ op: "delete", text: s.text }, { op: "insert", text: s.text });
    else out.push(s);
  }
  return merge(out);
}

/**
 * Diff of two texts for display: unchanged sentences stay whole, changed sentences are compared
 * character by character (when small enough), everything else is shown as replaced.
 */
export function diffText(before: string, after: string): DiffSegment[] {
  if (before === after) return before ? [{ op: "equal", text: before }] : [];
  const runs = lcsDiff(splitSentences(before), splitSentences(after));
  if (!runs) return merge([{ op: "delete", text: before }, { op: "insert", text: after }]);
  const out: DiffSegment[] = [];
  for (let k = 0; k < runs.length; k++) {
    const r = runs[k]!;
    if (r.op === "equal") {
      out.push({ op: "equal", text: r.items.join("") });
      continue;
    }
    // A changed stretch: deletions (and then insertions) — refine when both sides exist.
    const next = runs[k + 1];
    if (r.op === "delete" && next?.op === "insert") {
      const del = r.items.join("");
      const ins = next.items.join("");
      const refined = charDiff(del, ins);
      out.push(...(refined ?? [{ op: "delete", text: del }, { op: "insert", text: ins }]));
      k++;
    } else {
      out.push({ op: r.op, text: r.items.join("") });
    }
  }
  return merge(out);
}

/** How many characters were inserted and deleted. */
export function diffStats(segments: readonly DiffSegment[]): { inserted: number; deleted: number } {
  let inserted = 0;
  let deleted = 0;
  for (const s of segments) {
    if (s.op === "insert") inserted += [...s.text].length;
    else if (s.op === "delete") deleted += [...s.text].length;
  }
  return { inserted, deleted };
}

// ---- report contents -------------------------------------------------------------------------

export type TextChange = {
  /** text.<fieldId> or header.opening (finding-style ref) */
  ref: string;
  /** comment anchor of the place: text:<fieldId> or header:opening */
  anchor: string;
  section: SectionKey | null;
  label: string;
  before: string;
  after: string;
  segments: DiffSegment[];
};

export type CellChange = { id: string; table: TableId; name: string; before: string; after: string };

export type FieldChange = { ref: string; label: string; before: string; after: string };

export type ReportChanges = {
  texts: TextChange[];
  cells: CellChange[];
  /** 署名, 成文日期, 标题换行, 信息处理费, confirmation reasons of warnings */
  fields: FieldChange[];
  /** texts + cells + fields */
  count: number;
};

function titleBreakText(v: number | null): string {
  return v === null ? "自动" : v === 0 ? "不换行" : `第 ${v} 字后换行`;
}

function feeText(c: ReportContent): string {
  const f = c.fee;
  if (f.charged === null) return "未说明";
  return feeStatement(f) || (f.charged ? `收取（件数“${f.pieces}”，金额“${f.amount}”元）` : "未收取");
}

/** Everything that differs between two versions of a report, in the order of the report. */
export function compareContents(before: ReportContent, after: ReportContent): ReportChanges {
  const texts: TextChange[] = [];
  const addText = (ref: string, anchor: string, section: SectionKey | null, label: string, a: string, b: string) => {
    if (a !== b) texts.push({ ref, anchor, section, label, before: a, after: b, segments: diffText(a, b) });
  };
  addText("header.opening", "header:opening", null, "开头段落", before.header.opening, after.header.opening);
  for (const f of TEXT_FIELDS)
    addText(`text.${f.id}`, `text:${f.id}`, f.section, f.label, before.text[f.id] ?? "", after.text[f.id] ?? "");

  const cells: CellChange[] = [];
  for (const c of INPUT_CELLS) {
    const a = before.cells[c.id] ?? "";
    const b = after.cells[c.id] ?? "";
    if (a !== b) cells.push({ id: c.id, table: c.table, name: c.name, before: a, after: b });
  }

  const fields: FieldChange[] = [];
  const addField = (ref: string, label: string, a: string, b: string) => {
    if (a !== b) fields.push({ ref, label, before: a, after: b });
  };
  addField("header.organName", "署名（机关全称）", before.header.organName, after.header.organName);
  addField("header.signDate", "成文日期", before.header.signDate, after.header.signDate);
  addField("header.titleBreak", "标题换行", titleBreakText(before.header.titleBreak), titleBreakText(after.header.titleBreak));
  addField("fee", "信息处理费", feeText(before), feeText(after));
  const acks = [...new Set([...Object.keys(before.acknowledgements), ...Object.keys(after.acknowledgements)])].sort();
  for (const k of acks)
    addField(
      `ack.${k}`,
      `警告确认理由（${k.split(":")[0]}）`,
      before.acknowledgements[k] ?? "",
      after.acknowledgements[k] ?? "",
    );
  return { texts, cells, fields, count: texts.length + cells.length + fields.length };
}
