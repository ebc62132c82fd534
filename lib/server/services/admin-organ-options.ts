import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope } from "../scope";
import type { Actor } from "../types";

/** An organ an account may be given (the users form's 所属机关 search at a province's size). */
export type OrganOption = { id: string; name: string; parentName: string | null };

/** How many organs one search shows (more: the admin types more of the name). */
export const ORGAN_OPTIONS_MAX = 20;

/**
 * Active organs of the admin's subtree whose full or short name holds `q`: the exact name first, then
 * names that start with it, then the rest in tree order. ADMIN only (nothing otherwise, nothing for a blank q).
 */
export async function searchOrganOptions(user: Actor, q: string, db: Db = getDb()): Promise<{ options: OrganOption[]; more: boolean }> {
  const text = q.trim().slice(0, 50);
  if (!text || !can(user, "admin:manage")) return { options: [], more: false };
  // a few more than shown: the exact and leading matches are sorted to the top among them
  const rows = await db.organ.findMany({
    where: { AND: [organScope(user), { active: true }, { OR: [{ fullName: { contains: text } }, { shortName: { contains: text } }] }] },
    orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
    take: ORGAN_OPTIONS_MAX * 5 + 1,
    select: { id: true, fullName: true, shortName: true, parent: { select: { fullName: true } } },
  });
  const rank = (r: (typeof rows)[number]) =>
    r.fullName === text || r.shortName === text ? 0 : r.fullName.startsWith(text) || r.shortName.startsWith(text) ? 1 : 2;
  const sorted = rows.map((r, i) => ({ r, i, k: rank(r) })).sort((a, b) => a.k - b.k || a.i - b.i);
  return {
    options: sorted.slice(0, ORGAN_OPTIONS_MAX).map(({ r }) => ({ id: r.id, name: r.fullName, parentName: r.parent?.fullName ?? null })),
    more: rows.length > ORGAN_OPTIONS_MAX,
  };
}
