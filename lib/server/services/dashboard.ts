// The supervisor dashboard: every organ in the user's scope with its report for one year.
// Two queries (organs, reports with their open-comment counts), merged, filtered and sorted in memory;
// findings come from Report.errorCount / warningCount stored at save time, never validated here.
// No server-only: bench/dashboard.ts runs it under plain node.
import { REPORT_STATUSES, type ReportStatus } from "@/lib/report";
import { defaultReportYear } from "@/lib/labels";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope, reportScope } from "../scope";
import type { Actor } from "../types";

/** NONE = the organ has no report for the year (未创建). */
export type DashboardStatus = ReportStatus | "NONE";
export const DASHBOARD_STATUSES: readonly DashboardStatus[] = ["NONE", "DRAFT", "RETURNED", "SUBMITTED", "APPROVED", "PUBLISHED"];
export const NONE_LABEL = "未创建";

export const SORT_KEYS = ["organ", "kind", "status", "updated", "errors", "warnings", "comments", "deadline"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type SortDir = "asc" | "desc";

export type DashboardFilter = {
  year: number;
  /** empty/undefined = all */
  statuses?: DashboardStatus[];
  kind?: string;
  overdue?: boolean;
  sort?: SortKey;
  dir?: SortDir;
};

export type DashboardRow = {
  organId: string;
  organName: string;
  organShortName: string;
  kind: string;
  parentId: string | null;
  parentName: string | null;
  reportId: string | null;
  status: DashboardStatus;
  updatedAt: Date | null;
  publishedAt: Date | null;
  errorCount: number;
  warningCount: number;
  openComments: number;
  /** The last day on which the report may be published (China time). */
  deadline: { year: number; month: number; day: number };
  deadlineLabel: string;
  /** Not published by the end of the deadline day, and that day has passed. */
  overdue: boolean;
  /** Days until the deadline (0 = today), null once it has passed. */
  daysLeft: number | null;
};

export type Dashboard = {
  year: number;
  rows: DashboardRow[];
  /** Per status over the organs matching kind/overdue (not the status filter). */
  summary: Record<DashboardStatus, number>;
  /** Organs in scope (before any filter). */
  totalOrgans: number;
  overdueCount: number;
  /** Rows (after the filter) whose report is APPROVED or PUBLISHED: what the bulk export contains. */
  exportable: number;
};

// ---- deadlines -------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * 3600_000;

/** 1月31日 of the next year for townships and departments; 2月20日 for a county-level roll-up. */
export function deadlineOf(kind: string, year: number): { year: number; month: number; day: number } {
  return kind === "COUNTY" ? { year: year + 1, month: 2, day: 20 } : { year: year + 1, month: 1, day: 31 };
}

export function deadlineLabel(d: { year: number; month: number; day: number }): string {
  return `${d.year}年${d.month}月${d.day}日`;
}

/** First instant after the deadline day, China time (UTC+8, no DST). */
function deadlineEnd(d: { year: number; month: number; day: number }): number {
  return Date.UTC(d.year, d.month - 1, d.day + 1) - CHINA_OFFSET_MS;
}

/** Start of today in China time, as a UTC day number. */
function chinaDayNumber(t: number): number {
  return Math.floor((t + CHINA_OFFSET_MS) / 86_400_000);
}

// ---- URL parameters --------------------------------------------------------------------------

export type SearchParams = Record<string, string | string[] | undefined>;

function first(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}

/** The year whose reports are due now: last year until the end of the reporting season, then this one. */
export function defaultDashboardYear(now = new Date()): number {
  return defaultReportYear(now);
}

/** ?year=2024&status=DRAFT,NONE&kind=TOWNSHIP&overdue=1&sort=errors&dir=desc → filter (invalid parts ignored). */
export function parseDashboardParams(params: SearchParams, now = new Date()): DashboardFilter {
  const yearRaw = Number(first(params.year));
  const year = Number.isInteger(yearRaw) && yearRaw >= 2000 && yearRaw <= 2100 ? yearRaw : defaultDashboardYear(now);
  const statusRaw = [params.status].flat().flatMap((s) => (s ?? "").split(","));
  const statuses = DASHBOARD_STATUSES.filter((s) => statusRaw.includes(s));
  const kindRaw = first(params.kind);
  const kind = kindRaw && ["COUNTY", "TOWNSHIP", "DEPARTMENT"].includes(kindRaw) ? kindRaw : undefined;
  const sortRaw = first(params.sort);
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortKey) : undefined;
  const dir: SortDir | undefined = first(params.dir) === "desc" ? "desc" : first(params.dir) === "asc" ? "asc" : undefined;
  return {
    year,
    ...(statuses.length ? { statuses } : {}),
    ...(kind ? { kind } : {}),
    ...(first(params.overdue) === "1" ? { overdue: true } : {}),
    ...(sort ? { sort } : {}),
    ...(dir ? { dir } : {}),
  };
}

/** The filter as URL search params (only what differs from the defaults), e.g. for links and the export URL. */
export function dashboardQuery(f: DashboardFilter, overrides: Partial<DashboardFilter> = {}): string {
  const m = { ...f, ...overrides };
  const q = new URLSearchParams();
  q.set("year", String(m.year));
  if (m.statuses?.length) q.set("status", m.statuses.join(","));
  if (m.kind) q.set("kind", m.kind);
  if (m.overdue) q.set("overdue", "1");
  if (m.sort) q.set("sort", m.sort);
  if (m.dir) q.set("dir", m.dir);
  return q.toString();
}

