// The signed-in user's row as the app sees it (lib/server/session.ts), read fresh on every request: role,
// organ and `disabled` may have changed since the session was created. No server-only: integration tests
// call it with their own database client.
import type { Db } from "../db-core";
import { sessionRefreshDue, signedSessionToken } from "../session-cookie";
import { isRole } from "../permissions";
import type { SessionUser } from "../types";
import { sql } from "../sql";

type Row = {
  id: string;
  username: string | null;
  displayName: string;
  name: string;
  role: string;
  organId: string | null;
  disabled: boolean | number | bigint;
  organFullName: string | null;
  organShortName: string | null;
  organKind: string | null;
};

/**
 * The user `id` as a SessionUser; null when unknown, disabled or of an unknown role. One plain SQL statement
 * (user and organ): it runs on every request, autosaves included, where a Prisma model query costs ~2-3 ms
 * of CPU and this ~0.5 ms (bench:load, README "Deployment").
 */
export async function loadSessionUser(db: Db, id: string): Promise<SessionUser | null> {
  const rows = await sql(db)<Row>`
    SELECT u."id", u."username", u."displayName", u."name", u."role", u."organId", u."disabled",
      o."fullName" AS "organFullName", o."shortName" AS "organShortName", o."kind" AS "organKind"
    FROM "User" u LEFT JOIN "Organ" o ON o."id" = u."organId"
    WHERE u."id" = ${id}`;
  return toSessionUser(rows[0]);
}

/**
 * The session with token `token` and its user, in one plain SQL statement (lib/server/session.ts reads the
 * session cookie itself, lib/server/session-cookie.ts). `expiresAt` is the session's, for the caller to
 * check; `user` is null when the account is unknown, disabled or of an unknown role.
 */
export async function loadSessionByToken(db: Db, token: string): Promise<{ expiresAt: Date; user: SessionUser | null } | null> {
  const rows = await sql(db)<Row & { expiresAt: Date | string | number }>`
    SELECT s."expiresAt", u."id", u."username", u."displayName", u."name", u."role", u."organId", u."disabled",
      o."fullName" AS "organFullName", o."shortName" AS "organShortName", o."kind" AS "organKind"
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" LEFT JOIN "Organ" o ON o."id" = u."organId"
    WHERE s."token" = ${token}`;
  const row = rows[0];
  if (!row) return null;
  return { expiresAt: new Date(row.expiresAt), user: toSessionUser(row) };
}

function toSessionUser(user: Row | undefined): SessionUser | null {
  // SQLite answers a Boolean column as 0/1, PostgreSQL as true/false
  if (!user || Number(user.disabled) !== 0 || !isRole(user.role)) return null;
  return {
    id: user.id,
    username: user.username ?? "",
    displayName: user.displayName || user.name,
    role: user.role,
    organId: user.organId,
    organName: user.organFullName ?? "",
    organShortName: user.organShortName ?? "",
    organKind: user.organKind ?? "",
  };
}

/**
 * The signed-in user of a request, or null (no/expired session, disabled account, unknown role). The
 * session cookie is checked here and the session, user and organ read in one SQL statement
 * (lib/server/session-cookie.ts); a session that is due to be extended, or has expired, goes through
 * Better Auth's getSession (`betterAuthSession`) as before, which extends or deletes it. Role, organ and
 * `disabled` are read fresh on every request; a deleted session (sign-out, password reset, disabled
 * account) is refused at once.
 */
export async function resolveSessionUser(
  db: Db,
  headers: Headers,
  secret: string,
  betterAuthSession: (headers: Headers) => Promise<{ user: { id: string } } | null>,
): Promise<SessionUser | null> {
  const token = signedSessionToken(headers.get("cookie"), secret);
  if (!token) return null;
  const found = await loadSessionByToken(db, token);
  if (!found) return null;
  const now = new Date();
  if (found.expiresAt > now && !sessionRefreshDue(found.expiresAt, now)) return found.user;
  const session = await betterAuthSession(headers);
  return session ? loadSessionUser(db, session.user.id) : null;
}
