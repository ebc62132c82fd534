import "server-only";
import type { ReportContent } from "@/lib/template";
import { isReportKind, type ReportKind, type ReportStatus } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { isReviewable } from "./comment-access";
import { parseStoredContent, toReportStatus } from "./report-row";

export type ReportDetail = {
  id: string;
  organId: string;
  organName: string;
  organShortName: string;
  /** lib/report/organ-levels.ts ORGAN_KINDS */
  organKind: string;
  /** ORGAN (own / 本级) | ROLLUP (汇总) */
  kind: ReportKind;
  /** EDITOR (written in nianbao) | IMPORT (a published file stored read-only, services/import-report.ts) */
  source: "EDITOR" | "IMPORT";
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
  /** `user` reviews this report (a supervisor strictly above its organ). */
  reviewable: boolean;
};

export const toReportKind = (v: string): ReportKind => (isReportKind(v) ? v : "ORGAN");

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
    kind: toReportKind(r.kind),
    source: r.source === "IMPORT" ? "IMPORT" : "EDITOR",
    parentOrganName: r.organ.parent?.fullName ?? null,
    year: r.year,
    templateVersion: r.templateVersion,
    status: toReportStatus(r.status),
    content: parseStoredContent(r.content),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    updatedBy: r.updatedBy ? { id: r.updatedBy.id, displayName: r.updatedBy.displayName || r.updatedBy.name } : null,
    reviewable: await isReviewable(user, r.id, db),
  };
}

/** The same organ's report of the same kind for `year - 1`, if visible (for year-on-year comparison). */
export async function getPreviousYearReport(
  user: Actor,
  organId: string,
  year: number,
  db: Db = getDb(),
  kind: ReportKind = "ORGAN",
): Promise<{ id: string; year: number; status: ReportStatus; content: ReportContent } | null> {
  if (!can(user, "report:read")) return null;
  const r = await db.report.findFirst({
    where: { AND: [{ organId, year: year - 1, kind }, reportScope(user)] },
    select: { id: true, year: true, status: true, content: true },
  });
  if (!r) return null;
  return { id: r.id, year: r.year, status: toReportStatus(r.status), content: parseStoredContent(r.content) };
}
