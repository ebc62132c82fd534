import "server-only";
import { chinaToday, FIELD_LABELS, validateApplication, type ApplicationInput, type FieldError } from "@/lib/register";
import { getDb, isUniqueViolation, type Db } from "../db-core";
import type { Actor } from "../types";
import { recordEvent } from "./audit";
import { syncReportFromRegister } from "./register-report";
import { APPLICATION_SELECT, loadCalendar, registerAccess, stepsJson, toView, type ApplicationView } from "./register-access";

export type SaveApplicationResult =
  | { ok: true; entry: ApplicationView }
  | { ok: false; code: "FORBIDDEN" | "NOT_FOUND" | "INVALID" | "CONFLICT"; message: string; errors?: FieldError[]; current?: ApplicationView };

const FORBIDDEN = { ok: false as const, code: "FORBIDDEN" as const, message: "您不能修改该机关的依申请公开台账（只有本机关的填报人可以）。" };

function invalid(errors: FieldError[]): SaveApplicationResult {
  return { ok: false, code: "INVALID", message: errors.map((e) => e.message).join("；"), errors };
}

/** Records a new application in the organ's register of `year` (序号 = next number). */
export async function createApplication(
  user: Actor,
  organId: string,
  year: number,
  raw: ApplicationInput,
  db: Db = getDb(),
): Promise<SaveApplicationResult> {
  const access = await registerAccess(user, organId, db);
  if (!access?.edit) return FORBIDDEN;
  const { input, errors } = validateApplication(raw, { year, carried: false, today: chinaToday() });
  if (errors.length) return invalid(errors);
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      const row = await db.$transaction(async (tx) => {
        const last = await tx.application.findFirst({ where: { organId, year }, orderBy: { seq: "desc" }, select: { seq: true } });
        const created = await tx.application.create({
          data: dataOf(input, { organId, year, seq: (last?.seq ?? 0) + 1, updatedById: user.id }),
          select: APPLICATION_SELECT,
        });
        await recordEvent(tx, {
          actorId: user.id,
          action: "register.create",
          detail: { organ: access.organ.fullName, year, entry: created.seq },
        });
        return created;
      });
      await syncReportFromRegister(user, organId, year, db);
      return { ok: true, entry: toView(row, access.personal, await loadCalendar(db)) };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
    }
  }
  return { ok: false, code: "CONFLICT", message: "同时有人在登记，请再试一次。" };
}

/** What the carry-over copies into next year's entry (not the steps, reply or note: each year has its own). */
const SHARED_FIELDS = ["receivedAt", "method", "applicantType", "applicantName", "contact", "content"] as const;
type SharedField = (typeof SHARED_FIELDS)[number];

function dataOf(input: ApplicationInput, extra: { organId: string; year: number; seq: number; updatedById: string }) {
  return {
    ...extra,
    receivedAt: input.receivedAt,
    method: input.method,
    applicantType: input.applicantType,
    applicantName: input.applicantName.trim(),
    contact: input.contact.trim(),
    content: input.content,
    steps: stepsJson(input),
    repliedAt: input.repliedAt || null,
    result: input.result || null,
    note: input.note,
  };
}

/**
 * Saves an edited application when nobody saved it since `baseVersion` (a conditional update with an audit
 * row naming the fields changed; the values themselves stay out of the log). A stale version gets a clear
 * message and the stored entry, so that the page can show both.
 */
