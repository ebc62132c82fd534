import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { userScope } from "../scope";
import type { Actor } from "../types";

export type AdminUserRow = {
  id: string;
  username: string;
  displayName: string;
  role: string;
  organId: string | null;
  organName: string | null;
  disabled: boolean;
  createdAt: Date;
  lastLoginAt: Date | null;
  activeSessions: number;
};

const SELECT = {
  id: true,
  username: true,
  displayName: true,
  name: true,
  role: true,
  organId: true,
  disabled: true,
  createdAt: true,
  organ: { select: { fullName: true } },
} as const;

type Row = {
  id: string;
  username: string | null;
  displayName: string;
  name: string;
  role: string;
  organId: string | null;
  disabled: boolean;
  createdAt: Date;
  organ: { fullName: string } | null;
};

function toRow(u: Row, lastLoginAt: Date | null, activeSessions: number): AdminUserRow {
  return {
    id: u.id,
    username: u.username ?? "",
    displayName: u.displayName || u.name,
    role: u.role,
    organId: u.organId,
    organName: u.organ?.fullName ?? null,
    disabled: u.disabled,
    createdAt: u.createdAt,
    lastLoginAt,
    activeSessions,
  };
}

export type AdminUserFilter = {
  /** part of the username, the name or the organ's name */
  q?: string;
  skip?: number;
  take?: number;
};

function usersWhere(user: Actor, filter: AdminUserFilter) {
  const q = filter.q?.trim();
  return {
    AND: [
      userScope(user),
      q
        ? {
            OR: [
              { username: { contains: q } },
              { name: { contains: q } },
              { displayName: { contains: q } },
              { organ: { is: { fullName: { contains: q } } } },
            ],
          }
        : {},
    ],
  };
}

/** How many accounts listUsersForAdmin lists without skip/take. ADMIN only. */
export async function countUsersForAdmin(user: Actor, filter: AdminUserFilter = {}, db: Db = getDb()): Promise<number> {
  if (!can(user, "admin:manage")) return 0;
  return db.user.count({ where: usersWhere(user, filter) });
}

/**
 * Accounts with organ, last login and open sessions (three queries, no per-row reads), a page at a time
 * when asked (a province has thousands). ADMIN only.
 */
export async function listUsersForAdmin(user: Actor, db: Db = getDb(), filter: AdminUserFilter = {}): Promise<AdminUserRow[]> {
  if (!can(user, "admin:manage")) return [];
  const now = new Date();
  const users = await db.user.findMany({
    where: usersWhere(user, filter),
    orderBy: [{ disabled: "asc" }, { role: "asc" }, { username: "asc" }],
    select: SELECT,
    ...(filter.skip !== undefined ? { skip: filter.skip } : {}),
    ...(filter.take !== undefined ? { take: filter.take } : {}),
  });
  const ids = users.map((u) => u.id);
  const [logins, sessions] = await Promise.all([
    db.reportEvent.groupBy({ by: ["actorId"], where: { action: "auth.login", actorId: { in: ids } }, _max: { createdAt: true } }),
    db.session.groupBy({ by: ["userId"], where: { expiresAt: { gt: now }, userId: { in: ids } }, _count: { _all: true } }),
  ]);
  const lastLogin = new Map(logins.map((l) => [l.actorId, l._max.createdAt ?? null]));
  const open = new Map(sessions.map((s) => [s.userId, s._count._all]));
  return users.map((u) => toRow(u, lastLogin.get(u.id) ?? null, open.get(u.id) ?? 0));
}

/** One account for the edit page, or null. ADMIN only. */
export async function getUserForAdmin(user: Actor, userId: string, db: Db = getDb()): Promise<AdminUserRow | null> {
  if (!can(user, "admin:manage")) return null;
  const u = await db.user.findFirst({ where: { AND: [{ id: userId }, userScope(user)] }, select: SELECT });
  if (!u) return null;
  const [login, sessions] = await Promise.all([
    db.reportEvent.findFirst({ where: { actorId: u.id, action: "auth.login" }, orderBy: { createdAt: "desc" }, select: { createdAt: true } }),
    db.session.count({ where: { userId: u.id, expiresAt: { gt: new Date() } } }),
  ]);
  return toRow(u, login?.createdAt ?? null, sessions);
}
