// Pure rules of the import flow (no database, no server-only): shared by the import services and the
// review screen, so that the warnings the clerk sees are exactly the ones the server enforces.
//   - which year a file may be stored as, and which year is expected;
//   - whether the file's organ is clearly another organ;
//   - whether an existing report of a target year may be replaced (only a DRAFT or an IMPORT);
//   - which cells the clerk may correct; the content of the next year's report started from an import.
import {
  CELLS,
  INPUT_CELLS,
  T3_INPUT_COLUMNS,
  TEXT_FIELDS,
  defaultRollupOpening,
  emptyContent,
  t3CellId,
  type ReportContent,
} from "@/lib/template";
import { STATUS_LABELS, isGovernment, statusWord, readCell, reportName, reportSigner, type ReportKind, type ReportStatus } from "@/lib/report";
import type { ImportNote } from "@/lib/import/types";
import { chinaYear, defaultReportYear } from "@/lib/labels";

/** A 2020 report (2019 format) is the previous year of the first 2021-format report: the oldest year stored. */
export const MIN_IMPORT_YEAR = 2020;

/** The latest year a file may be stored as: the current year (its next year is the latest a report may have). */
export function maxImportYear(now = new Date()): number {
  return chinaYear(now);
}

/**
 * The latest year a file may be stored as the organ's report as published (an archive): the years before
 * the one being written now. The year being written goes through review in nianbao (submit → approve →
 * publish); an archive of it would be a published report no reviewer saw, counted in the county's 汇总.
 * From April (the province's 汇总 is due by 3月31日) last year is over and may be archived.
 */
export function latestArchiveYear(now = new Date()): number {
  return defaultReportYear(now) - 1;
}

/** Why a file may not be stored as the report of `year`, or null. */
export function archiveYearProblem(year: number, latest: number): string | null {
  return year > latest
    ? `${year}年度的报告须在本系统中填写，经审核后发布，不能以导入的文件直接存档为已发布的报告（可存档 ${latest} 年度及以前的报告）。` +
        `如需以该文件为底稿，请在报告中填写或粘贴其内容。`
    : null;
}

/**
 * The year a clerk normally imports: the year before the one being written now (last year until the
 * reports are due at the end of January… the same rule as the create form's default, minus one).
 */
export function expectedImportYear(now = new Date()): number {
  return latestArchiveYear(now);
}

export type ReportSource = "EDITOR" | "IMPORT";

export function toReportSource(value: string | null | undefined): ReportSource {
  return value === "IMPORT" ? "IMPORT" : "EDITOR";
}

/** An existing report of the organ, as the import flow needs it. */
export type ExistingReport = {
  id: string;
  year: number;
  /** ORGAN (an organ's own report, a government's 本级 report) or ROLLUP (a government's 汇总 report). */
  kind: ReportKind;
  status: ReportStatus;
  source: ReportSource;
  importedFrom: string | null;
  version: number;
};

/** Status word of an existing report for messages: 已导入 for imports, the status label otherwise. */
export function existingLabel(r: Pick<ExistingReport, "status" | "source">): string {
  return statusWord(r.status, r.source === "IMPORT");
}

/**
 * What an import may replace. An archive (the file stored as the report as published) replaces only an
 * earlier import: a report written in nianbao — even a draft — goes through review, and replacing it with
 * a published archive would skip that. A new draft (以此为底稿新建下一年度报告) may also replace a draft.
 */
export function isReplaceable(r: Pick<ExistingReport, "status" | "source">, purpose: ImportPurpose = "draft"): boolean {
  return r.source === "IMPORT" || (purpose === "draft" && r.status === "DRAFT");
}

/** archive: the file stored as the year's report as published; draft: a new draft started from the file. */
export type ImportPurpose = "archive" | "draft";

export type TargetState =
  | { kind: "free" }
  | { kind: "replaceable"; report: ExistingReport; message: string }
  | { kind: "locked"; report: ExistingReport; message: string };

/**
 * What writing a report of `kind` for `year` would do to the organ's existing report of that year and kind.
 * `organ` names it in the message (示范县人民政府2024年度汇总报告).
 */
export function targetState(
  existing: readonly ExistingReport[],
  year: number,
  organ: { fullName: string; kind: string },
  kind: ReportKind = "ORGAN",
  purpose: ImportPurpose = "draft",
): TargetState {
  const report = existing.find((r) => r.year === year && r.kind === kind);
  if (!report) return { kind: "free" };
  const name = `${organ.fullName}${reportName(year, organ.kind, kind)}`;
  const what =
    report.source === "IMPORT"
      ? `${name}已导入过（文件「${report.importedFrom ?? "未知"}」）`
      : `${name}已存在（${STATUS_LABELS[report.status]}）`;
  if (isReplaceable(report, purpose)) return { kind: "replaceable", report, message: `${what}，确认后将被替换，原内容不再保留。` };
  return {
    kind: "locked",
    report,
    message:
      report.status === "DRAFT"
        ? `${what}，在本系统中填写的报告须经审核后发布，不能被导入的文件存档替换。如需修改，请在报告中操作。`
        : `${what}，已提交审核或已通过、已发布的报告不能被导入的内容替换。如需修改，请在报告中操作。`,
  };
}

