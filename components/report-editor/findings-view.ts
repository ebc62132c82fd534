/**
 * Findings as the editor shows them: blank-cell errors (E5 “未填写”) folded into one item per table,
 * the rest one by one; acknowledged warnings apart; and, per ref, the worst open severity (for marking
 * cells and fields). Pure.
 */
import { CELLS, TABLES, type ReportContent } from "@/lib/template";
import { blankCellTable, groupByCause, type Finding, type RuleId, type Severity } from "@/lib/report/client";

export type MarkSeverity = "error" | "warning";

export type FindingItem = {
  key: string;
  rule: RuleId;
  severity: Severity;
  message: string;
  refs: string[];
  /** The finding itself when the item is a single finding (warnings can then be acknowledged). */
  finding: Finding | null;
  acknowledged: string | null;
  /** Findings with the same cause are listed together (lib/report Finding.cause). */
  cause: string | null;
};

export type FindingsView = {
  errors: FindingItem[];
  warnings: FindingItem[];
  acknowledged: FindingItem[];
  marks: Map<string, MarkSeverity>;
};

/** Blank cells, empty fields and an unstated fee are to-dos, not mistakes: they are listed but not marked. */
function isEmptyRef(ref: string, content: ReportContent): boolean {
  const def = CELLS.get(ref);
  if (def) return !def.computed && (content.cells[ref] ?? "").trim() === "";
  if (ref.startsWith("text.")) return (content.text[ref.slice(5)] ?? "").trim() === "";
  if (ref.startsWith("header.")) {
    const v = (content.header as Record<string, unknown>)[ref.slice(7)];
    return typeof v === "string" && v.trim() === "";
  }
  if (ref === "fee") return content.fee.charged === null;
  return false;
}

export function buildFindingsView(content: ReportContent, findings: readonly Finding[]): FindingsView {
  const view: FindingsView = { errors: [], warnings: [], acknowledged: [], marks: new Map() };
  const blanks = new Map<string, string[]>();
  for (const f of findings) {
    const table = blankCellTable(f, content);
    if (table) {
      const list = blanks.get(table) ?? [];
      list.push(f.cells[0]!);
      blanks.set(table, list);
      continue;
    }
    const ack = f.severity === "warning" ? (content.acknowledgements[f.key] ?? "").trim() : "";
    const item: FindingItem = {
      key: f.key,
      rule: f.rule,
      severity: f.severity,
      message: f.message,
      refs: f.cells,
      finding: f,
      acknowledged: ack || null,
      cause: f.cause ?? null,
    };
    if (f.severity === "error") view.errors.push(item);
    else if (ack) view.acknowledged.push(item);
    else view.warnings.push(item);
    // an empty placeholder (E9) is a to-do like a blank cell: listed, not marked as wrong
    if (!ack && f.rule !== "E9")
      for (const ref of f.cells)
        if (view.marks.get(ref) !== "error" && !isEmptyRef(ref, content))
          view.marks.set(ref, f.severity === "error" ? "error" : "warning");
  }
  const blankItems: FindingItem[] = TABLES.filter((t) => blanks.has(t.id)).map((t) => {
    const ids = blanks.get(t.id)!;
    return {
      key: `E5:blank:${t.id}`,
      rule: "E5",
      severity: "error",
      message:
        ids.length === 1
          ? `${CELLS.get(ids[0]!)!.name}未填写（没有数据请填 0）。`
          : `${t.name}有 ${ids.length} 个单元格未填写（没有数据请填 0，可用表格下方的“空白单元格填 0”）。`,
      refs: ids,
      finding: null,
      acknowledged: null,
      cause: null,
    };
  });
  view.errors.unshift(...blankItems);
  // one cause, one place: findings with the same cause follow the first of them
  for (const list of [view.errors, view.warnings, view.acknowledged]) groupInPlace(list);
  return view;
}

/** Reorders `list` in place so that items with the same cause follow the first of them. */
function groupInPlace(list: FindingItem[]): void {
  list.splice(0, list.length, ...groupByCause(list));
}

/** CSS selector of the element showing a ref. */
export function refSelector(ref: string): string {
  const esc = ref.replace(/["\\]/g, "\\$&");
  return CELLS.has(ref) ? `[data-cell="${esc}"]` : `[data-field="${esc}"]`;
}
