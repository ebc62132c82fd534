import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { staleRollupRefusal } from "./rollup-current";
import { runTransition, type TransitionResult } from "./transition";

/** A supervisor publishes the approved report: APPROVED → PUBLISHED (needs `report:review`). */
export async function publishReport(
  user: Actor,
  input: { reportId: string; baseVersion?: number },
  db: Db = getDb(),
): Promise<TransitionResult> {
  return runTransition(
    user,
    {
      action: "publish",
      reportId: input.reportId,
      baseVersion: input.baseVersion,
      // a 汇总 report: not with figures its subordinates no longer have (one was returned since)
      check: (report) => staleRollupRefusal(user, report, "发布", db),
      data: (_report, now) => ({ publishedAt: now }),
      done: "已发布。",
    },
    db,
  );
}
