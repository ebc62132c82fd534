// Deadlines per level and year: the format's dates (lib/report/organ-levels.ts), overridden by an
// admin's DeadlineSetting for a year on a government — the nearest setting above an organ wins.
// No server-only: the dashboard benchmark runs it under plain node.
import { deadlineKeyOf, deadlineOf, isDeadlineKey, type Day, type DeadlineKey } from "@/lib/report";
import type { Db, DbTx } from "../db-core";

type Setting = { organId: string; key: string; month: number; day: number };
export type DeadlineResolver = (organ: { id: string; kind: string }, reportKind: string) => Day;

/** The deadline of one report: its organ's ancestors' settings for the year, nearest first. */
export async function deadlineFor(
  db: Db | DbTx,
  organ: { id: string; kind: string },
  reportKind: string,
  year: number,
): Promise<Day> {
  const key = deadlineKeyOf(organ.kind, reportKind);
  const rows = await db.organClosure.findMany({
    where: { organId: organ.id, ancestor: { deadlines: { some: { year, key } } } },
    orderBy: { depth: "asc" },
    take: 1,
    select: { ancestor: { select: { deadlines: { where: { year, key }, select: { month: true, day: true } } } } },
  });
  const s = rows[0]?.ancestor.deadlines[0];
  return deadlineOf(organ.kind, reportKind, year, s ? { [key]: s } : undefined);
}

/**
 * A resolver for many organs at once (the dashboard): loads the year's settings and, for each
 * organ that has one, which organs lie below it. Two queries whatever the number of organs.
 */
export async function deadlineResolver(db: Db | DbTx, year: number): Promise<DeadlineResolver> {
  const settings: Setting[] = await db.deadlineSetting.findMany({ where: { year }, select: { organId: true, key: true, month: true, day: true } });
  if (settings.length === 0) return (organ, reportKind) => deadlineOf(organ.kind, reportKind, year);
  const settingOrgans = [...new Set(settings.map((s) => s.organId))];
  const below = await db.organClosure.findMany({
    where: { ancestorId: { in: settingOrgans } },
    select: { ancestorId: true, organId: true, depth: true },
  });
  // organ → [(setting organ, depth)] sorted nearest first
  const above = new Map<string, { ancestorId: string; depth: number }[]>();
  for (const b of below) {
    const list = above.get(b.organId) ?? [];
    list.push(b);
    above.set(b.organId, list);
  }
  for (const list of above.values()) list.sort((a, b) => a.depth - b.depth);
  const byOrganKey = new Map(settings.filter((s) => isDeadlineKey(s.key)).map((s) => [`${s.organId}:${s.key}`, s]));
  return (organ, reportKind) => {
    const key: DeadlineKey = deadlineKeyOf(organ.kind, reportKind);
    for (const a of above.get(organ.id) ?? []) {
      const s = byOrganKey.get(`${a.ancestorId}:${key}`);
      if (s) return deadlineOf(organ.kind, reportKind, year, { [key]: s });
    }
    return deadlineOf(organ.kind, reportKind, year);
  };
}
