import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { INPUT_CELLS, T3_INPUT_COLUMNS, emptyContent, t2CellId, t3CellId, t4CellId, type ReportContent } from "@/lib/template";
import {
  computeTotals,
  draftContentSchema,
  feeStatement,
  FEE_REF,
  normalizeCellInput,
  openFindings,
  parseWholeNumber,
  parseChineseDate,
  parseDraft,
  readCell,
  similarity,
  submitContentSchema,
  TEXT_STORE_MAX_CHARS,
  validateReport,
  canTransition,
  REPORT_ACTIONS,
  REPORT_STATUSES,
  transitionRefusal,
  type Finding,
} from "./index";

/** A balanced, complete report to break one rule at a time. */
function complete(): ReportContent {
  const c = zhangliangContent();
  c.header.signDate = "2024年1月19日";
  c.fee = { charged: false, pieces: "", amount: "" };
  c.cells[t4CellId("direct", "corrected")] = "0";
  c.cells[t4CellId("direct", "other")] = "0";
  return c;
}
const rules = (f: Finding[]) => f.map((x) => x.rule);
const ctx = { year: 2023, organKind: "TOWNSHIP" as const };

describe("values", () => {
  it("reads plain digits on its fast path exactly as the full normalisation does", () => {
    // a leading space always takes the full path (normalise, then read)
    const digits = fc.string({ unit: fc.constantFrom("0", "1", "2", "5", "9"), maxLength: 22 });
    const any = fc.oneof(digits, fc.string({ maxLength: 8 }), fc.constantFrom("0", "00", "０７", "1,000", "7.0", "-3"));
    fc.assert(
      fc.property(any, fc.constantFrom("count" as const, "decimal" as const), (raw, kind) => {
        expect(readCell(raw, kind)).toEqual(readCell(` ${raw}`, kind));
      }),
      { numRuns: 3000 },
    );
  });
  it.each([
    ["１２３", "123"],
    ["  7 ", "7"],
    ["1,234", "1234"],
    ["1，234", "1234"],
    ["３．５", "3.5"],
    ["－2", "-2"],
    ["\u30004\u3000", "4"],
    // leading zeros go; decimals (万元) keep their zero before the point and their digits after it
    ["007", "7"],
    ["００７", "7"],
    ["000", "0"],
    ["0", "0"],
    ["0.5", "0.5"],
    ["00.5", "0.5"],
    ["0.0125", "0.0125"],
    ["010.50", "10.50"],
    ["+007", "+7"],
    ["-007", "-7"],
    ["1,007", "1007"],
    ["007abc", "007abc"],
  ])("normalises %j to %j", (raw, out) => expect(normalizeCellInput(raw)).toBe(out));

  it("parses whole numbers typed in form fields, full-width digits too", () => {
    expect(parseWholeNumber("2026")).toBe(2026);
    expect(parseWholeNumber("２０２６")).toBe(2026);
    expect(parseWholeNumber("\u3000２０２６ ")).toBe(2026);
    expect(parseWholeNumber("0012")).toBe(12);
    expect(parseWholeNumber("")).toBeNull();
    expect(parseWholeNumber("2026年")).toBeNull();
    expect(parseWholeNumber("20.5")).toBeNull();
    expect(parseWholeNumber("-1")).toBeNull();
    expect(parseWholeNumber("1e3")).toBeNull();
  });

  it("reads counts: non-negative integers only", () => {
    expect(readCell("", "count")).toEqual({ state: "blank" });
    expect(readCell("0", "count")).toEqual({ state: "valid", value: 0 });
    expect(readCell("007", "count")).toEqual({ state: "valid", value: 7 });
    expect(readCell("12.0", "count")).toEqual({ state: "valid", value: 12 });
    expect(readCell("123456789012", "count")).toEqual({ state: "valid", value: 123456789012 });
    expect(readCell("-1", "count")).toMatchObject({ state: "invalid", message: "不能为负数" });
    expect(readCell("1.5", "count")).toMatchObject({ state: "invalid", message: expect.stringContaining("整数") });
    expect(readCell("abc", "count")).toMatchObject({ state: "invalid" });
    expect(readCell("1234567890123456", "count")).toMatchObject({ state: "invalid", message: expect.stringContaining("过大") });
    expect(readCell("1234567890123", "count")).toMatchObject({ state: "invalid", message: expect.stringContaining("最多12位") });
    expect(readCell("999999999999", "count")).toMatchObject({ state: "valid", value: 999999999999 });
  });

  it("reads fees as non-negative decimals", () => {
    expect(readCell("0.0125", "decimal")).toEqual({ state: "valid", value: 0.0125 });
    expect(readCell("3", "decimal")).toEqual({ state: "valid", value: 3 });
    expect(readCell("-0.5", "decimal")).toMatchObject({ state: "invalid" });
    expect(readCell("1.2.3", "decimal")).toMatchObject({ state: "invalid" });
  });
});

