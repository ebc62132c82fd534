// Comment anchors and comment bodies: parsing, validation and labels. Pure (no server-only): the
// comment services validate with it, and the client shows labels and finds the anchored place with it.
//
// Anchors (Comment.anchor):
//   "report"                  the whole report
//   "section:s5"              a section (SECTIONS)
//   "cell:t3.new.natural"     a table cell (CELLS, input or computed)
//   "text:s1.active"          a text field (TEXT_FIELDS)
//   "header:signDate"         署名 / 开头段落 / 成文日期 / 标题换行
//   "finding:<key>"           a check result (Finding.key, e.g. "E1:t3.new.natural,…")
import {
  CELLS,
  SECTIONS,
  TABLES,
  TEXT_FIELDS,
  sectionHeading,
  type SectionKey,
} from "@/lib/template";
import { RULE_IDS } from "@/lib/report/findings";

export const COMMENT_MAX_CHARS = 2000;

export const HEADER_ANCHORS = {
  organName: "署名（机关全称）",
  opening: "开头段落",
  signDate: "成文日期",
  titleBreak: "标题换行",
} as const;
type HeaderName = keyof typeof HEADER_ANCHORS;

const RULE_RE = new RegExp(`^(${RULE_IDS.join("|")}):`);

export type ParsedAnchor =
  | { kind: "report" }
  | { kind: "section"; section: SectionKey }
  | { kind: "cell"; cellId: string }
  | { kind: "text"; fieldId: string }
  | { kind: "header"; name: HeaderName }
  | { kind: "finding"; key: string; rule: string };

/** The anchor as data, or a Chinese message saying why it names no place in the report. */
export function parseAnchor(anchor: unknown): { ok: true; anchor: ParsedAnchor } | { ok: false; message: string } {
  if (typeof anchor !== "string" || anchor.trim() === "") return { ok: false, message: "批注位置不能为空。" };
  if (anchor.length > 300) return { ok: false, message: "批注位置格式不正确。" };
  if (anchor === "report") return { ok: true, anchor: { kind: "report" } };
  const colon = anchor.indexOf(":");
  const kind = colon > 0 ? anchor.slice(0, colon) : "";
  const id = colon > 0 ? anchor.slice(colon + 1) : "";
  switch (kind) {
    case "section": {
      const s = SECTIONS.find((x) => x.key === id);
      return s ? { ok: true, anchor: { kind: "section", section: s.key } } : { ok: false, message: `批注位置无效：报告中没有“${id}”这一部分。` };
    }
    case "cell":
      return CELLS.has(id)
        ? { ok: true, anchor: { kind: "cell", cellId: id } }
        : { ok: false, message: `批注位置无效：表格中没有单元格“${id}”（可能是模板已更新），请选择其他位置。` };
    case "text":
      return TEXT_FIELDS.some((f) => f.id === id)
        ? { ok: true, anchor: { kind: "text", fieldId: id } }
        : { ok: false, message: `批注位置无效：报告中没有文字段落“${id}”。` };
    case "header":
      return id in HEADER_ANCHORS
        ? { ok: true, anchor: { kind: "header", name: id as HeaderName } }
        : { ok: false, message: `批注位置无效：标题落款中没有“${id}”。` };
    case "finding": {
      const m = RULE_RE.exec(id);
      return m && id.length <= 250
        ? { ok: true, anchor: { kind: "finding", key: id, rule: m[1]! } }
        : { ok: false, message: `批注位置无效：没有检查结果“${id}”。` };
    }
    default:
      return { ok: false, message: `批注位置“${anchor}”格式不正确。` };
  }
}

/** Trimmed body, or a Chinese message (required, at most COMMENT_MAX_CHARS characters). */
export function checkCommentBody(body: unknown): { ok: true; body: string } | { ok: false; message: string } {
  const text = typeof body === "string" ? body.trim() : "";
  if (!text) return { ok: false, message: "批注内容不能为空。" };
  const length = [...text].length;
  if (length > COMMENT_MAX_CHARS)
    return { ok: false, message: `批注内容不能超过 ${COMMENT_MAX_CHARS} 字（当前 ${length} 字）。` };
  return { ok: true, body: text };
}

