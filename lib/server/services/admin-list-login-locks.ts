import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";
import { adminSeesAll, usernamesInScope } from "./admin-user-checks";
import { listLoginLocks, type LoginLock } from "./login-limits";

/**
 * The login locks in force (all, or those concerning one username), for the account pages. ADMIN only.
 * A county's admin sees the locks of its own accounts only: not of other usernames, nor of addresses.
 */
export async function listLoginLocksForAdmin(user: Actor, filter: { username?: string } = {}, db: Db = getDb()): Promise<LoginLock[]> {
  if (!can(user, "admin:manage")) return [];
  const locks = await listLoginLocks(db, filter);
  if (await adminSeesAll(user, db)) return locks;
  const own = await usernamesInScope(user, [...new Set(locks.flatMap((l) => (l.username ? [l.username] : [])))], db);
  return locks.filter((l) => l.username !== null && own.has(l.username));
}
