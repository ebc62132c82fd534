import "server-only";
import type { ReportStatus } from "@/lib/report";
import { getDb, type Db } from "../db-core";
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

export type ListReportsFilter = { year?: number; status?: ReportStatus; organId?: string };

/** Reports visible to `user`, newest year first, then by organ. Content is not loaded. */
export async function listReports(user: Actor, filter: ListReportsFilter = {}, db: Db = getDb()): Promise<ReportListItem[]> {
  if (!can(user, "report:read")) return [];
  const rows = await db.report.findMany({
    where: {
      AND: [
        reportScope(user),
        {
          ...(filter.year !== undefined ? { year: filter.year } : {}),
          ...(filter.status !== undefined ? { status: filter.status } : {}),
          ...(filter.organId !== undefined ? { organId: filter.organId } : {}),
        },
      ],
    },
    orderBy: [{ year: "desc" }, { organ: { sortOrder: "asc" } }, { organ: { fullName: "asc" } }, { kind: "asc" }],
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
