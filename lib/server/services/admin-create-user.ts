import "server-only";
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { getDb, isUniqueViolation, type Db } from "../db-core";
import { syntheticEmail } from "../auth-core";
import type { Actor } from "../types";
import { FORBIDDEN, fieldErrorsOf, invalid, ORGAN_REQUIRED, roleNeedsOrgan, USER_MESSAGES, userCreateSchema, type AdminResult, type UserCreateInput } from "./admin-schemas";
import { isRole } from "../permissions";
import { activeAdmin, checkUserOrgan } from "./admin-user-checks";
import { recordEvent } from "./audit";

/** Creates an account with a credential password (hashed like Better Auth does). ADMIN only; audited. */
export async function createUser(sessionUser: Actor, input: UserCreateInput, db: Db = getDb()): Promise<AdminResult<{ userId: string }>> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const parsed = userCreateSchema.safeParse(input);
  if (!parsed.success) {
    // every field named at once: a missing 所属机关 too, not only after the other fields are right
    const { fieldErrors } = fieldErrorsOf(parsed.error);
    if (!fieldErrors.organId && !fieldErrors.role && isRole(input.role) && roleNeedsOrgan(input.role) && !input.organId)
      fieldErrors.organId = ORGAN_REQUIRED;
    return invalid(fieldErrors);
  }
  const data = parsed.data;
  const organ = await checkUserOrgan(db, data.role, data.organId, user);
  if (!organ.ok) return organ;
  const taken = () => ({ ...invalid({ username: USER_MESSAGES.usernameTaken(data.username) }), code: "DUPLICATE" as const });
  const email = syntheticEmail(data.username);
  if (await db.user.findFirst({ where: { OR: [{ username: data.username }, { email }] }, select: { id: true } })) return taken();
  const hash = await hashPassword(data.password);
  const userId = randomUUID();
  try {
    await db.$transaction(async (tx) => {
      await tx.user.create({
        data: {
          id: userId,
          name: data.displayName,
          email,
          emailVerified: true,
          username: data.username,
          displayUsername: data.username,
          role: data.role,
          organId: data.organId,
          displayName: data.displayName,
        },
      });
      await tx.account.create({ data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: hash } });
      await recordEvent(tx, {
        actorId: user.id,
        action: "account.create",
        detail: { userId, username: data.username, displayName: data.displayName, role: data.role, organ: organ.organName },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) return taken();
    throw e;
  }
  return { ok: true, userId };
}
