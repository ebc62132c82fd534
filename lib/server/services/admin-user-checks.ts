// Shared checks of the account services.
import type { Db, DbTx } from "../db-core";
import { can, isRole, type Role } from "../permissions";
import type { Actor } from "../types";
import { organScope, userScope } from "../scope";
import { invalid, ORGAN_REQUIRED, roleNeedsOrgan, USER_MESSAGES, userOrganProblem, type AdminFailure } from "./admin-schemas";

/**
 * A clerk or supervisor must be bound to an existing organ within the acting admin's subtree (an
 * admin without an organ may leave it empty only for another admin); returns the organ's name for the
 * audit detail.
 */
export async function checkUserOrgan(
  db: Db | DbTx,
  role: Role,
  organId: string | null,
  admin: Actor,
  /** the account's organ now (an edit may keep it even when that organ was deactivated since) */
  currentOrganId: string | null = null,
): Promise<{ ok: true; organName: string | null } | AdminFailure> {
  if (!organId) {
    if (roleNeedsOrgan(role)) return invalid({ organId: ORGAN_REQUIRED });
    if (admin.organId) return invalid({ organId: `请选择所属机关（${USER_MESSAGES.onlyOwnSubtree}）` });
    return { ok: true, organName: null };
  }
  const organ = await db.organ.findFirst({ where: { AND: [{ id: organId }, organScope(admin)] }, select: { fullName: true, kind: true, active: true } });
  if (!organ) return invalid({ organId: "所选机关不存在或不在您的管理范围内，请刷新后重试" });
  const problem = userOrganProblem(role, organ, organId === currentOrganId);
  if (problem) return invalid({ organId: problem });
  return { ok: true, organName: organ.fullName };
}

/**
 * The acting administrator, re-read from the database: null when the account was disabled, deleted
 * or is no longer an admin (an old session must not keep administrative power).
 */
export async function activeAdmin(user: Actor, db: Db | DbTx): Promise<Actor | null> {
  if (!can(user, "admin:manage")) return null;
  const row = await db.user.findUnique({ where: { id: user.id }, select: { role: true, organId: true, disabled: true } });
  if (!row || row.disabled || !isRole(row.role) || !can({ role: row.role }, "admin:manage")) return null;
  return { id: user.id, role: row.role, organId: row.organId };
}

/**
 * Whether an admin oversees the whole installation (no organ, or the organ at the top of the tree) or only
 * a subtree (a county's admin). What concerns no organ — failed logins of any username, locks of an
 * address, events without an actor — is the whole installation's admin's alone.
 */
export async function adminSeesAll(admin: Actor, db: Db | DbTx): Promise<boolean> {
  if (admin.role !== "ADMIN") return false;
  if (!admin.organId) return true;
  const organ = await db.organ.findUnique({ where: { id: admin.organId }, select: { parentId: true } });
  return organ?.parentId === null;
}

/** The usernames (normalised) among `usernames` that are accounts within the admin's subtree. */
export async function usernamesInScope(admin: Actor, usernames: readonly string[], db: Db | DbTx): Promise<Set<string>> {
  if (usernames.length === 0) return new Set();
  const rows = await db.user.findMany({ where: { AND: [{ username: { in: [...usernames] } }, userScope(admin)] }, select: { username: true } });
  return new Set(rows.map((r) => r.username ?? ""));
}
