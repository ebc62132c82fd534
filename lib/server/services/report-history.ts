import "server-only";
import type { ReportContent } from "@/lib/template";
import { canWithdraw, reportName, type ReportStatus } from "@/lib/report";
import { compareContents, type ReportChanges } from "@/lib/report/diff";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { parseStoredContent, toReportStatus } from "./report-row";
import { staleRollupMessage, staleRollupReports } from "./rollup-current";

export type SubmissionOutcome = "pending" | "withdrawn" | "returned" | "approved" | "published";

export const OUTCOME_LABELS: Record<SubmissionOutcome, string> = {
  pending: "待审核",
  withdrawn: "已撤回",
  returned: "已退回",
  approved: "已通过",
  published: "已发布",
};

export type Submission = {
  seq: number;
  version: number;
  submittedAt: string;
  submittedBy: string | null;
  outcome: SubmissionOutcome;
  /** who decided and when (return / approve / withdraw), when decided */
  decidedAt: string | null;
  decidedBy: string | null;
  /** the return comment, for returned submissions */
  returnComment: string | null;
};

export type ReviewState = {
  status: ReportStatus;
  version: number;
  submittedAt: string | null;
  reviewStartedAt: string | null;
  approvedAt: string | null;
  publishedAt: string | null;
  /** the clerk may still take the submission back */
  withdrawable: boolean;
  submissionCount: number;
  /** the latest return (its comment), while the report is RETURNED */
  lastReturn: { commentId: string | null; body: string; by: string | null; at: string } | null;
  /** an imported file stored as the year's report (read-only, never reviewed): its file name; null otherwise */
  importedFrom: string | null;
  /**
   * The 汇总 reports gone up (submitted, approved or published) whose figures count this report: returning
   * it leaves their numbers at odds with it until 更新汇总数据 — the return dialog says so.
   */
  countedIn: { organName: string; name: string; status: ReportStatus }[];
  /**
   * A 汇总 report submitted, approved or published whose figures are no longer its subordinates' (one was returned or
   * approved again since): why it cannot be approved or published as it stands, or (published) that it should
   * be returned. Null otherwise.
   */
  rollupStale: string | null;
};

const TRANSITION_ACTIONS = ["report.submit", "report.withdraw", "report.return", "report.approve", "report.publish"];

type ReportRow = {
  id: string;
  status: string;
  version: number;
  submittedAt: Date | null;
  reviewStartedAt: Date | null;
  approvedAt: Date | null;
  publishedAt: Date | null;
  source: string;
  importedFrom: string | null;
  year: number;
  kind: string;
};

async function loadReport(user: Actor, reportId: string, db: Db): Promise<ReportRow | null> {
  if (!can(user, "report:read") || typeof reportId !== "string" || !reportId) return null;
  return db.report.findFirst({
    where: { AND: [{ id: reportId }, reportScope(user)] },
    select: {
      id: true,
      status: true,
      version: true,
      submittedAt: true,
      reviewStartedAt: true,
      approvedAt: true,
      publishedAt: true,
      source: true,
      importedFrom: true,
      year: true,
      kind: true,
    },
  });
}

const nameOf = (u: { displayName: string; name: string } | null) => (u ? u.displayName || u.name : null);

