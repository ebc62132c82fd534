import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { FORBIDDEN, fieldErrorsOf, invalid, userUpdateSchema, type AdminResult, type UserUpdateInput } from "./admin-schemas";
import { userScope } from "../scope";
import { activeAdmin, checkUserOrgan } from "./admin-user-checks";
import { recordEvent } from "./audit";

/**
 * Changes an account's display name, role and organ. ADMIN only; audited with the changes. An admin
 * cannot change their own role (no accidental lock-out). Takes effect on the user's next request
 * (getCurrentUser re-reads the row).
 */
export async function updateUser(sessionUser: Actor, userId: string, input: UserUpdateInput, db: Db = getDb()): Promise<AdminResult> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const current = await db.user.findFirst({
    where: { AND: [{ id: userId }, userScope(user)] },
    select: { id: true, username: true, displayName: true, role: true, organId: true },
  });
  if (!current) return { ok: false, code: "NOT_FOUND", message: "找不到该账号。" };
  const parsed = userUpdateSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", ...fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  if (userId === user.id && data.role !== current.role) return invalid({ role: "不能修改自己的角色" });
  const organ = await checkUserOrgan(db, data.role, data.organId, user, current.organId);
  if (!organ.ok) return organ;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["displayName", "role", "organId"] as const) {
    if (current[key] !== data[key]) changes[key] = { from: current[key], to: data[key] };
  }
  if (Object.keys(changes).length === 0) return { ok: true };
  await db.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: userId },
      data: { displayName: data.displayName, name: data.displayName, role: data.role, organId: data.organId },
    });
    await recordEvent(tx, {
      actorId: user.id,
      action: "account.update",
      detail: { userId, username: current.username ?? "", organ: organ.organName, changes },
    });
  });
  return { ok: true };
}
