// THE visibility rule for reports. Every report query in lib/server/services goes through
// reportScope(); never hand-write organ filters elsewhere.
//   CLERK       → reports of their own organ
//   SUPERVISOR  → reports of their organ and every organ below it (county → townships/departments)
//   ADMIN       → all reports
//   anything else / no organ → nothing
import type { Prisma } from "./db-core";
import type { Actor } from "./types";

/** How many levels below a supervisor's organ are covered (county → township is 1). */
export const MAX_ORGAN_DEPTH = 4;

const NOTHING = { id: { in: [] as string[] } };

/** Organs strictly below `organId`, up to MAX_ORGAN_DEPTH levels (Prisma has no recursive filter). */
function descendantsOf(organId: string): Prisma.OrganWhereInput {
  const levels: Prisma.OrganWhereInput[] = [];
  let parentFilter: Prisma.OrganWhereInput = { parentId: organId };
  for (let depth = 1; depth <= MAX_ORGAN_DEPTH; depth++) {
    levels.push(parentFilter);
    parentFilter = { parent: parentFilter };
  }
  return { OR: levels };
}

/** Organs whose reports `user` may see. */
export function organScope(user: Actor): Prisma.OrganWhereInput {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "SUPERVISOR":
      return user.organId ? { OR: [{ id: user.organId }, descendantsOf(user.organId)] } : NOTHING;
    case "CLERK":
      return user.organId ? { id: user.organId } : NOTHING;
    default:
      return NOTHING;
  }
}

/**
 * Where-clause restricting Report queries to what `user` may see. Combine with AND. As a relation
 * filter inside an OR write `{ report: { is: reportScope(user) } }`: Prisma 6 reads a bare empty
 * relation filter (the admin's `{}`) there as matching nothing.
 */
export function reportScope(user: Actor): Prisma.ReportWhereInput {
  switch (user.role) {
    case "ADMIN":
      return {};
    case "CLERK":
      return user.organId ? { organId: user.organId } : NOTHING;
    case "SUPERVISOR":
      return user.organId ? { organ: organScope(user) } : NOTHING;
    default:
      return NOTHING;
  }
}
