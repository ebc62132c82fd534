// The signed-in user's row as the app sees it (lib/server/session.ts), read fresh on every request: role,
// organ and `disabled` may have changed since the session was created. No server-only: integration tests
// call it with their own database client.
import type { Db } from "../db-core";
import { isRole } from "../permissions";
import type { SessionUser } from "../types";

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
  const rows = await db.$queryRaw<Row[]>`
    SELECT u."id", u."username", u."displayName", u."name", u."role", u."organId", u."disabled",
      o."fullName" AS "organFullName", o."shortName" AS "organShortName", o."kind" AS "organKind"
    FROM "User" u LEFT JOIN "Organ" o ON o."id" = u."organId"
    WHERE u."id" = ${id}`;
  const user = rows[0];
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
