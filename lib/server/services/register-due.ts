import "server-only";
import { chinaToday, computeDeadline, stepsOf, urgency, workingDaysLeft } from "@/lib/register";
import { getDb, type Db } from "../db-core";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { APPLICATION_SELECT, loadCalendar, rowToInput } from "./register-access";

export type DueItem = {
  id: string;
  organId: string;
  organName: string;
  year: number;
  seq: number;
  receivedAt: string;
  due: string;
  daysLeft: number;
  urgency: "overdue" | "due_soon";
};

/**
 * Open applications due soon or overdue in this and last year's registers the user may read (a clerk: their organ; a supervisor
 * or admin: the organs below). No personal data: organ, 序号 and dates only. Most urgent first.
 */
export async function listDueApplications(user: Actor, db: Db = getDb(), now = new Date()): Promise<DueItem[]> {
  const today = chinaToday(now);
  // the registers still being kept: this year's and last year's (older open entries are carried or stale)
  const thisYear = Number(today.slice(0, 4));
  const [rows, cal] = await Promise.all([
    db.application.findMany({
      where: { year: { in: [thisYear - 1, thisYear] }, result: null, carriedTo: { is: null }, organ: organScope(user, "read") },
      select: { ...APPLICATION_SELECT, organ: { select: { shortName: true } } },
    }),
    loadCalendar(db),
  ]);
  const out: DueItem[] = [];
  for (const r of rows) {
    const input = rowToInput(r);
    const d = computeDeadline(cal, { receivedAt: input.receivedAt, steps: stepsOf(input) });
    const u = urgency(cal, d, today);
    if ((u === "overdue" || u === "due_soon") && d.due) {
      out.push({
        id: r.id,
        organId: r.organId,
        organName: r.organ.shortName,
        year: r.year,
        seq: r.seq,
        receivedAt: r.receivedAt,
        due: d.due,
        daysLeft: workingDaysLeft(cal, today, d.due),
        urgency: u,
      });
    }
  }
  return out.sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : a.seq - b.seq));
}
