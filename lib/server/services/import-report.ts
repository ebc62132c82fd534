// "Start from last year": a published report (PDF, DOCX or TXT) imported in two steps.
//   prepareImport  — runs the importer on the upload and returns what was recognised, with a signed token
//                    carrying the parsed content (lib/server/services/import-token.ts). Nothing is stored.
//   confirmImport  — checks the token, applies the clerk's corrections (year, organ name, flagged cells) and
//                    writes, in one transaction with audit rows, either or both of
//                      (a) the file as the organ's report for its year: source IMPORT, status PUBLISHED
//                          (it was published elsewhere: read-only for everyone, never in the review queue,
//                          used by the next year's X1–X3 checks), importedFrom = the file name;
//                      (b) a new EDITOR draft for the next year, prefilled from it (import-checks.ts).
// An existing report of a target year is replaced only with an explicit confirmation and only when it is a
// DRAFT or an IMPORT; a file of another organ or an unexpected year needs an acknowledgement.
import "server-only";
import { z } from "zod";
import { storedOpening, TEMPLATE_VERSION, type ReportContent } from "@/lib/template";
import { canonicalCellValue, isGovernment, MAX_CELL_CHARS, parseChineseDate, parseDraft, REPORT_KINDS, reportName, type ReportKind } from "@/lib/report";
import { importReportFile, MAX_IMPORT_BYTES, type ImportErrorCode, type ImportFormat, type ImportNote, type ImportSourceKind } from "@/lib/import";
import { getDb, isUniqueViolation, type Db, type DbTx, type Prisma } from "../db-core";
import { can } from "../permissions";
import { organScope, reportScope } from "../scope";
import type { Actor } from "../types";
import { findingCountsFor } from "./finding-counts";
import {
  applyCorrections,
  correctableCells,
  expectedImportYear,
  headerOrganName,
  importWarnings,
  maxImportYear,
  latestArchiveYear,
  archiveYearProblem,
  MIN_IMPORT_YEAR,
  nextYearContent,
  suggestedReportKind,
  targetState,
  toReportSource,
  type ExistingReport,
} from "./import-checks";
import { MAX_TOKEN_CHARS, signImportToken, verifyImportToken } from "./import-token";
import { auditDetail, toReportStatus } from "./report-row";
import { getRollup } from "./rollup";

type OrganInfo = { id: string; fullName: string; shortName: string; kind: string };

export type ImportPreview = {
  token: string;
  fileName: string;
  source: { kind: ImportSourceKind; pages?: number; encoding?: string };
  format: ImportFormat;
  /** As recognised in the file. */
  year: number | null;
  organName: string | null;
  content: ReportContent;
  notes: ImportNote[];
  /** Cells the clerk may correct. */
  correctable: string[];
  organ: { fullName: string; shortName: string; kind: string };
  /** Which of the organ's reports the file most likely is (a government writes a 本级 and a 汇总 report). */
  reportKind: ReportKind;
  expectedYear: number;
  /** max: the latest year of a file; archiveMax: the latest year a file may be stored as (latestArchiveYear) */
  years: { min: number; max: number; archiveMax: number };
  /** The organ's reports (no content), for the replace/locked warnings. */
  existing: ExistingReport[];
};

export type PrepareImportErrorCode = ImportErrorCode | "FORBIDDEN" | "NO_ORGAN" | "INVALID";

export type PrepareImportResult = { ok: true; preview: ImportPreview } | { ok: false; code: PrepareImportErrorCode; message: string };

