import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { staleRollupRefusal } from "./rollup-current";
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
      // a 汇总 report: not with figures its subordinates no longer have (one was returned since)
      check: (report) => staleRollupRefusal(user, report, "审核通过", db),
      data: (report, now) => ({ approvedAt: now, reviewStartedAt: report.reviewStartedAt ?? now }),
      done: "已审核通过。",
    },
    db,
  );
}
