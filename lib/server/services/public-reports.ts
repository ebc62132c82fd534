import "server-only";
import { reportTitleSuffix, type ReportContent } from "@/lib/template";
import { isGovernment, reportKindLabel, reportSigner } from "@/lib/report";
import { getDb, type Prisma, type Db } from "../db-core";
import { parseStoredContent } from "./report-row";

// The public portal has no user: its scope is "published reports only". This is the one place that
// reads reports without reportScope(); nothing else than PUBLISHED ever leaves here.
/** Reports published through nianbao's review. Imported reports (published elsewhere, never reviewed here) are not republished. */
const PUBLIC_SCOPE: Prisma.ReportWhereInput = { status: "PUBLISHED", source: "EDITOR" };

export type PublicReportItem = {
  id: string;
  organId: string;
  organName: string;
  organShortName: string;
  organKind: string;
  /** ORGAN (own / 本级) | ROLLUP (汇总) */
  kind: string;
  /** 本级报告 / 汇总报告 / 年度报告 */
  kindLabel: string;
  /** The report's title as published, e.g. 示范县2024年政府信息公开工作年度报告 (a 汇总) */
  title: string;
  /** The government the organ belongs to (itself for a government). */
  countyName: string | null;
  year: number;
  publishedAt: Date | null;
};

export type PublicListFilter = { year?: number; organId?: string };

export type PublicListing = {
  reports: PublicReportItem[];
  /** For the filters: the years and organs that have published reports. */
  years: number[];
  organs: { id: string; name: string }[];
};

/** Published reports, newest year first, then in organ order. */
export async function listPublishedReports(filter: PublicListFilter = {}, db: Db = getDb()): Promise<PublicListing> {
  const rows = await db.report.findMany({
    where: { AND: [PUBLIC_SCOPE] },
    orderBy: [{ year: "desc" }, { organ: { sortOrder: "asc" } }, { organ: { fullName: "asc" } }],
    select: {
      id: true,
      organId: true,
      year: true,
      kind: true,
      publishedAt: true,
      updatedAt: true,
      organ: { select: { fullName: true, shortName: true, kind: true, parent: { select: { fullName: true } } } },
    },
  });
  const all: PublicReportItem[] = rows.map((r) => ({
    id: r.id,
    organId: r.organId,
    organName: r.organ.fullName,
    organShortName: r.organ.shortName,
    organKind: r.organ.kind,
    kind: r.kind,
    kindLabel: reportKindLabel(r.organ.kind, r.kind),
    title: reportSigner(r.organ, r.kind) + reportTitleSuffix(r.year),
    countyName: isGovernment(r.organ.kind) ? r.organ.fullName : (r.organ.parent?.fullName ?? null),
    year: r.year,
    publishedAt: r.publishedAt ?? r.updatedAt,
  }));
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
  const organs = [...new Map(all.map((r) => [r.organId, { id: r.organId, name: r.organName }])).values()];
  const reports = all.filter(
    (r) => (filter.year === undefined || r.year === filter.year) && (filter.organId === undefined || r.organId === filter.organId),
  );
  return { reports, years, organs };
}

export type PublicReport = PublicReportItem & { content: ReportContent };

/** A published report, or null (missing, or not PUBLISHED → 404). */
export async function getPublishedReport(id: string, db: Db = getDb()): Promise<PublicReport | null> {
  if (!id || id.length > 64) return null;
  const r = await db.report.findFirst({
    where: { AND: [{ id }, PUBLIC_SCOPE] },
    select: {
      id: true,
      organId: true,
      year: true,
      publishedAt: true,
      updatedAt: true,
      content: true,
      kind: true,
      organ: { select: { fullName: true, shortName: true, kind: true, parent: { select: { fullName: true } } } },
    },
  });
  if (!r) return null;
  return {
    id: r.id,
    organId: r.organId,
    organName: r.organ.fullName,
    organShortName: r.organ.shortName,
    organKind: r.organ.kind,
    kind: r.kind,
    kindLabel: reportKindLabel(r.organ.kind, r.kind),
    title: reportSigner(r.organ, r.kind) + reportTitleSuffix(r.year),
    countyName: isGovernment(r.organ.kind) ? r.organ.fullName : (r.organ.parent?.fullName ?? null),
    year: r.year,
    publishedAt: r.publishedAt ?? r.updatedAt,
    content: parseStoredContent(r.content),
  };
}
