// The audit log: ReportEvent rows (reportId null for login/logout and account changes).
// No server-only: lib/server/auth-core.ts (used by scripts and tests too) records logins through it.
import { getDb, type Db, type DbTx, type Prisma } from "../db-core";
import { pageOf } from "@/lib/paging";
import { can } from "../permissions";
import { reportScope, userScope } from "../scope";
import { adminSeesAll } from "./admin-user-checks";
import type { Actor } from "../types";
import { ACTION_LABELS, actionLabel, describeDetail, organIdsIn, type DetailEntry } from "./audit-labels";
import { normalizeUsername } from "./login-limits";

export { ACTION_LABELS, DETAIL_LABELS, actionLabel } from "./audit-labels";

export type AuditEventInput = {
  actorId: string | null;
  action: string;
  reportId?: string | null;
  detail?: Record<string, unknown>;
};

/** Appends one event. Details are kept small and never contain passwords or report content. */
export async function recordEvent(db: Db | DbTx, e: AuditEventInput): Promise<void> {
  await db.reportEvent.create({
    data: {
      actorId: e.actorId,
      action: e.action,
      reportId: e.reportId ?? null,
      detail: JSON.stringify(e.detail ?? {}),
    },
  });
}

// ---- sign-in attempts (the limits themselves: login-limits.ts) --------------------------------

/** Records a sign-in attempt: auth.login (actor = the user) or auth.login_failed (the username tried, no password). */
export async function recordLoginAttempt(
  db: Db,
  a: { username: string; ok: boolean; userId?: string | null; reason?: string; ip?: string | null },
): Promise<void> {
  const name = normalizeUsername(a.username);
  let actorId = a.userId ?? null;
  if (!actorId && name) {
    actorId = (await db.user.findUnique({ where: { username: name }, select: { id: true } }))?.id ?? null;
  }
  const detail: Record<string, unknown> = { username: name };
  if (a.reason) detail.reason = a.reason;
  if (a.ip) detail.ip = a.ip;
  await recordEvent(db, { actorId, action: a.ok ? "auth.login" : "auth.login_failed", detail });
}

// ---- the audit page --------------------------------------------------------------------------

export const AUDIT_PAGE_SIZE = 50;

export type AuditFilter = {
  action?: string;
  actorId?: string;
  organId?: string;
  /** part of the actor's username or name (a province's user list is too long for a select) */
  actorName?: string;
  /** part of an organ's full name: the report's organ or the actor's */
  organName?: string;
  /** YYYY-MM-DD (China time), inclusive */
  from?: string;
  to?: string;
  page?: number;
};

export type AuditEventRow = {
  id: string;
  createdAt: Date;
  action: string;
  actionLabel: string;
  actor: { id: string; name: string; username: string } | null;
  report: { id: string; organName: string; year: number } | null;
  detail: Record<string, unknown>;
  /** The detail in words (Chinese labels for every code, organ ids as names). */
  details: DetailEntry[];
};

export type AuditPage = { events: AuditEventRow[]; total: number; page: number; pageCount: number; pageSize: number };

const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Start of a China-time day (UTC+8, no DST) as a Date, or null if not YYYY-MM-DD. */
export function chinaDayStart(day: string | undefined): Date | null {
  const m = day ? DAY_RE.exec(day) : null;
  if (!m) return null;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) - 8 * 3600_000;
  return Number.isFinite(t) ? new Date(t) : null;
}

/**
 * An event's detail as described. A comment reply named the comment it answers `parentId` until
 * 2026-12 — the organ tree's word (上级机关), which read as 「已删除的机关」: it is `replyTo` now.
 */
function readDetail(action: string, json: string): Record<string, unknown> {
  const detail = parseDetail(json);
  if (!action.startsWith("comment.") || !("parentId" in detail)) return detail;
  const { parentId, ...rest } = detail;
  return { ...rest, replyTo: parentId };
}

function parseDetail(json: string): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
  } catch {
    return { value: json };
  }
}