/** The uploaded file's name as stored in importedFrom: the last path part, no control characters, ≤ 200 chars. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (clean || "未命名文件").slice(0, 200);
}

async function organOf(user: Actor, db: Db | DbTx): Promise<OrganInfo | { error: "FORBIDDEN" | "NO_ORGAN"; message: string }> {
  if (!can(user, "report:create")) return { error: "FORBIDDEN", message: "只有填报人可以导入年度报告。" };
  if (!user.organId) return { error: "NO_ORGAN", message: "您的账号未关联机关，请联系管理员。" };
  const organ = await db.organ.findFirst({
    where: { AND: [{ id: user.organId }, organScope(user)] },
    select: { id: true, fullName: true, shortName: true, kind: true },
  });
  if (!organ) return { error: "FORBIDDEN", message: "您不能为该机关导入年度报告。" };
  return organ;
}

async function existingReports(user: Actor, organId: string, db: Db | DbTx, years?: number[]): Promise<ExistingReport[]> {
  const rows = await db.report.findMany({
    where: { AND: [{ organId, ...(years ? { year: { in: years } } : {}) }, reportScope(user, "edit")] },
    orderBy: { year: "desc" },
    select: { id: true, year: true, kind: true, status: true, source: true, importedFrom: true, version: true },
  });
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    kind: r.kind === "ROLLUP" ? ("ROLLUP" as const) : ("ORGAN" as const),
    status: toReportStatus(r.status),
    source: toReportSource(r.source),
    importedFrom: r.importedFrom,
    version: r.version,
  }));
}

/** The cells of the organ's own report of `year` that the user may read, or null. */
async function reportCells(user: Actor, organId: string, year: number, db: Db): Promise<{ year: number; cells: Record<string, string> } | null> {
  const row = await db.report.findFirst({
    where: { AND: [{ organId, kind: "ORGAN", year }, reportScope(user, "read")] },
    select: { content: true },
  });
  if (!row) return null;
  try {
    const parsed = parseDraft(JSON.parse(row.content));
    return parsed.ok ? { year, cells: parsed.content.cells } : null;
  } catch {
    return null;
  }
}

/** Runs the importer on an upload (already read within MAX_IMPORT_BYTES) and prepares the review. Stores nothing. */
export async function prepareImport(
  user: Actor,
  file: { bytes: Uint8Array; fileName: string },
  db: Db = getDb(),
  now = new Date(),
): Promise<PrepareImportResult> {
  const organ = await organOf(user, db);
  if ("error" in organ) return { ok: false, code: organ.error, message: organ.message };
  const fileName = cleanFileName(file.fileName);
  if (file.bytes.length > MAX_IMPORT_BYTES) {
    return {
      ok: false,
      code: "too-large",
      message: `文件过大（${(file.bytes.length / 1024 / 1024).toFixed(1)} MB），最大支持 ${MAX_IMPORT_BYTES / 1024 / 1024} MB。`,
    };
  }
  let r = await importReportFile(file.bytes, fileName);
  if (!r.ok) return { ok: false, code: r.code, message: r.message };
  // Rows the cells alone cannot cut: last year's report of the organ, when the clerk has it, may decide.
  if (r.year !== null && r.notes.some((n) => n.kind === "ambiguous-decoding")) {
    const lastYear = await reportCells(user, organ.id, r.year - 1, db);
    if (lastYear) {
      const again = await importReportFile(file.bytes, fileName, { lastYear });
      if (again.ok) r = again;
    }
  }
  const parsed = parseDraft(r.content);
  if (!parsed.ok) {
    return { ok: false, code: "INVALID", message: `文件内容无法导入：${parsed.messages.slice(0, 3).join("；")}` };
  }
  const content = parsed.content;
  const correctable = correctableCells(content, r.notes);
  const token = signImportToken({
    v: 1,
    userId: user.id,
    organId: organ.id,
    fileName,
    format: r.format,
    year: r.year,
    organName: r.organName,
    content,
    correctable,
    iat: now.getTime(),
  });
  if (token.length > MAX_TOKEN_CHARS) {
    return { ok: false, code: "INVALID", message: "文件中的文字过多，无法导入。请删去与年度报告无关的内容后再试。" };
  }
  return {
    ok: true,
    preview: {
      token,
      fileName,
      source: r.source,
      format: r.format,
      year: r.year,
      organName: r.organName,
      content,
      notes: r.notes,
      correctable,
      organ: { fullName: organ.fullName, shortName: organ.shortName, kind: organ.kind },
      reportKind: suggestedReportKind(content, organ.kind),
      expectedYear: expectedImportYear(now),
      years: { min: MIN_IMPORT_YEAR, max: maxImportYear(now), archiveMax: latestArchiveYear(now) },
      existing: await existingReports(user, organ.id, db),
    },
  };
}

