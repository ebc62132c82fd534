import "server-only";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { registerAccess } from "./register-access";
import { actionLabel } from "./audit-labels";

export type EntryHistoryItem = { at: string; action: string; actor: string; fields: string[] };

/** An application's history from the audit log (who changed which fields when; values are not logged). */
export async function applicationHistory(user: Actor, id: string, db: Db = getDb()): Promise<EntryHistoryItem[] | null> {
  const row = await db.application.findUnique({ where: { id }, select: { organId: true, year: true, seq: true } });
  if (!row) return null;
  const access = await registerAccess(user, row.organId, db);
  if (!access) return null;
  const events = await db.reportEvent.findMany({
    where: {
      reportId: null,
      action: { in: ["register.create", "register.update"] },
      AND: [
        { detail: { contains: `"organ":${JSON.stringify(access.organ.fullName)}` } },
        { detail: { contains: `"year":${row.year},` } },
        { detail: { contains: `"entry":${row.seq}` } },
      ],
    },
    orderBy: { createdAt: "desc" },
    take: 100,
    select: { createdAt: true, action: true, detail: true, actor: { select: { displayName: true, name: true, username: true } } },
  });
  return events
    .map((e) => {
      let d: { entry?: unknown; changedFields?: unknown } = {};
      try {
        d = JSON.parse(e.detail) as typeof d;
      } catch {
        d = {};
      }
      return { e, d };
    })
    .filter(({ d }) => d.entry === row.seq)
    .map(({ e, d }) => ({
      at: e.createdAt.toISOString(),
      action: actionLabel(e.action),
      actor: e.actor ? e.actor.displayName || e.actor.name || e.actor.username || "" : "",
      fields: Array.isArray(d.changedFields) ? d.changedFields.map(String) : [],
    }));
}
