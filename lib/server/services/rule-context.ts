// The rule context of a report (lib/report RuleContext) — the same wherever the rules run: the editor's
// page, saving (finding counts), submitting. No server-only: finding-counts (used by a bench) imports it.
import { isOrganKind, isReportKind, type Day, type RuleContext } from "@/lib/report";
import type { ReportContent } from "@/lib/template";
import type { Db, DbTx } from "../db-core";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { deadlineKeyOf, deadlineOf, reportSigner } from "@/lib/report";
import { deadlineFor } from "./deadlines";
import { parseStoredContent } from "./report-row";
import { sql } from "../sql";

/** `organName`: the organ's full name as the system has it now (rule T6 compares the report's 署名 with it). */
export type RuleTarget = { organId: string; organKind: string; organName: string; year: number; kind: string };

/** Year, organ and report kind, the deadline, and last year's report of the same kind (within `user`'s scope). */
export async function ruleContextFor(user: Actor, target: RuleTarget, db: Db | DbTx): Promise<RuleContext & { deadline: Day }> {
  const reportKind = isReportKind(target.kind) ? target.kind : "ORGAN";
  const [previous, deadline] = ownOrgan(user, target)
    ? await ownOrganContext(db, target, reportKind)
    : await Promise.all([
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
    // the short name matters only for a government named just 人民政府 (reportSigner's fallback)
    signer: reportSigner({ fullName: target.organName, shortName: target.organName }, reportKind),
    deadline,
    previous: prev,
  };
}

/**
 * A clerk's own organ — every autosave (finding counts) and the editor's page. reportScope(user) holds
 * every report of the user's own organ (its first branch, organId = user.organId), so last year's
 * report needs no scope filter here.
 */
function ownOrgan(user: Actor, target: RuleTarget): boolean {
  return user.role === "CLERK" && !!user.organId && user.organId === target.organId;
}

/**
 * The same two reads as the general path (last year's report; the nearest ancestor's deadline setting for
 * the year and key, as deadlineFor), in one plain SQL statement. On the autosave path this matters: each
 * Prisma model query costs ~2 ms of CPU (query compiler), this one ~0.5 ms (bench:load, README).
 */
async function ownOrganContext(
  db: Db | DbTx,
  target: RuleTarget,
  reportKind: string,
): Promise<[{ year: number; content: string } | null, Day]> {
  const key = deadlineKeyOf(target.organKind, reportKind);
  const rows = await sql(db)<{ previous: string | null; deadline: number | bigint | null }>`
    SELECT
      (SELECT r."content" FROM "Report" r
        WHERE r."organId" = ${target.organId} AND r."year" = ${target.year - 1} AND r."kind" = ${reportKind}
        LIMIT 1) AS "previous",
      (SELECT d."month" * 100 + d."day" FROM "OrganClosure" c
        JOIN "DeadlineSetting" d ON d."organId" = c."ancestorId"
        WHERE c."organId" = ${target.organId} AND d."year" = ${target.year} AND d."key" = ${key}
        ORDER BY c."depth" ASC LIMIT 1) AS "deadline"`;
  const row = rows[0];
  const previous = typeof row?.previous === "string" ? { year: target.year - 1, content: row.previous } : null;
  const md = row?.deadline == null ? null : Number(row.deadline);
  const setting = md === null ? undefined : { [key]: { month: Math.floor(md / 100), day: md % 100 } };
  return [previous, deadlineOf(target.organKind, reportKind, target.year, setting)];
}
