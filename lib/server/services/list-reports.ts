import "server-only";
import type { ReportStatus } from "@/lib/report";
import { getDb, type Db, type Prisma } from "../db-core";
import { can } from "../permissions";
import { reportScope } from "../scope";
import type { Actor } from "../types";
import { toReportStatus } from "./report-row";

export type ReportListItem = {
  id: string;
  organId: string;
  organName: string;
  organShortName: string;
  organKind: string;
  /** ORGAN (own / 本级) | ROLLUP (汇总) */
  kind: string;
  year: number;
  status: ReportStatus;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
  /** EDITOR (written in nianbao) | IMPORT (imported from a published file, read-only) */
  source: "EDITOR" | "IMPORT";
  /** The imported file's name (source IMPORT). */
  importedFrom: string | null;
};

export type ListReportsFilter = {
  year?: number;
  status?: ReportStatus;
  organId?: string;
  /** every organ but this one (a government office's list of the organs below it) */
  notOrganId?: string;
  /** part of the organ's full or short name */
  q?: string;
  /** a page of the list (a province's reviewer reads thousands of reports) */
  skip?: number;
  take?: number;
};

function whereOf(user: Actor, filter: ListReportsFilter): Prisma.ReportWhereInput {
  const q = filter.q?.trim();
  return {
    AND: [
      reportScope(user),
      {
        ...(filter.year !== undefined ? { year: filter.year } : {}),
        ...(filter.status !== undefined ? { status: filter.status } : {}),
        ...(filter.organId !== undefined ? { organId: filter.organId } : {}),
      },
      filter.notOrganId !== undefined ? { organId: { not: filter.notOrganId } } : {},
      q ? { organ: { OR: [{ fullName: { contains: q } }, { shortName: { contains: q } }] } } : {},
    ],
  };
}

/** How many reports `listReports` would list without skip/take. */
export async function countReports(user: Actor, filter: ListReportsFilter = {}, db: Db = getDb()): Promise<number> {
  if (!can(user, "report:read")) return 0;
  return db.report.count({ where: whereOf(user, filter) });
}

/** Reports visible to `user`, newest year first, then by organ. Content is not loaded. */
export async function listReports(user: Actor, filter: ListReportsFilter = {}, db: Db = getDb()): Promise<ReportListItem[]> {
  if (!can(user, "report:read")) return [];
  const rows = await db.report.findMany({
    where: whereOf(user, filter),
    ...(filter.skip !== undefined ? { skip: filter.skip } : {}),
    ...(filter.take !== undefined ? { take: filter.take } : {}),
    orderBy: [{ year: "desc" }, { organ: { sortOrder: "asc" } }, { organ: { fullName: "asc" } }, { kind: "asc" }, { id: "asc" }],
    select: {
      id: true,
      organId: true,
      year: true,
      kind: true,
      status: true,
      version: true,
      updatedAt: true,
      source: true,
      importedFrom: true,
      organ: { select: { fullName: true, shortName: true, kind: true } },
      updatedBy: { select: { displayName: true, name: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    organId: r.organId,
    organName: r.organ.fullName,
    organShortName: r.organ.shortName,
    organKind: r.organ.kind,
    kind: r.kind,
    year: r.year,
    status: toReportStatus(r.status),
    version: r.version,
    updatedAt: r.updatedAt,
    updatedByName: r.updatedBy ? r.updatedBy.displayName || r.updatedBy.name : null,
    source: r.source === "IMPORT" ? "IMPORT" : "EDITOR",
    importedFrom: r.importedFrom,
  }));
}
