import { afterEach, describe, expect, it } from "vitest";
import {
  chinaDateParts,
  chinaWallClock,
  chinaYear,
  codeLabel,
  defaultReportYear,
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  formatHourMinute,
  formatTime,
  LOGIN_FAILURE_LABELS,
  ORGAN_KIND_LABELS,
} from "./labels";

const ORIGINAL_TZ = process.env.TZ;
afterEach(() => {
  if (ORIGINAL_TZ === undefined) delete process.env.TZ;
  else process.env.TZ = ORIGINAL_TZ;
});

// 07:18:05 UTC is 15:18:05 in Beijing; 16:30 UTC on 31 Dec is already New Year's Day there.
const MORNING_UTC = "2026-01-20T07:18:05.000Z";
const NEW_YEAR_UTC = "2026-12-31T16:30:00.000Z";

describe.each(["UTC", "America/New_York", "Asia/Shanghai", "Pacific/Kiritimati"])("China time whatever the process TZ (%s)", (tz) => {
  it("formats in Asia/Shanghai", () => {
    process.env.TZ = tz;
    expect(formatTime(MORNING_UTC)).toBe("15:18:05");
    expect(formatHourMinute(new Date(MORNING_UTC))).toBe("15:18");
    expect(formatDateTime(MORNING_UTC)).toBe("2026/01/20 15:18");
    expect(formatDateTimeSeconds(Date.parse(MORNING_UTC))).toBe("2026/01/20 15:18:05");
    expect(formatDate(NEW_YEAR_UTC)).toBe("2027/01/01");
    expect(formatTime("2026-01-20T16:00:00Z")).toBe("00:00:00"); // midnight is 00, not 24
  });

  it("computes China's calendar", () => {
    process.env.TZ = tz;
    expect(chinaDateParts(NEW_YEAR_UTC)).toEqual({ year: 2027, month: 1, day: 1, hour: 0, minute: 30, second: 0 });
    expect(chinaYear(NEW_YEAR_UTC)).toBe(2027);
    // the reporting season: up to 31 March (China time) last year's report, from 1 April this year's
    expect(defaultReportYear("2027-03-31T15:59:59Z")).toBe(2026);
    expect(defaultReportYear("2027-03-31T16:00:00Z")).toBe(2027);
    const wall = chinaWallClock(NEW_YEAR_UTC);
    expect([wall.getFullYear(), wall.getMonth() + 1, wall.getDate(), wall.getHours(), wall.getMinutes()]).toEqual([2027, 1, 1, 0, 30]);
  });
});

it("an invalid date formats as empty, never as 'Invalid Date'", () => {
  expect(formatDateTime("not a date")).toBe("");
  expect(formatTime("")).toBe("");
});

it("codes are shown through the label tables; an unknown code is marked, never bare", () => {
  expect(codeLabel(ORGAN_KIND_LABELS, "TOWNSHIP")).toBe("乡镇（街道）");
  expect(codeLabel(LOGIN_FAILURE_LABELS, "INVALID_USERNAME_OR_PASSWORD")).toBe("用户名或密码错误");
  expect(codeLabel(LOGIN_FAILURE_LABELS, "ACCOUNT_LOCKED")).toContain("锁定");
  expect(codeLabel(ORGAN_KIND_LABELS, "CITY")).toBe("地市级人民政府");
  expect(codeLabel(ORGAN_KIND_LABELS, "VILLAGE")).toBe("其他（VILLAGE）");
  expect(codeLabel(ORGAN_KIND_LABELS, null)).toBe("—");
});
