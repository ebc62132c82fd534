// THE place where a report changes status. Every transition (submit, withdraw, return, approve,
// publish) goes through runTransition():
//   1. the acting account is re-read: a disabled or deleted account (an old session) is refused;
//   2. the report is loaded through reportScope() — out of scope answers exactly like missing (404-like);
//   3. the role may perform the action (lib/report ACTION_ACTOR: the organ's clerk — reportScope "edit",
//      or a reviewer whose review scope holds the organ — reportScope "review", i.e. strictly below the
//      reviewer's government) and the status allows it (lib/report canTransition);
//   4. the action's own checks (submit: no open error in the content);
//   5. a conditional update `where id + status ∈ from + version (+ extra)` inside a transaction,
//      together with the audit row and the action's rows (snapshot, comment). Of two concurrent
//      requests exactly one matches the where-clause; the other gets a clear message.
//
// Transitions do not increment Report.version: the version counts content writes, so an editor that
// stays open across submit/withdraw keeps a valid base version, while a save racing a submit still
// loses (or wins) cleanly — the save requires status DRAFT/RETURNED, the submit requires the version
// the clerk saw. Reviewer actions may pass the version they looked at (baseVersion) so that a report
// withdrawn, edited and resubmitted meanwhile is never approved unseen.
//
// Permissions: submit/withdraw need `report:submit` and the user's organ = the report's organ;
// return/approve/publish need `report:review` (SUPERVISOR only; ADMIN reads but does not review —
// reviewing is the county 主管部门's 审核把关, an administrator manages accounts).
import "server-only";
import {
  ACTION_ACTOR,
  ACTION_EVENTS,
  ACTION_LABELS,
  TRANSITIONS,
  transitionRefusal,
  type ReportAction,
  type ReportStatus,
} from "@/lib/report";
import type { Db, DbTx, Prisma } from "../db-core";
import { can, isRole } from "../permissions";
import { reportScope, type Access } from "../scope";
import type { Actor } from "../types";
import { auditDetail, toReportStatus } from "./report-row";

export const NOT_FOUND_MESSAGE = "找不到该报告，或您无权访问。";
export const INACTIVE_MESSAGE = "您的登录已失效或账号已停用，请重新登录；如有疑问请联系管理员。";

export type TransitionErrorCode = "UNAUTHENTICATED" | "NOT_FOUND" | "FORBIDDEN" | "WRONG_STATE" | "CONFLICT" | "INVALID";

export type TransitionResult =
  | { ok: true; status: ReportStatus; message: string; /** submit: the snapshot's number */ seq?: number; commentId?: string }
  | { ok: false; code: TransitionErrorCode; message: string; /** the report's status now, when known */ status?: ReportStatus };

/** The report row as the transition sees it. */
export type TransitionReport = {
  id: string;
  organId: string;
  year: number;
  status: ReportStatus;
  version: number;
  content: string;
  reviewStartedAt: Date | null;
  organKind: string;
  /** the organ's full name now */
  organName: string;
  /** ORGAN | ROLLUP */
  kind: string;
};

export type TransitionSpec = {
  action: ReportAction;
  reportId: string;
  /** The version the user saw; default: the version read at the start (still checked atomically). */
  baseVersion?: number;
  /** Checks before writing (e.g. submit's validation); a message refuses with INVALID. */
  check?: (report: TransitionReport) => Promise<string | null> | string | null;
  /** Extra conditions of the update (withdraw: review not started). */
  where?: (report: TransitionReport) => Prisma.ReportWhereInput;
  /** Columns written besides the status. */
  data: (report: TransitionReport, now: Date) => Prisma.ReportUpdateManyMutationInput;
  /** Rows written in the same transaction after the update; returns extra audit detail / result fields. */
  after?: (
    tx: DbTx,
    report: TransitionReport,
    now: Date,
  ) => Promise<{ detail?: Record<string, unknown>; seq?: number; commentId?: string }>;
  /** Success message. */
  done: string;
};

const FAILED = (code: TransitionErrorCode, message: string, status?: ReportStatus): TransitionResult => ({
  ok: false,
  code,
  message,
  ...(status ? { status } : {}),
});

/** The account behind a (possibly old) session, re-read: null when deleted, disabled or without a valid role. */
export async function activeActor(user: Actor, db: Db | DbTx): Promise<Actor | null> {
  const row = await db.user.findUnique({ where: { id: user.id }, select: { role: true, organId: true, disabled: true } });
  if (!row || row.disabled || !isRole(row.role)) return null;
  return { id: user.id, role: row.role, organId: row.organId };
}

/** Whether `user` is the kind of account that performs `action` on a report of `organId` (status aside). */
export function mayPerform(user: Actor, action: ReportAction, organId: string): boolean {
  return ACTION_ACTOR[action] === "clerk"
    ? can(user, "report:submit") && user.organId === organId
    : can(user, "report:review");
}

function forbidden(action: ReportAction): string {
  return ACTION_ACTOR[action] === "clerk"
    ? `只有本机关的填报人可以${ACTION_LABELS[action]}。`
    : `只有审核人可以${ACTION_LABELS[action]}。`;
}

