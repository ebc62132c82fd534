import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { runTransition, type TransitionResult } from "./transition";

/**
 * The clerk takes a submission back (SUBMITTED → DRAFT) — only until a supervisor starts reviewing it
 * (opens it, comments on it or acts on it): the update requires reviewStartedAt to be still empty.
 * The submission's snapshot stays in the history.
 */
export async function withdrawReport(user: Actor, input: { reportId: string }, db: Db = getDb()): Promise<TransitionResult> {
  return runTransition(
    user,
    {
      action: "withdraw",
      reportId: input.reportId,
      where: () => ({ reviewStartedAt: null }),
      data: () => ({ submittedAt: null }),
      done: "已撤回，报告恢复为草稿，可以继续修改。",
    },
    db,
  );
}
