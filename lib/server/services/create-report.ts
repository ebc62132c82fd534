import "server-only";
import { defaultRollupOpening, emptyContent, TEMPLATE_VERSION } from "@/lib/template";
import { carriedFromPrevious } from "@/lib/report/carry-over";
import { isGovernment, isReportKind, reportKindLabel, reportSigner, type ReportKind } from "@/lib/report";
import { MIN_REPORT_YEAR } from "@/lib/report/years";
import { chinaYear } from "@/lib/labels";
import { getDb, isUniqueViolation, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { findingCountsFor } from "./finding-counts";
import { auditDetail, parseStoredContent } from "./report-row";
import { getRollup } from "./rollup";
import { registerCellsForNewReport } from "./register-report";

export type CreateReportInput = {
  year: number;
  /** ORGAN (default: the organ's own report, a government's 本级 report) or ROLLUP (a government's 汇总 report). */
  kind?: ReportKind;
  /** Defaults to the user's own organ. Must be within the user's scope. */
  organId?: string;
};

export type CreateReportErrorCode = "FORBIDDEN" | "NO_ORGAN" | "INVALID_YEAR" | "DUPLICATE" | "INVALID_KIND" | "NO_MEMBERS" | "INACTIVE";

export type CreateReportResult =
  | { ok: true; reportId: string; version: number }
  | { ok: false; code: CreateReportErrorCode; message: string; /** the existing report (DUPLICATE) */ reportId?: string };

export { MIN_REPORT_YEAR };

/**
 * Creates the report of an organ for a year: its own (本级) report, or — for a government — its 汇总
 * report, whose tables are filled from the roll-up of its subordinates' final reports and stay linked
 * to it (lib/server/services/rollup.ts). One report per organ, year and kind.
 */
export async function createReport(user: Actor, input: CreateReportInput, db: Db = getDb()): Promise<CreateReportResult> {
  if (!can(user, "report:create")) return { ok: false, code: "FORBIDDEN", message: "您没有新建年度报告的权限。" };
  const { year } = input;
  const kind = input.kind ?? "ORGAN";
  if (!isReportKind(kind)) return { ok: false, code: "INVALID_KIND", message: "报告类型须为本级报告或汇总报告。" };
  const maxYear = chinaYear() + 1;
  if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > maxYear) {
    return { ok: false, code: "INVALID_YEAR", message: `年度须为 ${MIN_REPORT_YEAR} 至 ${maxYear} 之间的整数。` };
  }
  const organId = input.organId ?? user.organId;
  if (!organId) return { ok: false, code: "NO_ORGAN", message: "您的账号未关联机关，请联系管理员。" };
  const organ = await db.organ.findFirst({
    where: { AND: [{ id: organId }, organScope(user)] },
    select: { id: true, fullName: true, shortName: true, kind: true, active: true },
  });
  if (!organ || user.organId !== organ.id) return { ok: false, code: "FORBIDDEN", message: "您不能为该机关新建年度报告。" };
  if (!organ.active) return { ok: false, code: "INACTIVE", message: `${organ.fullName}已停用，不能新建报告。` };
  if (kind === "ROLLUP" && !isGovernment(organ.kind))
    return { ok: false, code: "INVALID_KIND", message: `${organ.fullName}不是人民政府，没有汇总报告。` };
  const label = reportKindLabel(organ.kind, kind);

  const duplicate = (reportId?: string): CreateReportResult => ({
    ok: false,
    code: "DUPLICATE",
    message: `${organ.fullName}${year}年度${label}已存在，请在列表中打开。`,
    reportId,
  });
  const key = { organId_year_kind: { organId, year, kind } };
  const existing = await db.report.findUnique({ where: key, select: { id: true } });
  if (existing) return duplicate(existing.id);

  const signer = reportSigner(organ, kind);
  const content = emptyContent(signer, year, kind === "ROLLUP" ? defaultRollupOpening(signer, organ.fullName, year) : undefined);
  let rollupBasis: string | null = null;
  if (kind === "ROLLUP") {
    const rollup = await getRollup(user, { organId, year }, db);
    if (!rollup.ok) return { ok: false, code: rollup.code === "NO_MEMBERS" ? "NO_MEMBERS" : "FORBIDDEN", message: rollup.message };
    Object.assign(content.cells, rollup.view.cells);
    content.fee = rollup.view.fee;
    rollupBasis = JSON.stringify(rollup.view.basis);
  } else {
    // Last year's 结转下年度继续办理 becomes this year's 上年结转 (rule X1).
    const previous = await db.report.findUnique({ where: { organId_year_kind: { organId, year: year - 1, kind } }, select: { content: true } });
    if (previous) Object.assign(content.cells, carriedFromPrevious(parseStoredContent(previous.content).cells));
    // The organ's 依申请公开台账 of the year, when it keeps one, fills tables 三/四.
    Object.assign(content.cells, await registerCellsForNewReport(organId, year, db));
  }
  // Open errors/warnings for the dashboard (same rules as the editor, incl. last year's report).
  const counts = await findingCountsFor(user, { organId, year, organKind: organ.kind, organName: organ.fullName, kind }, content, db);
  try {
    const report = await db.$transaction(async (tx) => {
      const created = await tx.report.create({
        data: {
          organId,
          year,
          kind,
          rollupBasis,
          templateVersion: TEMPLATE_VERSION,
          status: "DRAFT",
          content: JSON.stringify(content),
          version: 1,
          updatedById: user.id,
          ...counts,
        },
        select: { id: true, version: true },
      });
      await tx.reportEvent.create({
        data: { reportId: created.id, actorId: user.id, action: "report.create", detail: auditDetail({ organId, year, reportKind: kind }) },
      });
      return created;
    });
    return { ok: true, reportId: report.id, version: report.version };
  } catch (e) {
    if (isUniqueViolation(e)) {
      // Lost a race with a concurrent create.
      const winner = await db.report.findUnique({ where: key, select: { id: true } });
      return duplicate(winner?.id);
    }
    throw e;
  }
}
