// THE visibility rule for reports and organs. Every report query in lib/server/services goes through
// reportScope(); never hand-write organ filters elsewhere. The organ tree may be of any depth; a
// subtree is one indexed join on the closure table (OrganClosure, maintained by lib/server/organ-tree.ts).
//
//                read                                   edit (save, create)   review (return/approve/publish)
//   CLERK        own organ; approved or published       own organ             —
//                reports of organs below it (a
//                government's 汇总 clerk rolls them up)
//   SUPERVISOR   their government and all below it      —                     strictly below their government:
//                                                                             a county's own 汇总 and 本级 reports
//                                                                             are reviewed by the level above
//   ADMIN        their organ's subtree (no organ:       —                     —
//                everything)
//   anything else / no organ → nothing
import type { Prisma } from "./db-core";
import type { Actor } from "./types";

export type Access = "read" | "edit" | "review";

const NOTHING = { id: { in: [] as string[] } };
/** Statuses whose reports count as final (a roll-up adds them up; a government's clerk may read them). */
export const FINAL_STATUSES = ["APPROVED", "PUBLISHED"] as const;

/** `organId` and every organ below it; strict: only those below. */
export function subtreeOf(organId: string, strict = false): Prisma.OrganWhereInput {
  return { ancestors: { some: { ancestorId: organId, ...(strict ? { depth: { gt: 0 } } : {}) } } };
}

/** Organs `user` administers or supervises (read), or whose reports they may review. Clerks: their own organ. */
export function organScope(user: Actor, access: "read" | "review" = "read"): Prisma.OrganWhereInput {
  if (!user.organId && !(user.role === "ADMIN" && access === "read")) return NOTHING;
  switch (user.role) {
    case "ADMIN":
      if (access === "review") return NOTHING;
      return user.organId ? subtreeOf(user.organId) : {};
    case "SUPERVISOR":
      return subtreeOf(user.organId!, access === "review");
    case "CLERK":
      return access === "read" ? { id: user.organId! } : NOTHING;
    default:
      return NOTHING;
  }
}

/**
 * Where-clause restricting Report queries to what `user` may do with them. Combine with AND. As a
 * relation filter inside an OR write `{ report: { is: reportScope(user) } }`: Prisma 6 reads a bare
 * empty relation filter (an admin's `{}`) there as matching nothing.
 */
export function reportScope(user: Actor, access: Access = "read"): Prisma.ReportWhereInput {
  if (user.role === "CLERK") {
    if (!user.organId) return NOTHING;
    if (access === "edit") return { organId: user.organId };
    if (access === "review") return NOTHING;
    return {
      OR: [{ organId: user.organId }, { status: { in: [...FINAL_STATUSES] }, organ: subtreeOf(user.organId, true) }],
    };
  }
  if (access === "edit") return NOTHING;
  if (user.role === "ADMIN" && !user.organId && access === "read") return {};
  return { organ: organScope(user, access) };
}

/**
 * The reports that count in government `organId`'s roll-up for `year`: each direct subordinate's own
 * report (政府部门, 乡镇) or 汇总 report (a subordinate government). Used only after the caller checked
 * that the user may see that roll-up (organScope holds the government); it lists their status, never
 * their content, which is read through reportScope.
 */
export function rollupMemberReports(organId: string, year: number): Prisma.ReportWhereInput {
  return {
    year,
    organ: { parentId: organId },
    OR: [{ kind: "ORGAN", organ: { kind: { in: ["DEPARTMENT", "TOWNSHIP"] } } }, { kind: "ROLLUP" }],
  };
}

/** Accounts an admin manages: those of organs in the admin's subtree (an admin without an organ: all). */
export function userScope(admin: Actor): Prisma.UserWhereInput {
  if (admin.role !== "ADMIN") return { id: { in: [] } };
  return admin.organId ? { organ: subtreeOf(admin.organId) } : {};
}
