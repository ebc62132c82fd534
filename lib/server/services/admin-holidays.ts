import "server-only";
import { buildCalendar, isDay, normalizeDay } from "@/lib/register";
import { getDb, type Db } from "../db-core";
import { can } from "../permissions";
import type { Actor } from "../types";
import { recordEvent } from "./audit";

export type HolidayRow = { date: string; kind: "holiday" | "workday"; name: string };

export async function listHolidayOverrides(db: Db = getDb()): Promise<HolidayRow[]> {
  const rows = await db.holidayOverride.findMany({ orderBy: { date: "asc" } });
  return rows.map((r) => ({ date: r.date, kind: r.kind === "workday" ? "workday" : "holiday", name: r.name }));
}

/**
 * An admin enters a day the holiday package does not know yet (放假 or 调休上班); it wins over the package for
 * every register's clock. Audited.
 */
export async function setHolidayOverride(
  user: Actor,
  input: { date: string; kind: string; name: string },
  db: Db = getDb(),
): Promise<{ ok: boolean; message: string }> {
  if (!can(user, "admin:manage")) return { ok: false, message: "只有管理员可以修改节假日安排。" };
  const date = normalizeDay(input.date);
  if (!isDay(date)) return { ok: false, message: `「日期」不是有效日期：${input.date}（请按 2027-10-01 的格式填写）` };
  if (input.kind !== "holiday" && input.kind !== "workday") return { ok: false, message: "「类型」应为放假或调休上班。" };
  const name = input.name.trim().slice(0, 40);
  await db.$transaction(async (tx) => {
    await tx.holidayOverride.upsert({ where: { date }, create: { date, kind: input.kind, name }, update: { kind: input.kind, name } });
    await recordEvent(tx, { actorId: user.id, action: "register.holiday", detail: { date, value: `${input.kind === "holiday" ? "放假" : "调休上班"} ${name}`.trim() } });
  });
  const pkg = buildCalendar().isWorkday(date);
  const same = pkg === (input.kind === "workday");
  return { ok: true, message: `已设置 ${date} 为${input.kind === "holiday" ? "放假" : "调休上班"}${same ? "（与节假日数据包一致）" : ""}。` };
}

export async function deleteHolidayOverride(user: Actor, date: string, db: Db = getDb()): Promise<{ ok: boolean; message: string }> {
  if (!can(user, "admin:manage")) return { ok: false, message: "只有管理员可以修改节假日安排。" };
  const n = await db.holidayOverride.deleteMany({ where: { date } });
  if (n.count) await recordEvent(db, { actorId: user.id, action: "register.holiday", detail: { date, value: "删除" } });
  return { ok: true, message: n.count ? `已删除 ${date} 的设置。` : "该日期没有设置。" };
}