describe("totals", () => {
  it("sums rows and columns of table 三 and the groups of table 四", () => {
    const c = emptyContent("x", 2023);
    c.cells[t3CellId("new", "natural")] = "3";
    c.cells[t3CellId("new", "commercial")] = "2";
    c.cells[t3CellId("open", "natural")] = "2";
    c.cells[t3CellId("deny3", "natural")] = "1";
    c.cells[t3CellId("other3", "commercial")] = "2";
    c.cells[t4CellId("after", "pending")] = "4";
    c.cells[t4CellId("after", "upheld")] = "1";
    const t = computeTotals(c.cells);
    expect(t[t3CellId("new", "total")]).toBe(5);
    expect(t[t3CellId("total", "natural")]).toBe(3);
    expect(t[t3CellId("total", "commercial")]).toBe(2);
    expect(t[t3CellId("total", "total")]).toBe(5);
    expect(t[t4CellId("after", "total")]).toBe(5);
    expect(t[t4CellId("review", "total")]).toBe(0);
  });

  it("gives an unknown total when a summand is invalid", () => {
    const c = emptyContent("x", 2023);
    c.cells[t3CellId("open", "legal")] = "x";
    const t = computeTotals(c.cells);
    expect(t[t3CellId("open", "total")]).toBeNull();
    expect(t[t3CellId("total", "legal")]).toBeNull();
    expect(t[t3CellId("total", "total")]).toBeNull();
    expect(t[t3CellId("new", "total")]).toBe(0);
  });

  it("recomputes the zhangliang sample's printed totals", () => {
    const t = computeTotals(zhangliangContent().cells);
    expect(t[t4CellId("direct", "total")]).toBe(3);
    expect(t[t4CellId("review", "total")]).toBe(0);
    expect(t[t3CellId("total", "total")]).toBe(0);
  });
});

