/**
 * Tables 二, 三 and 四 read BY LABEL from the lines of their sections. Rows are found by their label text,
 * wherever extraction put them (taole's table 三 has unlabeled rows and group labels shifted one row up;
 * xigebi prints one cell per line; long labels are wrapped over several lines). Values are taken from the
 * row's value cells; run-together digit strings are decoded with the table's own sums.
 */
import {
  T2_BLOCKS,
  T2_CONTENT_LABEL,
  T3_COLUMNS,
  T3_INPUT_COLUMNS,
  T3_RESULT_GROUPS,
  T3_RESULTS_LABEL,
  T3_ROWS,
  T4_GROUPS,
  T4_LITIGATION_HEADER,
  T4_RESULTS,
  CELLS,
  t2CellId,
  t3CellId,
  t4CellId,
} from "@/lib/template";
import { canonicalCellValue } from "@/lib/report";
import { decodeRunTogether, T3_ROW_RULES, T4_ROW_RULES, type SumRule } from "./decode";
import { breakTie, type TieBreakContext } from "./tiebreak";
import { core, isBlankMarker, isNumberCell, isRuleCell, isValueCell, norm } from "./normalize";
import type { Line } from "./lines";
import type { ImportNote } from "./types";

/** What a table parse contributes to the draft. */
export type TableOutput = {
  /** Input cells found: id → value as printed (normalised); "" = not found. */
  cells: Record<string, string>;
  /** Cells that were blank, "/" or "—" in the file (read as 0). */
  blankAsZero: string[];
  /** Totals as printed. */
  sourceTotals: Record<string, string>;
  notes: ImportNote[];
  /** Old-format evidence seen in the table. */
  oldFormat: string[];
  /** Lines the table used (everything else in a table section is prose). */
  used: Set<number>;
  /** Whether anything of the table was recognised. */
  found: boolean;
};

const emptyOutput = (): TableOutput => ({
  cells: {},
  blankAsZero: [],
  sourceTotals: {},
  notes: [],
  oldFormat: [],
  used: new Set(),
  found: false,
});

type Row = { cells: string[]; lines: number[] };

const cellName = (id: string) => CELLS.get(id)?.name ?? id;
export const names = (ids: readonly string[], max = 6) =>
  ids.slice(0, max).map(cellName).join("、") + (ids.length > max ? `等${ids.length}个单元格` : "");

// ---------------------------------------------------------------------------------------------
// Rows from lines
// ---------------------------------------------------------------------------------------------

/**
 * The rows of a table region. Tab-separated lines are rows. A region printed one cell per line (xigebi)
 * is regrouped: blank lines separate rows; without them a label after a value starts a new row.
 */
export function regionRows(lines: readonly Line[]): Row[] {
  const content = lines.filter((l) => !l.blank && !l.cells.every((c) => c === "" || isRuleCell(c)));
  const hasTabs = content.some((l) => l.cells.length > 1);
  const split = (l: Line): string[] => {
    if (l.cells.length > 1) return l.cells;
    // No tabs anywhere (pasted text, `pdftotext -layout`): two or more spaces separate cells.
    return hasTabs ? l.cells : l.raw.trim().split(/\s{2,}|\u3000+/).map((c) => c.trim());
  };
  const multi = content.filter((l) => split(l).filter(Boolean).length >= 2).length;
  if (content.length >= 6 && multi < 0.2 * content.length) {
    // One cell per line.
    const rows: Row[] = [];
    let cur: Row | null = null;
    let lastWasValue = false;
    const hasSeparators = lines.some((l, k) => k > 0 && l.raw.trim() === "" && !l.raw.includes("\t"));
    for (const l of lines) {
      if (l.raw.trim() === "" && !l.raw.includes("\t")) {
        if (cur) rows.push(cur);
        cur = null;
        lastWasValue = false;
        continue;
      }
      if (l.cells.every((c) => c === "" || isRuleCell(c)) && !l.raw.includes("\t")) continue;
      const cell = l.cells.filter(Boolean).join(" ");
      const isValue = isValueCell(cell);
      if (!hasSeparators && cur && lastWasValue && cell && !isValue) {
        rows.push(cur);
        cur = null;
      }
      cur ??= { cells: [], lines: [] };
      cur.cells.push(cell);
      cur.lines.push(l.i);
      if (cell) lastWasValue = isValue;
    }
    if (cur) rows.push(cur);
    return rows;
  }
  return content.map((l) => ({ cells: split(l), lines: [l.i] }));
}

/**
 * A label cell with digits run into its end ("行政规范性文件0", "保护第三方合法权益000000"), or with one
 * number after a space ("行政事业性收费 0.012345", a PDF row whose columns came out as one line): the
 * number is kept whole, decimals and all.
 */
