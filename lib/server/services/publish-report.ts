import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { reportTitleSuffix } from "@/lib/template";
import { parseStoredContent } from "./report-row";
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
      // the title as printed (the 署名 in the content): the public list keeps it if the organ is renamed later
      data: (report, now) => ({ publishedAt: now, publishedTitle: publishedTitle(report) }),
      done: "已发布。",
    },
    db,
  );
}

/** 「示范县青山镇人民政府2024年政府信息公开工作年度报告」: the content's 署名 (the organ's name when empty) and year. */
export function publishedTitle(report: { content: string; year: number; organName: string }): string {
  const signer = parseStoredContent(report.content).header.organName.trim() || report.organName;
  return signer + reportTitleSuffix(report.year);
}
