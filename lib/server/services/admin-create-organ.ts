import "server-only";
import { getDb, type Db } from "../db-core";
import { createOrganRow } from "../organ-tree";
import type { Actor } from "../types";
import { checkOrganData } from "./admin-organ-checks";
import { FORBIDDEN, fieldErrorsOf, organInputSchema, type AdminResult, type OrganInput } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";

/** Creates an organ at any level of the tree, within the admin's subtree. ADMIN only; audited. */
export async function createOrgan(sessionUser: Actor, input: OrganInput, db: Db = getDb()): Promise<AdminResult<{ organId: string }>> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const parsed = organInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", ...fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  const problem = await checkOrganData(db, data, null, user);
  if (problem) return problem;
  const organ = await db.$transaction(async (tx) => {
    const created = await createOrganRow(tx, data);
    await recordEvent(tx, {
      actorId: user.id,
      action: "organ.create",
      detail: { organId: created.id, fullName: data.fullName, shortName: data.shortName, kind: data.kind, parentId: data.parentId },
    });
    return created;
  });
  return { ok: true, organId: organ.id };
}
