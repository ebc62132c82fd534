/**
 * Comparing two versions of a report's content, field by field (for the conflict dialog and for
 * deciding whether a local backup holds anything new). Labels come from lib/template.
 */
import { CELLS, INPUT_CELLS, TEXT_FIELDS, type ReportContent } from "@/lib/template";
import { feeStatement, FEE_REF, headerRef, textRef } from "@/lib/report";

export type ContentDiff = {
  /** Finding-style ref: a cell id, text.<id>, header.<name>, fee or ack.<key>. */
  ref: string;
  label: string;
  mine: string;
  theirs: string;
  /** Long text (shown as paragraphs) or a short value. */
  long: boolean;
};

const HEADER_LABELS = {
  organName: "署名（机关全称）",
  opening: "开头段落",
  signDate: "成文日期",
} as const;

function titleBreakText(v: number | null): string {
  return v === null ? "自动" : v === 0 ? "不换行" : `第 ${v} 字后换行`;
}

function feeText(c: ReportContent): string {
  const f = c.fee;
  if (f.charged === null) return "未说明";
  return feeStatement(f) + (f.charged ? `（件数“${f.pieces}”，金额“${f.amount}”）` : "");
}

/** Every field in which the two versions differ, in the order of the report. */
export function diffContent(mine: ReportContent, theirs: ReportContent): ContentDiff[] {
  const out: ContentDiff[] = [];
  const push = (ref: string, label: string, a: string, b: string, long = false) => {
    if (a !== b) out.push({ ref, label, mine: a, theirs: b, long });
  };
  for (const k of ["organName", "signDate", "opening"] as const)
    push(headerRef(k), HEADER_LABELS[k], mine.header[k], theirs.header[k], k === "opening");
  if (mine.header.titleBreak !== theirs.header.titleBreak)
    push("header.titleBreak", "标题换行", titleBreakText(mine.header.titleBreak), titleBreakText(theirs.header.titleBreak));
  for (const f of TEXT_FIELDS) push(textRef(f.id), f.label, mine.text[f.id] ?? "", theirs.text[f.id] ?? "", true);
  const fm = mine.fee;
  const ft = theirs.fee;
  if (fm.charged !== ft.charged || fm.pieces !== ft.pieces || fm.amount !== ft.amount)
    push(FEE_REF, "信息处理费", feeText(mine), feeText(theirs));
  for (const c of INPUT_CELLS) push(c.id, c.name, mine.cells[c.id] ?? "", theirs.cells[c.id] ?? "");
  const keys = new Set([...Object.keys(mine.acknowledgements), ...Object.keys(theirs.acknowledgements)]);
  for (const k of [...keys].sort())
    push(`ack.${k}`, `警告确认理由（${k.split(":")[0]}）`, mine.acknowledgements[k] ?? "", theirs.acknowledgements[k] ?? "");
  const st = new Set([...Object.keys(mine.sourceTotals ?? {}), ...Object.keys(theirs.sourceTotals ?? {})]);
  for (const id of [...st].sort())
    push(`source.${id}`, `原文合计：${CELLS.get(id)?.name ?? id}`, mine.sourceTotals?.[id] ?? "", theirs.sourceTotals?.[id] ?? "");
  return out;
}

export function contentEquals(a: ReportContent, b: ReportContent): boolean {
  return a === b || diffContent(a, b).length === 0;
}
