import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { FORBIDDEN, type AdminResult } from "./admin-schemas";
import { activeAdmin, adminSeesAll, usernamesInScope } from "./admin-user-checks";
import { recordEvent } from "./audit";
import { clearLoginFailures, normalizeUsername, toAddressKey } from "./login-limits";

export type ClearLoginLockTarget = { username: string } | { ip: string };

/**
 * Lifts login locks (lib/server/services/login-limits.ts): of a username, from every address (its
 * failed logins stop counting), or of an address, for every username. ADMIN only; audited.
 */
export async function clearLoginLock(
  sessionUser: Actor,
  target: ClearLoginLockTarget,
  db: Db = getDb(),
): Promise<AdminResult<{ cleared: number }>> {
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const key = "username" in target ? normalizeUsername(target.username) : toAddressKey(target.ip);
  if (!key) return { ok: false, code: "INVALID", message: "username" in target ? "请指定用户名。" : "网络地址格式不正确。" };
  // a county's admin lifts the locks of its own accounts only (an address lock concerns every account)
  if (!(await adminSeesAll(user, db))) {
    if (!("username" in target)) return { ok: false, code: "FORBIDDEN", message: "只有全辖区的管理员可以解除网络地址的锁定。" };
    if (!(await usernamesInScope(user, [key], db)).has(key)) return { ok: false, code: "FORBIDDEN", message: "该账号不在您的管理范围内。" };
  }
  const cleared = await db.$transaction(async (tx) => {
    const count = await clearLoginFailures(tx, "username" in target ? { username: key } : { ip: key });
    await recordEvent(tx, {
      actorId: user.id,
      action: "account.unlock",
      detail: "username" in target ? { username: key, scope: "username", cleared: count } : { ip: key, scope: "address", cleared: count },
    });
    return count;
  });
  return { ok: true, cleared };
}
