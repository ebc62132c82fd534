// Open findings of a report (errors + unacknowledged warnings), stored on Report.errorCount /
// warningCount at every write so that the dashboard never validates at read time.
// No server-only: imported by the report services and the dashboard benchmark.
import type { ReportContent } from "@/lib/template";
import { openFindings, validateReport, type OrganKind } from "@/lib/report";
import type { DbTx } from "../db-core";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { parseStoredContent } from "./report-row";

export type FindingCounts = { errorCount: number; warningCount: number };

const ORGAN_KINDS: readonly string[] = ["COUNTY", "TOWNSHIP", "DEPARTMENT"];

/** Counts of open findings, with the same rule context as the editor (year, organ kind, last year's report). */
export function countOpenFindings(
  content: ReportContent,
  context: { year: number; organKind?: string | null; previous?: { year: number; content: ReportContent } | null },
): FindingCounts {
  const organKind = context.organKind && ORGAN_KINDS.includes(context.organKind) ? (context.organKind as OrganKind) : undefined;
  const open = openFindings(content, validateReport(content, { year: context.year, organKind, previous: context.previous ?? null }));
  let errorCount = 0;
  for (const f of open) if (f.severity === "error") errorCount++;
  return { errorCount, warningCount: open.length - errorCount };
}

/**
 * Counts for `content` about to be stored as the report of `organId` for `year`: loads the organ's
 * kind and, within the user's scope, the previous year's report (for X1–X3). Two small indexed reads.
 */
export async function findingCountsFor(
  user: Actor,
  target: { organId: string; year: number; organKind?: string | null },
  content: ReportContent,
  db: DbTx,
): Promise<FindingCounts> {
  const [organ, previous] = await Promise.all([
    target.organKind !== undefined
      ? Promise.resolve({ kind: target.organKind })
      : db.organ.findUnique({ where: { id: target.organId }, select: { kind: true } }),
    db.report.findFirst({
      where: { AND: [{ organId: target.organId, year: target.year - 1 }, reportScope(user)] },
      select: { year: true, content: true },
    }),
  ]);
  let prev: { year: number; content: ReportContent } | null = null;
  if (previous) {
    try {
      prev = { year: previous.year, content: parseStoredContent(previous.content) };
    } catch {
      prev = null; // unreadable old content: skip the cross-year rules rather than fail the save
    }
  }
  return countOpenFindings(content, { year: target.year, organKind: organ?.kind ?? null, previous: prev });
}