function splitRunIn(cell: string): [string, string] | null {
  const m = /^(.*[^\d\s.,、])\s*(\d+(?:\.\d+)?)$/.exec(cell.normalize("NFKC"));
  if (!m || /[\d]$/.test(m[1]!) || m[1]!.length < 2) return null;
  // "1." or "（1）" numbering are not labels with numbers run in.
  if (/^[(（]?\d+[)）.、]?$/.test(m[1]!)) return null;
  return [m[1]!, m[2]!];
}

/** Label cells and value cells of a row: values are the cells after the last label cell. */
function splitRow(cells: readonly string[]): { labels: string[]; values: string[] } {
  // Numbers separated by single spaces in one cell ("0 0 0", narrow PDF columns) are separate cells.
  const cs = cells.flatMap((c) => (/^[+-]?\d[\d.,]*(?:\s+[+-]?\d[\d.,]*)+$/.test(c.trim()) ? c.trim().split(/\s+/) : [c]));
  let lastLabel = -1;
  for (let k = 0; k < cs.length; k++) {
    const c = cs[k]!;
    if (c !== "" && !isValueCell(c) && !isRuleCell(c)) lastLabel = k;
  }
  if (lastLabel >= 0) {
    const run = splitRunIn(cs[lastLabel]!);
    if (run) {
      cs.splice(lastLabel, 1, run[0], run[1]);
    }
  }
  return {
    labels: cs.slice(0, lastLabel + 1).filter((c) => c !== ""),
    values: cs.slice(lastLabel + 1).map((c) => (isRuleCell(c) ? "" : c)),
  };
}

/**
 * Exactly `n` cells from a row's value cells: trailing empties (spans of the printed grid) and then
 * leading empties are dropped until `n` remain. `short` when fewer than `n` remain.
 */
function pickValues(values: readonly string[], n: number): { cells: string[]; short: boolean; extra: boolean } {
  const v = values.map((c) => c.trim());
  let trailing = 0;
  while (v.length > 0 && v[v.length - 1] === "") {
    v.pop();
    trailing++;
  }
  while (v.length > n && v[0] === "") v.shift();
  // One empty cell too many inside the row (a PDF column boundary guessed twice): with exactly n values
  // left, in order, their places are certain.
  if (v.length > n && v.filter((c) => c !== "").length === n) {
    const filled = v.filter((c) => c !== "");
    v.length = 0;
    v.push(...filled);
  }
  const extra = v.length > n;
  if (extra) v.splice(n);
  while (v.length < n && trailing-- > 0) v.push("");
  return { cells: v, short: v.length < n, extra };
}

type RowValues =
  | { kind: "values"; cells: string[]; uncertain: boolean }
  | { kind: "decoded"; values: number[][]; source: string; blankCells: number[]; separated?: boolean }
  | { kind: "none" };

/** Reads `n` values from a row; run-together digit strings are decoded (possibly ambiguously). */
function readValues(values: readonly string[], n: number, rules: readonly SumRule[]): RowValues {
  const picked = pickValues(values, n);
  if (picked.cells.every((c) => c === "")) return { kind: "none" };
  if (!picked.short) return { kind: "values", cells: picked.cells, uncertain: picked.extra };
  const tokens = picked.cells.filter((c) => c !== "");
  const digits = tokens.map((t) => t.normalize("NFKC").replace(/\s+/g, ""));
  if (digits.every((d) => /^\d+$/.test(d)) && digits.join("").length >= n) {
    const decoded = decodeRunTogether(digits, n, { sums: rules });
    // Numbers printed as separate cells but fewer than the columns: a cell was lost, not run together.
    return { kind: "decoded", values: decoded, source: tokens.join(" "), blankCells: [], separated: tokens.length > 1 };
  }
  // Fewer cells than columns and nothing to decode: keep them left-aligned, flagged.
  const cells = [...picked.cells];
  while (cells.length < n) cells.push("");
  return { kind: "values", cells, uncertain: true };
}

