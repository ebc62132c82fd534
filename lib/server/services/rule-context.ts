// The rule context of a report (lib/report RuleContext) — the same wherever the rules run: the editor's
// page, saving (finding counts), submitting. No server-only: finding-counts (used by a bench) imports it.
import { isOrganKind, isReportKind, type Day, type RuleContext } from "@/lib/report";
import type { ReportContent } from "@/lib/template";
import type { Db, DbTx } from "../db-core";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { deadlineFor } from "./deadlines";
import { parseStoredContent } from "./report-row";

export type RuleTarget = { organId: string; organKind: string; year: number; kind: string };

/** Year, organ and report kind, the deadline, and last year's report of the same kind (within `user`'s scope). */
export async function ruleContextFor(user: Actor, target: RuleTarget, db: Db | DbTx): Promise<RuleContext & { deadline: Day }> {
  const reportKind = isReportKind(target.kind) ? target.kind : "ORGAN";
  const [previous, deadline] = await Promise.all([
    db.report.findFirst({
      where: { AND: [{ organId: target.organId, year: target.year - 1, kind: reportKind }, reportScope(user)] },
      select: { year: true, content: true },
    }),
    deadlineFor(db, { id: target.organId, kind: target.organKind }, reportKind, target.year),
  ]);
  let prev: { year: number; content: ReportContent } | null = null;
  if (previous) {
    try {
      prev = { year: previous.year, content: parseStoredContent(previous.content) };
    } catch {
      prev = null; // unreadable old content: skip the cross-year rules rather than fail
    }
  }
  return {
    year: target.year,
    ...(isOrganKind(target.organKind) ? { organKind: target.organKind } : {}),
    reportKind,
    deadline,
    previous: prev,
  };
}