export async function updateApplication(
  user: Actor,
  id: string,
  baseVersion: number,
  raw: ApplicationInput,
  db: Db = getDb(),
): Promise<SaveApplicationResult> {
  const row = await db.application.findUnique({ where: { id }, select: APPLICATION_SELECT });
  if (!row) return { ok: false, code: "NOT_FOUND", message: "找不到该申请，可能已被删除。" };
  const access = await registerAccess(user, row.organId, db);
  if (!access) return { ok: false, code: "NOT_FOUND", message: "找不到该申请，可能已被删除。" };
  if (!access.edit) return FORBIDDEN;
  const { input, errors } = validateApplication(raw, { year: row.year, carried: !!row.carriedFromId, today: chinaToday() });
  if (errors.length) return invalid(errors);
  // Carried into next year's register, it is open there (结转): closing it here too would count it twice
  // (办结 in this year's 表三 and 上年结转 in next year's).
  if ((input.result || input.repliedAt) && !row.result) {
    const carried = await db.application.findFirst({ where: { carriedFromId: id }, select: { year: true, seq: true } });
    if (carried)
      return invalid([
        {
          field: input.result ? "result" : "repliedAt",
          message: `第 ${row.seq} 号申请已结转到 ${carried.year} 年度台账（第 ${carried.seq} 号），请在 ${carried.year} 年度台账中登记答复；如结转有误，请先删除 ${carried.year} 年度台账中的结转记录`,
        },
      ]);
  }
  const cal = await loadCalendar(db);
  const data = dataOf(input, { organId: row.organId, year: row.year, seq: row.seq, updatedById: user.id });
  const before = toView(row, true, cal).input;
  const changed = (Object.keys(before) as (keyof ApplicationInput)[]).filter((k) => (before[k] ?? "") !== (input[k] ?? ""));
  // The application carried over (结转) is one application in two registers: what the carry copied goes to
  // the other year's entry too — above all 申请人类别, whose column 结转下年度 and next year's 上年结转 share (X1).
  const shared = changed.filter((f): f is SharedField => (SHARED_FIELDS as readonly string[]).includes(f));
  const partner = shared.length
    ? await db.application.findFirst({
        where: row.carriedFromId ? { id: row.carriedFromId } : { carriedFromId: id },
        select: { id: true, year: true, seq: true },
      })
    : null;
  const updated = await db.$transaction(async (tx) => {
    const n = await tx.application.updateMany({ where: { id, version: baseVersion }, data: { ...data, version: { increment: 1 } } });
    if (n.count !== 1) return null;
    if (partner)
      await tx.application.update({
        where: { id: partner.id },
        data: { ...Object.fromEntries(shared.map((f) => [f, data[f]])), updatedById: user.id, version: { increment: 1 } },
      });
    if (changed.length)
      await recordEvent(tx, {
        actorId: user.id,
        action: "register.update",
        detail: {
          organ: access.organ.fullName,
          year: row.year,
          entry: row.seq,
          changedFields: changed.map((f) => FIELD_LABELS[f] ?? f),
          ...(partner ? { alsoEntry: `${partner.year} 年度第 ${partner.seq} 号` } : {}),
        },
      });
    return tx.application.findUniqueOrThrow({ where: { id }, select: APPLICATION_SELECT });
  });
  if (!updated) {
    const current = await db.application.findUnique({ where: { id }, select: APPLICATION_SELECT });
    return {
      ok: false,
      code: "CONFLICT",
      message: `第 ${row.seq} 号申请已被他人修改（在您打开之后），您的修改没有保存。下面是您填写的内容和已保存的内容，请核对后再保存。`,
      current: current ? toView(current, access.personal, cal) : undefined,
    };
  }
  await syncReportFromRegister(user, row.organId, row.year, db);
  if (partner) await syncReportFromRegister(user, row.organId, partner.year, db);
  return { ok: true, entry: toView(updated, access.personal, cal) };
}

export async function deleteApplication(user: Actor, id: string, baseVersion: number, db: Db = getDb()): Promise<{ ok: boolean; message: string }> {
  const row = await db.application.findUnique({ where: { id }, select: { organId: true, year: true, seq: true, carriedTo: { select: { id: true } } } });
  if (!row) return { ok: false, message: "找不到该申请，可能已被删除。" };
  const access = await registerAccess(user, row.organId, db);
  if (!access?.edit) return FORBIDDEN;
  if (row.carriedTo) return { ok: false, message: `第 ${row.seq} 号申请已结转到下一年度，请先删除下一年度台账中的结转记录。` };
  const ok = await db.$transaction(async (tx) => {
    const n = await tx.application.deleteMany({ where: { id, version: baseVersion } });
    if (n.count !== 1) return false;
    await recordEvent(tx, { actorId: user.id, action: "register.delete", detail: { organ: access.organ.fullName, year: row.year, entry: row.seq } });
    return true;
  });
  if (ok) await syncReportFromRegister(user, row.organId, row.year, db);
  return ok ? { ok: true, message: "已删除。" } : { ok: false, message: "该申请已被他人修改，请刷新后再删除。" };
}
