/**
 * A report's content as a set of independent fields — the unit of saving, merging and conflict: every
 * input cell, every text field, each header field, the fee statement, each warning acknowledgement and
 * each printed total of an import. Two people editing different fields never touch each other's work.
 *
 * Refs follow the findings' convention (lib/report/findings.ts): a cell id (t3.new.natural),
 * text.<fieldId>, header.<name>, fee, ack.<findingKey>, source.<computedCellId>.
 * Labels come from lib/template. Pure.
 */
import {
  CELLS,
  INPUT_CELLS,
  TEXT_FIELDS,
  TEXT_FIELD_MAX_CHARS,
  type FeeStatement,
  type ReportContent,
} from "@/lib/template";
import { FEE_REF, headerRef, textRef } from "./findings";
import { feeStatement } from "./fee";
import { MAX_CELL_CHARS } from "./values";

/** A field's value; null for an absent acknowledgement or printed total, and for an automatic title break. */
export type FieldValue = string | number | boolean | null | FeeStatement;

/**
 * How much more than its limit a text may hold on the server. A text's limit (TEXT_FIELD_MAX_CHARS, the
 * header's below) is a rule (E8) that blocks submitting; up to this many times the limit an over-long
 * text is still saved, so nothing typed is lost while the clerk shortens it.
 */
export const STORE_FACTOR = 10;
export const TEXT_STORE_MAX_CHARS = TEXT_FIELD_MAX_CHARS * STORE_FACTOR;
/** The same for a cell (a cell that is not a number is an E5 error, but it is kept as typed). */
export const CELL_STORE_MAX_CHARS = 200;
/** Longest reason for acknowledging a warning. */
export const ACK_MAX_CHARS = 500;
/** Longest finding key an acknowledgement may be stored under. */
export const ACK_KEY_MAX_CHARS = 200;

type HeaderText = "organName" | "opening" | "signDate";
/** The header's text fields: label and limit (characters). */
export const HEADER_FIELDS: Readonly<Record<HeaderText, { label: string; max: number }>> = {
  organName: { label: "署名（机关全称）", max: 100 },
  opening: { label: "开头段落", max: 5000 },
  signDate: { label: "成文日期", max: 30 },
};
const HEADER_TEXT_KEYS = Object.keys(HEADER_FIELDS) as HeaderText[];
const TITLE_BREAK_REF = "header.titleBreak";
const TEXT_IDS = new Set(TEXT_FIELDS.map((f) => f.id));
const INPUT_IDS = new Set(INPUT_CELLS.map((c) => c.id));

const ACK_PREFIX = "ack.";
const SOURCE_PREFIX = "source.";
export const ackRef = (key: string) => `${ACK_PREFIX}${key}`;
export const sourceRef = (cellId: string) => `${SOURCE_PREFIX}${cellId}`;

/** Every field of a report, in the order of the report (fixed fields first, then acknowledgements and printed totals). */
export function contentFields(c: ReportContent): Map<string, FieldValue> {
  const out = new Map<string, FieldValue>();
  for (const k of HEADER_TEXT_KEYS) out.set(headerRef(k), c.header[k]);
  out.set(TITLE_BREAK_REF, c.header.titleBreak);
  for (const f of TEXT_FIELDS) out.set(textRef(f.id), c.text[f.id] ?? "");
  out.set(FEE_REF, c.fee);
  for (const cell of INPUT_CELLS) out.set(cell.id, c.cells[cell.id] ?? "");
  for (const [k, v] of Object.entries(c.acknowledgements)) out.set(ackRef(k), v);
  for (const [k, v] of Object.entries(c.sourceTotals ?? {})) out.set(sourceRef(k), v);
  return out;
}

/** The value of one field; null for an absent acknowledgement/printed total; undefined for an unknown ref. */
export function fieldValue(c: ReportContent, ref: string): FieldValue | undefined {
  if (INPUT_IDS.has(ref)) return c.cells[ref] ?? "";
  if (ref.startsWith("text.")) {
    const id = ref.slice(5);
    return TEXT_IDS.has(id) ? (c.text[id] ?? "") : undefined;
  }
  if (ref === TITLE_BREAK_REF) return c.header.titleBreak;
  if (ref.startsWith("header.")) {
    const k = ref.slice(7) as HeaderText;
    return k in HEADER_FIELDS ? c.header[k] : undefined;
  }
  if (ref === FEE_REF) return c.fee;
  if (ref.startsWith(ACK_PREFIX)) return c.acknowledgements[ref.slice(ACK_PREFIX.length)] ?? null;
  if (ref.startsWith(SOURCE_PREFIX)) {
    const id = ref.slice(SOURCE_PREFIX.length);
    return CELLS.get(id)?.computed ? (c.sourceTotals?.[id] ?? null) : undefined;
  }
  return undefined;
}