describe("rules", () => {
  it("finds nothing in a complete, balanced report", () => {
    expect(validateReport(complete(), ctx)).toEqual([]);
  });

  it("zhangliang 2023 as published: no error, warnings for T3 (fee), T4 (cases without applications), T6 (no date)", () => {
    const f = validateReport(zhangliangContent(), ctx);
    expect(f.filter((x) => x.severity === "error")).toEqual([]);
    expect(rules(f).sort()).toEqual(["T3", "T4", "T6"]);
    const t4 = f.find((x) => x.rule === "T4")!;
    expect(t4.cells).toContain(t4CellId("direct", "total"));
    expect(t4.message).toContain("3 件");
  });

  it("E1: 一 + 二 must equal （七）总计 + 四 per column, naming the four cells", () => {
    const c = complete();
    c.cells[t3CellId("new", "research")] = "4";
    c.cells[t3CellId("open", "research")] = "3";
    const f = validateReport(c, ctx).filter((x) => x.rule === "E1");
    // the 科研机构 column is off by one, and so is the 总计 column because of it: one cause, one entry,
    // naming the input column's four cells and then the 总计 column's
    const rows = ["new", "carried", "total", "carryover"];
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("error");
    expect(f[0]!.cells).toEqual([...rows.map((r) => t3CellId(r, "research")), ...rows.map((r) => t3CellId(r, "total"))]);
    expect(f[0]!.key).toBe(`E1:${rows.map((r) => t3CellId(r, "research")).join(",")}`);
    expect(f[0]!.message).toContain("科研机构");
    expect(f[0]!.message).toContain("4");
    expect(f[0]!.message).toContain("「总计」列也随之不平衡");
    c.cells[t3CellId("carryover", "research")] = "1";
    expect(validateReport(c, ctx).filter((x) => x.rule === "E1")).toEqual([]);
  });

  it("E1 counts 上年结转 on the left-hand side", () => {
    const c = complete();
    c.cells[t3CellId("carried", "natural")] = "2";
    c.cells[t3CellId("new", "natural")] = "1";
    c.cells[t3CellId("open", "natural")] = "2";
    c.cells[t3CellId("carryover", "natural")] = "1";
    expect(validateReport(c, ctx)).toEqual([]);
    c.cells[t3CellId("carryover", "natural")] = "0";
    expect(validateReport(c, ctx).map((x) => x.rule)).toEqual(["E1"]);
  });

  it("E1: two input columns off in opposite directions are two causes; the balanced 总计 column is not named", () => {
    const c = complete();
    c.cells[t3CellId("new", "natural")] = "1"; // 自然人 one too many on the left
    c.cells[t3CellId("open", "commercial")] = "1"; // 商业企业 one too many on the right
    const f = validateReport(c, ctx).filter((x) => x.rule === "E1");
    expect(f.map((x) => x.cells.length)).toEqual([4, 4]);
    expect(f.map((x) => x.cells[0])).toEqual([t3CellId("new", "natural"), t3CellId("new", "commercial")]);
    expect(f.flatMap((x) => x.cells).some((id) => id.endsWith(".total") && !id.startsWith("t3.total."))).toBe(false);
    expect(f.some((x) => x.message.includes("「总计」列"))).toBe(false);
  });

  it("E2/E3/E4: printed totals of an imported report that disagree with the cells", () => {
    const c = complete();
    c.cells[t3CellId("new", "natural")] = "2";
    c.cells[t3CellId("open", "natural")] = "2";
    c.sourceTotals = {
      [t3CellId("new", "total")]: "3", // E2 row total
      [t3CellId("total", "natural")]: "1", // E3 column total
      [t4CellId("direct", "total")]: "9", // E4
      [t3CellId("open", "total")]: "2", // agrees
    };
    const f = validateReport(c, ctx);
    expect(rules(f).sort()).toEqual(["E2", "E3", "E4"]);
    expect(f.find((x) => x.rule === "E2")!.message).toContain("原文为 3");
  });

  it("E5: invalid and blank cells are errors on their cell", () => {
    const c = complete();
    c.cells[t3CellId("deny1", "legal")] = "-1";
    c.cells[t2CellId("fee", "amount")] = "";
    const f = validateReport(c, ctx).filter((x) => x.rule === "E5");
    expect(f.map((x) => x.cells)).toEqual([[t2CellId("fee", "amount")], [t3CellId("deny1", "legal")]]);
    expect(f[0]!.message).toContain("未填写");
    expect(f[1]!.message).toContain("不能为负数");
  });

  it("E5: a charged fee needs pieces and amount", () => {
    const c = complete();
    c.fee = { charged: true, pieces: "2", amount: "abc" };
    const f = validateReport(c, ctx);
    expect(f.map((x) => x.key)).toEqual(["E5:fee.amount"]);
  });

  it("E6: sections 一, 五 and 六 must not be empty", () => {
    const c = complete();
    for (const k of Object.keys(c.text)) c.text[k] = "";
    c.fee.charged = null;
    const f = validateReport(c, ctx).filter((x) => x.rule === "E6");
    expect(f).toHaveLength(3);
    c.fee.charged = false; // the fee statement alone fills 六
    expect(validateReport(c, ctx).filter((x) => x.rule === "E6")).toHaveLength(2);
  });

  it("E7: the statistical period and any cited report year must be the report's year", () => {
    const c = complete();
    c.header.opening = c.header.opening.replace("2023年1月1日", "2022年1月1日");
    c.text.s6 = "参照2022年政府信息公开工作年度报告的写法。";
    const f = validateReport(c, ctx).filter((x) => x.rule === "E7");
    expect(f.map((x) => x.cells[0])).toEqual(["header.opening", "text.s6"]);
  });

  it("X1: 上年结转 must equal last year's 结转下年度继续办理 (error)", () => {
    const prev = complete();
    prev.cells[t3CellId("new", "natural")] = "2";
    prev.cells[t3CellId("carryover", "natural")] = "2";
    const c = complete();
    const f = validateReport(c, { ...ctx, previous: { year: 2022, content: prev } });
    expect(f.filter((x) => x.rule === "X1").map((x) => x.cells)).toEqual([[t3CellId("carried", "natural")]]);
    expect(f.find((x) => x.rule === "X1")!.severity).toBe("error");
    // no check without last year's report, or when "last year" is not the year before
    expect(validateReport(c, { ...ctx, previous: { year: 2021, content: prev } })).toEqual([]);
  });

  it("X2: 现行有效件数 = last year's + 制发 − 废止 (warning)", () => {
    const prev = complete();
    prev.cells[t2CellId("normative", "valid")] = "10";
    const c = complete();
    c.cells[t2CellId("normative", "issued")] = "3";
    c.cells[t2CellId("normative", "repealed")] = "1";
    c.cells[t2CellId("normative", "valid")] = "11";
    const x2 = () => validateReport(c, { ...ctx, previous: { year: 2022, content: prev } }).filter((x) => x.rule === "X2");
    expect(x2()).toHaveLength(1);
    expect(x2()[0]!.message).toContain("应为 12");
    c.cells[t2CellId("normative", "valid")] = "12";
    expect(x2()).toHaveLength(0);
    // more repealed than there were: no negative "应为", the figures named
    c.cells[t2CellId("normative", "repealed")] = "20";
    expect(x2()).toHaveLength(1);
    expect(x2()[0]!.message).toBe("表二「行政规范性文件」本年废止 20 件，多于上年现行有效 10 件与本年制发 3 件之和，请核对这几个数字。");
  });

  it("X3: section 五 copied from last year (warning)", () => {
    const prev = complete();
    const c = complete();
    const f = validateReport(c, { ...ctx, previous: { year: 2022, content: prev } });
    expect(f.filter((x) => x.rule === "X3").map((x) => x.cells[0])).toEqual(["text.s5", "text.s1.lead"]);
    c.text.s5 = "今年发现的问题是公开目录更新不及时、政策解读形式单一。下一步将建立目录季度更新机制，增加图解和视频解读，并组织两次业务培训，提升工作人员能力。";
    expect(validateReport(c, { ...ctx, previous: { year: 2022, content: prev } }).filter((x) => x.cells[0] === "text.s5")).toEqual([]);
  });

  it("T1: a number in the text that contradicts the table", () => {
    const c = complete();
    c.text["s1.request"] = "全年共收到政府信息公开申请5件，均已按时办结。";
    const f = validateReport(c, ctx).filter((x) => x.rule === "T1");
    expect(f).toHaveLength(1);
    expect(f[0]!.cells).toEqual(["text.s1.request", t3CellId("new", "total")]);
    c.cells[t3CellId("new", "natural")] = "5";
    c.cells[t3CellId("open", "natural")] = "5";
    expect(validateReport(c, ctx).filter((x) => x.rule === "T1")).toEqual([]);
  });

  it("T1: zhangliang's 行政处罚 1 起 agrees with table 二", () => {
    const c = complete();
    expect(c.text["s1.platform"]).toContain("行政处罚 1 起");
    c.cells[t2CellId("penalty", "decisions")] = "2";
    expect(validateReport(c, ctx).filter((x) => x.rule === "T1").map((x) => x.cells[1])).toEqual([t2CellId("penalty", "decisions")]);
  });

  it("T2: a missing topic of 一 and an over-long 一", () => {
    const c = complete();
    c.text["s1.oversight"] = "";
    expect(validateReport(c, ctx).map((x) => x.cells[0])).toEqual(["text.s1.oversight"]);
    c.text["s1.oversight"] = "字".repeat(1001);
    expect(validateReport(c, ctx).map((x) => x.key)).toEqual(["T2:length"]);
  });

  it("T3: fee statement missing, or fee notices implied by （六）2", () => {
    const c = complete();
    c.cells[t3CellId("new", "natural")] = "1";
    c.cells[t3CellId("other2", "natural")] = "1";
    expect(validateReport(c, ctx).map((x) => x.key)).toEqual(["T3:notices"]);
    c.fee.charged = null;
    expect(validateReport(c, ctx).map((x) => x.rule)).toEqual(["T3"]);
    expect(validateReport(c, ctx).find((x) => x.rule === "T3")!.message).toContain("请在「");
  });

  it("T3 on a 汇总 report: its fee comes from the subordinates' reports, so it says to update, not to choose", () => {
    const c = complete();
    c.fee.charged = null;
    const t3 = validateReport(c, { ...ctx, reportKind: "ROLLUP" }).find((x) => x.rule === "T3")!;
    expect(t3.severity).toBe("warning");
    expect(t3.message).toContain("按已计入的下级机关报告得出，不在此选择");
    expect(t3.message).toContain("「更新汇总数据」");
    expect(t3.message).not.toContain("请在「");
  });

  it("T3: the fee said again in 六's text (the exports print the choice's statement too), or said otherwise", () => {
    const c = complete();
    const base = c.text["s6"]!;
    const t3 = () => validateReport(c, ctx).filter((x) => x.rule === "T3");
    // 未收取 chosen, and the text says so too: printed twice
    c.text["s6"] = `${base}本年度未收取信息处理费。`;
    expect(t3().map((x) => x.key)).toEqual(["T3:twice"]);
    expect(t3()[0]!.cells).toEqual([FEE_REF, "text.s6"]);
    expect(t3()[0]!.message).toContain("“本年度未收取信息处理费。”");
    expect(t3()[0]!.message).toContain("“本年度未收取政府信息公开信息处理费。”");
    // the text says fees were charged: it contradicts the choice
    c.text["s6"] = `${base}本年度收取信息处理费2件，共计300元。`;
    expect(t3().map((x) => x.key)).toEqual(["T3:contradicts"]);
    expect(t3()[0]!.message).toContain("“未收取”不一致");
    // 收取了 chosen with the same figures: printed twice again
    c.fee = { charged: true, pieces: "2", amount: "300" };
    expect(t3().map((x) => x.key)).toEqual(["T3:twice"]);
    // nothing chosen yet: the message points to the choice and to the sentence to delete
    c.fee = { charged: null, pieces: "", amount: "" };
    expect(t3()).toHaveLength(1);
    expect(t3()[0]!.message).toContain("请在「信息处理费收取情况」中选择");
    expect(t3()[0]!.message).toContain("并删去正文中的“本年度收取信息处理费2件，共计300元。”");
    // a text that does not speak of the fee: only the missing choice
    c.text["s6"] = base;
    expect(t3()[0]!.message).not.toContain("删去");
    c.fee.charged = false;
    expect(t3()).toEqual([]);
  });

  it("T5: a large share of （六）3 其他", () => {
    const c = complete();
    c.cells[t3CellId("new", "natural")] = "3";
    c.cells[t3CellId("open", "natural")] = "2";
    c.cells[t3CellId("other3", "natural")] = "1";
    expect(validateReport(c, ctx).map((x) => x.rule)).toEqual(["T5"]);
    c.cells[t3CellId("new", "natural")] = "4";
    c.cells[t3CellId("open", "natural")] = "3";
    expect(validateReport(c, ctx)).toEqual([]);
  });

  it("T6: 署名 and 成文日期 present, after the year, by 1月31日 for townships", () => {
    const c = complete();
    const date = (d: string) => {
      c.header.signDate = d;
      return validateReport(c, ctx).map((x) => x.rule);
    };
    expect(date("2024年1月31日")).toEqual([]);
    expect(date("2024年2月1日")).toEqual(["T6"]);
    expect(date("2023年12月30日")).toEqual(["T6"]);
    // empty: a warning (the date may be set when the leader signs, said with a reason)
    expect(date("")).toEqual(["T6"]);
    c.header.signDate = "2024年2月10日";
    expect(validateReport(c, { year: 2023, organKind: "COUNTY" })).toEqual([]);
  });

  it("E10: an empty 署名, and a 成文日期 that is not a real date in the format's form, block submitting", () => {
    const c = complete();
    const found = (d: string) => {
      c.header.signDate = d;
      return validateReport(c, ctx).map((x) => [x.rule, x.severity, x.cells[0], x.message]);
    };
    expect(found("2024年01月19日")).toEqual([
      ["E10", "error", "header.signDate", "成文日期“2024年01月19日”无法识别，格式应为“2024年1月20日”（月、日不加 0）。"],
    ]);
    expect(found("2024年2月30日")).toEqual([["E10", "error", "header.signDate", "成文日期“2024年2月30日”不存在，请核对年、月、日。"]]);
    expect(found("2024年13月45日")).toEqual([["E10", "error", "header.signDate", "成文日期“2024年13月45日”不存在，请核对年、月、日。"]]);
    expect(found("abc")).toEqual([["E10", "error", "header.signDate", "成文日期“abc”无法识别，格式应为“2024年1月20日”（月、日不加 0）。"]]);
    expect(found("2024-01-22")[0]!.slice(0, 2)).toEqual(["E10", "error"]);
    expect(found("2024年2月29日").map((f) => f[0])).toEqual(["T6"]); // a leap day exists: late (after 1月31日), not wrong
    c.header.signDate = "2024年1月20日";
    c.header.organName = " ";
    expect(validateReport(c, ctx).map((x) => [x.rule, x.severity, x.cells[0], x.message])).toEqual([
      ["E10", "error", "header.organName", "缺少署名（机关全称），请填写本机关全称。"],
    ]);
  });

  it("T6: a 署名 that is not the organ's name in the system (renamed after the draft was made) is named", () => {
    const c = complete();
    c.header.signDate = "2024年1月20日";
    const name = c.header.organName;
    const at = (organName: string) => validateReport(c, { year: 2023, organKind: "TOWNSHIP", signer: organName }).filter((x) => x.rule === "T6");
    expect(at(name)).toEqual([]);
    // full-width forms and spaces are the same name
    expect(at(` ${name.normalize("NFKC")} `)).toEqual([]);
    const renamed = at("示范县青山街道办事处");
    expect(renamed).toHaveLength(1);
    // the opening paragraph names the organ too: it is pointed at, with the 署名
    expect(c.header.opening).toContain(name);
    expect(renamed[0]!.cells).toEqual(["header.organName", "header.opening"]);
    expect(renamed[0]!.severity).toBe("warning");
    expect(renamed[0]!.message).toBe(
      `署名“${name}”与系统中本机关现在的名称“示范县青山街道办事处”不一致。机关已更名的，请改为现名称，开头段落中的原名称也请一并修改；本年度报告确应使用原名称的，请说明理由后确认。`,
    );
    const opening = c.header.opening;
    c.header.opening = "本报告由本机关编制。";
    expect(at("示范县青山街道办事处")[0]!.cells).toEqual(["header.organName"]);
    expect(at("示范县青山街道办事处")[0]!.message).toBe(
      `署名“${name}”与系统中本机关现在的名称“示范县青山街道办事处”不一致。机关已更名的，请改为现名称；本年度报告确应使用原名称的，请说明理由后确认。`,
    );
    c.header.opening = opening;
    // acknowledged for one name, it comes back when the organ is renamed again
    c.acknowledgements[renamed[0]!.key] = "2023年度仍用原名称";
    expect(openFindings(c, renamed)).toEqual([]);
    expect(openFindings(c, at("示范县青山街道"))).toHaveLength(1);
    // without the organ's name (a context from before), nothing to compare
    expect(validateReport(c, { year: 2023, organKind: "TOWNSHIP" }).filter((x) => x.rule === "T6")).toEqual([]);
  });

  it("acknowledged warnings are no longer open; errors stay open", () => {
    const c = zhangliangContent();
    c.cells[t3CellId("new", "legal")] = "1";
    const f = validateReport(c, ctx);
    const warning = f.find((x) => x.rule === "T4");
    expect(warning).toBeUndefined(); // there is an application now
    const t6 = f.find((x) => x.rule === "T6")!;
    c.acknowledgements[t6.key] = "成文日期待领导签发后填写";
    const open = openFindings(c, f);
    expect(open.find((x) => x.key === t6.key)).toBeUndefined();
    expect(open.some((x) => x.rule === "E1")).toBe(true);
  });
});

