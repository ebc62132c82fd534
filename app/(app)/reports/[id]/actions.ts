"use server";

import { z } from "zod";
import { getCurrentUser } from "@/lib/server/session";
import { submitReport } from "@/lib/server/services/submit-report";
import { withdrawReport } from "@/lib/server/services/withdraw-report";
import { returnReport } from "@/lib/server/services/return-report";
import { approveReport } from "@/lib/server/services/approve-report";
import { publishReport } from "@/lib/server/services/publish-report";
import { startReviewAsAction } from "@/lib/server/services/start-review";
import { addComment } from "@/lib/server/services/comment-create";
import { setCommentResolved } from "@/lib/server/services/comment-resolve";
import { INACTIVE_MESSAGE } from "@/lib/server/services/transition";
import type { SessionUser } from "@/lib/server/session";

/** What every review action answers to the page (which then refreshes from the server). */
export type ActionResult = { ok: boolean; message: string; code?: string };

const BAD_REQUEST: ActionResult = { ok: false, code: "INVALID", message: "请求格式不正确，请刷新页面后重试。" };
const SERVER_ERROR: ActionResult = { ok: false, code: "ERROR", message: "操作失败：服务器出错，请稍后重试。" };

const id = z.string().min(1).max(100);
const version = z.number().int().min(0).optional();

async function run<T>(
  schema: z.ZodType<T>,
  input: unknown,
  fn: (user: SessionUser, data: T) => Promise<{ ok: boolean; message: string; code?: string }>,
): Promise<ActionResult> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return BAD_REQUEST;
  const user = await getCurrentUser();
  if (!user) return { ok: false, code: "UNAUTHENTICATED", message: INACTIVE_MESSAGE };
  try {
    const r = await fn(user, parsed.data);
    return { ok: r.ok, message: r.message, ...(r.code ? { code: r.code } : {}) };
  } catch (e) {
    console.error("review action failed", e);
    return SERVER_ERROR;
  }
}

export async function submitReportAction(input: { reportId: string; baseVersion: number }): Promise<ActionResult> {
  return run(z.object({ reportId: id, baseVersion: z.number().int().min(0) }), input, (user, d) => submitReport(user, d));
}

export async function withdrawReportAction(input: { reportId: string }): Promise<ActionResult> {
  return run(z.object({ reportId: id }), input, (user, d) => withdrawReport(user, d));
}

/** 开始审核: from now on the clerk cannot withdraw the submission. */
export async function startReviewAction(input: { reportId: string }): Promise<ActionResult> {
  return run(z.object({ reportId: id }), input, (user, d) => startReviewAsAction(user, d));
}

export async function returnReportAction(input: { reportId: string; comment: string; baseVersion?: number }): Promise<ActionResult> {
  return run(z.object({ reportId: id, comment: z.string().max(10_000), baseVersion: version }), input, (user, d) =>
    returnReport(user, d),
  );
}

export async function approveReportAction(input: { reportId: string; baseVersion?: number }): Promise<ActionResult> {
  return run(z.object({ reportId: id, baseVersion: version }), input, (user, d) => approveReport(user, d));
}

export async function publishReportAction(input: { reportId: string; baseVersion?: number }): Promise<ActionResult> {
  return run(z.object({ reportId: id, baseVersion: version }), input, (user, d) => publishReport(user, d));
}

export async function addCommentAction(input: {
  reportId: string;
  anchor?: string;
  body: string;
  parentId?: string | null;
}): Promise<ActionResult> {
  return run(
    z.object({ reportId: id, anchor: z.string().max(300).optional(), body: z.string().max(10_000), parentId: id.nullish() }),
    input,
    (user, d) => addComment(user, d),
  );
}

export async function resolveCommentAction(input: { commentId: string; resolved: boolean }): Promise<ActionResult> {
  return run(z.object({ commentId: id, resolved: z.boolean() }), input, (user, d) => setCommentResolved(user, d));
}