/** Whether a ref names a field of a report. */
export function isFieldRef(ref: string): boolean {
  return fieldValue(EMPTY_PROBE, ref) !== undefined;
}
const EMPTY_PROBE: ReportContent = {
  header: { organName: "", titleBreak: null, opening: "", signDate: "" },
  text: {},
  fee: { charged: null, pieces: "", amount: "" },
  cells: {},
  acknowledgements: {},
};

export function fieldEquals(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (a === b) return true;
  if (a && b && typeof a === "object" && typeof b === "object")
    return a.charged === b.charged && a.pieces === b.pieces && a.amount === b.amount;
  return false;
}

/**
 * A copy of `c` with the given fields set (unknown refs are ignored; a null acknowledgement or printed
 * total removes it). Objects not touched keep their identity, so `c.cells === result.cells` when no cell
 * changed.
 */
export function withFields(c: ReportContent, entries: Iterable<readonly [string, FieldValue]>): ReportContent {
  let header = c.header;
  let text = c.text;
  let fee = c.fee;
  let cells = c.cells;
  let acks = c.acknowledgements;
  let source = c.sourceTotals;
  for (const [ref, v] of entries) {
    if (INPUT_IDS.has(ref)) {
      if (typeof v !== "string") continue;
      if (cells === c.cells) cells = { ...cells };
      cells[ref] = v;
    } else if (ref.startsWith("text.") && TEXT_IDS.has(ref.slice(5))) {
      if (typeof v !== "string") continue;
      if (text === c.text) text = { ...text };
      text[ref.slice(5)] = v;
    } else if (ref === TITLE_BREAK_REF) {
      if (v !== null && typeof v !== "number") continue;
      header = { ...header, titleBreak: v };
    } else if (ref.startsWith("header.") && ref.slice(7) in HEADER_FIELDS) {
      if (typeof v !== "string") continue;
      header = { ...header, [ref.slice(7)]: v };
    } else if (ref === FEE_REF) {
      if (!v || typeof v !== "object") continue;
      fee = { charged: v.charged, pieces: v.pieces, amount: v.amount };
    } else if (ref.startsWith(ACK_PREFIX)) {
      if (v !== null && typeof v !== "string") continue;
      if (acks === c.acknowledgements) acks = { ...acks };
      const key = ref.slice(ACK_PREFIX.length);
      if (v === null) delete acks[key];
      else acks[key] = v;
    } else if (ref.startsWith(SOURCE_PREFIX) && CELLS.get(ref.slice(SOURCE_PREFIX.length))?.computed) {
      if (v !== null && typeof v !== "string") continue;
      if (source === c.sourceTotals) source = { ...source };
      const id = ref.slice(SOURCE_PREFIX.length);
      if (v === null) delete source![id];
      else source![id] = v;
    }
  }
  const out: ReportContent = { ...c, header, text, fee, cells, acknowledgements: acks };
  if (source !== undefined) out.sourceTotals = source;
  return out;
}

/** The fields in which `b` differs from `a`, in the order of the report. */
export function changedFields(a: ReportContent, b: ReportContent): { ref: string; before: FieldValue; after: FieldValue }[] {
  if (a === b) return [];
  const fa = contentFields(a);
  const fb = contentFields(b);
  const out: { ref: string; before: FieldValue; after: FieldValue }[] = [];
  for (const [ref, after] of fb) {
    const before = fa.has(ref) ? fa.get(ref)! : null;
    if (!fieldEquals(before, after)) out.push({ ref, before, after });
  }
  for (const [ref, before] of fa) if (!fb.has(ref) && before !== null) out.push({ ref, before, after: null });
  return out;
}

// ---- labels and display -----------------------------------------------------------------------

function titleBreakText(v: FieldValue): string {
  return v === null ? "自动" : v === 0 ? "不换行" : `第 ${String(v)} 字后换行`;
}

function feeText(v: FieldValue): string {
  if (!v || typeof v !== "object") return "";
  if (v.charged === null) return "未说明";
  return feeStatement(v) + (v.charged ? `（件数“${v.pieces}”，金额“${v.amount}”）` : "");
}

/** The Chinese name of a field, for conflict dialogs and messages. */
export function fieldLabel(ref: string): string {
  const cell = CELLS.get(ref);
  if (cell) return cell.name;
  if (ref.startsWith("text.")) return TEXT_FIELDS.find((f) => f.id === ref.slice(5))?.label ?? ref;
  if (ref === TITLE_BREAK_REF) return "标题换行";
  if (ref.startsWith("header.")) return HEADER_FIELDS[ref.slice(7) as HeaderText]?.label ?? ref;
  if (ref === FEE_REF) return "信息处理费";
  if (ref.startsWith(ACK_PREFIX)) return `警告确认理由（${ref.slice(ACK_PREFIX.length).split(":")[0]}）`;
  if (ref.startsWith(SOURCE_PREFIX)) return `原文合计：${CELLS.get(ref.slice(SOURCE_PREFIX.length))?.name ?? ref}`;
  return ref;
}

