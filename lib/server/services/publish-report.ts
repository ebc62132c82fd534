import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
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
      data: (_report, now) => ({ publishedAt: now }),
      done: "已发布。",
    },
    db,
  );
}
