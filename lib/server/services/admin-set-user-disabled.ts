import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { FORBIDDEN, type AdminResult } from "./admin-schemas";
import { userScope } from "../scope";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";
import { clearLoginFailures } from "./login-limits";

/**
 * Disables (or re-enables) an account. Disabling deletes the user's sessions, so an open browser is
 * signed out on its next request (getCurrentUser also refuses disabled users, and sign-in refuses
 * them). An admin cannot disable themselves. ADMIN only; audited.
 */
export async function setUserDisabled(
  sessionUser: Actor,
  userId: string,
  disabled: boolean,
  db: Db = getDb(),
): Promise<AdminResult<{ sessionsRevoked: number }>> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  if (disabled && userId === user.id) return { ok: false, code: "CONFLICT", message: "不能停用自己的账号。" };
  const target = await db.user.findFirst({
    where: { AND: [{ id: userId }, userScope(user)] }, select: { id: true, username: true, disabled: true } });
  if (!target) return { ok: false, code: "NOT_FOUND", message: "找不到该账号。" };
  const revoked = await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { disabled } });
    const { count } = disabled ? await tx.session.deleteMany({ where: { userId } }) : { count: 0 };
    // re-enabling starts afresh: earlier failed logins no longer lock the username
    if (!disabled && target.username) await clearLoginFailures(tx, { username: target.username });
    if (target.disabled !== disabled || count > 0) {
      await recordEvent(tx, {
        actorId: user.id,
        action: disabled ? "account.disable" : "account.enable",
        detail: { userId, username: target.username ?? "", ...(disabled ? { sessionsRevoked: count } : {}) },
      });
    }
    return count;
  });
  return { ok: true, sessionsRevoked: revoked };
}
