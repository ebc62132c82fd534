import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { checkCommentBody, parseAnchor } from "./comment-anchor";
import { runTransition, type TransitionResult } from "./transition";

export type ReturnReportInput = {
  reportId: string;
  /** The reason, required: stored as a Comment (anchored to the whole report unless `anchor` says otherwise). */
  comment: string;
  anchor?: string;
  baseVersion?: number;
};

/**
 * A supervisor sends the report back for changes, with a comment: SUBMITTED → RETURNED, or after
 * approval or publication (APPROVED/PUBLISHED → RETURNED: the report leaves the public portal until it
 * is published again).
 */
export async function returnReport(user: Actor, input: ReturnReportInput, db: Db = getDb()): Promise<TransitionResult> {
  const anchor = input.anchor ?? "report";
  return runTransition(
    user,
    {
      action: "return",
      reportId: input.reportId,
      baseVersion: input.baseVersion,
      check: () => {
        const body = checkCommentBody(input.comment);
        if (!body.ok) return body.message === "批注内容不能为空。" ? "请填写退回意见（说明需要修改的内容）。" : body.message.replace("批注内容", "退回意见");
        const a = parseAnchor(anchor);
        return a.ok ? null : a.message;
      },
      data: (report, now) => ({ approvedAt: null, publishedAt: null, reviewStartedAt: report.reviewStartedAt ?? now }),
      after: async (tx, report) => {
        const body = checkCommentBody(input.comment);
        const comment = await tx.comment.create({
          data: { reportId: report.id, anchor, body: body.ok ? body.body : "", authorId: user.id },
          select: { id: true },
        });
        return { commentId: comment.id, detail: { commentId: comment.id, comment: body.ok ? body.body.slice(0, 200) : "" } };
      },
      done: "已退回修改，填报人将看到您的意见。",
    },
    db,
  );
}