/** Events newest first, filtered and paginated. ADMIN only (audit:read); others get an empty page. */
export async function listAuditEvents(user: Actor, filter: AuditFilter = {}, db: Db = getDb()): Promise<AuditPage> {
  if (!can(user, "audit:read")) return { events: [], total: 0, page: 1, pageCount: 0, pageSize: AUDIT_PAGE_SIZE };
  const and: Prisma.ReportEventWhereInput[] = [
    // Events on reports only within the reader's report scope (admin: all). `is:` matters: a bare
    // relation filter that is empty (the admin's scope is {}) matches NOTHING inside an OR in Prisma 6,
    // which hid every report event from the admin.
    //
    // Events on no report: a county's admin sees those of its own accounts; those without an actor
    // (failed logins of any username, locks) and of accounts elsewhere are the top admin's alone.
    (await adminSeesAll(user, db))
      ? { OR: [{ reportId: null }, { report: { is: reportScope(user) } }] }
      : { OR: [{ reportId: null, actor: { is: userScope(user) } }, { report: { is: reportScope(user) } }] },
  ];
  if (filter.action) and.push({ action: filter.action });
  if (filter.actorId) and.push({ actorId: filter.actorId });
  if (filter.organId) and.push({ OR: [{ report: { organId: filter.organId } }, { actor: { organId: filter.organId } }] });
  const actorName = filter.actorName?.trim();
  if (actorName) {
    and.push({ actor: { is: { OR: [{ username: { contains: actorName } }, { name: { contains: actorName } }, { displayName: { contains: actorName } }] } } });
  }
  const organName = filter.organName?.trim();
  if (organName) {
    and.push({
      OR: [
        { report: { is: { organ: { is: { fullName: { contains: organName } } } } } },
        { actor: { is: { organ: { is: { fullName: { contains: organName } } } } } },
      ],
    });
  }
  const from = chinaDayStart(filter.from);
  const toStart = chinaDayStart(filter.to);
  if (from) and.push({ createdAt: { gte: from } });
  if (toStart) and.push({ createdAt: { lt: new Date(toStart.getTime() + 24 * 3600_000) } });
  const where: Prisma.ReportEventWhereInput = { AND: and };
  // counted first: a page past the end (?page=999) shows the last page (lib/paging.ts)
  const total = await db.reportEvent.count({ where });
  const { page, pages, skip } = pageOf(filter.page, total, AUDIT_PAGE_SIZE);
  const rows = await db.reportEvent.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip,
    take: AUDIT_PAGE_SIZE,
    select: {
      id: true,
      createdAt: true,
      action: true,
      detail: true,
      actor: { select: { id: true, displayName: true, name: true, username: true } },
      report: { select: { id: true, year: true, organ: { select: { fullName: true } } } },
    },
  });
  const parsed = rows.map((r) => ({ row: r, detail: readDetail(r.action, r.detail) }));
  const organIds = [...new Set(parsed.flatMap((p) => organIdsIn(p.detail)))];
  const organs = new Map(
    organIds.length
      ? (await db.organ.findMany({ where: { id: { in: organIds } }, select: { id: true, fullName: true } })).map((o) => [o.id, o.fullName])
      : [],
  );
  return {
    total,
    page,
    pageSize: AUDIT_PAGE_SIZE,
    pageCount: pages,
    events: parsed.map(({ row: r, detail }) => ({
      id: r.id,
      createdAt: r.createdAt,
      action: r.action,
      actionLabel: actionLabel(r.action),
      actor: r.actor
        ? { id: r.actor.id, name: r.actor.displayName || r.actor.name, username: r.actor.username ?? "" }
        : null,
      report: r.report ? { id: r.report.id, organName: r.report.organ.fullName, year: r.report.year } : null,
      detail,
      details: describeDetail(detail, organs),
    })),
  };
}

/** Distinct actions present in the log (for the filter), known ones first in label order. */
export async function listAuditActions(user: Actor, db: Db = getDb()): Promise<{ action: string; label: string }[]> {
  if (!can(user, "audit:read")) return [];
  const rows = await db.reportEvent.groupBy({ by: ["action"] });
  const present = new Set(rows.map((r) => r.action));
  const known = Object.keys(ACTION_LABELS);
  const all = [...known, ...[...present].filter((a) => !(a in ACTION_LABELS)).sort()];
  return all.map((action) => ({ action, label: actionLabel(action) }));
}