/** A reviewer who may read a report but not review it: its organ is their own government. */
export const NOT_YOURS_TO_REVIEW = "本级机关的报告由上一级主管部门审核，您只能查看。";

/** The scope an action works in: the organ's own clerk edits, a reviewer reviews. */
export function accessFor(action: ReportAction): Access {
  return ACTION_ACTOR[action] === "clerk" ? "edit" : "review";
}

export async function loadForTransition(
  user: Actor,
  reportId: string,
  db: Db | DbTx,
  access: Access = "read",
): Promise<TransitionReport | null> {
  const r = await db.report.findFirst({
    where: { AND: [{ id: reportId }, reportScope(user, access)] },
    select: {
      id: true,
      organId: true,
      year: true,
      status: true,
      version: true,
      content: true,
      reviewStartedAt: true,
      kind: true,
      organ: { select: { kind: true, fullName: true } },
    },
  });
  if (!r) return null;
  return { ...r, status: toReportStatus(r.status), organKind: r.organ.kind, organName: r.organ.fullName };
}

/** Runs one status transition for `user` (see the file comment). */
export async function runTransition(sessionUser: Actor, spec: TransitionSpec, db: Db): Promise<TransitionResult> {
  const { action } = spec;
  if (typeof spec.reportId !== "string" || !spec.reportId) return FAILED("NOT_FOUND", NOT_FOUND_MESSAGE);
  const user = await activeActor(sessionUser, db);
  if (!user) return FAILED("UNAUTHENTICATED", INACTIVE_MESSAGE);
  const report = await loadForTransition(user, spec.reportId, db);
  if (!report) return FAILED("NOT_FOUND", NOT_FOUND_MESSAGE);
  if (!mayPerform(user, action, report.organId)) return FAILED("FORBIDDEN", forbidden(action), report.status);
  // Seen, but not the user's to act on (e.g. a county office's own 汇总 report: the level above reviews it).
  if (!(await loadForTransition(user, spec.reportId, db, accessFor(action))))
    return FAILED("FORBIDDEN", ACTION_ACTOR[action] === "clerk" ? forbidden(action) : NOT_YOURS_TO_REVIEW, report.status);

  const refusal = transitionRefusal(report.status, action, { reviewStarted: !!report.reviewStartedAt });
  if (refusal) return FAILED("WRONG_STATE", refusal, report.status);
  const version = spec.baseVersion ?? report.version;
  if (version !== report.version) return FAILED("CONFLICT", changedMessage(action), report.status);

  const problem = spec.check ? await spec.check(report) : null;
  if (problem) return FAILED("INVALID", problem, report.status);

  const { from, to } = TRANSITIONS[action];
  const now = new Date();
  const outcome = await db.$transaction(async (tx) => {
    const updated = await tx.report.updateMany({
      where: {
        AND: [{ id: report.id, status: { in: [...from] }, version }, spec.where?.(report) ?? {}, reportScope(user, accessFor(action))],
      },
      data: { ...spec.data(report, now), status: to },
    });
    if (updated.count !== 1) return null;
    const extra = spec.after ? await spec.after(tx, report, now) : {};
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        actorId: user.id,
        action: ACTION_EVENTS[action],
        detail: auditDetail({ status: to, fromStatus: report.status, version, ...extra.detail }),
      },
    });
    return extra;
  });
  if (outcome) {
    return {
      ok: true,
      status: to,
      message: spec.done,
      ...(outcome.seq !== undefined ? { seq: outcome.seq } : {}),
      ...(outcome.commentId ? { commentId: outcome.commentId } : {}),
    };
  }

  // Lost a race: say what happened meanwhile.
  const now2 = await loadForTransition(user, report.id, db);
  if (!now2) return FAILED("NOT_FOUND", NOT_FOUND_MESSAGE);
  const after = transitionRefusal(now2.status, action, { reviewStarted: !!now2.reviewStartedAt });
  if (after) return FAILED("WRONG_STATE", after, now2.status);
  return FAILED("CONFLICT", changedMessage(action), now2.status);
}

function changedMessage(action: ReportAction): string {
  return action === "submit"
    ? "报告在提交前已被修改（可能在其他窗口），请刷新页面确认内容后再提交。"
    : `该报告已被修改或重新提交，请刷新页面查看最新内容后再${ACTION_LABELS[action]}。`;
}

/** Marks the current submission as being reviewed (inside a transaction); true when this call did it. */
export async function markReviewStartedTx(tx: DbTx, reportId: string, actorId: string, now = new Date()): Promise<boolean> {
  const r = await tx.report.updateMany({
    where: { id: reportId, status: "SUBMITTED", reviewStartedAt: null },
    data: { reviewStartedAt: now },
  });
  if (r.count !== 1) return false;
  await tx.reportEvent.create({
    data: { reportId, actorId, action: "report.review_start", detail: auditDetail({ status: "SUBMITTED" }) },
  });
  return true;
}
