import "server-only";
import { blankCellTable, countFindings, hasBlockingErrors, validateReport, type Finding } from "@/lib/report";
import type { ReportContent } from "@/lib/template";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { parseStoredContent } from "./report-row";
import { ruleContextFor } from "./rule-context";
import { rollupStaleness } from "./rollup-current";
import { registerStaleCells } from "./register-report";
import { runTransition, type TransitionResult } from "./transition";

export type SubmitReportInput = { reportId: string; /** the version the clerk saved last */ baseVersion: number };

/**
 * Chinese summary of the open errors: the first few messages, blank cells counted together — and counted
 * as the editor counts them (a table's blank cells: one error; lib/report/finding-count.ts).
 */
export function blockingMessage(content: ReportContent, findings: readonly Finding[]): string {
  const errors = findings.filter((f) => f.severity === "error");
  const blanks = errors.filter((f) => blankCellTable(f, content));
  const others = errors.filter((f) => !blanks.includes(f));
  const count = countFindings(content, errors).errorCount;
  const parts = others.slice(0, 3).map((f) => f.message.replace(/。$/, ""));
  if (blanks.length) parts.push(`表格中有 ${blanks.length} 个单元格未填写（没有数据请填 0）`);
  const more = others.length > 3 ? `等（共 ${count} 项）` : "";
  return `还有 ${count} 项错误未改正，不能提交审核：${parts.join("；")}${more}。`;
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
        const context = await ruleContextFor(
          user,
          { organId: report.organId, organKind: report.organKind, organName: report.organName, year: report.year, kind: report.kind },
          db,
        );
        const findings = validateReport(content, context);
        if (!hasBlockingErrors(findings) && report.kind === "ORGAN") {
          // tables 三/四 kept from the register: not with figures the register no longer gives (it changed
          // while the report could not follow — submitted or under review — and the page was not opened since)
          const stale = await registerStaleCells(report.organId, report.year, content.cells, db);
          if (stale.length > 0)
            return `台账在报告提交后有变动，报告中有 ${stale.length} 个单元格（如“${stale[0]!.name}”）与台账不一致。请刷新页面（报告会按台账更新），核对后再提交。`;
        }
        if (!hasBlockingErrors(findings)) {
          // A 汇总 report goes up with the figures of its subordinates as they stand now.
          const s = await rollupStaleness(user, report, db);
          if (s && "message" in s) return s.message;
          if (s) return `下级报告有变化，汇总数据有 ${s.stale} 处不是最新的，请先点击“更新汇总数据”，核对后再提交。`;
        }
        return hasBlockingErrors(findings) ? blockingMessage(content, findings) : null;
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
