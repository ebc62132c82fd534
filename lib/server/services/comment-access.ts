// Who may comment where (shared by the comment services and the report page). No server-only: pure
// rules plus one scoped read.
import type { ReportStatus } from "@/lib/report";
import type { Db, DbTx } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { toReportStatus } from "./report-row";

export type CommentErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "WRONG_STATE" | "INVALID";
export type CommentResult =
  | { ok: true; message: string; commentId: string }
  | { ok: false; code: CommentErrorCode; message: string };

/** Statuses in which new comment threads may be started (a review is under way or just finished). */
export const THREAD_STATUSES: readonly ReportStatus[] = ["SUBMITTED", "RETURNED", "APPROVED"];

export type CommentRights = {
  /** start a new thread */
  comment: boolean;
  /** reply to a thread, mark it resolved or reopen it */
  reply: boolean;
  /** why not (Chinese), when `comment` is false */
  reason: string | null;
};

/**
 * Participants are the report's reviewers (`reviewable`: in the user's review scope) and the clerks of
 * the report's organ (`report:edit`). Nobody comments on a published report; threads are started
 * only once the report has been submitted.
 */
export function commentRights(user: Actor, report: { organId: string; status: ReportStatus; reviewable: boolean }): CommentRights {
  const participant = report.reviewable || (can(user, "report:edit") && user.organId === report.organId);
  if (!participant) return { comment: false, reply: false, reason: "您不能对该报告批注。" };
  if (report.status === "PUBLISHED") return { comment: false, reply: false, reason: "该报告已发布，不能再添加或修改批注。" };
  if (!THREAD_STATUSES.includes(report.status))
    return { comment: false, reply: true, reason: "该报告尚未提交审核，暂不能添加批注。" };
  return { comment: true, reply: true, reason: null };
}

export async function loadCommentTarget(
  user: Actor,
  reportId: string,
  db: Db | DbTx,
): Promise<{ id: string; organId: string; status: ReportStatus; reviewStartedAt: Date | null; reviewable: boolean } | null> {
  if (typeof reportId !== "string" || !reportId) return null;
  const r = await db.report.findFirst({
    where: { AND: [{ id: reportId }, reportScope(user)] },
    select: { id: true, organId: true, status: true, reviewStartedAt: true },
  });
  if (!r) return null;
  return { ...r, status: toReportStatus(r.status), reviewable: await isReviewable(user, r.id, db) };
}

/** Whether `user` reviews this report (a supervisor above its organ). */
export async function isReviewable(user: Actor, reportId: string, db: Db | DbTx): Promise<boolean> {
  if (!can(user, "report:review")) return false;
  return (await db.report.count({ where: { AND: [{ id: reportId }, reportScope(user, "review")] } })) > 0;
}
