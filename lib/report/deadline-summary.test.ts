import { describe, expect, it } from "vitest";
import { deadlineSummary, type Day } from "./organ-levels";

const day = (year: number, month: number, d: number): Day => ({ year, month, day: d });

describe("deadlineSummary", () => {
  it("names each kind of deadline present once, in the chain's order", () => {
    const text = deadlineSummary([
      { key: "COUNTY_ROLLUP", day: day(2027, 2, 20) },
      { key: "ORGAN", day: day(2027, 1, 31) },
      { key: "ORGAN", day: day(2027, 1, 31) },
      { key: "BENJI", day: day(2027, 3, 31) },
    ]);
    expect(text).toBe("政府部门、乡镇（街道）年度报告2027年1月31日前；县级汇总报告2027年2月20日前；各级人民政府本级报告2027年3月31日前");
  });

  it("states a day an admin moved, not the format's", () => {
    expect(deadlineSummary([{ key: "ORGAN", day: day(2027, 1, 25) }])).toBe("政府部门、乡镇（街道）年度报告2027年1月25日前");
  });

  it("gives the first and last day where organs' days differ", () => {
    const text = deadlineSummary([
      { key: "ORGAN", day: day(2027, 2, 5) },
      { key: "ORGAN", day: day(2027, 1, 25) },
      { key: "ORGAN", day: day(2027, 1, 31) },
    ]);
    expect(text).toBe("政府部门、乡镇（街道）年度报告2027年1月25日至2027年2月5日前（各机关不同，见各行）");
  });

  it("is empty for no reports", () => {
    expect(deadlineSummary([])).toBe("");
  });
});
