import { describe, expect, it } from "vitest";
import { emptyContent, INPUT_CELLS, t2CellId, t3CellId } from "@/lib/template";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { addDecimal, computeTotals, formatDecimal, parseDecimal, sumReports, validateReport, type RollupSource } from "./index";

const src = (id: string, cells: Record<string, string>, fee: RollupSource["fee"] = { charged: false, pieces: "", amount: "" }): RollupSource => ({
  reportId: `r-${id}`,
  organId: `o-${id}`,
  organName: `机关${id}`,
  cells: { ...Object.fromEntries(INPUT_CELLS.map((c) => [c.id, "0"])), ...cells },
  fee,
});

describe("exact decimals", () => {
  it("adds 万元 amounts without float drift, keeping the longest decimals", () => {
    const add = (a: string, b: string) => formatDecimal(addDecimal(parseDecimal(a)!, parseDecimal(b)!));
    expect(add("0.1", "0.2")).toBe("0.3"); // 0.1 + 0.2 = 0.30000000000000004 in floats
    expect(add("1.50", "2")).toBe("3.50");
    expect(add("0.000001", "12.123456")).toBe("12.123457");
    expect(add(".5", "0.5")).toBe("1.0");
    expect(parseDecimal("-1")).toBeNull();
    expect(parseDecimal("abc")).toBeNull();
  });
});

describe("sumReports", () => {
  it("adds every input cell over the sources; stocks (现行有效件数) add up like the rest", () => {
    const s = sumReports([
      src("a", { [t2CellId("normative", "valid")]: "12", [t3CellId("new", "natural")]: "3", [t2CellId("fee", "amount")]: "0.1" }),
      src("b", { [t2CellId("normative", "valid")]: "30", [t3CellId("new", "natural")]: "4", [t2CellId("fee", "amount")]: "0.2" }),
    ]);
    expect(s.cells[t2CellId("normative", "valid")]).toBe("42");
    expect(s.cells[t3CellId("new", "natural")]).toBe("7");
    expect(s.cells[t2CellId("fee", "amount")]).toBe("0.3");
    expect(computeTotals(s.cells)[t3CellId("new", "total")]).toBe(7);
    expect(s.invalid).toEqual([]);
  });
  it("balanced sources give a balanced sum (E1 holds on the 汇总)", () => {
    const z = zhangliangContent();
    const s = sumReports([
      { reportId: "1", organId: "1", organName: "甲", cells: z.cells, fee: z.fee },
      { reportId: "2", organId: "2", organName: "乙", cells: z.cells, fee: z.fee },
    ]);
    const content = { ...emptyContent("示范县", 2023), cells: s.cells };
    expect(validateReport(content, { year: 2023 }).filter((f) => f.rule === "E1")).toEqual([]);
    expect(computeTotals(s.cells)[t3CellId("total", "total")]).toBe(2 * computeTotals(z.cells)[t3CellId("total", "total")]!);
  });
  it("leaves out a source with an invalid cell, whole, and names it", () => {
    const s = sumReports([src("a", { [t3CellId("new", "natural")]: "5" }), src("b", { [t3CellId("new", "natural")]: "x", [t3CellId("new", "legal")]: "9" })]);
    expect(s.cells[t3CellId("new", "natural")]).toBe("5");
    expect(s.cells[t3CellId("new", "legal")]).toBe("0");
    expect(s.invalid).toEqual([{ reportId: "r-b", organName: "机关b", cells: [t3CellId("new", "natural")] }]);
  });
  it("treats a stored value that is not a string as invalid, not as a crash", () => {
    const s = sumReports([src("a", { [t3CellId("new", "natural")]: 5 as unknown as string })]);
    expect(s.invalid).toEqual([{ reportId: "r-a", organName: "机关a", cells: [t3CellId("new", "natural")] }]);
  });
  it("keeps counts exact beyond 2^53 and normalises 007 and full-width digits", () => {
    const big = "999999999999"; // 12 digits, the most a count may have; ten thousand of them pass 2^53
    const s = sumReports(Array.from({ length: 10_000 }, (_, i) => src(String(i), { [t2CellId("penalty", "decisions")]: big })));
    expect(s.cells[t2CellId("penalty", "decisions")]).toBe("9999999999990000");
    expect(sumReports([src("a", { [t2CellId("permit", "decisions")]: "007" }), src("b", { [t2CellId("permit", "decisions")]: "３" })]).cells[t2CellId("permit", "decisions")]).toBe("10");
  });
  it("sums the 信息处理费: charged when any source charged, unknown when one did not say, none otherwise", () => {
    const charged = { charged: true, pieces: "2", amount: "100.5" } as const;
    expect(sumReports([src("a", {}, charged), src("b", {}, { charged: true, pieces: "1", amount: "0.55" })]).fee).toEqual({ charged: true, pieces: "3", amount: "101.05" });
    expect(sumReports([src("a", {}), src("b", {})]).fee).toEqual({ charged: false, pieces: "", amount: "" });
    expect(sumReports([src("a", {}), src("b", {}, { charged: null, pieces: "", amount: "" })]).fee.charged).toBeNull();
    expect(sumReports([]).fee.charged).toBeNull();
  });
});
