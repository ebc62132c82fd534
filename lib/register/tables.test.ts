import { describe, expect, it } from "vitest";
import { computeTotals, validateReport } from "@/lib/report";
import { emptyContent, t3CellId, t4CellId } from "@/lib/template";
import { entriesOfT3Cell, registerDifferences, table3FromRegister, table4FromCases, type RegisterEntry } from "./tables";
import { validateApplication, EMPTY_INPUT, RESULT_ROWS, APPLICANT_TYPES } from "./model";

const e = (id: string, applicantType: string, result: string | null, carried = false): RegisterEntry => ({
  id,
  applicantType,
  result,
  carried,
});

describe("table 三 from the register", () => {
  const entries = [
    e("a", "natural", "open"),
    e("b", "natural", "partial"),
    e("c", "commercial", "deny4"),
    e("d", "natural", null), // open on 12-31 → 四
    e("f", "legal", "other1", true), // carried over from last year, closed this year
    e("g", "research", null, true), // carried, still open
  ];
  const cells = table3FromRegister(entries);
  it("counts each application once on each side", () => {
    expect(cells[t3CellId("new", "natural")]).toBe("3");
    expect(cells[t3CellId("new", "commercial")]).toBe("1");
    expect(cells[t3CellId("carried", "legal")]).toBe("1");
    expect(cells[t3CellId("carried", "research")]).toBe("1");
    expect(cells[t3CellId("open", "natural")]).toBe("1");
    expect(cells[t3CellId("partial", "natural")]).toBe("1"); // 只计这一情形
    expect(cells[t3CellId("deny4", "commercial")]).toBe("1");
    expect(cells[t3CellId("other1", "legal")]).toBe("1");
    expect(cells[t3CellId("carryover", "natural")]).toBe("1");
    expect(cells[t3CellId("carryover", "research")]).toBe("1");
    expect(cells[t3CellId("deny1", "natural")]).toBe("0");
  });
  it("balances: 一 + 二 = （七） + 四, with no finding on table 三", () => {
    const totals = computeTotals(cells);
    const n = (id: string) => totals[id] ?? Number(cells[id]);
    expect(n(t3CellId("new", "total")) + n(t3CellId("carried", "total"))).toBe(
      n(t3CellId("total", "total")) + n(t3CellId("carryover", "total")),
    );
    const content = emptyContent("北坡乡人民政府", 2025);
    content.cells = { ...content.cells, ...cells };
    const findings = validateReport(content, { year: 2025 }).filter((f) => f.cells.some((c) => c.startsWith("t3.")) && f.severity === "error");
    expect(findings).toEqual([]);
  });
  it("drills down to the applications of a cell", () => {
    expect(entriesOfT3Cell(entries, t3CellId("new", "natural")).map((x) => x.id)).toEqual(["a", "b", "d"]);
    expect(entriesOfT3Cell(entries, t3CellId("total", "total")).map((x) => x.id)).toEqual(["a", "b", "c", "f"]);
    expect(entriesOfT3Cell(entries, t3CellId("carryover", "total")).map((x) => x.id)).toEqual(["d", "g"]);
  });
  it("names every cell where typed figures differ", () => {
    const typed = { ...cells, [t3CellId("new", "natural")]: "4", [t3CellId("open", "natural")]: "" };
    expect(registerDifferences(typed, cells).map((d) => d.cellId)).toEqual([t3CellId("new", "natural"), t3CellId("open", "natural")]);
  });
});

describe("table 四 from cases", () => {
  it("counts a 复议机关 co-defendant for the original organ only", () => {
    const cells = table4FromCases([
      { id: "1", kind: "review", result: "upheld", coDefendantOnly: false },
      { id: "2", kind: "after", result: "pending", coDefendantOnly: false },
      { id: "3", kind: "after", result: "corrected", coDefendantOnly: true },
    ]);
    expect(cells[t4CellId("review", "upheld")]).toBe("1");
    expect(cells[t4CellId("after", "pending")]).toBe("1");
    expect(cells[t4CellId("after", "corrected")]).toBe("0");
  });
});

describe("validating an application", () => {
  const base = { ...EMPTY_INPUT, receivedAt: "2025-03-03" };
  it("takes its labels from the template", () => {
    expect(APPLICANT_TYPES.map((a) => a.label)).toEqual(["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]);
    expect(RESULT_ROWS).toHaveLength(21);
  });
  it("names the field: 答复日期 before 收到日期", () => {
    const { errors } = validateApplication({ ...base, repliedAt: "2025-03-01", result: "open" }, { year: 2025, carried: false });
    expect(errors).toEqual([{ field: "repliedAt", message: "「答复日期」2025-03-01 早于「收到日期」2025-03-03" }]);
  });
  it("names the field: a result row that does not exist", () => {
    const { errors } = validateApplication({ ...base, repliedAt: "2025-03-05", result: "deny9" }, { year: 2025, carried: false });
    expect(errors[0]!.field).toBe("result");
    expect(errors[0]!.message).toContain("不是表三的办理结果行");
  });
  it("names the field: a date outside the year, and normalises typed dates", () => {
    const { errors } = validateApplication({ ...base, receivedAt: "2024-12-30" }, { year: 2025, carried: false });
    expect(errors[0]).toEqual({ field: "receivedAt", message: "「收到日期」2024-12-30 不在 2025 年内" });
    expect(validateApplication({ ...base, receivedAt: "2024-12-30" }, { year: 2025, carried: true }).errors).toEqual([]);
    const r = validateApplication({ ...base, receivedAt: "2025年3月9日", repliedAt: "2025/3/20", result: "open" }, { year: 2025, carried: false });
    expect(r.errors).toEqual([]);
    // full-width digits and separators, as a Chinese input method types them
    for (const [typed, day] of [["２０２５－０３－０９", "2025-03-09"], ["2025－03－09", "2025-03-09"], ["2025／3／9", "2025-03-09"], ["２０２５．３．９", "2025-03-09"], ["２０２５年３月９日", "2025-03-09"]]) {
      const f = validateApplication({ ...base, receivedAt: typed! }, { year: 2025, carried: false });
      expect(f.errors, typed).toEqual([]);
      expect(f.input.receivedAt).toBe(day);
    }
    expect(r.input.receivedAt).toBe("2025-03-09");
    expect(r.input.repliedAt).toBe("2025-03-20");
  });
  it("refuses an extension beyond 20 working days", () => {
    const { errors } = validateApplication({ ...base, extensionApprovedAt: "2025-03-20", extensionDays: "25" }, { year: 2025, carried: false });
    expect(errors[0]!.field).toBe("extensionDays");
  });
});

describe("R1: typed figures against the register", () => {
  it("names every typed cell that differs, as a warning", () => {
    const register = table3FromRegister([e("a", "natural", "open"), e("b", "natural", null)]);
    const content = emptyContent("北坡乡人民政府", 2025);
    content.cells = { ...content.cells, ...register, [t3CellId("new", "natural")]: "5", [t3CellId("deny1", "natural")]: "" };
    const r1 = validateReport(content, { year: 2025, register }).filter((f) => f.rule === "R1");
    expect(r1.map((f) => [f.severity, f.message])).toEqual([
      ["warning", "表三「一、本年新收政府信息公开申请数量」自然人填写 5，依申请公开台账为 2。"],
    ]);
    expect(validateReport(content, { year: 2025 }).filter((f) => f.rule === "R1")).toEqual([]);
  });
});
