/**
 * Rule P1 (warning): a count far above what the organ itself reported last year, or far above the
 * usual range of its level (乡镇 / 县级政府 / 部门). It catches an extra digit, a number typed into the
 * wrong cell or pasted from the wrong column (「1000000000」 as a township's 行政处罚) — not a busy year:
 * the margins are wide, and a warning can be acknowledged with a reason.
 *
 * The thresholds are data, here and nowhere else.
 */
import { INPUT_CELLS, type CellDef, type ReportContent } from "@/lib/template";
import { ORGAN_KIND_LABELS } from "@/lib/labels";
import type { Finding } from "./findings";
import type { OrganKind } from "./rules";
import { normalizeCellInput, readCell } from "./values";

/** Groups of input cells sharing a usual range. */
export type PlausibilityGroup =
  | "rules" // 表二 规章: 本年制发 / 本年废止 / 现行有效
  | "normativeFlow" // 表二 行政规范性文件: 本年制发 / 本年废止
  | "normativeValid" // 表二 行政规范性文件: 现行有效
  | "permit" // 表二 行政许可 本年处理决定数量
  | "penalty" // 表二 行政处罚
  | "coercion" // 表二 行政强制
  | "fee" // 表二 行政事业性收费 本年收费金额（万元）
  | "applications" // 表三: every input cell (applications of one kind of applicant / one result)
  | "cases"; // 表四: every input cell (行政复议 / 行政诉讼 cases)

export function plausibilityGroup(cellId: string): PlausibilityGroup {
  if (cellId.startsWith("t3.")) return "applications";
  if (cellId.startsWith("t4.")) return "cases";
  if (cellId.startsWith("t2.rules.")) return "rules";
  if (cellId === "t2.normative.valid") return "normativeValid";
  if (cellId.startsWith("t2.normative.")) return "normativeFlow";
  if (cellId.startsWith("t2.permit.")) return "permit";
  if (cellId.startsWith("t2.penalty.")) return "penalty";
  if (cellId.startsWith("t2.coercion.")) return "coercion";
  if (cellId.startsWith("t2.fee.")) return "fee";
  throw new Error(`no plausibility group for cell ${cellId}`);
}

/**
 * The upper end of the usual yearly value of one cell, per organ kind (counts; 万元 for "fee").
 *
 * Where the numbers come from: they are rough orders of magnitude, not statistics. The five published
 * township reports in tests/fixtures/samples (2022–2023) have every count at or below 17 (张良镇:
 * 行政许可 17, 行政处罚 1; 龙泉镇: 行政许可 12; the others all zero); a county government's own report
 * and a county department's (市场监管, 交通运输, 公安 decide most of a county's 行政许可 and 行政处罚)
 * reach thousands to tens of thousands. Each ceiling is about ten times that or more, so that the
 * warning fires on a typing or pasting slip, not on a busy organ. Revise the numbers here, with the
 * reports that justify them, when real data shows a ceiling to be too low or too high.
 */
export const USUAL_MAX: Readonly<Record<OrganKind, Readonly<Record<PlausibilityGroup, number>>>> = {
  TOWNSHIP: {
    rules: 10,
    normativeFlow: 50,
    normativeValid: 300,
    permit: 5_000,
    penalty: 5_000,
    coercion: 1_000,
    fee: 1_000,
    applications: 200,
    cases: 50,
  },
  COUNTY: {
    rules: 10,
    normativeFlow: 200,
    normativeValid: 2_000,
    permit: 200_000,
    penalty: 100_000,
    coercion: 20_000,
    fee: 100_000,
    applications: 5_000,
    cases: 500,
  },
  DEPARTMENT: {
    rules: 10,
    normativeFlow: 200,
    normativeValid: 2_000,
    permit: 200_000,
    penalty: 100_000,
    coercion: 20_000,
    fee: 100_000,
    applications: 2_000,
    cases: 500,
  },
  // a city's or a province's own (本级) report: the government and its office, like a large department
  CITY: {
    rules: 50,
    normativeFlow: 300,
    normativeValid: 3_000,
    permit: 500_000,
    penalty: 200_000,
    coercion: 50_000,
    fee: 500_000,
    applications: 10_000,
    cases: 2_000,
  },
  PROVINCE: {
    rules: 200,
    normativeFlow: 500,
    normativeValid: 5_000,
    permit: 1_000_000,
    penalty: 500_000,
    coercion: 100_000,
    fee: 1_000_000,
    applications: 50_000,
    cases: 10_000,
  },
};

/**
 * Against the organ's own report of last year: a value at least `factor` times last year's and at
 * least `minIncrease` above it (so that 1 → 12 or 0 → 5 pass: small numbers move a lot).
 */
export const HISTORY_JUMP: Readonly<Record<"count" | "decimal", { factor: number; minIncrease: number }>> = {
  count: { factor: 10, minIncrease: 100 },
  decimal: { factor: 10, minIncrease: 100 }, // 万元
};

/** The ceiling when the organ's kind is unknown (e.g. an import not yet assigned): the most generous. */
function usualMax(kind: OrganKind | undefined, group: PlausibilityGroup): number {
  if (kind) return USUAL_MAX[kind][group];
  return Math.max(...Object.values(USUAL_MAX).map((m) => m[group]));
}

function valueOf(cells: Record<string, string>, def: CellDef): number | null {
  const r = readCell(cells[def.id], def.kind);
  return r.state === "valid" ? r.value : null;
}

/** P1 findings of a report (warnings), one per implausible input cell. */
export function plausibilityFindings(
  content: ReportContent,
  context: { year: number; organKind?: OrganKind; reportKind?: string; previous?: { year: number; content: ReportContent } | null },
): Finding[] {
  const out: Finding[] = [];
  // a 汇总's figures are sums of subordinates' figures, each checked in its own report
  if (context.reportKind === "ROLLUP") return out;
  const prev = context.previous && context.previous.year === context.year - 1 ? context.previous.content : null;
  for (const def of INPUT_CELLS) {
    const v = valueOf(content.cells, def);
    if (v == null || v === 0) continue;
    const max = usualMax(context.organKind, plausibilityGroup(def.id));
    const p = prev ? valueOf(prev.cells, def) : null;
    const jump = HISTORY_JUMP[def.kind];
    const aboveLevel = v > max;
    const aboveHistory = p != null && v >= jump.factor * p && v - p >= jump.minIncrease;
    if (!aboveLevel && !aboveHistory) continue;
    const unit = def.kind === "decimal" ? " 万元" : "";
    const level = context.organKind ? ORGAN_KIND_LABELS[context.organKind] : "本级机关";
    const reasons = [
      ...(aboveLevel ? [`远高于${level}通常的数量（一般不超过 ${max}${unit}）`] : []),
      ...(aboveHistory ? [`远高于本机关上年报告的 ${p}${unit}`] : []),
    ];
    const text = def.kind === "count" ? String(v) : normalizeCellInput(content.cells[def.id] ?? "");
    out.push({
      key: `P1:${def.id}:${text}`,
      rule: "P1",
      severity: "warning",
      cells: [def.id],
      message: `${def.name}填写为 ${text}${unit}，${reasons.join("，")}。请核实是否多输了位数或填错了单元格；确认无误请说明原因。`,
    });
  }
  return out;
}
