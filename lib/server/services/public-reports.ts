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

export type PublicListFilter = { year?: number; organId?: string; /** part of a title or an organ's name */ q?: string };

export type PublicListing = {
  reports: PublicReportItem[];
  /** For the filters: the years and organs that have published reports. */
  years: number[];
  organs: { id: string; name: string }[];
};

/** The title as published (stored at publishing); for a report published before it was stored, from the organ now. */
function titleOf(r: { publishedTitle: string | null; year: number; kind: string; organ: { fullName: string; shortName: string; kind: string } }): string {
  return r.publishedTitle || reportSigner(r.organ, r.kind) + reportTitleSuffix(r.year);
}

type OrderKey = [number, string, string, number, number, string];

/**
 * A published report's place in its year: its government (a government for its own reports, the parent for
 * the organs under it) by that government's order and name, then the government's own reports (汇总 first,
 * then 本级), then the organ's order and name.
 */
function publicOrder(r: {
  kind: string;
  organId: string;
  organ: { fullName: string; kind: string; sortOrder: number; parentId: string | null; parent: { fullName: string; sortOrder: number } | null };
}): OrderKey {
  const own = isGovernment(r.organ.kind) || !r.organ.parentId;
  const gov = own ? { id: r.organId, fullName: r.organ.fullName, sortOrder: r.organ.sortOrder } : { id: r.organ.parentId!, ...r.organ.parent! };
  return [gov.sortOrder, gov.fullName, gov.id, own ? (r.kind === "ROLLUP" ? 0 : 1) : 2, own ? 0 : r.organ.sortOrder, r.organ.fullName];
}

function compareOrder(a: OrderKey, b: OrderKey): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    return typeof x === "number" && typeof y === "number" ? x - y : String(x).localeCompare(String(y), "zh-CN");
  }
  return 0;
}

/** Published reports, newest year first, then by government (see publicOrder). */
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
      publishedTitle: true,
      organ: {
        select: { fullName: true, shortName: true, kind: true, sortOrder: true, parentId: true, parent: { select: { fullName: true, sortOrder: true } } },
      },
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
    title: titleOf(r),
    countyName: isGovernment(r.organ.kind) ? r.organ.fullName : (r.organ.parent?.fullName ?? null),
    year: r.year,
    publishedAt: r.publishedAt ?? r.updatedAt,
  }));
  // within a year, by government: its 汇总 and 本级 reports, then the organs under it in their order
  const order = new Map(rows.map((r) => [r.id, publicOrder(r)]));
  all.sort((a, b) => b.year - a.year || compareOrder(order.get(a.id)!, order.get(b.id)!));
  const years = [...new Set(all.map((r) => r.year))].sort((a, b) => b - a);
  const organs = [...new Map(all.map((r) => [r.organId, { id: r.organId, name: r.organName }])).values()];
  const q = filter.q?.trim();
  const reports = all.filter(
    (r) =>
      (filter.year === undefined || r.year === filter.year) &&
      (filter.organId === undefined || r.organId === filter.organId) &&
      (!q || r.title.includes(q) || r.organName.includes(q)),
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
      publishedTitle: true,
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
    title: titleOf(r),
    countyName: isGovernment(r.organ.kind) ? r.organ.fullName : (r.organ.parent?.fullName ?? null),
    year: r.year,
    publishedAt: r.publishedAt ?? r.updatedAt,
    content: parseStoredContent(r.content),
  };
}
