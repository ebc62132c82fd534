import "server-only";
import { STATUS_LABELS } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { activeActor, INACTIVE_MESSAGE, markReviewStartedTx, NOT_FOUND_MESSAGE } from "./transition";
import { toReportStatus } from "./report-row";

/**
 * A supervisor starts reviewing the submitted report — by the explicit 开始审核, or by commenting on,
 * returning or approving it (those mark it themselves); merely opening the report does not. From then on
 * the clerk can no longer withdraw the submission. Idempotent; true when this call started it. Not a
 * status change.
 */
export async function startReview(sessionUser: Actor, input: { reportId: string }, db: Db = getDb()): Promise<boolean> {
  if (!can(sessionUser, "report:review")) return false;
  const user = await activeActor(sessionUser, db);
  if (!user || !can(user, "report:review")) return false;
  const report = await db.report.findFirst({
    where: { AND: [{ id: input.reportId, status: "SUBMITTED", reviewStartedAt: null }, reportScope(user, "review")] },
    select: { id: true },
  });
  if (!report) return false;
  return db.$transaction((tx) => markReviewStartedTx(tx, report.id, user.id));
}

export type StartReviewResult = { ok: boolean; message: string; code?: "UNAUTHENTICATED" | "FORBIDDEN" | "NOT_FOUND" | "WRONG_STATE" };

/** 开始审核 as the review bar's button: startReview, with what to tell the supervisor. */
export async function startReviewAsAction(sessionUser: Actor, input: { reportId: string }, db: Db = getDb()): Promise<StartReviewResult> {
  if (!can(sessionUser, "report:review")) return { ok: false, code: "FORBIDDEN", message: "只有审核人可以开始审核。" };
  if (await startReview(sessionUser, input, db)) return { ok: true, message: "已开始审核：填报人不能再撤回该报告。" };
  const user = await activeActor(sessionUser, db);
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: INACTIVE_MESSAGE };
  const report = await db.report.findFirst({
    where: { AND: [{ id: input.reportId }, reportScope(user)] },
    select: { status: true, reviewStartedAt: true },
  });
  if (!report) return { ok: false, code: "NOT_FOUND", message: NOT_FOUND_MESSAGE };
  const status = toReportStatus(report.status);
  if (status === "SUBMITTED" && report.reviewStartedAt) return { ok: true, message: "审核已经开始（可能在其他窗口），无需重复操作。" };
  const label = STATUS_LABELS[status];
  return {
    ok: false,
    code: "WRONG_STATE",
    message:
      status === "DRAFT" || status === "RETURNED"
        ? `该报告当前状态为“${label}”，尚未提交审核（可能已被填报人撤回），不能开始审核。`
        : `该报告当前状态为“${label}”，审核已经结束。`,
  };
}
