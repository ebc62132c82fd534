import "server-only";
import type { ReportState } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { parseStoredContent } from "./report-row";

/**
 * What an open editor polls: the report's version, status and comment activity, and its content only
 * when the version moved on from `knownVersion` (so an idle poll is two small indexed reads). Null when
 * the report is not visible to `user`.
 */
export async function getReportState(
  user: Actor,
  input: { reportId: string; knownVersion: number | null },
  db: Db = getDb(),
): Promise<ReportState | null> {
  if (!can(user, "report:read")) return null;
  const head = await db.report.findFirst({
    where: { AND: [{ id: input.reportId }, reportScope(user)] },
    select: { id: true, version: true, status: true, updatedAt: true },
  });
  if (!head) return null;
  const changed = head.version !== input.knownVersion;
  const [comments, body] = await Promise.all([
    db.comment.aggregate({ where: { reportId: head.id }, _count: { _all: true }, _max: { updatedAt: true } }),
    changed ? db.report.findUnique({ where: { id: head.id }, select: { content: true, version: true } }) : null,
  ]);
  return {
    // the content read second may be newer than the head: report the version that goes with it
    version: body?.version ?? head.version,
    savedAt: head.updatedAt.toISOString(),
    status: head.status,
    commentsStamp: `${comments._count._all}:${comments._max.updatedAt?.getTime() ?? 0}`,
    content: body ? parseStoredContent(body.content) : null,
  };
}