describe("helpers", () => {
  it("parses Chinese dates strictly", () => {
    expect(parseChineseDate("2024年1月19日")).toEqual({ year: 2024, month: 1, day: 19 });
    expect(parseChineseDate("2024年2月30日")).toBeNull();
    expect(parseChineseDate("2024-01-19")).toBeNull();
  });
  it("measures similarity", () => {
    expect(similarity("一是加强培训，二是完善制度", "一是加强培训，二是完善制度")).toBe(1);
    expect(similarity("加强培训", "完善制度")).toBe(0);
  });
  it("states the fee", () => {
    expect(feeStatement({ charged: null, pieces: "", amount: "" })).toBe("");
    expect(feeStatement({ charged: false, pieces: "", amount: "" })).toContain("未收取");
    expect(feeStatement({ charged: true, pieces: "2", amount: "200.50" })).toContain("2件");
    expect(feeStatement({ charged: true, pieces: "2", amount: "200.50" })).toContain("200.50元");
  });
});

describe("schemas", () => {
  it("draft accepts blanks, invalid typing and text over the format's limit (kept for the user); rejects unknown cells and text beyond the storage ceiling", () => {
    const c = emptyContent("x", 2023);
    c.cells[t3CellId("new", "natural")] = "abc";
    expect(parseDraft(c).ok).toBe(true);
    const bad = { ...c, cells: { ...c.cells, "t3.new.total": "5" } };
    expect(parseDraft(bad).ok).toBe(false);
    expect(parseDraft({ ...c, text: { ...c.text, s5: "字".repeat(50_000) } }).ok).toBe(true);
    const huge = { ...c, text: { ...c.text, s5: "字".repeat(TEXT_STORE_MAX_CHARS + 1) } };
    const r = parseDraft(huge);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.messages[0]).toContain(`五、存在的主要问题及改进情况不能超过 ${TEXT_STORE_MAX_CHARS} 个字符`);
  });
  it("E8: a text over its limit is one error naming the field, the limit and the excess; at the limit there is none", () => {
    const c = complete();
    c.text.s5 = "字".repeat(50_000);
    const e8 = validateReport(c, { year: 2023 }).filter((f) => f.rule === "E8");
    expect(e8).toHaveLength(1);
    expect(e8[0]).toMatchObject({ severity: "error", cells: ["text.s5"] });
    expect(e8[0]!.message).toBe("五、存在的主要问题及改进情况共 50000 个字符，超过上限 20000 个字符（多 30000 个），请删减后再提交。");
    c.text.s5 = "字".repeat(20_000);
    c.header.opening = "开".repeat(5001);
    const at = validateReport(c, { year: 2023 }).filter((f) => f.rule === "E8");
    expect(at.map((f) => f.cells)).toEqual([["header.opening"]]);
  });
  it("draft fills missing fields so an older stored report still parses", () => {
    const c = emptyContent("x", 2023);
    const partial = { ...c, cells: { [t3CellId("new", "natural")]: "1" } };
    const r = draftContentSchema.parse(partial);
    expect(Object.keys(r.cells)).toHaveLength(INPUT_CELLS.length);
  });
  it("submit requires every cell valid, naming the cell", () => {
    const c = complete();
    expect(submitContentSchema.safeParse(c).success).toBe(true);
    c.cells[t3CellId("carried", T3_INPUT_COLUMNS[2]!.id)] = "";
    const r = submitContentSchema.safeParse(c);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("表三「二、上年结转政府信息公开申请数量」科研机构未填写");
  });
});

