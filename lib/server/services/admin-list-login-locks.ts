import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";
import { listLoginLocks, type LoginLock } from "./login-limits";

/** The login locks in force (all, or those concerning one username), for the account pages. ADMIN only. */
export async function listLoginLocksForAdmin(user: Actor, filter: { username?: string } = {}, db: Db = getDb()): Promise<LoginLock[]> {
  if (!can(user, "admin:manage")) return [];
  return listLoginLocks(db, filter);
}