function parseDetail(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The submissions of a report, oldest first, each with what became of it (from the audit rows). */
export async function listSubmissions(user: Actor, reportId: string, db: Db = getDb()): Promise<Submission[]> {
  const report = await loadReport(user, reportId, db);
  if (!report) return [];
  const [snapshots, events] = await Promise.all([
    db.reportSnapshot.findMany({
      where: { reportId: report.id },
      orderBy: { seq: "asc" },
      select: { seq: true, version: true, createdAt: true, createdBy: { select: { displayName: true, name: true } } },
    }),
    db.reportEvent.findMany({
      where: { reportId: report.id, action: { in: TRANSITION_ACTIONS } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { action: true, detail: true, createdAt: true, actor: { select: { displayName: true, name: true } } },
    }),
  ]);
  const subs = new Map<number, Submission>(
    snapshots.map((s) => [
      s.seq,
      {
        seq: s.seq,
        version: s.version,
        submittedAt: s.createdAt.toISOString(),
        submittedBy: nameOf(s.createdBy),
        outcome: "pending" as SubmissionOutcome,
        decidedAt: null,
        decidedBy: null,
        returnComment: null,
      },
    ]),
  );
  const commentIds: string[] = [];
  const returnOf = new Map<string, Submission>();
  let current: Submission | undefined;
  for (const e of events) {
    const d = parseDetail(e.detail);
    if (e.action === "report.submit") {
      current = typeof d.seq === "number" ? subs.get(d.seq) : undefined;
      continue;
    }
    if (!current) continue;
    const outcome: SubmissionOutcome | null =
      e.action === "report.withdraw"
        ? "withdrawn"
        : e.action === "report.return"
          ? "returned"
          : e.action === "report.approve"
            ? "approved"
            : e.action === "report.publish"
              ? "published"
              : null;
    if (!outcome) continue;
    current.outcome = outcome;
    if (outcome !== "published") {
      current.decidedAt = e.createdAt.toISOString();
      current.decidedBy = nameOf(e.actor);
    }
    if (outcome === "returned" && typeof d.commentId === "string") {
      commentIds.push(d.commentId);
      returnOf.set(d.commentId, current);
    }
  }
  if (commentIds.length) {
    const comments = await db.comment.findMany({ where: { id: { in: commentIds }, reportId: report.id }, select: { id: true, body: true } });
    for (const c of comments) {
      const s = returnOf.get(c.id);
      if (s) s.returnComment = c.body;
    }
  }
  return [...subs.values()];
}

function staleWords(s: { stale: number } | { message: string } | undefined, status: ReportStatus): string | null {
  if (!s) return null;
  if (status !== "PUBLISHED") return staleRollupMessage(s, status === "APPROVED" ? "发布" : "审核通过或发布");
  if ("message" in s) return s.message;
  return (
    `发布以来下级报告有变化（有机关被退回或重新审核通过），已公开的汇总数据有 ${s.stale} 处已不是最新的：` +
    `请退回修改，由填报人「更新汇总数据」后重新提交、审核、发布。`
  );
}

/** The status, review dates and the latest return comment, for the report page. */
export async function getReviewState(user: Actor, reportId: string, db: Db = getDb()): Promise<ReviewState | null> {
  const report = await loadReport(user, reportId, db);
  if (!report) return null;
  const status = toReportStatus(report.status);
  const [submissionCount, lastReturnEvent, rollups, stale] = await Promise.all([
    db.reportSnapshot.count({ where: { reportId: report.id } }),
    status === "RETURNED"
      ? db.reportEvent.findFirst({
          where: { reportId: report.id, action: "report.return" },
          orderBy: [{ createdAt: "desc" }, { id: "desc" }],
          select: { detail: true, createdAt: true, actor: { select: { displayName: true, name: true } } },
        })
      : Promise.resolve(null),
    // a 汇总 counts only approved and published reports (a county's 汇总 in the city's too)
    status === "APPROVED" || status === "PUBLISHED"
      ? db.report.findMany({
          where: {
            kind: "ROLLUP",
            year: report.year,
            source: "EDITOR",
            status: { in: ["SUBMITTED", "APPROVED", "PUBLISHED"] },
            rollupBasis: { contains: report.id },
          },
          select: { year: true, status: true, organ: { select: { fullName: true, kind: true } } },
          orderBy: { createdAt: "asc" },
        })
      : Promise.resolve([]),
    report.kind === "ROLLUP" && report.source !== "IMPORT" && (status === "SUBMITTED" || status === "APPROVED" || status === "PUBLISHED")
      ? staleRollupReports(user, [report.id], db)
      : Promise.resolve(null),
  ]);
  let lastReturn: ReviewState["lastReturn"] = null;
  if (lastReturnEvent) {
    const d = parseDetail(lastReturnEvent.detail);
    const commentId = typeof d.commentId === "string" ? d.commentId : null;
    const comment = commentId
      ? await db.comment.findFirst({ where: { id: commentId, reportId: report.id }, select: { body: true } })
      : null;
    lastReturn = {
      commentId,
      body: comment?.body ?? (typeof d.comment === "string" ? d.comment : ""),
      by: nameOf(lastReturnEvent.actor),
      at: lastReturnEvent.createdAt.toISOString(),
    };
  }
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    status,
    version: report.version,
    submittedAt: iso(report.submittedAt),
    reviewStartedAt: iso(report.reviewStartedAt),
    approvedAt: iso(report.approvedAt),
    publishedAt: iso(report.publishedAt),
    withdrawable: canWithdraw(status, report.reviewStartedAt !== null),
    submissionCount,
    lastReturn,
    importedFrom: report.source === "IMPORT" ? (report.importedFrom ?? "") : null,
    countedIn: rollups.map((r) => ({
      organName: r.organ.fullName,
      name: reportName(r.year, r.organ.kind, "ROLLUP"),
      status: toReportStatus(r.status),
    })),
    rollupStale: staleWords(stale?.get(report.id), status),
  };
}

export type SubmissionComparison = {
  seq: number;
  submittedAt: string;
  content: ReportContent;
  previous: { seq: number; submittedAt: string; content: ReportContent } | null;
  /** previous → this submission (null for the first submission) */
  changes: ReportChanges | null;
};

/**
 * Submission `seq` (default: the latest) and what changed since the submission before it.
 * Null when the report is not visible or has no such submission.
 */
export async function compareSubmission(
  user: Actor,
  reportId: string,
  seq?: number,
  db: Db = getDb(),
): Promise<SubmissionComparison | null> {
  const report = await loadReport(user, reportId, db);
  if (!report) return null;
  const select = { seq: true, content: true, createdAt: true } as const;
  const current =
    seq === undefined
      ? await db.reportSnapshot.findFirst({ where: { reportId: report.id }, orderBy: { seq: "desc" }, select })
      : Number.isInteger(seq)
        ? await db.reportSnapshot.findUnique({ where: { reportId_seq: { reportId: report.id, seq } }, select })
        : null;
  if (!current) return null;
  const previous = await db.reportSnapshot.findFirst({
    where: { reportId: report.id, seq: { lt: current.seq } },
    orderBy: { seq: "desc" },
    select,
  });
  const content = parseStoredContent(current.content);
  const prevContent = previous ? parseStoredContent(previous.content) : null;
  return {
    seq: current.seq,
    submittedAt: current.createdAt.toISOString(),
    content,
    previous: previous && prevContent ? { seq: previous.seq, submittedAt: previous.createdAt.toISOString(), content: prevContent } : null,
    changes: prevContent ? compareContents(prevContent, content) : null,
  };
}
