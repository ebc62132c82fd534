import "server-only";
import type { ReportContent } from "@/lib/template";
import type { ReportStatus } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { parseStoredContent, toReportStatus } from "./report-row";

export type ReportDetail = {
  id: string;
  organId: string;
  organName: string;
  organShortName: string;
  /** COUNTY | TOWNSHIP | DEPARTMENT */
  organKind: string;
  /** The organ above (whose supervisors review the report), when there is one. */
  parentOrganName: string | null;
  year: number;
  templateVersion: string;
  status: ReportStatus;
  content: ReportContent;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  updatedBy: { id: string; displayName: string } | null;
};

/** A report visible to `user`, or null when it does not exist or is out of scope (→ 404). */
export async function getReport(user: Actor, reportId: string, db: Db = getDb()): Promise<ReportDetail | null> {
  if (!can(user, "report:read")) return null;
  const r = await db.report.findFirst({
    where: { AND: [{ id: reportId }, reportScope(user)] },
    include: {
      organ: { select: { fullName: true, shortName: true, kind: true, parent: { select: { fullName: true } } } },
      updatedBy: { select: { id: true, displayName: true, name: true } },
    },
  });
  if (!r) return null;
  return {
    id: r.id,
    organId: r.organId,
    organName: r.organ.fullName,
    organShortName: r.organ.shortName,
    organKind: r.organ.kind,
    parentOrganName: r.organ.parent?.fullName ?? null,
    year: r.year,
    templateVersion: r.templateVersion,
    status: toReportStatus(r.status),
    content: parseStoredContent(r.content),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy ? { id: r.updatedBy.id, displayName: r.updatedBy.displayName || r.updatedBy.name } : null,
  };
}

/** The same organ's report for `year - 1`, if visible (for year-on-year comparison). */
export async function getPreviousYearReport(
  user: Actor,
  organId: string,
  year: number,
  db: Db = getDb(),
): Promise<{ id: string; year: number; status: ReportStatus; content: ReportContent } | null> {
  if (!can(user, "report:read")) return null;
  const r = await db.report.findFirst({
    where: { AND: [{ organId, year: year - 1 }, reportScope(user)] },
    select: { id: true, year: true, status: true, content: true },
  });
  if (!r) return null;
  return { id: r.id, year: r.year, status: toReportStatus(r.status), content: parseStoredContent(r.content) };
}
