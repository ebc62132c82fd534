import { describe, expect, it } from "vitest";
import { timingCaveats } from "./timing";

const day = (year: number, month: number, d: number) => ({ year, month, day: d });

describe("timingCaveats", () => {
  it("says when the year is not over and when the 成文日期 is still to come", () => {
    expect(timingCaveats({ year: 2026, signDate: "2027年1月18日" }, day(2026, 12, 7))).toEqual([
      "2026年度尚未结束：报告的统计期至2026年12月31日，此后收到和办结的申请不在表中。",
      "成文日期为2027年1月18日，晚于今天（2026年12月7日）。",
    ]);
    // the usual January: nothing to say
    expect(timingCaveats({ year: 2026, signDate: "2027年1月18日" }, day(2027, 1, 20))).toEqual([]);
    expect(timingCaveats({ year: 2026, signDate: "2027年1月18日" }, day(2027, 1, 18))).toEqual([]);
    // the date still to come, the year over
    expect(timingCaveats({ year: 2026, signDate: "2027年1月18日" }, day(2027, 1, 17))).toEqual(["成文日期为2027年1月18日，晚于今天（2027年1月17日）。"]);
    // the year not over, no date (or one that is not a date) yet
    expect(timingCaveats({ year: 2026, signDate: "" }, day(2026, 12, 31))).toHaveLength(1);
    expect(timingCaveats({ year: 2026, signDate: "2027年13月1日" }, day(2027, 2, 1))).toEqual([]);
  });
});
