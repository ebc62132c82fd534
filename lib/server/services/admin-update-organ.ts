import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { checkOrganData } from "./admin-organ-checks";
import { FORBIDDEN, fieldErrorsOf, invalid, organInputSchema, type AdminResult, type OrganInput } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";

/** Edits an organ's names, kind, parent and order. ADMIN only; audited with the changed fields. */
export async function updateOrgan(sessionUser: Actor, organId: string, input: OrganInput, db: Db = getDb()): Promise<AdminResult> {
  // Re-read: a disabled or demoted account (old session) has no administrative power.
  const user = await activeAdmin(sessionUser, db);
  if (!user) return FORBIDDEN;
  const current = await db.organ.findUnique({
    where: { id: organId },
    select: { id: true, fullName: true, shortName: true, kind: true, parentId: true, sortOrder: true, _count: { select: { children: true } } },
  });
  if (!current) return { ok: false, code: "NOT_FOUND", message: "找不到该机关。" };
  const parsed = organInputSchema.safeParse(input);
  const kindError =
    input.kind !== "COUNTY" && current._count.children > 0 ? { kind: "该机关下还有下级机关，只能是县级政府" } : null;
  if (!parsed.success) return invalid({ ...fieldErrorsOf(parsed.error).fieldErrors, ...kindError });
  if (kindError) return invalid(kindError);
  const data = parsed.data;
  const problem = await checkOrganData(db, data, organId);
  if (problem) return problem;
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ["fullName", "shortName", "kind", "parentId", "sortOrder"] as const) {
    if (current[key] !== data[key]) changes[key] = { from: current[key], to: data[key] };
  }
  if (Object.keys(changes).length === 0) return { ok: true };
  await db.$transaction(async (tx) => {
    await tx.organ.update({ where: { id: organId }, data });
    await recordEvent(tx, { actorId: user.id, action: "organ.update", detail: { organId, fullName: data.fullName, changes } });
  });
  return { ok: true };
}
