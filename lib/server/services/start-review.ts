import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { activeActor, markReviewStartedTx } from "./transition";

/**
 * A supervisor opened the submitted report (or commented on it): the review has started and the clerk
 * can no longer withdraw the submission. Idempotent; true when this call started it. Not a status change.
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
