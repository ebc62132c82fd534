// The supervisor dashboard: every organ in the user's scope with its report for one year.
// Two queries (organs, reports with their open-comment counts), merged, filtered and sorted in memory;
// findings come from Report.errorCount / warningCount stored at save time, never validated here.
// No server-only: bench/dashboard.ts runs it under plain node.
import {
  dayLabel,
  deadlineKeyOf,
  deadlineSummary,
  isOrganKind,
  ORGAN_KINDS,
  REPORT_STATUSES,
  reportKindLabel,
  reportKindsOf,
  type Day,
  type ReportKind,
  type ReportStatus,
} from "@/lib/report";
import { defaultReportYear } from "@/lib/labels";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope, reportScope } from "../scope";
import type { Actor } from "../types";
import { deadlineResolver } from "./deadlines";
import { staleRollupReports } from "./rollup-current";
import { pageOf } from "@/lib/paging";

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
  /** an organ kind (lib/report/organ-levels.ts ORGAN_KINDS) */
  kind?: string;
  overdue?: boolean;
  /** part of the organ's name or its parent's (a province's reviewer looks for one organ among thousands) */
  q?: string;
  sort?: SortKey;
  dir?: SortDir;
  /** 1-based page of DASHBOARD_PAGE_SIZE rows */
  page?: number;
};

/** Rows per page: a province has ~7,000 organs. */
export const DASHBOARD_PAGE_SIZE = 200;

export type DashboardRow = {
  /** organId:reportKind — a government has two rows (本级 and 汇总) */
  key: string;
  organId: string;
  /** ORGAN (own / 本级) | ROLLUP (汇总) */
  reportKind: ReportKind;
  reportKindLabel: string;
  /** 0 = top of the user's tree */
  depth: number;
  organName: string;
  organShortName: string;
  kind: string;
  parentId: string | null;
  parentName: string | null;
  reportId: string | null;
  status: DashboardStatus;
  /** A file imported as the year's report (an archive): shown as 已导入, not by its stored status. */
  imported: boolean;
  updatedAt: Date | null;
  publishedAt: Date | null;
  errorCount: number;
  warningCount: number;
  openComments: number;
  /**
   * A 汇总 report gone up (submitted, approved, published) whose figures are no longer its subordinates'
   * (one was returned or approved again since): how many fields differ, or the roll-up's refusal. Set on
   * the page's rows only (getDashboard).
   */
  rollupStale?: { stale: number } | { message: string };
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
  /** The deadlines of the organs in scope in words (an admin's settings included): lib/report deadlineSummary. */
  deadlineText: string;
  overdueCount: number;
  /** Rows (after the filter) whose report is APPROVED or PUBLISHED: what the bulk export contains. */
  exportable: number;
  /** Rows after the filter (all pages). */
  matching: number;
  page: number;
  pageCount: number;
};

// ---- deadlines -------------------------------------------------------------------------------

const CHINA_OFFSET_MS = 8 * 3600_000;

export const deadlineLabel = dayLabel;

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
  const kind = kindRaw && isOrganKind(kindRaw) ? kindRaw : undefined;
  const pageRaw = Number(first(params.page));
  const page = Number.isInteger(pageRaw) && pageRaw > 1 ? pageRaw : undefined;
  const sortRaw = first(params.sort);
  const sort = (SORT_KEYS as readonly string[]).includes(sortRaw ?? "") ? (sortRaw as SortKey) : undefined;
  const dir: SortDir | undefined = first(params.dir) === "desc" ? "desc" : first(params.dir) === "asc" ? "asc" : undefined;
  const q = (first(params.q) ?? "").trim().slice(0, 50);
  return {
    ...(q ? { q } : {}),
    year,
    ...(statuses.length ? { statuses } : {}),
    ...(kind ? { kind } : {}),
    ...(first(params.overdue) === "1" ? { overdue: true } : {}),
    ...(sort ? { sort } : {}),
    ...(dir ? { dir } : {}),
    ...(page ? { page } : {}),
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
  if (m.q) q.set("q", m.q);
  if (m.sort) q.set("sort", m.sort);
  if (m.dir) q.set("dir", m.dir);
  if (m.page && m.page > 1) q.set("page", String(m.page));
  return q.toString();
}

// ---- the service -----------------------------------------------------------------------------

const STATUS_ORDER = new Map<DashboardStatus, number>(DASHBOARD_STATUSES.map((s, i) => [s, i]));
const KIND_ORDER: Record<string, number> = Object.fromEntries(ORGAN_KINDS.map((k, i) => [k, i]));

function emptySummary(): Record<DashboardStatus, number> {
  return Object.fromEntries(DASHBOARD_STATUSES.map((s) => [s, 0])) as Record<DashboardStatus, number>;
}

function toStatus(s: string): ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(s) ? (s as ReportStatus) : "DRAFT";
}

/**
 * The dashboard for `filter.year`: SUPERVISOR → their government and every organ beneath it, at any
 * depth; ADMIN → their organ's subtree; others → null (no permission). One row per report an organ
 * owes: its own report, and for a government also its 汇总 report. Deactivated organs appear only for
 * years in which they have a report.
 */
export async function getDashboard(
  user: Actor,
  filter: DashboardFilter,
  db: Db = getDb(),
  now: Date = new Date(),
): Promise<Dashboard | null> {
  const d = await computeDashboard(user, filter, db, now);
  if (!d) return null;
  const { page, pages: pageCount, skip } = pageOf(filter.page, d.rows.length, DASHBOARD_PAGE_SIZE);
  const rows = d.rows.slice(skip, skip + DASHBOARD_PAGE_SIZE);
  const stale = await staleRollups(user, rows, db);
  return {
    ...d,
    rows: stale.size ? rows.map((r) => (r.reportId && stale.has(r.reportId) ? { ...r, rollupStale: stale.get(r.reportId)! } : r)) : rows,
    matching: d.rows.length,
    page,
    pageCount,
  };
}