// ---- the service -----------------------------------------------------------------------------

const STATUS_ORDER = new Map<DashboardStatus, number>(DASHBOARD_STATUSES.map((s, i) => [s, i]));
const KIND_ORDER: Record<string, number> = { COUNTY: 0, TOWNSHIP: 1, DEPARTMENT: 2 };

function emptySummary(): Record<DashboardStatus, number> {
  return Object.fromEntries(DASHBOARD_STATUSES.map((s) => [s, 0])) as Record<DashboardStatus, number>;
}

function toStatus(s: string): ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(s) ? (s as ReportStatus) : "DRAFT";
}

/**
 * The dashboard for `filter.year`: SUPERVISOR → their organ and every organ beneath it; ADMIN → all
 * organs; others → null (no permission).
 */
export async function getDashboard(
  user: Actor,
  filter: DashboardFilter,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<Dashboard | null> {
  if (!can(user, "dashboard:view")) return null;
  const { year } = filter;
  const [organs, reports] = await Promise.all([
    db.organ.findMany({
      where: organScope(user),
      select: { id: true, fullName: true, shortName: true, kind: true, parentId: true, sortOrder: true, parent: { select: { fullName: true } } },
    }),
    db.report.findMany({
      where: { AND: [reportScope(user), { year }] },
      select: {
        id: true,
        organId: true,
        status: true,
        updatedAt: true,
        publishedAt: true,
        errorCount: true,
        warningCount: true,
        _count: { select: { comments: { where: { resolved: false, parentId: null } } } },
      },
    }),
  ]);
  const byOrgan = new Map(reports.map((r) => [r.organId, r]));
  const nowMs = now.getTime();
  const today = chinaDayNumber(nowMs);

  // Tree order (county, then its townships and departments) is the default "organ" order.
  const sortedOrgans = [...organs].sort(
    (a, b) => a.sortOrder - b.sortOrder || a.fullName.localeCompare(b.fullName, "zh-CN"),
  );
  const ids = new Set(organs.map((o) => o.id));
  const children = new Map<string | null, typeof organs>();
  for (const o of sortedOrgans) {
    const key = o.parentId && ids.has(o.parentId) ? o.parentId : null;
    const list = children.get(key) ?? [];
    list.push(o);
    children.set(key, list);
  }
  const treeOrder = new Map<string, number>();
  const visit = (parent: string | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      treeOrder.set(o.id, treeOrder.size);
      if (depth < 8) visit(o.id, depth + 1);
    }
  };
  visit(null, 0);

  const all: DashboardRow[] = organs.map((o) => {
    const r = byOrgan.get(o.id);
    const status: DashboardStatus = r ? toStatus(r.status) : "NONE";
    const deadline = deadlineOf(o.kind, year);
    const end = deadlineEnd(deadline);
    const publishedOnTime = status === "PUBLISHED" && (r?.publishedAt ?? r?.updatedAt ?? now).getTime() < end;
    const passed = nowMs >= end;
    return {
      organId: o.id,
      organName: o.fullName,
      organShortName: o.shortName,
      kind: o.kind,
      parentId: o.parentId,
      parentName: o.parent?.fullName ?? null,
      reportId: r?.id ?? null,
      status,
      updatedAt: r?.updatedAt ?? null,
      publishedAt: r?.publishedAt ?? null,
      errorCount: r?.errorCount ?? 0,
      warningCount: r?.warningCount ?? 0,
      openComments: r?._count.comments ?? 0,
      deadline,
      deadlineLabel: deadlineLabel(deadline),
      overdue: passed && !publishedOnTime,
      daysLeft: passed ? null : chinaDayNumber(end - 1) - today,
    };
  });

  const byKindOverdue = all.filter((row) => (!filter.kind || row.kind === filter.kind) && (!filter.overdue || row.overdue));
  const summary = emptySummary();
  for (const row of byKindOverdue) summary[row.status]++;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const rows = statuses ? byKindOverdue.filter((row) => statuses.has(row.status)) : byKindOverdue;

  const sort = filter.sort ?? "organ";
  const sign = (filter.dir ?? (sort === "updated" ? "desc" : "asc")) === "desc" ? -1 : 1;
  const tree = (row: DashboardRow) => treeOrder.get(row.organId) ?? 0;
  const time = (d: Date | null) => (d ? d.getTime() : -Infinity);
  const key = (row: DashboardRow): number => {
    switch (sort) {
      case "kind":
        return KIND_ORDER[row.kind] ?? 9;
      case "status":
        return STATUS_ORDER.get(row.status) ?? 0;
      case "updated":
        return time(row.updatedAt);
      case "errors":
        return row.errorCount;
      case "warnings":
        return row.warningCount;
      case "comments":
        return row.openComments;
      case "deadline":
        return Date.UTC(row.deadline.year, row.deadline.month - 1, row.deadline.day);
      default:
        return tree(row);
    }
  };
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) return ka < kb ? -sign : sign;
    return tree(a) - tree(b);
  });

  return {
    year,
    rows,
    summary,
    totalOrgans: all.length,
    overdueCount: all.filter((row) => row.overdue).length,
    exportable: rows.filter((row) => row.status === "APPROVED" || row.status === "PUBLISHED").length,
  };
}
