/** Calendar days "YYYY-MM-DD" (China time). Pure; no calendar data (safe for client bundles). */
export type Day = string; // YYYY-MM-DD

export const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Whether `s` is a real calendar day in YYYY-MM-DD form. */
export function isDay(s: unknown): s is Day {
  if (typeof s !== "string") return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]);
}

/** Days since 1970-01-01 (integer) of a YYYY-MM-DD day. */
export const dayNumber = (day: Day) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / 86_400_000;
export const fromNumber = (n: number): Day => new Date(n * 86_400_000).toISOString().slice(0, 10);

export function addDays(day: Day, n: number): Day {
  return fromNumber(dayNumber(day) + n);
}
/** Calendar days from a to b (b − a). */
export function daysBetween(a: Day, b: Day): number {
  return dayNumber(b) - dayNumber(a);
}
/** 0 = Sunday … 6 = Saturday */
export function weekday(day: Day): number {
  return new Date(dayNumber(day) * 86_400_000).getUTCDay();
}

/** Today in China time (UTC+8, no DST). */
export function chinaToday(now: Date = new Date()): Day {
  return new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

