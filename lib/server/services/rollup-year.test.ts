import { describe, expect, it } from "vitest";
import { rollupYearParam, rollupYearProblem, rollupYearRange } from "./rollup";

// 2026-06-01 in China: roll-ups for 2021 to 2026
const now = new Date("2026-06-01T00:00:00+08:00");
const MESSAGE = "年度须为 2021 至 2026 之间的整数。";

describe("/rollup?year=", () => {
  it("refuses every bad year with the range message, never falling back to the current year", () => {
    expect(rollupYearRange(now)).toEqual({ min: 2021, max: 2026 });
    for (const raw of ["20266", "abc", "-1", "99999", "2031", "1900", "2026.5", "0", "2027"]) {
      const year = rollupYearParam(raw);
      expect(year, raw).not.toBe(2026);
      expect(rollupYearProblem(year, now), raw).toBe(MESSAGE);
    }
  });

  it("takes the years within the range", () => {
    for (const raw of ["2021", "2024", "2026", " 2025 "]) {
      expect(rollupYearProblem(rollupYearParam(raw), now), raw).toBeNull();
    }
    expect(rollupYearParam("2024")).toBe(2024);
  });
});
