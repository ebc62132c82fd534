import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";
import { checkOrganData } from "./admin-organ-checks";
import { FORBIDDEN, fieldErrorsOf, organInputSchema, type AdminResult, type OrganInput } from "./admin-schemas";
import { recordEvent } from "./audit";

/** Creates an organ (a county, or a township / department under a county). ADMIN only; audited. */
export async function createOrgan(user: Actor, input: OrganInput, db: Db = getDb()): Promise<AdminResult<{ organId: string }>> {
  if (!can(user, "admin:manage")) return FORBIDDEN;
  const parsed = organInputSchema.safeParse(input);
  if (!parsed.success) return { ok: false, code: "INVALID", ...fieldErrorsOf(parsed.error) };
  const data = parsed.data;
  const problem = await checkOrganData(db, data, null);
  if (problem) return problem;
  const organ = await db.$transaction(async (tx) => {
    const created = await tx.organ.create({ data, select: { id: true } });
    await recordEvent(tx, {
      actorId: user.id,
      action: "organ.create",
      detail: { organId: created.id, fullName: data.fullName, shortName: data.shortName, kind: data.kind, parentId: data.parentId },
    });
    return created;
  });
  return { ok: true, organId: organ.id };
}