describe("status", () => {
  // every (status, action) pair that is allowed; all others are refused
  const ALLOWED = new Set([
    "DRAFT submit",
    "RETURNED submit",
    "SUBMITTED withdraw",
    "SUBMITTED return",
    "SUBMITTED approve",
    "APPROVED publish",
    // a wrong approval or publication can be taken back: the report goes back to the clerk
    "APPROVED return",
    "PUBLISHED return",
  ]);
  const pairs = REPORT_STATUSES.flatMap((s) => REPORT_ACTIONS.map((a) => [s, a] as const));

  it.each(pairs)("%s → %s", (status, action) => {
    const allowed = ALLOWED.has(`${status} ${action}`);
    expect(canTransition(status, action)).toBe(allowed);
    const refusal = transitionRefusal(status, action);
    if (allowed) expect(refusal).toBeNull();
    else expect(refusal).toMatch(/[\u4e00-\u9fff]/);
  });

  it("refuses a withdrawal once the review started, and names a repeated action as such", () => {
    expect(transitionRefusal("SUBMITTED", "withdraw", { reviewStarted: true })).toContain("审核人已开始审核");
    expect(transitionRefusal("RETURNED", "return")).toContain("无需重复操作");
    expect(transitionRefusal("PUBLISHED", "publish")).toContain("无需重复操作");
    // a button's explanation after the user's own action: the state, not a double click
    expect(transitionRefusal("RETURNED", "return", { button: true })).toBe("该报告已退回。");
    expect(transitionRefusal("PUBLISHED", "publish", { button: true })).toBe("该报告已发布。");
    expect(transitionRefusal("DRAFT", "approve", { button: true })).toBe(transitionRefusal("DRAFT", "approve"));
  });
});

describe("carry-over", () => {
  it("prefills 二、上年结转 from last year's 四、结转下年度继续办理, column by column", async () => {
    const { carriedFromPrevious } = await import("./carry-over");
    const prev = emptyContent("x", 2022);
    prev.cells[t3CellId("carryover", "natural")] = "2";
    prev.cells[t3CellId("carryover", "legal")] = "0";
    expect(carriedFromPrevious(prev.cells)).toEqual({
      [t3CellId("carried", "natural")]: "2",
      [t3CellId("carried", "legal")]: "0",
    });
  });
});
