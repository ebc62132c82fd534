import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { commentRights, loadCommentTarget, type CommentResult } from "./comment-access";
import { auditDetail } from "./report-row";
import { activeActor, INACTIVE_MESSAGE } from "./transition";

/**
 * Marks a comment thread resolved (or reopens it). Either side may do it: the clerk after fixing the
 * place, the reviewer after checking. A conditional update: a repeated click changes nothing and says so.
 */
export async function setCommentResolved(
  sessionUser: Actor,
  input: { commentId: string; resolved: boolean },
  db: Db = getDb(),
): Promise<CommentResult> {
  const user = await activeActor(sessionUser, db);
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: INACTIVE_MESSAGE };
  const comment = typeof input.commentId === "string" && input.commentId
    ? await db.comment.findUnique({ where: { id: input.commentId }, select: { id: true, reportId: true, parentId: true, anchor: true } })
    : null;
  // A comment on a report out of scope is as missing as the report.
  const report = comment ? await loadCommentTarget(user, comment.reportId, db) : null;
  if (!comment || !report) return { ok: false, code: "NOT_FOUND", message: "找不到该批注，或您无权访问。" };
  const rights = commentRights(user, report);
  if (!rights.reply) {
    const code = report.status === "PUBLISHED" ? "WRONG_STATE" : "FORBIDDEN";
    return { ok: false, code, message: rights.reason ?? "您不能处理该批注。" };
  }
  const threadId = comment.parentId ?? comment.id;
  const resolved = !!input.resolved;
  const changed = await db.$transaction(async (tx) => {
    const r = await tx.comment.updateMany({
      where: { id: threadId, reportId: report.id, resolved: !resolved },
      data: resolved
        ? { resolved: true, resolvedById: user.id, resolvedAt: new Date() }
        : { resolved: false, resolvedById: null, resolvedAt: null },
    });
    if (r.count !== 1) return false;
    await tx.reportEvent.create({
      data: {
        reportId: report.id,
        actorId: user.id,
        action: resolved ? "comment.resolve" : "comment.reopen",
        detail: auditDetail({ commentId: threadId, anchor: comment.anchor }),
      },
    });
    return true;
  });
  if (!changed)
    return {
      ok: false,
      code: "WRONG_STATE",
      message: resolved ? "该批注已标记为已解决（可能在其他窗口已操作）。" : "该批注尚未解决，无需重新打开。",
    };
  return { ok: true, commentId: threadId, message: resolved ? "已标记为已解决。" : "已重新打开。" };
}