/** Where an anchor points, for people: 表三「一、本年新收…」·自然人, 五、存在的主要问题及改进情况, … */
export function anchorLabel(anchor: string): string {
  const p = parseAnchor(anchor);
  if (!p.ok) return `已失效的位置（${anchor}）`;
  const a = p.anchor;
  switch (a.kind) {
    case "report":
      return "整篇报告";
    case "section":
      return sectionHeading(SECTIONS.find((s) => s.key === a.section)!);
    case "cell":
      return CELLS.get(a.cellId)!.name;
    case "text":
      return TEXT_FIELDS.find((f) => f.id === a.fieldId)!.label;
    case "header":
      return HEADER_ANCHORS[a.name];
    case "finding":
      return `检查结果 ${a.rule}`;
  }
}

/**
 * The editor refs (data-cell / data-field values, as in lib/report findings) an anchor points at:
 * one for a cell, field or header; the named places for a finding; none for the report or a section
 * (use anchorSection to scroll to the section).
 */
export function anchorRefs(anchor: string): string[] {
  const p = parseAnchor(anchor);
  if (!p.ok) return [];
  const a = p.anchor;
  switch (a.kind) {
    case "cell":
      return [a.cellId];
    case "text":
      return [`text.${a.fieldId}`];
    case "header":
      return [`header.${a.name}`];
    case "finding": {
      const rest = a.key.slice(a.key.indexOf(":") + 1);
      return rest.split(",").filter((r) => CELLS.has(r) || r === "fee" || /^(text|header)\.[\w.]+$/.test(r));
    }
    default:
      return [];
  }
}

/** The section an anchor belongs to (null for the report and the header). */
export function anchorSection(anchor: string): SectionKey | null {
  const p = parseAnchor(anchor);
  if (!p.ok) return null;
  const a = p.anchor;
  switch (a.kind) {
    case "section":
      return a.section;
    case "cell":
      return TABLES.find((t) => t.id === CELLS.get(a.cellId)!.table)!.section;
    case "text":
      return TEXT_FIELDS.find((f) => f.id === a.fieldId)!.section;
    case "finding": {
      const first = anchorRefs(anchor)[0];
      return first ? anchorSection(refToAnchor(first)) : null;
    }
    default:
      return null;
  }
}

/** The anchor for an editor ref (a data-cell or data-field value), or null for places without one. */
export function refToAnchor(ref: string): string {
  if (CELLS.has(ref)) return `cell:${ref}`;
  if (ref.startsWith("text.")) return `text:${ref.slice(5)}`;
  if (ref.startsWith("header.")) return `header:${ref.slice(7)}`;
  if (ref === "fee") return "section:s6";
  return "report";
}

const ORDER: ReadonlyMap<string, number> = (() => {
  const order = new Map<string, number>();
  const push = (a: string) => order.set(a, order.size);
  push("report");
  for (const name of ["organName", "titleBreak", "signDate", "opening"]) push(`header:${name}`);
  for (const s of SECTIONS) {
    push(`section:${s.key}`);
    const table = TABLES.find((t) => t.section === s.key);
    if (table) for (const row of [...table.headerRows, ...table.bodyRows]) for (const c of row.cells) if (c.type === "value") push(`cell:${c.cellId}`);
    for (const f of TEXT_FIELDS.filter((x) => x.section === s.key)) push(`text:${f.id}`);
  }
  return order;
})();

/** Sort key of an anchor in the order of the report (findings after the place they name). */
export function anchorOrder(anchor: string): number {
  const direct = ORDER.get(anchor);
  if (direct !== undefined) return direct;
  const first = anchorRefs(anchor)[0];
  if (first) return (ORDER.get(refToAnchor(first)) ?? ORDER.size) + 0.5;
  return ORDER.size;
}
