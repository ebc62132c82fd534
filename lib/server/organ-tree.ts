// The organ tree's closure table (OrganClosure): written with every organ created or moved, in the
// same transaction. No server-only: the seed and the benchmarks build trees with it too.
import type { Db, DbTx } from "./db-core";

/** Creates an organ with its closure rows (the one way to add an organ: services, seed, tests, benches). */
export async function createOrganRow(
  tx: Db | DbTx,
  data: { fullName: string; shortName: string; kind: string; parentId: string | null; sortOrder?: number; id?: string },
): Promise<{ id: string }> {
  const created = await tx.organ.create({ data, select: { id: true } });
  await addToClosure(tx, created.id, data.parentId);
  return created;
}

/** Adds the closure rows of a new organ: itself, and each ancestor of its parent. */
export async function addToClosure(tx: Db | DbTx, organId: string, parentId: string | null): Promise<void> {
  const above = parentId
    ? await tx.organClosure.findMany({ where: { organId: parentId }, select: { ancestorId: true, depth: true } })
    : [];
  await tx.organClosure.createMany({
    data: [{ ancestorId: organId, organId, depth: 0 }, ...above.map((a) => ({ ancestorId: a.ancestorId, organId, depth: a.depth + 1 }))],
  });
}

/** Whether `organId` is `ancestorId` or lies below it. */
export async function isInSubtree(tx: Db | DbTx, organId: string, ancestorId: string): Promise<boolean> {
  return (await tx.organClosure.count({ where: { ancestorId, organId } })) > 0;
}

/**
 * Moves `organId` (with its subtree) under `newParentId`: the rows linking the subtree to its old
 * ancestors go, rows to the new ancestors come. The caller has checked that the new parent is not in
 * the subtree (isInSubtree) and updates Organ.parentId in the same transaction.
 */
export async function moveInClosure(tx: DbTx, organId: string, newParentId: string | null): Promise<void> {
  const subtree = await tx.organClosure.findMany({ where: { ancestorId: organId }, select: { organId: true, depth: true } });
  const ids = subtree.map((s) => s.organId);
  // rows from the subtree up to (strict) ancestors of organId
  await tx.organClosure.deleteMany({
    where: { organId: { in: ids }, ancestor: { descendants: { some: { organId, depth: { gt: 0 } } } } },
  });
  if (!newParentId) return;
  const above = await tx.organClosure.findMany({ where: { organId: newParentId }, select: { ancestorId: true, depth: true } });
  const rows = [];
  for (const a of above) for (const s of subtree) rows.push({ ancestorId: a.ancestorId, organId: s.organId, depth: a.depth + 1 + s.depth });
  if (rows.length) await tx.organClosure.createMany({ data: rows });
}

/** Rebuilds the whole closure from Organ.parentId (a repair tool; tests compare it with the maintained one). */
export async function rebuildClosure(db: Db): Promise<number> {
  const organs = await db.organ.findMany({ select: { id: true, parentId: true } });
  const parent = new Map(organs.map((o) => [o.id, o.parentId]));
  const rows: { ancestorId: string; organId: string; depth: number }[] = [];
  for (const o of organs) {
    let at: string | null = o.id;
    for (let depth = 0; at && depth < 64; depth++) {
      rows.push({ ancestorId: at, organId: o.id, depth });
      at = parent.get(at) ?? null;
    }
  }
  await db.$transaction([db.organClosure.deleteMany({}), db.organClosure.createMany({ data: rows })]);
  return rows.length;
}