/** Stores one value: blanks and "/" "—" as 0 (recorded), numbers normalised. Totals go to sourceTotals. */
function put(out: TableOutput, id: string, raw: string) {
  const def = CELLS.get(id);
  if (!def) return;
  const blank = isBlankMarker(raw);
  if (def.computed) {
    if (!blank) out.sourceTotals[id] = canonicalCellValue(raw.replace(/\s+/g, ""));
    return;
  }
  if (blank) {
    out.cells[id] = "0";
    out.blankAsZero.push(id);
  } else {
    const v = canonicalCellValue(raw.replace(/\s+/g, ""));
    out.cells[id] = v;
    // "000" or "0012" in one cell: several cells run together, not a number as printed.
    if (def.kind === "count" && /^0\d/.test(v)) {
      out.notes.push({
        kind: "uncertain-cell",
        cells: [id],
        text: v,
        message: `${def.name}读到的是「${v}」，像是几个单元格的数字连在了一起，请对照原文填写。`,
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Table 二
// ---------------------------------------------------------------------------------------------

/** 2019 trial-format wording (国办公开办函〔2019〕60号): not in the 2021 template, so listed here. */
export const OLD_FORMAT_T2_ROWS: Record<string, string> = { 规范性文件: "normative" };
const OLD_FORMAT_T2_COLUMNS: Record<string, string | null> = {
  本年新制作数量: "issued",
  本年新公开数量: null,
  对外公开总数量: "valid",
  上一年项目数量: null,
  "本年增/减": null,
  处理决定数量: "decisions",
  采购项目数量: null,
  采购总金额: null,
};

export function parseTable2(lines: readonly Line[], tie?: TieBreakContext): TableOutput {
  const out = emptyOutput();
  const rows = regionRows(lines);
  const rowIndex = new Map<string, { block: (typeof T2_BLOCKS)[number]; rowId: string }>();
  for (const block of T2_BLOCKS) for (const r of block.rows) rowIndex.set(core(r.label), { block, rowId: r.id });
  const blockByTitle = new Map(T2_BLOCKS.map((b) => [norm(b.title), b]));
  let header: (string | null)[] | null = null;
  let headerOld = false;
  const uncertain: string[] = [];

  // A row may hold several of the table's rows (one cell per line without blank lines between rows):
  // cut it at every block title, header or row label.
  const isAnchor = (c: string) => {
    const k = core(c);
    return (
      blockByTitle.has(norm(c)) || k === core(T2_CONTENT_LABEL) || rowIndex.has(k) || OLD_FORMAT_T2_ROWS[k] !== undefined ||
      /对外管理服务事项|政府集中采购|其他主动公开文件/.test(k)
    );
  };
  const segments: Row[] = [];
  for (const row of rows) {
    let cur: string[] = [];
    for (const raw of row.cells) {
      const run = raw && !isValueCell(raw) ? splitRunIn(raw) : null;
      const parts = run && isAnchor(run[0]) ? run : [raw];
      for (const c of parts) {
        if (c && isAnchor(c) && cur.some(Boolean)) {
          segments.push({ cells: cur, lines: row.lines });
          cur = [];
        }
        cur.push(c);
      }
    }
    if (cur.length) segments.push({ cells: cur, lines: row.lines });
  }

  for (const row of segments) {
    const nonEmpty = row.cells.filter(Boolean);
    if (nonEmpty.length === 0) continue;
    const first = nonEmpty[0]!;
    if (blockByTitle.has(norm(first))) {
      header = null;
      row.lines.forEach((l) => out.used.add(l));
      out.found = true;
      continue;
    }
    if (core(first) === core(T2_CONTENT_LABEL)) {
      // Column labels of the block: map each to a template column id.
      let oldHere = false;
      // Header cells run together by extraction ("本年废止件数 现行有效件数") are split at spaces.
      const colOf = (label: string): string | null => {
        const c = core(label);
        for (const b of T2_BLOCKS) for (const col of b.columns) if (c.startsWith(core(col.label))) return col.id;
        for (const old of Object.keys(OLD_FORMAT_T2_COLUMNS)) if (c.startsWith(norm(old))) return old;
        return null;
      };
      const split = nonEmpty.slice(1).flatMap((c) => {
        const parts = c.split(/\s+/).filter(Boolean);
        return parts.length > 1 && parts.every((x) => colOf(x) !== null) ? parts : [c];
      });
      // A column label broken over two cells ("本年新" | "制作数量", a page that puts each line of a wrapped
      // header cell in a paragraph of its own) is one label.
      const cells: string[] = [];
      for (let k = 0; k < split.length; k++) {
        const next = split[k + 1];
        if (next !== undefined && colOf(next) === null && colOf(split[k]! + next) !== null && colOf(split[k]!) === null) {
          cells.push(split[k]! + next);
          k++;
        } else cells.push(split[k]!);
      }
      // Old column labels cut short by the page ("本年新 | 本年新 | 对外公开总数量"): the k-th such prefix is the
      // k-th old column it begins.
      const prefixUse = new Map<string, number>();
      header = cells.map((label) => {
        const c = core(label);
        for (const b of T2_BLOCKS) for (const col of b.columns) if (c.startsWith(core(col.label))) return col.id;
        for (const [old, id] of Object.entries(OLD_FORMAT_T2_COLUMNS)) {
          if (c.startsWith(norm(old))) {
            headerOld = true;
            oldHere = true;
            out.oldFormat.push(old);
            return id;
          }
        }
        if (c.length >= 3) {
          const olds = Object.entries(OLD_FORMAT_T2_COLUMNS).filter(([old]) => norm(old).startsWith(c));
          const k = prefixUse.get(c) ?? 0;
          const hit = olds[k];
          if (olds.length > 1 && hit) {
            prefixUse.set(c, k + 1);
            headerOld = true;
            oldHere = true;
            out.oldFormat.push(hit[0]);
            return hit[1];
          }
        }
        return null;
      });
      // Unrecognised column labels (garbled by extraction): fall back to the block's official columns.
      if (!oldHere && header.every((h) => h === null)) header = null;
      row.lines.forEach((l) => out.used.add(l));
      continue;
    }
    const { labels, values } = splitRow(row.cells);
    const label = labels[labels.length - 1];
    if (!label) continue;
    let hit = rowIndex.get(core(label));
    const oldId = OLD_FORMAT_T2_ROWS[core(label)];
    if (!hit && oldId) {
      for (const b of T2_BLOCKS) if (b.rows.some((r) => r.id === oldId)) hit = { block: b, rowId: oldId };
      out.oldFormat.push(label);
    }
    if (!hit) {
      if (/对外管理服务事项|政府集中采购|其他主动公开文件/.test(norm(label))) {
        out.oldFormat.push(label);
        row.lines.forEach((l) => out.used.add(l));
        const shown = values.filter((v) => v.trim() !== "").join("、");
        out.notes.push({
          kind: "old-format",
          text: label,
          message: `2019年旧格式表二的「${label}」${shown ? `（原文为 ${shown}）` : ""}在2021年格式中没有对应栏目，未导入。`,
        });
      }
      continue;
    }
    row.lines.forEach((l) => out.used.add(l));
    out.found = true;
    const cols: (string | null)[] = header && header.length > 0 ? header : hit.block.columns.map((c) => c.id);
    const n = cols.length;
    const rv = readValues(values, n, []);
    const ids = cols.map((c) => (c && hit.block.columns.some((x) => x.id === c) ? t2CellId(hit.rowId, c) : null));
    // Several cuts of a run-together row: the report's own sentences and last year's figures may decide
    // (never a guess).
    const decided = rv.kind === "decoded" && rv.values.length > 1 ? breakTie(hit.rowId, cols, rv.values, tie) : null;
    if (headerOld && header) {
      // Old columns without a 2021 counterpart (本年新公开数量, 上一年项目数量, 本年增/减): what they printed is
      // listed — the numbers of their columns once a run-together row is cut, else the run itself.
      const cut =
        rv.kind === "values" ? rv.cells : decided ? decided.values.map(String) : rv.kind === "decoded" && rv.values.length === 1 ? rv.values[0]!.map(String) : null;
      const lost = cut
        ? header.map((h, k) => (h === null ? cut[k] : undefined)).filter((v): v is string => v !== undefined && v.trim() !== "")
        : [];
      if (lost.length > 0)
        out.notes.push({
          kind: "old-format",
          text: label,
          message: `2019年旧格式表二「${label}」一行中，${lost.length}个数字（${lost.join("、")}）所在的栏目在2021年格式中没有对应，未导入。`,
        });
      else if (!cut && rv.kind === "decoded" && header.some((h) => h === null))
        out.notes.push({
          kind: "old-format",
          text: label,
          message: `2019年旧格式表二「${label}」一行的数字连在一起（「${rv.source}」），其中在2021年格式中没有对应栏目的数字未导入。`,
        });
    }
    if (rv.kind === "values") {
      rv.cells.forEach((v, k) => {
        const id = ids[k];
        if (id) put(out, id, v);
      });
      // Table 二 has no sums: a row of several columns with an empty cell among numbers may have lost a
      // cell and be shifted — every cell of it is flagged, not only the empty one.
      const holed = rv.cells.length > 1 && rv.cells.some((c) => isBlankMarker(c)) && rv.cells.some((c) => isNumberCell(c));
      if (rv.uncertain || holed) uncertain.push(...ids.filter((x): x is string => !!x));
    } else if (rv.kind === "decoded") {
      if (decided) {
        decided.values.forEach((v, k) => {
          const id = ids[k];
          if (id) put(out, id, String(v));
        });
        out.notes.push({
          kind: "other",
          cells: ids.filter((x): x is string => !!x),
          text: rv.source,
          message: `表二中连在一起的数字「${rv.source}」有${rv.values.length}种拆分方式，已按${decided.reason}确定为 ${decided.values.join("、")}，请核对。`,
        });
      } else decodedInto(out, ids, rv, "表二");
    } else {
      for (const id of ids) if (id) put(out, id, "");
    }
  }
  if (headerOld) {
    // Old columns without a 2021 counterpart leave cells blank; say which.
    const empty = T2_BLOCKS.flatMap((b) => b.rows.flatMap((r) => b.columns.map((c) => t2CellId(r.id, c.id)))).filter(
      (id) => out.cells[id] === undefined,
    );
    if (empty.length > 0)
      out.notes.push({
        kind: "uncertain-cell",
        cells: empty,
        message: `旧格式（2019年版）表二没有与以下单元格对应的数据，已留空，请按2021年格式补填：${names(empty)}。`,
      });
  }
  if (uncertain.length > 0)
    out.notes.push({
      kind: "uncertain-cell",
      cells: uncertain,
      message: `表二部分行的单元格个数与格式不符，以下单元格的位置可能有误，请核对：${names(uncertain)}。`,
    });
  return out;
}

/** A decoded run-together row: unique → values; ambiguous or impossible → blank cells and a note. */
function decodedInto(
  out: TableOutput,
  ids: readonly (string | null)[],
  rv: Extract<RowValues, { kind: "decoded" }>,
  table: string,
) {
  const real = ids.filter((x): x is string => !!x);
  if (rv.values.length === 1 && rv.separated) {
    // One decoding, but only by cutting a number that was printed as a cell of its own: say so on the cells.
    rv.values[0]!.forEach((v, k) => {
      const id = ids[k];
      if (id) put(out, id, String(v));
    });
    out.notes.push({
      kind: "uncertain-cell",
      cells: real.filter((id) => !CELLS.get(id)?.computed),
      text: rv.source,
      message: `${table}中一行只有 ${rv.source.split(" ").length} 个数字（「${rv.source}」），少于应有的 ${ids.length} 个，可能缺了单元格；已按合计关系拆分为 ${rv.values[0]!.join("、")}，请对照原文核对。`,
    });
    return;
  }
  if (rv.values.length === 1) {
    rv.values[0]!.forEach((v, k) => {
      const id = ids[k];
      if (id) put(out, id, String(v));
    });
    out.notes.push({
      kind: "other",
      cells: real,
      text: rv.source,
      message: `${table}中连在一起的数字「${rv.source}」已按单元格个数和合计关系唯一拆分为 ${rv.values[0]!.join("、")}，请核对。`,
    });
    return;
  }
  for (const id of real) if (!CELLS.get(id)?.computed) out.cells[id] = "";
  if (rv.values.length === 0) {
    out.notes.push({
      kind: "uncertain-cell",
      cells: real,
      text: rv.source,
      message: `${table}中连在一起的数字「${rv.source}」无法拆分为${ids.length}个符合合计关系的数，相关单元格已留空，请按原文填写。`,
    });
  } else {
    const shown = rv.values.slice(0, 3).map((v) => v.join("、")).join("；或 ");
    out.notes.push({
      kind: "ambiguous-decoding",
      cells: real,
      text: rv.source,
      message: `${table}中连在一起的数字「${rv.source}」有多种拆分方式（如 ${shown}${rv.values.length > 3 ? " 等" : ""}），无法确定，相关单元格已留空，请按原文填写。`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Table 三
// ---------------------------------------------------------------------------------------------

/** Group labels that carry no numbers of their own: "三、本年度办理结果", "（三）不予公开" … */
const T3_STRUCTURAL = [T3_RESULTS_LABEL, ...T3_RESULT_GROUPS.filter((g) => g.items.length > 0).map((g) => g.label)].map(norm);

type LabelSpan = { rowId: string; start: number; end: number };

/** Finds each row's label in the label stream, in template order, tolerating reordering and gaps. */
function findLabelSpans(stream: string): LabelSpan[] {
  const spans: LabelSpan[] = [];
  let cursor = 0;
  const overlaps = (s: number, e: number) => spans.some((x) => s < x.end && e > x.start);
  for (const row of T3_ROWS) {
    const forms = [norm(row.label)];
    const c = core(row.label);
    if (c.length >= 4) forms.push(c);
    let found: { start: number; end: number } | null = null;
    for (const f of forms) {
      let at = stream.indexOf(f, cursor);
      if (at < 0) {
        // Out of order: accept an occurrence elsewhere when it is the only one and not taken.
        const first = stream.indexOf(f);
        if (first >= 0 && stream.indexOf(f, first + 1) < 0 && !overlaps(first, first + f.length)) at = first;
      }
      if (at >= 0 && !overlaps(at, at + f.length)) {
        found = { start: at, end: at + f.length };
        break;
      }
    }
    if (found) {
      // Extend to a numbering printed before the core ("1. "), so that the row's own text overlaps fully.
      spans.push({ rowId: row.id, ...found });
      if (found.start >= cursor) cursor = found.end;
    }
  }
  return spans;
}

export function parseTable3(lines: readonly Line[]): TableOutput {
  const out = emptyOutput();
  const rows = regionRows(lines);
  const n = T3_COLUMNS.length;
  const totalCol = T3_COLUMNS.findIndex((c) => c.computed);

  // 1. The label stream (structural group labels removed, also when wrapped over several lines) and the rows with values.
  let stream = "";
  type ValueRow = {
    start: number;
    end: number;
    values: string[];
    lines: number[];
    structural: string[];
    /** The row before had a label and no values (a label printed above its values). */
    afterLabel: boolean;
  };
  let prevLabelOnly = false;
  const valueRows: ValueRow[] = [];
  // Structural labels being read, possibly wrapped over several lines in narrow columns, one per column.
  let opens: { s: string; pos: number }[] = [];
  for (const row of rows) {
    const { labels, values } = splitRow(row.cells);
    const start = stream.length;
    const structural: string[] = [];
    let leading = true;
    for (const label of labels) {
      let t = norm(label);
      // Leading cells of a line may continue or start structural labels (group labels sit in the first columns).
      while (leading && t) {
        const cont = opens.find((o) => o.s.startsWith(t, o.pos) || t.startsWith(o.s.slice(o.pos)));
        if (cont) {
          const rest = cont.s.slice(cont.pos);
          if (t.startsWith(rest)) {
            t = t.slice(rest.length);
            cont.pos = cont.s.length;
          } else {
            cont.pos += t.length;
            t = "";
          }
          opens = opens.filter((o) => o.pos < o.s.length);
          continue;
        }
        const s = T3_STRUCTURAL.find((x) => x.startsWith(t) || t.startsWith(x));
        if (!s) break;
        structural.push(s);
        opens = opens.filter((o) => o.s !== s);
        if (s.startsWith(t)) {
          if (t.length < s.length) opens.push({ s, pos: t.length });
          t = "";
        } else {
          t = t.slice(s.length);
        }
      }
      if (t) leading = false;
      stream += t;
    }
    const hasValues = values.some((v) => v !== "" && isValueCell(v));
    const prevRow = valueRows[valueRows.length - 1];
    const filled = (v: readonly string[]) => v.filter((c) => c.trim() !== "");
    if (
      hasValues &&
      start === stream.length &&
      structural.length === 0 &&
      prevRow &&
      filled(prevRow.values).length < n &&
      filled(prevRow.values).length + filled(values).length <= n
    ) {
      // A row's values wrapped onto the next line (long label in a text layout): continue that row.
      prevRow.values = [...filled(prevRow.values), ...filled(values)];
      prevRow.lines.push(...row.lines);
    } else if (hasValues) {
      valueRows.push({ start, end: stream.length, values, lines: row.lines, structural, afterLabel: prevLabelOnly });
    }
    prevLabelOnly = !hasValues && stream.length > start;
    if (labels.length || hasValues) out.found = true;
  }

  // 2. Row labels in the stream; each value row goes to the label it overlaps (or sits inside).
  const spans = findLabelSpans(stream);
  const assigned = new Map<string, ValueRow>();
  const unlabeled: ValueRow[] = [];
  for (const vr of valueRows) {
    let best: LabelSpan | null = null;
    let bestScore = 0;
    for (const sp of spans) {
      const ov = Math.min(vr.end, sp.end) - Math.max(vr.start, sp.start);
      const score = vr.end > vr.start ? ov : vr.start > sp.start && vr.start < sp.end ? 1 : 0;
      if (score > bestScore) {
        best = sp;
        bestScore = score;
      }
    }
    if (!best && vr.end === vr.start && vr.afterLabel) {
      // Values on the line below their (wrapped) label: the label that ends where they start.
      best = spans.find((sp) => sp.end === vr.start && !assigned.has(sp.rowId)) ?? null;
    }
    if (best && !assigned.has(best.rowId)) assigned.set(best.rowId, vr);
    else unlabeled.push(vr);
  }
  for (const vr of valueRows) vr.lines.forEach((l) => out.used.add(l));

  // 2019 format: a single （六）其他处理 row without sub-items.
  const otherGroup = T3_RESULT_GROUPS.find((g) => g.id === "other")!;
  const otherItemsFound = otherGroup.items.some((it) => assigned.has(it.id));
  if (!otherItemsFound) {
    const g = norm(otherGroup.label);
    const vr = unlabeled.find((r) => r.structural.includes(g));
    if (vr) {
      const last = otherGroup.items[otherGroup.items.length - 1]!;
      assigned.set(last.id, vr);
      unlabeled.splice(unlabeled.indexOf(vr), 1);
      out.oldFormat.push(otherGroup.label);
      out.notes.push({
        kind: "uncertain-cell",
        cells: otherGroup.items.map((it) => t3CellId(it.id, T3_INPUT_COLUMNS[0]!.id)),
        message: `表三「${otherGroup.label}」只有一行、没有分项（2019年旧格式），其数字已放入「${last.label}」，其余分项留空，请按2021年格式核对。`,
      });
    }
  }

  // Unlabeled rows fill the rows whose labels were not found, in order, when the counts agree.
  const oldOther = out.oldFormat.includes(otherGroup.label);
  const missing = T3_ROWS.filter((r) => !assigned.has(r.id) && !(oldOther && otherGroup.items.some((it) => it.id === r.id)));
  const guessed: string[] = [];
  if (unlabeled.length > 0 && unlabeled.length === missing.length) {
    unlabeled.forEach((vr, k) => {
      assigned.set(missing[k]!.id, vr);
      guessed.push(missing[k]!.id);
    });
    unlabeled.length = 0;
  }

  // 3. Values of each row (decoding run-together digits; ambiguity resolved with the column sums).
  type Decoded = { rowId: string; candidates: number[][]; source: string };
  const ambiguous: Decoded[] = [];
  const known = new Map<string, number[]>();
  const uncertain: string[] = [];
  for (const row of T3_ROWS) {
    const ids = T3_COLUMNS.map((c) => t3CellId(row.id, c.id));
    const vr = assigned.get(row.id);
    if (!vr) continue;
    const rv = readValues(vr.values, n, T3_ROW_RULES);
    if (rv.kind === "none") {
      ids.forEach((id) => put(out, id, ""));
    } else if (rv.kind === "values") {
      rv.cells.forEach((v, k) => put(out, ids[k]!, v));
      if (rv.uncertain) uncertain.push(...ids.filter((id) => !CELLS.get(id)!.computed));
      if (rv.cells.every((c) => isNumberCell(c) || isBlankMarker(c)))
        known.set(
          row.id,
          rv.cells.map((c) => (isBlankMarker(c) ? 0 : Number(c.normalize("NFKC").replace(/[\s,]/g, "")))),
        );
    } else if (rv.values.length === 1) {
      known.set(row.id, rv.values[0]!);
      decodedInto(out, ids, rv, "表三");
    } else if (rv.values.length > 1) {
      ambiguous.push({ rowId: row.id, candidates: rv.values, source: rv.source });
    } else {
      decodedInto(out, ids, rv, "表三");
    }
  }
  resolveT3(out, ambiguous, known, totalCol);

  if (guessed.length > 0) {
    const cells = guessed.flatMap((r) => T3_INPUT_COLUMNS.map((c) => t3CellId(r, c.id)));
    out.notes.push({
      kind: "uncertain-cell",
      cells,
      message: `表三有${guessed.length}行数字没有行名（文本提取错位），已按顺序放入未找到行名的行：${guessed
        .map((r) => `「${T3_ROWS.find((x) => x.id === r)!.label}」`)
        .join("")}，请核对。`,
    });
  }
  if (unlabeled.length > 0) {
    const nonZero = unlabeled.filter((vr) => vr.values.some((v) => isNumberCell(v) && Number(v) !== 0));
    out.notes.push({
      kind: "uncertain-cell",
      message: `表三有${unlabeled.length}行数字找不到对应的行名，未导入${nonZero.length ? "（其中有非零数字）" : ""}，请对照原文核对。`,
      text: unlabeled.map((vr) => vr.values.filter(Boolean).join(" ")).join(" / "),
    });
  }
  const notFound = T3_ROWS.filter(
    (r) => !assigned.has(r.id) && !r.computed && !(oldOther && otherGroup.items.some((it) => it.id === r.id)),
  );
  if (out.found && notFound.length > 0) {
    const cells = notFound.flatMap((r) => T3_INPUT_COLUMNS.map((c) => t3CellId(r.id, c.id)));
    out.notes.push({
      kind: "uncertain-cell",
      cells,
      message: `表三中没有找到以下行，已留空，请补填：${notFound.map((r) => `「${r.label}」`).join("")}。`,
    });
  }
  if (uncertain.length > 0)
    out.notes.push({
      kind: "uncertain-cell",
      cells: uncertain,
      message: `表三部分行的单元格个数与格式不符，以下单元格的位置可能有误，请核对：${names(uncertain)}。`,
    });
  return out;
}

/**
 * Ambiguous run-together rows of table 三: keep the combinations that satisfy E1 (一 + 二 = （七）总计 + 四)
 * and E3 (（七）总计 = Σ results) for every column where all rows are known; a row is decoded when all
 * surviving combinations agree on it.
 */
function resolveT3(
  out: TableOutput,
  ambiguous: { rowId: string; candidates: number[][]; source: string }[],
  known: Map<string, number[]>,
  totalCol: number,
) {
  void totalCol;
  if (ambiguous.length === 0) return;
  const combos: number[][][] = [];
  const limit = 200000;
  let count = 1;
  for (const a of ambiguous) count *= a.candidates.length;
  const resultRows = T3_ROWS.filter((r) => r.isResult).map((r) => r.id);
  const [rNew, rCarried, rCarryover] = ["new", "carried", "carryover"];
  const totalRow = T3_ROWS.find((r) => r.computed)!.id;
  const check = (vals: Map<string, number[]>) => {
    for (let c = 0; c < T3_COLUMNS.length; c++) {
      const g = (id: string) => vals.get(id)?.[c];
      const a = g(rNew!), b = g(rCarried!), t = g(totalRow), d = g(rCarryover!);
      if (a !== undefined && b !== undefined && t !== undefined && d !== undefined && a + b !== t + d) return false;
      if (t !== undefined) {
        let sum = 0;
        let all = true;
        for (const r of resultRows) {
          const v = g(r);
          if (v === undefined) {
            all = false;
            break;
          }
          sum += v;
        }
        if (all && sum !== t) return false;
      }
    }
    return true;
  };
  if (count <= limit) {
    const idx = ambiguous.map(() => 0);
    for (;;) {
      const vals = new Map(known);
      ambiguous.forEach((a, k) => vals.set(a.rowId, a.candidates[idx[k]!]!));
      if (check(vals)) combos.push(ambiguous.map((a, k) => a.candidates[idx[k]!]!));
      let k = 0;
      while (k < idx.length) {
        idx[k]!++;
        if (idx[k]! < ambiguous[k]!.candidates.length) break;
        idx[k] = 0;
        k++;
      }
      if (k === idx.length) break;
    }
  }
  ambiguous.forEach((a, k) => {
    const ids = T3_COLUMNS.map((c) => t3CellId(a.rowId, c.id));
    const options = combos.map((c) => c[k]!);
    const distinct = [...new Set(options.map((o) => o.join(",")))];
    if (distinct.length === 1) {
      const values = options[0]!;
      values.forEach((v, i) => put(out, ids[i]!, String(v)));
      // Settled only by the column sums: those sums can then no longer check this row independently, so a
      // damage elsewhere in the column could have been absorbed here — flagged for the clerk to confirm.
      // The （七）总计 row settled by the columns checks nothing any more: every result cell is then unproven.
      const isTotalRow = T3_ROWS.find((r) => r.id === a.rowId)?.computed;
      out.notes.push({
        kind: "uncertain-cell",
        cells: isTotalRow
          ? T3_ROWS.filter((r) => r.isResult).flatMap((r) => T3_INPUT_COLUMNS.map((c) => t3CellId(r.id, c.id)))
          : ids.filter((id) => !CELLS.get(id)!.computed),
        text: a.source,
        message: `表三中连在一起的数字「${a.source}」只能靠列的勾稽关系拆分，已拆分为 ${values.join("、")}，请对照原文核对。`,
      });
    } else {
      decodedInto(out, ids, { kind: "decoded", values: distinct.length ? distinct.map((d) => d.split(",").map(Number)) : a.candidates, source: a.source, blankCells: [] }, "表三");
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Table 四
// ---------------------------------------------------------------------------------------------

export function parseTable4(lines: readonly Line[]): TableOutput {
  const out = emptyOutput();
  const rows = regionRows(lines);
  const resultCores = T4_RESULTS.map((r) => core(r.label));
  const headerSeq: number[] = [];
  const valueRows: string[][] = [];
  let sawHeader = false;
  for (const row of rows) {
    const { labels, values } = splitRow(row.cells);
    let headerRow = false;
    for (const l of labels) {
      const k = resultCores.indexOf(core(l));
      if (k >= 0) headerSeq.push(k);
      if (k >= 0 || T4_GROUPS.some((g) => core(g.label) === core(l)) || core(l) === core(T4_LITIGATION_HEADER)) headerRow = true;
    }
    if (headerRow) {
      sawHeader = true;
      row.lines.forEach((l) => out.used.add(l));
    }
    if (values.some((v) => v !== "" && isValueCell(v))) {
      valueRows.push(values);
      row.lines.forEach((l) => out.used.add(l));
    }
  }
  // One data row as printed; values spread over several rows (one cell per line) are concatenated.
  const valueCells: string[] =
    valueRows.length === 1 ? valueRows[0]! : valueRows.flatMap((v) => v.filter((c) => c.trim() !== ""));
  out.found = sawHeader || valueCells.length > 0;
  const n = T4_GROUPS.length * T4_RESULTS.length;
  // Column order: as printed when the header lists all fifteen result labels, else the official order.
  const order: { g: number; r: number }[] = [];
  const perGroup = T4_RESULTS.length;
  const headerOk =
    headerSeq.length === n && T4_GROUPS.every((_, g) => new Set(headerSeq.slice(g * perGroup, (g + 1) * perGroup)).size === perGroup);
  for (let k = 0; k < n; k++) order.push({ g: Math.floor(k / perGroup), r: headerOk ? headerSeq[k]! : k % perGroup });
  const ids = order.map(({ g, r }) => t4CellId(T4_GROUPS[g]!.id, T4_RESULTS[r]!.id));
  if (valueCells.length === 0) {
    if (out.found) {
      ids.forEach((id) => put(out, id, ""));
    }
    return out;
  }
  // Rules in printed positions.
  const rules: SumRule[] = headerOk
    ? T4_GROUPS.map((_, g) => {
        const pos = (r: number) => order.findIndex((o) => o.g === g && o.r === r);
        const total = T4_RESULTS.findIndex((r) => r.computed);
        return { total: pos(total), parts: T4_RESULTS.map((_, r) => r).filter((r) => r !== total).map(pos) };
      })
    : [...T4_ROW_RULES];
  const rv = readValues(valueCells, n, rules);
  if (rv.kind === "values") {
    rv.cells.forEach((v, k) => put(out, ids[k]!, v));
    if (rv.uncertain) {
      const cells = ids.filter((id) => !CELLS.get(id)!.computed);
      out.notes.push({
        kind: "uncertain-cell",
        cells,
        message: `表四的数字个数与格式（${n}个）不符，单元格位置可能有误，请核对。`,
      });
    }
  } else if (rv.kind === "decoded") {
    decodedInto(out, ids, rv, "表四");
  }
  return out;
}
