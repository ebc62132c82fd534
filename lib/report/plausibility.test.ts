import { describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { INPUT_CELLS, t2CellId, t3CellId, t4CellId, type ReportContent } from "@/lib/template";
import { HISTORY_JUMP, USUAL_MAX, plausibilityFindings, plausibilityGroup, validateReport } from "./index";

/** A complete, balanced township report (张良镇 2023: 行政许可 17, 行政处罚 1). */
function complete(): ReportContent {
  const c = zhangliangContent();
  c.header.signDate = "2024年1月19日";
  c.fee = { charged: false, pieces: "", amount: "" };
  c.cells[t4CellId("direct", "corrected")] = "0";
  c.cells[t4CellId("direct", "other")] = "0";
  return c;
}
const township = { year: 2023, organKind: "TOWNSHIP" as const };
const p1 = (c: ReportContent, ctx: Parameters<typeof validateReport>[1] = township) =>
  validateReport(c, ctx).filter((f) => f.rule === "P1");

describe("P1: plausibility", () => {
  it("has a usual range for every input cell and every organ kind", () => {
    for (const def of INPUT_CELLS) {
      const group = plausibilityGroup(def.id);
      for (const kind of ["TOWNSHIP", "COUNTY", "DEPARTMENT"] as const) expect(USUAL_MAX[kind][group]).toBeGreaterThan(0);
    }
  });

  it("says nothing about a real township report", () => {
    expect(p1(complete())).toEqual([]);
  });

  it("warns about 1000000000 行政处罚 of a township, naming the cell and the value", () => {
    const c = complete();
    c.cells[t2CellId("penalty", "decisions")] = "1000000000";
    const f = p1(c);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ severity: "warning", cells: [t2CellId("penalty", "decisions")] });
    expect(f[0]!.message).toContain("表二「行政处罚」本年处理决定数量");
    expect(f[0]!.message).toContain("1000000000");
    expect(f[0]!.message).toContain("乡镇");
    expect(f[0]!.message).toContain(String(USUAL_MAX.TOWNSHIP.penalty));
    // a warning: submitting is not blocked
    expect(validateReport(c, township).some((x) => x.severity === "error")).toBe(false);
  });

  it("the usual range depends on the organ's level", () => {
    const c = complete();
    const id = t2CellId("penalty", "decisions");
    c.cells[id] = String(USUAL_MAX.TOWNSHIP.penalty + 1);
    expect(p1(c)).toHaveLength(1);
    expect(p1(c, { year: 2023, organKind: "COUNTY" })).toEqual([]);
    c.cells[id] = String(USUAL_MAX.TOWNSHIP.penalty);
    expect(p1(c)).toEqual([]);
    // unknown kind: the most generous ceiling (a province's)
    c.cells[id] = String(USUAL_MAX.PROVINCE.penalty);
    expect(p1(c, { year: 2023 })).toEqual([]);
    c.cells[id] = String(USUAL_MAX.PROVINCE.penalty + 1);
    expect(p1(c, { year: 2023 })).toHaveLength(1);
    // a 汇总's figures are sums of checked figures: no level ceiling
    expect(p1(c, { year: 2023, organKind: "TOWNSHIP", reportKind: "ROLLUP" })).toEqual([]);
  });

  it("checks tables 三 and 四 and the fee amount (万元) too", () => {
    const c = complete();
    c.cells[t3CellId("new", "natural")] = "900";
    c.cells[t3CellId("open", "natural")] = "900";
    c.cells[t4CellId("review", "upheld")] = "120";
    c.cells[t2CellId("fee", "amount")] = "2000.5";
    const f = p1(c);
    expect(f.map((x) => x.cells[0]).sort()).toEqual(
      [t2CellId("fee", "amount"), t3CellId("new", "natural"), t3CellId("open", "natural"), t4CellId("review", "upheld")].sort(),
    );
    expect(f.find((x) => x.cells[0] === t2CellId("fee", "amount"))!.message).toContain("2000.5 万元");
  });

  it("warns about a count far above the organ's own report of last year", () => {
    const prev = complete(); // 行政许可 17
    const id = t2CellId("permit", "decisions");
    const c = complete();
    const withPrev = { ...township, previous: { year: 2022, content: prev } };
    c.cells[id] = "170"; // 10×, +153: within the township range, far above last year
    const f = p1(c, withPrev);
    expect(f.map((x) => x.cells)).toEqual([[id]]);
    expect(f[0]!.message).toContain("上年报告的 17");
    expect(f[0]!.message).not.toContain("通常的数量");
    c.cells[id] = "169"; // less than 10×
    expect(p1(c, withPrev)).toEqual([]);
    // small numbers move a lot: 1 → 12 is not flagged
    c.cells[id] = "17";
    c.cells[t2CellId("penalty", "decisions")] = "12";
    expect(p1(c, withPrev)).toEqual([]);
    // only last year's report counts
    c.cells[id] = "170";
    expect(p1(c, { ...township, previous: { year: 2021, content: prev } })).toEqual([]);
    expect(HISTORY_JUMP.count.factor).toBe(10);
  });

  it("the key carries the value: an acknowledged warning comes back when the value changes", () => {
    const c = complete();
    c.cells[t2CellId("penalty", "decisions")] = "1000000000";
    const [a] = plausibilityFindings(c, township);
    c.cells[t2CellId("penalty", "decisions")] = "2000000000";
    const [b] = plausibilityFindings(c, township);
    expect(a!.key).not.toBe(b!.key);
  });

  it("blank, zero and invalid values are left to E5", () => {
    const c = complete();
    c.cells[t2CellId("penalty", "decisions")] = "abc";
    c.cells[t2CellId("permit", "decisions")] = "";
    expect(p1(c)).toEqual([]);
  });
});