/** The page's 汇总 reports gone up (submitted, approved, published) with figures no longer current. */
function staleRollups(user: Actor, rows: readonly DashboardRow[], db: Db) {
  return staleRollupReports(
    user,
    rows
      .filter((r) => r.reportKind === "ROLLUP" && r.reportId && !r.imported && (r.status === "SUBMITTED" || r.status === "APPROVED" || r.status === "PUBLISHED"))
      .map((r) => r.reportId!),
    db,
  );
}

/** Every matching row, all pages (the bulk PDF export and the XLSX/CSV of the dashboard). */
export async function getDashboardRows(user: Actor, filter: DashboardFilter, db: Db = getDb(), now: Date = new Date()) {
  return computeDashboard(user, filter, db, now);
}

async function computeDashboard(
  user: Actor,
  filter: DashboardFilter,
  db: Db,
  now: Date,
): Promise<Omit<Dashboard, "matching" | "page" | "pageCount"> | null> {
  if (!can(user, "dashboard:view")) return null;
  const { year } = filter;
  const [organs, reports, deadline] = await Promise.all([
    db.organ.findMany({
      where: { AND: [organScope(user), { OR: [{ active: true }, { reports: { some: { year } } }] }] },
      select: { id: true, fullName: true, shortName: true, kind: true, parentId: true, sortOrder: true, parent: { select: { fullName: true } } },
    }),
    db.report.findMany({
      where: { AND: [reportScope(user), { year }] },
      select: {
        id: true,
        organId: true,
        kind: true,
        status: true,
        source: true,
        updatedAt: true,
        publishedAt: true,
        errorCount: true,
        warningCount: true,
        _count: { select: { comments: { where: { resolved: false, parentId: null } } } },
      },
    }),
    deadlineResolver(db, year),
  ]);
  const byOrgan = new Map(reports.map((r) => [`${r.organId}:${r.kind}`, r]));
  const nowMs = now.getTime();
  const today = chinaDayNumber(nowMs);

  // Tree order (a government, then its departments, townships and lower governments) is the default order.
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
  const depthOf = new Map<string, number>();
  const visit = (parent: string | null, depth: number) => {
    for (const o of children.get(parent) ?? []) {
      treeOrder.set(o.id, treeOrder.size);
      depthOf.set(o.id, depth);
      visit(o.id, depth + 1);
    }
  };
  visit(null, 0);

  const all: DashboardRow[] = organs.flatMap((o) =>
    reportKindsOf(o.kind).map((reportKind): DashboardRow => {
      const r = byOrgan.get(`${o.id}:${reportKind}`);
      const status: DashboardStatus = r ? toStatus(r.status) : "NONE";
      const due: Day = deadline(o, reportKind);
      const end = deadlineEnd(due);
      const publishedOnTime = status === "PUBLISHED" && (r?.publishedAt ?? r?.updatedAt ?? now).getTime() < end;
      const passed = nowMs >= end;
      return {
        key: `${o.id}:${reportKind}`,
        organId: o.id,
        reportKind,
        reportKindLabel: reportKindLabel(o.kind, reportKind),
        depth: depthOf.get(o.id) ?? 0,
        organName: o.fullName,
        organShortName: o.shortName,
        kind: o.kind,
        parentId: o.parentId,
        parentName: o.parent?.fullName ?? null,
        reportId: r?.id ?? null,
        status,
        imported: r?.source === "IMPORT",
        updatedAt: r?.updatedAt ?? null,
        publishedAt: r?.publishedAt ?? null,
        errorCount: r?.errorCount ?? 0,
        warningCount: r?.warningCount ?? 0,
        openComments: r?._count.comments ?? 0,
        deadline: due,
        deadlineLabel: deadlineLabel(due),
        overdue: passed && !publishedOnTime,
        daysLeft: passed ? null : chinaDayNumber(end - 1) - today,
      };
    }),
  );

  const name = filter.q;
  const byKindOverdue = all.filter(
    (row) =>
      (!filter.kind || row.kind === filter.kind) &&
      (!filter.overdue || row.overdue) &&
      (!name || row.organName.includes(name) || row.organShortName.includes(name) || !!row.parentName?.includes(name)),
  );
  const summary = emptySummary();
  for (const row of byKindOverdue) summary[row.status]++;
  const statuses = filter.statuses?.length ? new Set(filter.statuses) : null;
  const rows = statuses ? byKindOverdue.filter((row) => statuses.has(row.status)) : byKindOverdue;

  const sort = filter.sort ?? "organ";
  const sign = (filter.dir ?? (sort === "updated" ? "desc" : "asc")) === "desc" ? -1 : 1;
  const tree = (row: DashboardRow) => (treeOrder.get(row.organId) ?? 0) * 2 + (row.reportKind === "ROLLUP" ? 1 : 0);
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
    totalOrgans: organs.length,
    deadlineText: deadlineSummary(all.map((row) => ({ key: deadlineKeyOf(row.kind, row.reportKind), day: row.deadline }))),
    overdueCount: all.filter((row) => row.overdue).length,
    exportable: rows.filter((row) => row.status === "APPROVED" || row.status === "PUBLISHED").length,
  };
}
