import "server-only";
import { emptyContent, TEMPLATE_VERSION } from "@/lib/template";
import { carriedFromPrevious } from "@/lib/report/carry-over";
import { MIN_REPORT_YEAR } from "@/lib/report/years";
import { chinaYear } from "@/lib/labels";
import { getDb, isUniqueViolation, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { findingCountsFor } from "./finding-counts";
import { auditDetail, parseStoredContent } from "./report-row";

export type CreateReportInput = {
  year: number;
  /** Defaults to the user's own organ. Must be within the user's scope. */
  organId?: string;
};

export type CreateReportErrorCode = "FORBIDDEN" | "NO_ORGAN" | "INVALID_YEAR" | "DUPLICATE";

export type CreateReportResult =
  | { ok: true; reportId: string; version: number }
  | { ok: false; code: CreateReportErrorCode; message: string; /** the existing report (DUPLICATE) */ reportId?: string };

export { MIN_REPORT_YEAR };

/** Creates the (empty) report of an organ for a year; one per organ and year. */
export async function createReport(user: Actor, input: CreateReportInput, db: Db = getDb()): Promise<CreateReportResult> {
  if (!can(user, "report:create")) return { ok: false, code: "FORBIDDEN", message: "您没有新建年度报告的权限。" };
  const { year } = input;
  const maxYear = chinaYear() + 1;
  if (!Number.isInteger(year) || year < MIN_REPORT_YEAR || year > maxYear) {
    return { ok: false, code: "INVALID_YEAR", message: `年度须为 ${MIN_REPORT_YEAR} 至 ${maxYear} 之间的整数。` };
  }
  const organId = input.organId ?? user.organId;
  if (!organId) return { ok: false, code: "NO_ORGAN", message: "您的账号未关联机关，请联系管理员。" };
  const organ = await db.organ.findFirst({
    where: { AND: [{ id: organId }, organScope(user)] },
    select: { id: true, fullName: true, kind: true },
  });
  if (!organ) return { ok: false, code: "FORBIDDEN", message: "您不能为该机关新建年度报告。" };

  const duplicate = (reportId?: string): CreateReportResult => ({
    ok: false,
    code: "DUPLICATE",
    message: `${organ.fullName}${year}年度报告已存在，请在列表中打开。`,
    reportId,
  });
  const existing = await db.report.findUnique({ where: { organId_year: { organId, year } }, select: { id: true } });
  if (existing) return duplicate(existing.id);

  const content = emptyContent(organ.fullName, year);
  // Last year's 结转下年度继续办理 becomes this year's 上年结转 (rule X1).
  const previous = await db.report.findUnique({ where: { organId_year: { organId, year: year - 1 } }, select: { content: true } });
  if (previous) Object.assign(content.cells, carriedFromPrevious(parseStoredContent(previous.content).cells));
  // Open errors/warnings for the dashboard (same rules as the editor, incl. last year's report).
  const counts = await findingCountsFor(user, { organId, year, organKind: organ.kind }, content, db);
  try {
    const report = await db.$transaction(async (tx) => {
      const created = await tx.report.create({
        data: {
          organId,
          year,
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
        data: { reportId: created.id, actorId: user.id, action: "report.create", detail: auditDetail({ organId, year }) },
      });
      return created;
    });
    return { ok: true, reportId: report.id, version: report.version };
  } catch (e) {
    if (isUniqueViolation(e)) {
      // Lost a race with a concurrent create.
      const winner = await db.report.findUnique({ where: { organId_year: { organId, year } }, select: { id: true } });
      return duplicate(winner?.id);
    }
    throw e;
  }
}
