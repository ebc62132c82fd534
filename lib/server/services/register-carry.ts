import "server-only";
import { chinaYear } from "@/lib/labels";
import { getDb, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { registerAccess } from "./register-access";
import { syncReportFromRegister } from "./register-report";

/**
 * 结转下年度: every application of `year` still open (no result) and not yet carried is listed in the register
 * of `year + 1` as 上年结转 (a new row pointing at it), to be closed there. Idempotent.
 */
export async function carryOverRegister(user: Actor, organId: string, year: number, db: Db = getDb()): Promise<{ ok: boolean; count: number; message: string }> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return { ok: false, count: 0, message: "您不能修改该机关的依申请公开台账。" };
  const count = await db.$transaction(async (tx) => {
    const open = await tx.application.findMany({
      where: { organId, year, result: null, carriedTo: { is: null } },
      orderBy: { seq: "asc" },
    });
    if (!open.length) return 0;
    const last = await tx.application.findFirst({ where: { organId, year: year + 1 }, orderBy: { seq: "desc" }, select: { seq: true } });
    let seq = last?.seq ?? 0;
    for (const a of open) {
      await tx.application.create({
        data: {
          organId,
          year: year + 1,
          seq: ++seq,
          receivedAt: a.receivedAt,
          method: a.method,
          applicantType: a.applicantType,
          applicantName: a.applicantName,
          contact: a.contact,
          content: a.content,
          steps: a.steps,
          note: a.note,
          carriedFromId: a.id,
          updatedById: user.id,
        },
      });
    }
    await recordEvent(tx, { actorId: user.id, action: "register.carry", detail: { organ: access.organ.fullName, year, count: open.length } });
    return open.length;
  });
  if (count) {
    await syncReportFromRegister(user, organId, year, db);
    await syncReportFromRegister(user, organId, year + 1, db);
  }
  return { ok: true, count, message: count ? `已将 ${count} 件未办结的申请结转到 ${year + 1} 年度台账。` : "没有需要结转的申请。" };
}

/**
 * The carry-over happens by itself: when the organ's own clerk opens the register of `year` (this year or
 * an earlier one), last year's applications still open are listed here as 上年结转 first. Supervisors and
 * other readers never write. Returns how many were carried.
 */
export async function carryOverOnOpen(user: Actor, organId: string, year: number, db: Db = getDb(), now = new Date()): Promise<number> {
  if (year > chinaYear(now) || user.organId !== organId) return 0;
  const open = await db.application.count({ where: { organId, year: year - 1, result: null, carriedTo: { is: null } } });
  if (!open) return 0;
  const r = await carryOverRegister(user, organId, year - 1, db);
  return r.ok ? r.count : 0;
}