/** A field's value as text for display ("" for blank/absent). */
export function fieldDisplay(ref: string, v: FieldValue | undefined): string {
  if (v === undefined || v === null) return ref === TITLE_BREAK_REF ? titleBreakText(null) : "";
  if (ref === TITLE_BREAK_REF) return titleBreakText(v);
  if (ref === FEE_REF) return feeText(v);
  return String(v);
}

/** Long texts are shown as paragraphs, short values inline. */
export function isLongField(ref: string): boolean {
  return ref.startsWith("text.") || ref === headerRef("opening");
}

// ---- validation of one field (what the server stores) -----------------------------------------

export type FieldCheck = { ok: true; value: FieldValue } | { ok: false; message: string };

const chars = (s: string) => [...s].length;

/**
 * Whether `value` may be stored in the field `ref`. Over-long text is refused only beyond the storage
 * ceilings (the format's own limits are rules that block submitting); the message names the field, the
 * ceiling and the excess.
 */
export function checkFieldValue(ref: string, value: unknown): FieldCheck {
  const label = fieldLabel(ref);
  const tooLong = (s: string, max: number): FieldCheck => {
    const n = chars(s);
    return n > max
      ? { ok: false, message: `${label}共 ${n} 个字符，超过可保存的上限 ${max} 个字符（多 ${n - max} 个）。` }
      : { ok: true, value: s };
  };
  if (INPUT_IDS.has(ref)) return typeof value === "string" ? tooLong(value, CELL_STORE_MAX_CHARS) : bad(label);
  if (ref.startsWith("text.") && TEXT_IDS.has(ref.slice(5)))
    return typeof value === "string" ? tooLong(value, TEXT_STORE_MAX_CHARS) : bad(label);
  if (ref === TITLE_BREAK_REF)
    return value === null || (typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= 200)
      ? { ok: true, value: value as number | null }
      : bad(label);
  if (ref.startsWith("header.") && ref.slice(7) in HEADER_FIELDS)
    return typeof value === "string" ? tooLong(value, HEADER_FIELDS[ref.slice(7) as HeaderText].max * STORE_FACTOR) : bad(label);
  if (ref === FEE_REF) {
    if (!value || typeof value !== "object") return bad(label);
    const f = value as Record<string, unknown>;
    if (!(f.charged === null || typeof f.charged === "boolean") || typeof f.pieces !== "string" || typeof f.amount !== "string")
      return bad(label);
    if (chars(f.pieces) > MAX_CELL_CHARS || chars(f.amount) > MAX_CELL_CHARS)
      return { ok: false, message: `${label}的件数或金额过长（最多 ${MAX_CELL_CHARS} 个字符）。` };
    return { ok: true, value: { charged: f.charged, pieces: f.pieces, amount: f.amount } };
  }
  if (ref.startsWith(ACK_PREFIX)) {
    if (ref.length - ACK_PREFIX.length > ACK_KEY_MAX_CHARS || ref.length === ACK_PREFIX.length) return bad(label);
    return value === null ? { ok: true, value: null } : typeof value === "string" ? tooLong(value, ACK_MAX_CHARS) : bad(label);
  }
  if (ref.startsWith(SOURCE_PREFIX) && CELLS.get(ref.slice(SOURCE_PREFIX.length))?.computed)
    return value === null ? { ok: true, value: null } : typeof value === "string" ? tooLong(value, MAX_CELL_CHARS) : bad(label);
  return { ok: false, message: `未知的字段“${ref.slice(0, 60)}”。` };
}

function bad(label: string): FieldCheck {
  return { ok: false, message: `${label}的内容格式不正确。` };
}

/** The texts of `c` longer than their limit (rule E8), with the limit. */
export function overLimitTexts(c: ReportContent): { ref: string; chars: number; max: number }[] {
  const out: { ref: string; chars: number; max: number }[] = [];
  for (const k of HEADER_TEXT_KEYS) {
    const n = chars(c.header[k]);
    if (n > HEADER_FIELDS[k].max) out.push({ ref: headerRef(k), chars: n, max: HEADER_FIELDS[k].max });
  }
  for (const f of TEXT_FIELDS) {
    const n = chars(c.text[f.id] ?? "");
    if (n > TEXT_FIELD_MAX_CHARS) out.push({ ref: textRef(f.id), chars: n, max: TEXT_FIELD_MAX_CHARS });
  }
  return out;
}
