/**
 * Working days after the State Council's holiday calendar (国务院办公厅 关于部分节假日安排的通知, one a year),
 * as packaged by `chinese-days` (its JSON: `holidays` = days off including the 调休 weekdays, `workdays` =
 * the 调休 Saturdays/Sundays that are worked). An admin can enter a year's days when the package lags
 * (HolidayOverride rows); an override wins over the package for its date.
 *
 * Dates are calendar days "YYYY-MM-DD" (China time); pure, no I/O.
 */
import data from "chinese-days/dist/chinese-days.json";
import { dayNumber, fromNumber, type Day } from "./days";

export * from "./days";

/** An admin-entered day: `holiday` = not worked (放假), `workday` = worked (调休上班). */
export type DayOverride = { date: Day; kind: "holiday" | "workday"; name?: string };

export type Calendar = {
  isWorkday(day: Day): boolean;
  /** The same by day number (days since 1970-01-01), for tight loops. */
  isWorkdayN(n: number): boolean;
  /** The years the package (or an override) knows; a year outside falls back to Monday–Friday. */
  knowsYear(year: number): boolean;
};

const PACKAGE_HOLIDAYS: ReadonlySet<string> = new Set(Object.keys((data as { holidays: object }).holidays));
const PACKAGE_WORKDAYS: ReadonlySet<string> = new Set(Object.keys((data as { workdays: object }).workdays));
const PACKAGE_YEARS: ReadonlySet<number> = new Set([...PACKAGE_HOLIDAYS].map((d) => Number(d.slice(0, 4))));

export function buildCalendar(overrides: readonly DayOverride[] = []): Calendar {
  const over = new Map(overrides.map((o) => [o.date, o.kind]));
  const overYears = new Set(overrides.map((o) => Number(o.date.slice(0, 4))));
  // 0 = unknown, 1 = workday, 2 = day off; by day number
  const cache = new Map<number, number>();
  const isWorkdayN = (n: number): boolean => {
    const hit = cache.get(n);
    if (hit !== undefined) return hit === 1;
    const day = fromNumber(n);
    const o = over.get(day);
    let work: boolean;
    if (o) work = o === "workday";
    else if (PACKAGE_WORKDAYS.has(day)) work = true;
    else if (PACKAGE_HOLIDAYS.has(day)) work = false;
    else {
      const w = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
      work = w !== 0 && w !== 6;
    }
    cache.set(n, work ? 1 : 2);
    return work;
  };
  return {
    isWorkdayN,
    isWorkday: (day) => isWorkdayN(dayNumber(day)),
    knowsYear(year) {
      return PACKAGE_YEARS.has(year) || overYears.has(year);
    },
  };
}

/** The package's calendar without overrides (tests, bench). */
export const DEFAULT_CALENDAR = buildCalendar();
