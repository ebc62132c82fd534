import { describe, expect, it } from "vitest";
import { emptyContent, t2CellId, t3CellId } from "@/lib/template";
import { countFindings, openFindings, validateReport, type Finding } from "@/lib/report";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildFindingsView, refSelector } from "./findings-view";

describe("buildFindingsView", () => {
  it("folds blank cells into one error per table and does not mark them", () => {
    const c = emptyContent("某某镇人民政府", 2023);
    const view = buildFindingsView(c, validateReport(c, { year: 2023 }));
    const blank = view.errors.filter((e) => e.key.startsWith("E5:blank:"));
    expect(blank.map((b) => b.key)).toEqual(["E5:blank:t2", "E5:blank:t3", "E5:blank:t4"]);
    expect(blank[1]!.refs).toHaveLength(144);
    expect(view.marks.has(t3CellId("new", "natural"))).toBe(false);
    expect(view.marks.size).toBe(0); // a new report: to-dos, nothing marked as wrong
  });

  it("marks the cells of an imbalance and separates acknowledged warnings", () => {
    const c = zhangliangContent();
    c.cells[t3CellId("new", "natural")] = "2";
    const findings = validateReport(c, { year: 2023, organKind: "TOWNSHIP" });
    const e1 = findings.find((f) => f.rule === "E1")!;
    const warning = findings.find((f) => f.severity === "warning")!;
    c.acknowledgements[warning.key] = "已核实";
    const view = buildFindingsView(c, findings);
    // one mistake, one entry: it names (and marks) the 总计 column's cells too
    expect(view.errors.filter((e) => e.rule === "E1")).toHaveLength(1);
    expect(view.marks.get(e1.cells[0]!)).toBe("error");
    expect(view.marks.get(t3CellId("new", "total"))).toBe("error");
    expect(view.acknowledged.map((a) => a.key)).toContain(warning.key);
    expect(view.warnings.map((a) => a.key)).not.toContain(warning.key);
  });

  it("selects cells by data-cell and fields by data-field", () => {
    expect(refSelector(t3CellId("new", "natural"))).toBe('[data-cell="t3.new.natural"]');
    expect(refSelector("text.s5")).toBe('[data-field="text.s5"]');
    expect(refSelector("fee")).toBe('[data-field="fee"]');
  });
});

describe("findings on the same cause", () => {
  it("are listed together: an import's printed total and a sentence about the same cell", () => {
    const c = zhangliangContent();
    c.header.signDate = "2024年1月19日";
    c.fee = { charged: false, pieces: "", amount: "" };
    c.cells[t3CellId("new", "natural")] = "2";
    c.cells[t3CellId("open", "natural")] = "2";
    c.sourceTotals = { [t3CellId("new", "total")]: "3" };
    c.text["s1.request"] = "本年新收政府信息公开申请5件。";
    c.cells[t2CellId("penalty", "decisions")] = "2"; // 「行政处罚 1 起」 in 一（四）: another cause, between the two
    c.text.s6 = "本年新收政府信息公开申请共计5件。";
    const findings = validateReport(c, { year: 2023, organKind: "TOWNSHIP" });
    const view = buildFindingsView(c, findings);
    expect(view.errors.map((x) => [x.rule, x.cause])).toEqual([["E2", `printed:${t3CellId("new", "total")}`]]);
    // the two sentences on the same printed total follow each other, before the other warnings
    const order = (list: readonly Finding[]) => list.filter((x) => x.rule === "T1").map((x) => x.cells[0]);
    expect(order(findings)).toEqual(["text.s1.request", "text.s1.platform", "text.s6"]);
    expect(view.warnings.filter((x) => x.rule === "T1").map((x) => x.refs[0])).toEqual(["text.s1.request", "text.s6", "text.s1.platform"]);
  });
});

describe("the count of findings (dashboard, roll-up, exports) is the editor's", () => {
  // the demo's 北坡乡 draft: blank cells in table 三 plus an imbalance — the editor shows 「N 项错误」 and the
  // supervisor's dashboard must say the same N, not one error per blank cell
  const cases: [string, () => ReturnType<typeof emptyContent>][] = [
    ["a new report", () => emptyContent("某某镇人民政府", 2023)],
    ["table 三 half blank, an imbalance, a warning acknowledged", () => {
      const c = zhangliangContent();
      for (const id of Object.keys(c.cells).filter((k) => k.startsWith("t3.")).slice(0, 40)) c.cells[id] = "";
      c.cells[t2CellId("penalty", "decisions")] = "2";
      c.cells[t3CellId("new", "natural")] = "x";
      return c;
    }],
    ["the zhangliang report", () => zhangliangContent()],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      const c = make();
      const findings = validateReport(c, { year: 2023, organKind: "TOWNSHIP" });
      const warning = findings.find((f) => f.severity === "warning");
      if (warning && name.includes("acknowledged")) c.acknowledgements[warning.key] = "已核实";
      const view = buildFindingsView(c, findings);
      const counted = countFindings(c, openFindings(c, findings));
      expect(counted).toEqual({ errorCount: view.errors.length, warningCount: view.warnings.length });
      if (name === "a new report") expect(counted.errorCount).toBeLessThan(findings.filter((f) => f.severity === "error").length);
    });
  }
});
