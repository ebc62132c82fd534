import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { commentRights, loadCommentTarget, type CommentResult } from "./comment-access";
import { checkCommentBody, parseAnchor } from "./comment-anchor";
import { auditDetail } from "./report-row";
import { activeActor, INACTIVE_MESSAGE, markReviewStartedTx, NOT_FOUND_MESSAGE } from "./transition";

export type AddCommentInput = {
  reportId: string;
  /** Where the comment points (see comment-anchor.ts); ignored for replies (they take their thread's). */
  anchor?: string;
  body: string;
  /** Reply to this comment's thread. */
  parentId?: string | null;
};

/**
 * Adds a comment thread anchored to a place of the report, or a reply to a thread. A reviewer's
 * comment on a submitted report starts the review (the clerk can no longer withdraw).
 */
export async function addComment(sessionUser: Actor, input: AddCommentInput, db: Db = getDb()): Promise<CommentResult> {
  const user = await activeActor(sessionUser, db);
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: INACTIVE_MESSAGE };
  const report = await loadCommentTarget(user, input.reportId, db);
  if (!report) return { ok: false, code: "NOT_FOUND", message: NOT_FOUND_MESSAGE };
  const rights = commentRights(user, report);
  const isReply = !!input.parentId;
  if (!(isReply ? rights.reply : rights.comment)) {
    const code = rights.reply || report.status === "PUBLISHED" ? "WRONG_STATE" : "FORBIDDEN";
    return { ok: false, code, message: rights.reason ?? "您不能对该报告批注。" };
  }
  const body = checkCommentBody(input.body);
  if (!body.ok) return { ok: false, code: "INVALID", message: body.message };

  let anchor: string;
  let parentId: string | null = null;
  if (isReply) {
    const parent = await db.comment.findFirst({
      where: { id: String(input.parentId), reportId: report.id },
      select: { id: true, parentId: true, anchor: true },
    });
    if (!parent) return { ok: false, code: "NOT_FOUND", message: "找不到要回复的批注（可能已被删除）。" };
    parentId = parent.parentId ?? parent.id; // replies hang off the thread's first comment
    anchor = parent.anchor;
  } else {
    const parsed = parseAnchor(input.anchor ?? "report");
    if (!parsed.ok) return { ok: false, code: "INVALID", message: parsed.message };
    anchor = input.anchor ?? "report";
  }

  const reviewer = report.reviewable;
  const comment = await db.$transaction(async (tx) => {
    if (reviewer && report.status === "SUBMITTED" && !report.reviewStartedAt) await markReviewStartedTx(tx, report.id, user.id);
    const created = await tx.comment.create({
      data: { reportId: report.id, parentId, anchor, body: body.body, authorId: user.id },
      select: { id: true },
    });
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        actorId: user.id,
        action: isReply ? "comment.reply" : "comment.create",
        detail: auditDetail({ commentId: created.id, anchor, ...(parentId ? { replyTo: parentId } : {}) }),
      },
    });
    return created;
  });
  return { ok: true, commentId: comment.id, message: isReply ? "已回复。" : "已添加批注。" };
}
