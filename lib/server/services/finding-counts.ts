// Open findings of a report (errors + unacknowledged warnings), stored on Report.errorCount /
// warningCount at every write so that the dashboard never validates at read time.
// No server-only: imported by the report services and the dashboard benchmark.
import type { ReportContent } from "@/lib/template";
import { countFindings, openFindings, validateReport, type RuleContext } from "@/lib/report";
import type { DbTx } from "../db-core";
import type { Actor } from "../types";
import { ruleContextFor, type RuleTarget } from "./rule-context";

export type FindingCounts = { errorCount: number; warningCount: number };

/** Counts of open findings under a rule context, as the editor counts them (a table's blank cells: one). */
export function countOpenFindings(content: ReportContent, context: RuleContext): FindingCounts {
  return countFindings(content, openFindings(content, validateReport(content, context)));
}

/** Counts for `content` about to be stored as the report `target` (organ, kind, year). */
export async function findingCountsFor(user: Actor, target: RuleTarget, content: ReportContent, db: DbTx): Promise<FindingCounts> {
  return countOpenFindings(content, await ruleContextFor(user, target, db));
}
