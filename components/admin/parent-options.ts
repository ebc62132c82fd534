import { isGovernment } from "@/lib/report/client";

type Row = { id: string; fullName: string; kind: string; depth: number };

/** Governments that may be chosen as a parent, in tree order, leaving out `selfId`'s own subtree (no moving under a descendant). */
export function parentOptions(rows: readonly Row[], selfId?: string): { id: string; name: string; kind: string; depth: number }[] {
  const out: { id: string; name: string; kind: string; depth: number }[] = [];
  let skipBelow: number | null = null;
  for (const r of rows) {
    if (skipBelow !== null && r.depth > skipBelow) continue;
    skipBelow = null;
    if (r.id === selfId) {
      skipBelow = r.depth;
      continue;
    }
    if (isGovernment(r.kind)) out.push({ id: r.id, name: r.fullName, kind: r.kind, depth: r.depth });
  }
  return out;
}
