import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { FORBIDDEN, fieldErrorsOf, resetPasswordSchema, type AdminResult } from "./admin-schemas";
import { userScope } from "../scope";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";
import { clearLoginFailures } from "./login-limits";

/**
 * Sets a new password and signs the user out everywhere (their sessions are deleted; an admin
 * resetting their own password keeps theirs). Also lifts a login lock. ADMIN only; audited.
 */
export async function resetPassword(
  sessionUser: Actor,
  userId: string,
  input: { password: string },
  db: Db = getDb(),
): Promise<AdminResult<{ sessionsRevoked: number }>> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const target = await db.user.findFirst({
    where: { AND: [{ id: userId }, userScope(user)] }, select: { id: true, username: true } });
  if (!target) return { ok: false, code: "NOT_FOUND", message: "找不到该账号。" };
  const parsed = resetPasswordSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", ...fieldErrorsOf(parsed.error) };
  const hash = await hashPassword(parsed.data.password);
  const revoked = await db.$transaction(async (tx) => {
    const updated = await tx.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
    if (updated.count === 0) {
      await tx.account.create({ data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash } });
    }
    const { count } = userId === user.id ? { count: 0 } : await tx.session.deleteMany({ where: { userId } });
    // the new password lifts any login lock of the username (lib/server/services/login-limits.ts)
    if (target.username) await clearLoginFailures(tx, { username: target.username });
    await recordEvent(tx, {
      actorId: user.id,
      action: "account.password_reset",
      detail: { userId, username: target.username ?? "", sessionsRevoked: count },
    });
    return count;
  });
  return { ok: true, sessionsRevoked: revoked };
}
