import "server-only";
import { buildCalendar, isDay, normalizeDay, weekday } from "@/lib/register";
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
  const word = (kind: string) => (kind === "holiday" ? "放假" : "调休上班");
  const before = await db.$transaction(async (tx) => {
    const was = await tx.holidayOverride.findUnique({ where: { date }, select: { kind: true, name: true } });
    await tx.holidayOverride.upsert({ where: { date }, create: { date, kind: input.kind, name }, update: { kind: input.kind, name } });
    await recordEvent(tx, { actorId: user.id, action: "register.holiday", detail: { date, value: `${word(input.kind)} ${name}`.trim() } });
    return was;
  });
  // what is said beside it: the setting it replaced; agreement with the package only where the package knows the
  // year (else its answer is only Monday–Friday); a 调休上班 on a weekday or a 放假 on a weekend changes nothing
  const notes: string[] = [];
  if (before) notes.push(`替换了原来的设置“${word(before.kind)}${before.name ? ` ${before.name}` : ""}”`);
  const pkg = buildCalendar();
  const weekend = weekday(date) === 0 || weekday(date) === 6;
  if (pkg.knowsYear(Number(date.slice(0, 4)))) {
    if (pkg.isWorkday(date) === (input.kind === "workday")) notes.push("与节假日数据包一致");
  } else if (input.kind === "workday" && !weekend) notes.push("该日本是工作日（周一至周五），设为调休上班不改变计时，请核对是否应为放假");
  else if (input.kind === "holiday" && weekend) notes.push("该日本是周末，设为放假不改变计时");
  return { ok: true, message: `已设置 ${date} 为${word(input.kind)}${notes.length ? `（${notes.join("；")}）` : ""}。` };
}

export async function deleteHolidayOverride(user: Actor, date: string, db: Db = getDb()): Promise<{ ok: boolean; message: string }> {
  if (!can(user, "admin:manage")) return { ok: false, message: "只有管理员可以修改节假日安排。" };
  const n = await db.holidayOverride.deleteMany({ where: { date } });
  if (n.count) await recordEvent(db, { actorId: user.id, action: "register.holiday", detail: { date, value: "删除" } });
  return { ok: true, message: n.count ? `已删除 ${date} 的设置。` : "该日期没有设置。" };
}