// ---------------------------------------------------------------------------------------------------------

export const confirmImportSchema = z.object({
  token: z.string().max(MAX_TOKEN_CHARS),
  year: z.number().int(),
  organName: z.string().max(100, "机关名称不能超过 100 个字符"),
  /** Corrections of flagged cells: cell id → value. */
  cells: z.record(z.string().max(40), z.string().max(200)).default({}),
  /** (a) store the file as the organ's report for `year` (read-only import). */
  storeImport: z.boolean(),
  /** Which of the organ's reports the file is: ORGAN (its own; a government's 本级) or ROLLUP (a government's 汇总). */
  reportKind: z.enum(REPORT_KINDS).default("ORGAN"),
  /** (b) start the report for `year + 1` from it. */
  startNext: z.boolean(),
  /** Confirmations to replace an existing report of `year` / `year + 1`. */
  replaceImport: z.boolean().default(false),
  replaceNext: z.boolean().default(false),
  /** Acknowledgements of the warnings (another organ, an unexpected year). */
  ackOrgan: z.boolean().default(false),
  ackYear: z.boolean().default(false),
});
export type ConfirmImportInput = z.input<typeof confirmImportSchema>;

export type ConfirmImportErrorCode =
  | "FORBIDDEN"
  | "NO_ORGAN"
  | "INVALID"
  | "EXPIRED"
  | "INVALID_YEAR"
  | "INVALID_KIND"
  | "NO_MEMBERS"
  | "NEEDS_ACK"
  | "NEEDS_CONFIRM"
  | "LOCKED"
  | "CONFLICT";

export type ConfirmImportResult =
  | { ok: true; importedReportId: string | null; newReportId: string | null; message: string }
  | { ok: false; code: ConfirmImportErrorCode; message: string };

const fail = (code: ConfirmImportErrorCode, message: string): ConfirmImportResult => ({ ok: false, code, message });

/** Thrown inside the transaction when a report changed or appeared since it was read: rolls everything back. */
class RaceError extends Error {}

/** "2024年1月19日" → that day in China (UTC+8), or null. */
function signDateToInstant(signDate: string): Date | null {
  const d = parseChineseDate(signDate);
  return d ? new Date(Date.UTC(d.year, d.month - 1, d.day) - 8 * 60 * 60 * 1000) : null;
}

type Write = {
  year: number;
  kind: ReportKind;
  content: ReportContent;
  existing: ExistingReport | null;
  data: (now: Date) => Omit<Prisma.ReportUncheckedCreateInput, "organId" | "year" | "content" | "version" | "errorCount" | "warningCount">;
};

/** Creates the report, or replaces `existing` if it is still exactly what was checked. Returns the id. */
async function writeReport(tx: DbTx, user: Actor, organ: OrganInfo, w: Write, now: Date): Promise<string> {
  const counts = await findingCountsFor(user, { organId: organ.id, year: w.year, organKind: organ.kind, organName: organ.fullName, kind: w.kind }, w.content, tx);
  const content = JSON.stringify(w.content);
  if (w.existing) {
    const { count } = await tx.report.updateMany({
      where: {
        AND: [
          { id: w.existing.id, version: w.existing.version, status: w.existing.status, source: w.existing.source },
          reportScope(user, "edit"),
        ],
      },
      data: { ...w.data(now), content, version: w.existing.version + 1, ...counts },
    });
    if (count !== 1) throw new RaceError();
    return w.existing.id;
  }
  const created = await tx.report.create({
    data: { organId: organ.id, year: w.year, kind: w.kind, content, version: 1, ...counts, ...w.data(now) },
    select: { id: true },
  });
  return created.id;
}

/** The stored finding counts of the organ's report for `year` (if any) after its previous year changed. */
async function refreshCounts(tx: DbTx, user: Actor, organ: OrganInfo, year: number, kind: ReportKind) {
  const row = await tx.report.findFirst({
    where: { AND: [{ organId: organ.id, year, kind }, reportScope(user, "edit")] },
    select: { id: true, content: true },
  });
  if (!row) return;
  const parsed = parseDraft(JSON.parse(row.content));
  if (!parsed.ok) return;
  const counts = await findingCountsFor(user, { organId: organ.id, year, organKind: organ.kind, organName: organ.fullName, kind }, parsed.content, tx);
  await tx.report.update({ where: { id: row.id }, data: counts });
}