/** Organ names without spaces and the generic suffixes (人民政府 …), for comparing a file's organ with the user's. */
export function organKey(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/(人民政府|政府|党委|办事处)$/, "");
}

/**
 * True when the file's organ is clearly another organ: neither the user's full nor short name contains it
 * or is contained in it (after removing the generic suffixes). An unknown name ("") is not "another organ".
 */
export function isOtherOrgan(fileOrgan: string, organ: { fullName: string; shortName: string }): boolean {
  const f = organKey(fileOrgan);
  if (f.length < 2) return false;
  const mine = [organ.fullName, organ.shortName].map(organKey).filter((x) => x.length >= 2);
  return !mine.some((m) => m.includes(f) || f.includes(m));
}

export type ImportWarnings = { organ: string | null; year: string | null };

/** The warnings the clerk must acknowledge before anything is stored. */
export function importWarnings(
  input: { year: number; organName: string; fileYear: number | null },
  ctx: { organ: { fullName: string; shortName: string }; expectedYear: number },
): ImportWarnings {
  const organ = isOtherOrgan(input.organName, ctx.organ)
    ? `文件中的机关「${input.organName.trim()}」与您所在的「${ctx.organ.fullName}」不一致，这可能是其他机关的报告。`
    : null;
  let year: string | null = null;
  if (input.year !== ctx.expectedYear) {
    year = `报告年度为${input.year}年，而通常导入的是上一年度（${ctx.expectedYear}年）的报告。`;
  }
  if (input.fileYear !== null && input.fileYear !== input.year) {
    year = (year ?? "") + `文件中的年度是${input.fileYear}年，已改为${input.year}年；正文中的年份（如统计期限）不会随之改变。`;
  }
  return { organ, year };
}

/** Cells the clerk may correct on the review screen: the ones the importer was unsure of, and blank or invalid ones. */
export function correctableCells(content: ReportContent, notes: readonly ImportNote[]): string[] {
  const flagged = new Set<string>();
  for (const n of notes) {
    if (n.kind === "uncertain-cell" || n.kind === "blank-as-zero" || n.kind === "ambiguous-decoding") {
      for (const id of n.cells ?? []) flagged.add(id);
    }
  }
  return INPUT_CELLS.filter((c) => flagged.has(c.id) || readCell(content.cells[c.id], c.kind).state !== "valid").map((c) => c.id);
}

/** Cell corrections limited to correctable input cells. */
export function applyCorrections(
  content: ReportContent,
  corrections: Record<string, string>,
  correctable: readonly string[],
): { content: ReportContent; refused: string[] } {
  const allowed = new Set(correctable);
  const cells = { ...content.cells };
  const refused: string[] = [];
  for (const [id, value] of Object.entries(corrections)) {
    if (!allowed.has(id) || CELLS.get(id)?.computed !== false) {
      refused.push(id);
      continue;
    }
    cells[id] = value;
  }
  return { content: { ...content, cells }, refused };
}

/**
 * The next year's report started from an import: every text section prefilled, 二、上年结转 = last year's
 * 四、结转下年度继续办理, every other cell blank, the opening regenerated for the new year, no fee statement,
 * no date, no acknowledgements.
 */
export function nextYearContent(
  imported: ReportContent,
  organ: { fullName: string; shortName: string },
  year: number,
  kind: ReportKind = "ORGAN",
): ReportContent {
  const signer = reportSigner(organ, kind);
  const content =
    kind === "ROLLUP" ? emptyContent(signer, year, defaultRollupOpening(signer, organ.fullName, year)) : emptyContent(signer, year);
  for (const f of TEXT_FIELDS) content.text[f.id] = imported.text[f.id] ?? "";
  // A 汇总 report's tables come from the roll-up (create-report.ts), never from last year's file.
  if (kind === "ORGAN") {
    for (const c of T3_INPUT_COLUMNS) {
      content.cells[t3CellId("carried", c.id)] = imported.cells[t3CellId("carryover", c.id)] ?? "";
    }
  }
  return content;
}

/**
 * Which of a government's reports an imported file most likely is: its 汇总 report when the opening says it
 * was 汇总…编制而成 (as real county reports do), else its 本级 report. Other organs write only one: ORGAN.
 */
export function suggestedReportKind(content: ReportContent, organKind: string): ReportKind {
  if (!isGovernment(organKind)) return "ORGAN";
  return /汇总/.test(content.header.opening ?? "") ? "ROLLUP" : "ORGAN";
}

/** The stored 署名: the file's own, unless the clerk corrected the organ name on the review screen. */
export function headerOrganName(content: ReportContent, recognised: string | null, field: string): string {
  const f = field.trim();
  if (f && f !== (recognised ?? "").trim()) return f;
  return content.header.organName.trim() || f;
}
