import "server-only";
import { hasBlockingErrors, validateReport, type Finding, type OrganKind } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { getPreviousYearReport } from "./get-report";
import { parseStoredContent } from "./report-row";
import { runTransition, type TransitionResult } from "./transition";

export type SubmitReportInput = { reportId: string; /** the version the clerk saved last */ baseVersion: number };

const ORGAN_KINDS: readonly string[] = ["COUNTY", "TOWNSHIP", "DEPARTMENT"];
const BLANK_RE = /未填写（没有数据请填 0）。$/;

/** Chinese summary of the open errors: the first few messages, blank cells counted together. */
export function blockingMessage(findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error");
  const blanks = errors.filter((f) => f.rule === "E5" && BLANK_RE.test(f.message));
  const others = errors.filter((f) => !blanks.includes(f));
  const parts = others.slice(0, 3).map((f) => f.message.replace(/。$/, ""));
  if (blanks.length) parts.push(`表格中有 ${blanks.length} 个单元格未填写（没有数据请填 0）`);
  const more = others.length > 3 ? `等（共 ${errors.length} 项）` : "";
  return `还有 ${errors.length} 项错误未改正，不能提交审核：${parts.join("；")}${more}。`;
}

/**
 * The clerk submits the report for review: DRAFT/RETURNED → SUBMITTED. Refused while any error is
 * open (same rules and context as the editor, incl. last year's report). Stores a snapshot of the
 * submitted content (seq 1, 2, …) in the same transaction.
 */
export async function submitReport(user: Actor, input: SubmitReportInput, db: Db = getDb()): Promise<TransitionResult> {
  return runTransition(
    user,
    {
      action: "submit",
      reportId: input.reportId,
      baseVersion: input.baseVersion,
      check: async (report) => {
        const content = parseStoredContent(report.content);
        const previous = await getPreviousYearReport(user, report.organId, report.year, db);
        const findings = validateReport(content, {
          year: report.year,
          organKind: ORGAN_KINDS.includes(report.organKind) ? (report.organKind as OrganKind) : undefined,
          previous: previous ? { year: previous.year, content: previous.content } : null,
        });
        return hasBlockingErrors(findings) ? blockingMessage(findings) : null;
      },
      data: (_report, now) => ({ submittedAt: now, reviewStartedAt: null, approvedAt: null, publishedAt: null }),
      after: async (tx, report) => {
        const last = await tx.reportSnapshot.findFirst({
          where: { reportId: report.id },
          orderBy: { seq: "desc" },
          select: { seq: true },
        });
        const seq = (last?.seq ?? 0) + 1;
        const row = await tx.report.findUniqueOrThrow({ where: { id: report.id }, select: { content: true, version: true } });
        await tx.reportSnapshot.create({
          data: { reportId: report.id, seq, version: row.version, content: row.content, createdById: user.id },
        });
        return { seq, detail: { seq } };
      },
      done: "已提交审核，等待审核人审核。审核开始前可以撤回。",
    },
    db,
  );
}
