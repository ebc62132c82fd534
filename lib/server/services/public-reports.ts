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

type SortedListing = { all: PublicReportItem[]; years: number[]; organs: { id: string; name: string }[] };

/** Every published report in the portal's order, with the years and organs for the filters. */
async function readListing(db: Db): Promise<SortedListing> {
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
  return { all, years, organs };
}

/**
 * What the public list is built from, in one cheap look (an index on status, source, updatedAt): how many
 * reports are published and when one last changed, and when an organ last changed (a rename, a move). A
 * report published, returned or republished, an organ renamed — on any instance — changes it.
 */
async function listingStamp(db: Db): Promise<string> {
  const [reports, organs] = await Promise.all([
    db.report.aggregate({ where: PUBLIC_SCOPE, _count: { _all: true }, _max: { updatedAt: true } }),
    db.organ.aggregate({ _max: { updatedAt: true } }),
  ]);
  return `${reports._count._all}:${reports._max.updatedAt?.getTime() ?? 0}:${organs._max.updatedAt?.getTime() ?? 0}`;
}

/**
 * The sorted listing per database, kept while its stamp holds: a province's portal lists 20,000 reports and
 * reading and ordering them took a second of the server per visit; now a visit costs the stamp's look and
 * the filtering. Concurrent visits after a change share one read.
 */
const listings = new WeakMap<Db, { stamp: string; listing: Promise<SortedListing> }>();

async function sortedListing(db: Db): Promise<SortedListing> {
  const stamp = await listingStamp(db);
  const kept = listings.get(db);
  if (kept && kept.stamp === stamp) return kept.listing;
  const listing = readListing(db);
  listings.set(db, { stamp, listing });
  // a failed read is not kept
  listing.catch(() => {
    if (listings.get(db)?.listing === listing) listings.delete(db);
  });
  return listing;
}

/** Published reports, newest year first, then by government (see publicOrder). */
export async function listPublishedReports(filter: PublicListFilter = {}, db: Db = getDb()): Promise<PublicListing> {
  const { all, years, organs } = await sortedListing(db);
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
