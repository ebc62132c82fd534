import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import { organScope } from "../scope";
import type { Actor } from "../types";

export type AdminOrganRow = {
  id: string;
  fullName: string;
  shortName: string;
  /** lib/report/organ-levels.ts ORGAN_KINDS */
  kind: string;
  active: boolean;
  parentId: string | null;
  parentName: string | null;
  sortOrder: number;
  userCount: number;
  childCount: number;
  /** 0 for top-level organs, 1 for their children, … (for indenting) */
  depth: number;
};

/** How many organs the admin's subtree holds. ADMIN only (0 otherwise). */
export async function countOrgansForAdmin(user: Actor, db: Db = getDb()): Promise<number> {
  if (!can(user, "admin:manage")) return 0;
  return db.organ.count({ where: organScope(user) });
}

/** The organs of the admin's subtree in tree order (each government followed by its organs). ADMIN only. */
export async function listOrgansForAdmin(user: Actor, db: Db = getDb()): Promise<AdminOrganRow[]> {
  if (!can(user, "admin:manage")) return [];
  const rows = await db.organ.findMany({
    where: organScope(user),
    orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
    select: {
      id: true,
      fullName: true,
      shortName: true,
      kind: true,
      active: true,
      parentId: true,
      sortOrder: true,
      parent: { select: { fullName: true } },
      _count: { select: { users: true, children: true } },
    },
  });
  const byParent = new Map<string | null, typeof rows>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const key = r.parentId && ids.has(r.parentId) ? r.parentId : null;
    const list = byParent.get(key) ?? [];
    list.push(r);
    byParent.set(key, list);
  }
  const out: AdminOrganRow[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const r of byParent.get(parentId) ?? []) {
      out.push({
        id: r.id,
        fullName: r.fullName,
        shortName: r.shortName,
        kind: r.kind,
        active: r.active,
        parentId: r.parentId,
        parentName: r.parent?.fullName ?? null,
        sortOrder: r.sortOrder,
        userCount: r._count.users,
        childCount: r._count.children,
        depth,
      });
      visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
