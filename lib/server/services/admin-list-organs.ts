import "server-only";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";

export type AdminOrganRow = {
  id: string;
  fullName: string;
  shortName: string;
  /** COUNTY | TOWNSHIP | DEPARTMENT */
  kind: string;
  parentId: string | null;
  parentName: string | null;
  sortOrder: number;
  userCount: number;
  childCount: number;
  /** 0 for top-level organs, 1 for their children, … (for indenting) */
  depth: number;
};

/** All organs in tree order (each county followed by its townships and departments). ADMIN only. */
export async function listOrgansForAdmin(user: Actor, db: Db = getDb()): Promise<AdminOrganRow[]> {
  if (!can(user, "admin:manage")) return [];
  const rows = await db.organ.findMany({
    orderBy: [{ sortOrder: "asc" }, { fullName: "asc" }],
    select: {
      id: true,
      fullName: true,
      shortName: true,
      kind: true,
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
        parentId: r.parentId,
        parentName: r.parent?.fullName ?? null,
        sortOrder: r.sortOrder,
        userCount: r._count.users,
        childCount: r._count.children,
        depth,
      });
      if (depth < 8) visit(r.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}
