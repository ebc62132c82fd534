import "server-only";
import { DEADLINE_KEYS, DEFAULT_DEADLINES, isGovernment, validMonthDay, type DeadlineKey } from "@/lib/report";
import { getDb, type Db } from "../db-core";
import { organScope } from "../scope";
import type { Actor } from "../types";
import { FORBIDDEN, invalid, type AdminResult } from "./admin-schemas";
import { activeAdmin } from "./admin-user-checks";
import { recordEvent } from "./audit";

/** "2月20日" / "2-20" / "02/20" / "2.20" → {month, day}; null when not a day. */
export function parseMonthDay(raw: string): { month: number; day: number } | null {
  const s = raw.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30)).trim();
  const m = /^(\d{1,2})\s*(?:月|[-/.．])\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return null;
  const month = Number(m[1]);
  const day = Number(m[2]);
  return validMonthDay(month, day) ? { month, day } : null;
}

/** The chain of the format: each level's 汇总 is due after the reports it sums are published. */
const CHAIN: readonly DeadlineKey[] = ["ORGAN", "COUNTY_ROLLUP", "CITY_ROLLUP", "PROVINCE_ROLLUP"];

/**
 * A 汇总 due before the reports it sums (政府部门、乡镇 moved to 2月25日, the county's 汇总 left at 2月20日):
 * the error goes on the field that was moved from the format's date (the later one when both were).
 */
function chainErrors(parsed: readonly { key: DeadlineKey; value: { month: number; day: number } | null }[]): Record<string, string> {
  const effective = (key: DeadlineKey) => parsed.find((p) => p.key === key)?.value ?? DEFAULT_DEADLINES[key];
  const moved = (key: DeadlineKey) => {
    const v = effective(key);
    const d = DEFAULT_DEADLINES[key];
    return v.month !== d.month || v.day !== d.day;
  };
  const errors: Record<string, string> = {};
  for (let i = 1; i < CHAIN.length; i++) {
    const before = CHAIN[i - 1]!;
    const after = CHAIN[i]!;
    const a = effective(before);
    const b = effective(after);
    if (b.month * 100 + b.day >= a.month * 100 + a.day) continue;
    const field = moved(after) || !moved(before) ? after : before;
    errors[`d.${field}`] =
      `${DEFAULT_DEADLINES[after].label}（${b.month}月${b.day}日）早于${DEFAULT_DEADLINES[before].label}（${a.month}月${a.day}日）：` +
      `汇总要用到所辖机关已公开的报告，请一并调整`;
  }
  return errors;
}

export type DeadlineRow = { key: DeadlineKey; label: string; month: number; day: number; set: boolean };

/** The deadlines an admin sees for a government and year: its own settings, else the format's dates. */
export async function getDeadlines(user: Actor, input: { organId: string; year: number }, db: Db = getDb()): Promise<DeadlineRow[] | null> {
  const admin = await activeAdmin(user, db);
  if (!admin) return null;
  const organ = await db.organ.findFirst({ where: { AND: [{ id: input.organId }, organScope(admin)] }, select: { id: true } });
  if (!organ) return null;
  const rows = await db.deadlineSetting.findMany({ where: { organId: organ.id, year: input.year } });
  return DEADLINE_KEYS.map((key) => {
    const s = rows.find((r) => r.key === key);
    const d = DEFAULT_DEADLINES[key];
    return { key, label: d.label, month: s?.month ?? d.month, day: s?.day ?? d.day, set: !!s };
  });
}

/**
 * Sets the deadlines of one year for the reports in a government's subtree (the nearest setting above
 * an organ wins; an empty field or the format's own date clears the setting). ADMIN only, within the
 * admin's subtree; audited.
 */
export async function saveDeadlines(
  user: Actor,
  input: { organId: string; year: string; values: Record<string, string> },
  db: Db = getDb(),
): Promise<AdminResult> {
  const admin = await activeAdmin(user, db);
  if (!admin) return FORBIDDEN;
  const year = Number(input.year.trim());
  if (!Number.isInteger(year) || year < 2021 || year > 2100) return invalid({ year: "年度须为 2021 至 2100 之间的整数" });
  const organ = await db.organ.findFirst({ where: { AND: [{ id: input.organId }, organScope(admin)] }, select: { id: true, kind: true, fullName: true } });
  if (!organ) return invalid({ organId: "所选机关不存在或不在您的管理范围内" });
  if (!isGovernment(organ.kind)) return invalid({ organId: "公开期限须设在人民政府上，对其所辖机关生效" });
  const parsed: { key: DeadlineKey; value: { month: number; day: number } | null }[] = [];
  const errors: Record<string, string> = {};
  for (const key of DEADLINE_KEYS) {
    const raw = (input.values[key] ?? "").trim();
    if (raw === "") {
      parsed.push({ key, value: null });
      continue;
    }
    // a whole date (「2027-01-25」「2027年1月25日」, as the 成文日期 is typed) is taken when its year is the one of publication
    const whole = /^(\d{4})\s*(?:年|[-/.．])\s*(.+)$/.exec(raw);
    if (whole && Number(whole[1]) !== year + 1) {
      errors[`d.${key}`] = `${DEFAULT_DEADLINES[key].label}：${year}年度报告在${year + 1}年公开，请填写${year + 1}年的日期（或只填“2月20日”）`;
      continue;
    }
    const v = parseMonthDay(whole ? whole[2]! : raw);
    if (!v) errors[`d.${key}`] = `${DEFAULT_DEADLINES[key].label}：“${raw}”不是有效的日期，请按“2月20日”填写`;
    // the year's reports are published the next year: 2月29日 only when that year has it
    else if (new Date(Date.UTC(year + 1, v.month - 1, v.day)).getUTCDate() !== v.day)
      errors[`d.${key}`] = `${DEFAULT_DEADLINES[key].label}：${year}年度报告在${year + 1}年公开，${year + 1}年没有${v.month}月${v.day}日`;
    else parsed.push({ key, value: v });
  }
  if (Object.keys(errors).length) return invalid(errors);
  Object.assign(errors, chainErrors(parsed));
  if (Object.keys(errors).length) return invalid(errors);
  await db.$transaction(async (tx) => {
    for (const { key, value } of parsed) {
      const d = DEFAULT_DEADLINES[key];
      if (!value || (value.month === d.month && value.day === d.day)) {
        await tx.deadlineSetting.deleteMany({ where: { organId: organ.id, year, key } });
      } else {
        await tx.deadlineSetting.upsert({
          where: { organId_year_key: { organId: organ.id, year, key } },
          create: { organId: organ.id, year, key, month: value.month, day: value.day },
          update: { month: value.month, day: value.day },
        });
      }
    }
    await recordEvent(tx, {
      actorId: admin.id,
      action: "deadline.update",
      detail: { organ: organ.fullName, year, changes: Object.fromEntries(parsed.map((p) => [p.key, p.value ? `${p.value.month}月${p.value.day}日` : "默认"])) },
    });
  });
  return { ok: true };
}