/** Stores what the clerk confirmed on the review screen. All or nothing. */
export async function confirmImport(user: Actor, raw: unknown, db: Db = getDb(), now = new Date()): Promise<ConfirmImportResult> {
  const organ = await organOf(user, db);
  if ("error" in organ) return fail(organ.error, organ.message);
  const input = confirmImportSchema.safeParse(raw);
  if (!input.success) return fail("INVALID", `导入请求格式不正确：${input.error.issues[0]?.message ?? ""}`);
  const x = input.data;

  const token = verifyImportToken(x.token, now.getTime());
  if (!token.ok) {
    return token.reason === "expired"
      ? fail("EXPIRED", "导入结果已过期（上传后超过4小时），请重新上传文件。")
      : fail("INVALID", "导入结果无效或已被修改，请重新上传文件。");
  }
  const p = token.payload;
  if (p.userId !== user.id || p.organId !== organ.id) return fail("INVALID", "导入结果与当前账号不符，请重新上传文件。");
  const parsed = parseDraft(p.content);
  if (!parsed.ok) return fail("INVALID", `导入结果无效：${parsed.messages.slice(0, 3).join("；")}`);

  if (!x.storeImport && !x.startNext) return fail("INVALID", "请至少选择一项：作为该年度报告存档，或以此为底稿新建下一年度报告。");
  const year = x.year;
  const maxYear = maxImportYear(now);
  if (year < MIN_IMPORT_YEAR || year > maxYear) {
    return fail("INVALID_YEAR", `报告年度须为 ${MIN_IMPORT_YEAR} 至 ${maxYear} 之间的年份。`);
  }

  // The clerk's corrections: flagged cells only, normalised like the editor does.
  const corrections = Object.fromEntries(Object.entries(x.cells).map(([id, v]) => [id, canonicalCellValue(v)]));
  const corrected = applyCorrections(parsed.content, corrections, p.correctable);
  if (corrected.refused.length > 0) return fail("INVALID", "只能修改导入时标出的单元格，请重新上传文件。");
  for (const v of Object.values(corrections)) if (v.length > MAX_CELL_CHARS) return fail("INVALID", "单元格内容过长。");

  const warnings = importWarnings(
    { year, organName: x.organName, fileYear: p.year },
    { organ, expectedYear: expectedImportYear(now) },
  );
  if (warnings.organ && !x.ackOrgan) return fail("NEEDS_ACK", `${warnings.organ}请确认后再导入。`);
  if (warnings.year && !x.ackYear) return fail("NEEDS_ACK", `${warnings.year}请确认年度无误后再导入。`);

  const kind = x.reportKind;
  if (kind === "ROLLUP" && !isGovernment(organ.kind)) {
    return fail("INVALID_KIND", `${organ.fullName}不是人民政府，没有汇总报告，请按本机关的年度报告导入。`);
  }

  const existing = await existingReports(user, organ.id, db, [year, year + 1]);
  if (x.storeImport) {
    const problem = archiveYearProblem(year, latestArchiveYear(now));
    if (problem) return fail("INVALID_YEAR", problem);
  }
  const importTarget = x.storeImport ? targetState(existing, year, organ, kind, "archive") : null;
  const nextTarget = x.startNext ? targetState(existing, year + 1, organ, kind) : null;
  for (const [t, confirmed] of [
    [importTarget, x.replaceImport],
    [nextTarget, x.replaceNext],
  ] as const) {
    if (t?.kind === "locked") return fail("LOCKED", t.message);
    if (t?.kind === "replaceable" && !confirmed) return fail("NEEDS_CONFIRM", `${t.message}请勾选“确认替换”后再导入。`);
  }

  const fileHeader = corrected.content.header;
  const imported: ReportContent = {
    ...corrected.content,
    header: {
      ...fileHeader,
      organName: headerOrganName(corrected.content, p.organName, x.organName),
      // the file as published: a file without an opening paragraph is stored without one, not with the
      // template's (whose empty 地址/电话 would be an error no one can fix in a read-only report)
      opening: storedOpening(fileHeader),
    },
    acknowledgements: {},
  };
  const next = nextYearContent(imported, organ, year + 1, kind);
  // The next 汇总 report starts, like any 汇总 report, from the roll-up of the year's final reports below.
  let nextRollupBasis: string | null = null;
  if (nextTarget && kind === "ROLLUP") {
    const rollup = await getRollup(user, { organId: organ.id, year: year + 1 }, db);
    if (!rollup.ok) return fail(rollup.code === "NO_MEMBERS" ? "NO_MEMBERS" : "FORBIDDEN", rollup.message);
    Object.assign(next.cells, rollup.view.cells);
    next.fee = rollup.view.fee;
    nextRollupBasis = JSON.stringify(rollup.view.basis);
  }
  const correctedCount = Object.entries(corrections).filter(([id, v]) => parsed.content.cells[id] !== v).length;
  const replacedOf = (t: typeof importTarget) =>
    t?.kind === "replaceable" ? { id: t.report.id, status: t.report.status, source: t.report.source, version: t.report.version } : null;

  try {
    const ids = await db.$transaction(async (tx) => {
      let importedReportId: string | null = null;
      let newReportId: string | null = null;
      if (importTarget) {
        importedReportId = await writeReport(
          tx,
          user,
          organ,
          {
            year,
            kind,
            content: imported,
            existing: importTarget.kind === "replaceable" ? importTarget.report : null,
            data: () => ({
              templateVersion: TEMPLATE_VERSION,
              status: "PUBLISHED",
              source: "IMPORT",
              importedFrom: p.fileName,
              rollupBasis: null,
              updatedById: user.id,
              submittedAt: null,
              reviewStartedAt: null,
              approvedAt: null,
              publishedAt: signDateToInstant(imported.header.signDate),
            }),
          },
          now,
        );
        await tx.reportEvent.create({
          data: {
            reportId: importedReportId,
            actorId: user.id,
            action: "report.import",
            detail: auditDetail({
              year,
              fileName: p.fileName,
              format: p.format,
              fileYear: p.year,
              fileOrgan: p.organName,
              reportKind: kind,
              correctedCells: correctedCount,
              replaced: replacedOf(importTarget),
            }),
          },
        });
      }
      if (nextTarget) {
        newReportId = await writeReport(
          tx,
          user,
          organ,
          {
            year: year + 1,
            kind,
            content: next,
            existing: nextTarget.kind === "replaceable" ? nextTarget.report : null,
            data: () => ({
              templateVersion: TEMPLATE_VERSION,
              status: "DRAFT",
              source: "EDITOR",
              importedFrom: null,
              rollupBasis: nextRollupBasis,
              updatedById: user.id,
              submittedAt: null,
              reviewStartedAt: null,
              approvedAt: null,
              publishedAt: null,
            }),
          },
          now,
        );
        await tx.reportEvent.create({
          data: {
            reportId: newReportId,
            actorId: user.id,
            action: "report.create",
            detail: auditDetail({
              organId: organ.id,
              year: year + 1,
              reportKind: kind,
              from: "import",
              fileName: p.fileName,
              replaced: replacedOf(nextTarget),
            }),
          },
        });
      }
      // The report after the last one written now compares itself with it (X1–X3): refresh its counts.
      await refreshCounts(tx, user, organ, nextTarget ? year + 2 : year + 1, kind);
      return { importedReportId, newReportId };
    });
    const done = [
      ids.importedReportId ? `已将文件存档为${reportName(year, organ.kind, kind)}（只读）` : null,
      ids.newReportId ? `已新建${reportName(year + 1, organ.kind, kind)}草稿` : null,
    ].filter(Boolean);
    return { ok: true, ...ids, message: `${done.join("，")}。` };
  } catch (e) {
    if (e instanceof RaceError || isUniqueViolation(e)) {
      return fail("CONFLICT", "该机关的报告刚刚发生了变化（可能在其他窗口中新建或修改了报告），请重新确认。");
    }
    throw e;
  }
}
