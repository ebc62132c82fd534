import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { runTransition, type TransitionResult } from "./transition";

/** A supervisor approves the submitted report: SUBMITTED → APPROVED. */
export async function approveReport(
  user: Actor,
  input: { reportId: string; /** the version the reviewer looked at */ baseVersion?: number },
  db: Db = getDb(),
): Promise<TransitionResult> {
  return runTransition(
    user,
    {
      action: "approve",
      reportId: input.reportId,
      baseVersion: input.baseVersion,
      data: (report, now) => ({ approvedAt: now, reviewStartedAt: report.reviewStartedAt ?? now }),
      done: "已审核通过。",
    },
    db,
  );
}
