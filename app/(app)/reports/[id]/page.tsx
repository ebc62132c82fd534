import { headers } from "next/headers";
import { notFound } from "next/navigation";
import Link from "next/link";
import { requireUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";
import { getReport, getPreviousYearReport } from "@/lib/server/services/get-report";
import { compareSubmission, getReviewState } from "@/lib/server/services/report-history";
import { listComments } from "@/lib/server/services/comment-list";
import { commentRights } from "@/lib/server/services/comment-access";
import { isEditable, isGovernment, isOrganKind, reportKindLabel, statusWord } from "@/lib/report";
import { ruleContextFor } from "@/lib/server/services/rule-context";
import { getRollup } from "@/lib/server/services/rollup";
import { rollupDrift } from "@/lib/server/services/refresh-rollup-report";
import { getDb } from "@/lib/server/db";
import { EarlyInputRecorder } from "@/components/report-editor/early-input";
import { RollupBanner } from "@/components/rollup/rollup-banner-lazy";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { ChangesSummary } from "@/components/review/changes-summary";
import { RegisterBanner } from "@/components/register/register-banner";
import { reportRegisterState, syncReportFromRegister, type ReportRegisterState } from "@/lib/server/services/register-report";
import type { TableId } from "@/lib/template";
import {
  addCommentAction,
  approveReportAction,
  publishReportAction,
  resolveCommentAction,
  returnReportAction,
  startReviewAction,
  submitReportAction,
  withdrawReportAction,
} from "./actions";

/** A table kept from the register differs from it (the report could not follow while it was under review). */
function followsRegisterNot(state: ReportRegisterState): boolean {
  return state.differences.some(
    (d) => (d.cellId.startsWith("t3.") && state.t3Source === "register") || (d.cellId.startsWith("t4.") && state.t4Source === "register"),
  );
}

/** The tables the organ's register computes now (their source is the register), and the register's page. */
function registerTablesOf(state: ReportRegisterState): { tables: TableId[]; href: string } | null {
  const tables: TableId[] = [];
  if (state.t3Active && state.t3Source === "register") tables.push("t3");
  if (state.t4Active && state.t4Source === "register") tables.push("t4");
  return tables.length ? { tables, href: `/register?organ=${encodeURIComponent(state.organId)}&year=${state.year}#t3` } : null;
}

export default async function ReportPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireUser();
  let report = await getReport(user, id);
  if (!report) notFound();
  let registerState = report.kind === "ORGAN" ? await reportRegisterState(report.organId, report.year, report.content) : null;
  // The register changed while the report could not follow (submitted, under review, approved): once it is
  // the clerk's to edit again (returned, withdrawn), it catches up as the clerk opens it.
  if (
    registerState &&
    followsRegisterNot(registerState) &&
    report.source === "EDITOR" &&
    isEditable(report.status) &&
    user.organId === report.organId &&
    can(user, "report:edit")
  ) {
    const synced = await syncReportFromRegister(user, report.organId, report.year);
    if (synced.written > 0) {
      report = (await getReport(user, id)) ?? report;
      registerState = await reportRegisterState(report.organId, report.year, report.content);
    }
  }
  const reviewer = report.reviewable;
  const clerk = can(user, "report:submit") && user.organId === report.organId;
  // Opening a submitted report does not start its review (the clerk may still withdraw it): the
  // supervisor starts it explicitly — 开始审核, a comment, a return or an approval.
  const [previous, review, threads, comparison, ruleContext, rollup, basis] = await Promise.all([
    getPreviousYearReport(user, report.organId, report.year, undefined, report.kind),
    getReviewState(user, report.id),
    listComments(user, report.id),
    reviewer ? compareSubmission(user, report.id) : Promise.resolve(null),
    ruleContextFor(user, { organId: report.organId, organKind: report.organKind, organName: report.organName, year: report.year, kind: report.kind }, getDb()),
    // an imported 汇总 report is the file as published elsewhere: not linked to the roll-up
    report.kind === "ROLLUP" && report.source === "EDITOR" ? getRollup(user, { organId: report.organId, year: report.year }) : Promise.resolve(null),
    report.kind === "ROLLUP" ? getDb().report.findUnique({ where: { id: report.id }, select: { rollupBasis: true } }) : Promise.resolve(null),
  ]);
  if (!review) notFound();
  const editable = can(user, "report:edit") && user.organId === report.organId && isEditable(report.status);
  const drift = rollup?.ok ? rollupDrift(report.content, basis?.rollupBasis ?? null, rollup.view) : null;
  // the roll-up's members it leaves out (the banner and the 提交审核 confirmation name them)
  const excluded = rollup?.ok ? rollup.view.members.filter((m) => m.state !== "included") : [];
  const historyHref = review.submissionCount > 0 ? `/reports/${report.id}/history` : null;
  // The comparison only makes sense for the submission under review (or just decided).
  const summary =
    reviewer && comparison && review.status !== "DRAFT" ? (
      <ChangesSummary
        seq={comparison.seq}
        previousSeq={comparison.previous?.seq ?? null}
        changes={comparison.changes}
        historyHref={`/reports/${report.id}/history`}
      />
    ) : null;

  const nonce = (await headers()).get("x-nonce") ?? undefined;
  return (
    <div className="space-y-4">
      {editable ? <EarlyInputRecorder nonce={nonce} /> : null}
      <div className="flex flex-wrap items-baseline gap-3">
        <Link href="/reports" className="text-sm text-blue-700 hover:underline">
          ← 年度报告
        </Link>
        {/* the report's title is the editor toolbar's heading (it stays in view while scrolling) */}
        <span className="rounded bg-slate-100 px-2 py-0.5 text-xs text-slate-700" data-testid="report-status">
          {statusWord(report.status, report.source === "IMPORT")}
        </span>
        {!editable ? <span className="text-sm text-slate-500">只读</span> : null}
        {isGovernment(report.organKind) ? <span className="text-sm text-slate-500">{reportKindLabel(report.organKind, report.kind)}</span> : null}
      </div>
      {report.kind === "ROLLUP" && rollup ? (
        <RollupBanner
          reportId={report.id}
          organId={report.organId}
          year={report.year}
          editable={editable}
          included={rollup.ok ? rollup.view.included : 0}
          members={rollup.ok ? rollup.view.members.length : 0}
          counted={basisCount(basis?.rollupBasis ?? null)}
          excluded={excluded.map((m) => `${m.organName}（${m.reason}）`)}
          error={rollup.ok ? null : rollup.message}
          drift={drift}
        />
      ) : null}
      {registerState && (registerState.t3Active || registerState.t4Active) ? <RegisterBanner
          state={registerState}
          organName={report.organName}
          frozenAs={isEditable(report.status) ? null : statusWord(report.status, report.source === "IMPORT")}
        /> : null}
      <ReviewWorkspace
        reportId={report.id}
        mode={reviewer ? "reviewer" : clerk ? "clerk" : "viewer"}
        review={review}
        threads={threads}
        rights={commentRights(user, report)}
        historyHref={historyHref}
        summary={summary}
        editor={{
          reportId: report.id,
          year: report.year,
          organKind: isOrganKind(report.organKind) ? report.organKind : undefined,
          reportKind: report.kind,
          deadline: ruleContext.deadline,
          signer: ruleContext.signer,
          status: report.status,
          imported: report.source === "IMPORT",
          initialContent: report.content,
          initialVersion: report.version,
          initialSavedAt: report.updatedAt.toISOString(),
          previous: previous ? { year: previous.year, content: previous.content } : null,
          register: registerState?.typedRegister ?? null,
          fromRegister: registerState ? registerTablesOf(registerState) : null,
          readOnly: !editable,
          pdfUrl: `/reports/${report.id}/pdf`,
          submitTo: report.parentOrganName,
          rollupCoverage: rollup?.ok
            ? {
                included: rollup.view.included,
                members: rollup.view.members.length,
                excluded: excluded.map((m) => `${m.organShortName}（${m.reason}）`),
                stale: drift?.fields.length ?? 0,
              }
            : null,
        }}
        actions={{
          submit: submitReportAction,
          withdraw: withdrawReportAction,
          startReview: startReviewAction,
          return: returnReportAction,
          approve: approveReportAction,
          publish: publishReportAction,
          addComment: addCommentAction,
          resolveComment: resolveCommentAction,
        }}
      />
    </div>
  );
}

/** How many reports a stored rollupBasis (JSON id → version) names; null when there is none or it is unreadable. */
function basisCount(json: string | null): number | null {
  if (!json) return null;
  try {
    return Object.keys(JSON.parse(json) as Record<string, number>).length;
  } catch {
    return null;
  }
}
