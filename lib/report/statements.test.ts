import { describe, expect, it } from "vitest";
import { INPUT_CELLS, emptyContent, t2CellId, t3CellId, t4CellId, type ReportContent } from "@/lib/template";
import { chineseNumber, readStatements } from "./statements";
import { validateReport } from "./rules";
import { groupByCause } from "./findings";

/**
 * A balanced report with figures everywhere: 一 170 (自然人 160, 商业企业 10), 二 15, （七）总计 160
 * (予以公开 150, 部分公开 5, 不予公开 2, 无法提供 3), 四 25; 行政复议 2 (维持 1, 纠正 1), 行政诉讼 1 (尚未审结);
 * 行政许可 12, 行政处罚 3, 行政强制 0; 规范性文件 制发 2 / 废止 1 / 现行有效 8; 收费 0.5 万元; 信息处理费 120 元.
 */
function base(): ReportContent {
  const c = emptyContent("示范县东山镇人民政府", 2023);
  c.header.opening = c.header.opening.replace("（地址：    ；电话：    ）", "（地址：东山县人民路1号；电话：0371-60000001）");
  for (const x of INPUT_CELLS) c.cells[x.id] = "0";
  const set = (row: string, col: string, v: number) => (c.cells[t3CellId(row, col)] = String(v));
  set("new", "natural", 160);
  set("new", "commercial", 10);
  set("carried", "natural", 15);
  set("open", "natural", 140);
  set("open", "commercial", 10);
  set("partial", "natural", 5);
  set("deny3", "natural", 2);
  set("unable1", "natural", 3);
  set("carryover", "natural", 25);
  c.cells[t4CellId("review", "upheld")] = "1";
  c.cells[t4CellId("review", "corrected")] = "1";
  c.cells[t4CellId("direct", "pending")] = "1";
  c.cells[t2CellId("permit", "decisions")] = "12";
  c.cells[t2CellId("penalty", "decisions")] = "3";
  c.cells[t2CellId("normative", "issued")] = "2";
  c.cells[t2CellId("normative", "repealed")] = "1";
  c.cells[t2CellId("normative", "valid")] = "8";
  c.cells[t2CellId("fee", "amount")] = "0.5";
  c.fee = { charged: true, pieces: "2", amount: "120" };
  c.header.signDate = "2024年1月19日";
  c.text = {
    "s1.lead": "本年度，我镇扎实推进政府信息公开工作。",
    "s1.active": "通过政府网站主动公开政府信息56条。",
    "s1.request": "依申请公开工作依法依规办理。",
    "s1.management": "严格执行保密审查制度，动态更新公开目录。",
    "s1.platform": "依托政府网站和公开栏发布信息。",
    "s1.oversight": "将政务公开纳入年度考核，组织业务培训两次。",
    s5: "一是部分信息公开不够及时；二是政策解读形式单一。下一步将建立公开事项清单，按月督促更新，并丰富解读形式。",
    s6: "无其他需要报告的事项。",
  };
  return c;
}
const ctx = { year: 2023, organKind: "TOWNSHIP" as const };

/** T1 findings when `sentence` is section 一（二）. */
function t1(sentence: string, change?: (c: ReportContent) => void) {
  const c = base();
  change?.(c);
  c.text["s1.request"] = sentence;
  return validateReport(c, ctx).filter((f) => f.rule === "T1");
}

describe("statement reader: the phrasings of issue 17, each with a wrong and a right figure", () => {
  it("the base report has no finding", () => {
    expect(validateReport(base(), ctx)).toEqual([]);
  });

  it.each([
    ["上年结转政府信息公开申请3件", "上年结转政府信息公开申请15件", t3CellId("carried", "total"), "15"],
    ["结转下年度继续办理9件", "结转下年度继续办理25件", t3CellId("carryover", "total"), "25"],
    ["收到政府信息公开申请共计171件", "收到政府信息公开申请共计170件", t3CellId("new", "total"), "170"],
    ["本年新收政府信息公开申请一百七十一件", "本年新收政府信息公开申请一百七十件", t3CellId("new", "total"), "170"],
    ["全年共受理政府信息公开申请总数171件", "全年共受理政府信息公开申请总数170件", t3CellId("new", "total"), "170"],
    ["收到政府信息公开申请170件，办结150件", "收到政府信息公开申请170件，办结160件", t3CellId("total", "total"), "160"],
    ["收到申请170件，其中予以公开149件", "收到申请170件，其中予以公开150件", t3CellId("open", "total"), "150"],
    ["收到申请170件，部分公开十二件", "收到申请170件，部分公开五件", t3CellId("partial", "total"), "5"],
    ["收到申请170件，不予公开3件", "收到申请170件，不予公开2件", t3CellId("deny1", "total"), "2"],
    ["收到申请170件，无法提供4件", "收到申请170件，无法提供3件", t3CellId("unable1", "total"), "3"],
    ["收到申请170件，其中自然人150件", "收到申请170件，其中自然人160件", t3CellId("new", "natural"), "160"],
    ["收到申请170件，法人或其他组织11件", "收到申请170件，法人或其他组织10件", t3CellId("new", "commercial"), "10"],
    ["因政府信息公开被申请行政复议3件", "因政府信息公开被申请行政复议2件", t4CellId("review", "total"), "2"],
    ["行政复议2件，其中结果维持2件", "行政复议2件，其中结果维持1件", t4CellId("review", "upheld"), "1"],
    ["行政复议2件，纠正0件", "行政复议2件，纠正1件", t4CellId("review", "corrected"), "1"],
    ["被提起行政诉讼2起", "被提起行政诉讼1起", t4CellId("direct", "total"), "1"],
    ["行政诉讼1件，尚未审结0件", "行政诉讼1件，尚未审结1件", t4CellId("direct", "pending"), "1"],
    ["全年作出行政许可决定13件", "全年作出行政许可决定12件", t2CellId("permit", "decisions"), "12"],
    ["下发行政处罚 4 起", "下发行政处罚 3 起", t2CellId("penalty", "decisions"), "3"],
    ["实施行政强制1次", "实施行政强制0次", t2CellId("coercion", "decisions"), "0"],
    ["本年制发规范性文件3件", "本年制发规范性文件2件", t2CellId("normative", "issued"), "2"],
    ["废止行政规范性文件2件", "废止行政规范性文件1件", t2CellId("normative", "repealed"), "1"],
    ["现行有效规范性文件9件", "现行有效规范性文件8件", t2CellId("normative", "valid"), "8"],
    ["规章制发1件", "规章制发0件", t2CellId("rules", "issued"), "0"],
    ["行政事业性收费金额6000元", "行政事业性收费金额5000元", t2CellId("fee", "amount"), "0.5 万元"],
    ["收取信息处理费共计150元", "收取信息处理费共计120元", "fee", "120 元"],
  ])("%s (wrong) / %s (right)", (wrong, right, cell, table) => {
    const f = t1(wrong);
    expect(f).toHaveLength(1);
    expect(f[0]!.cells).toContain("text.s1.request");
    expect(f[0]!.cells).toContain(cell);
    expect(f[0]!.message).toContain(wrong.replace(/^.*，/, "").trim().slice(0, 4));
    expect(f[0]!.message).toContain(`为 ${table}。`);
    expect(t1(right)).toEqual([]);
  });

  it("「共收到申请185件（含上年结转15件）」 is 170 new + 15 carried: right; 186 is wrong", () => {
    expect(t1("共收到申请185件（含上年结转15件）")).toEqual([]);
    const f = t1("共收到申请186件（含上年结转15件）");
    expect(f).toHaveLength(1);
    expect(f[0]!.cells).toEqual(["text.s1.request", t3CellId("new", "total"), t3CellId("carried", "total")]);
    expect(f[0]!.message).toContain("为 185。");
    // the carried figure inside the brackets is read too
    expect(t1("共收到申请185件（含上年结转14件）").map((x) => x.cells[1])).toEqual([t3CellId("carried", "total")]);
  });

  it("zero statements: 未收到申请, 未发生行政复议、行政诉讼, 未收取信息处理费", () => {
    expect(t1("本年度未收到政府信息公开申请。").map((x) => x.cells[1])).toEqual([t3CellId("new", "total")]);
    expect(t1("本年度未收到政府信息公开申请。", (c) => zeroT3(c))).toEqual([]);
    const cases = t1("未发生因政府信息公开引起的行政复议、行政诉讼。");
    expect(cases.map((x) => x.cells[1])).toEqual([t4CellId("review", "total"), t4CellId("direct", "total")]);
    expect(t1("未发生因政府信息公开引起的行政复议、行政诉讼。", (c) => zeroT4(c))).toEqual([]);
    expect(t1("本年度未收取信息处理费。").map((x) => x.cells[1])).toEqual(["fee"]);
    expect(t1("本年度未收取信息处理费。", (c) => (c.fee = { charged: false, pieces: "", amount: "" }))).toEqual([]);
  });

  it("rates: 办结率, 公开率, 按时答复率 follow from the table or are a finding", () => {
    // 160 / (170 + 15) = 86.5%; 160 / 170 = 94.1%
    expect(t1("收到申请170件，办结率100%。").map((x) => x.rule)).toEqual(["T1"]);
    expect(t1("收到申请170件，办结率86.5%。")).toEqual([]);
    expect(t1("收到申请170件，办结率94%。")).toEqual([]);
    // 150 / 160 = 93.75%; 155 / 160 = 96.9%
    expect(t1("收到申请170件，公开率80%。")).toHaveLength(1);
    expect(t1("收到申请170件，公开率96.9%。")).toEqual([]);
    expect(t1("收到申请170件，按时答复率120%。")).toHaveLength(1);
    expect(t1("收到申请170件，按时答复率100%。")).toEqual([]);
    // no applications: a rate is vacuous
    expect(t1("收到申请0件，办结率100%。", zeroT3)).toEqual([]);
  });

  it("quantifiers and qualifiers: 共, 合计, 累计, 其中; 同比 figures are not the subject's", () => {
    expect(t1("累计收到政府信息公开申请170件，同比增长20件。")).toEqual([]);
    expect(t1("收到政府信息公开申请合计170件，较上年增加15件。")).toEqual([]);
    expect(t1("收到申请170件，同比下降10%。")).toEqual([]);
    const st = readStatements("x", "共收到政府信息公开申请共计171件，其中予以公开150件", 2023);
    expect(st.map((s) => [s.subject, s.value, s.qualifiers])).toEqual([
      ["new", 171, ["共计", "共"]],
      ["open", 150, ["其中"]],
    ]);
  });

  it("never reads what is not a statement of the subject", () => {
    for (const s of [
      "全年受理“12345”政府热线交办事项185件，办结185件，无超时办结事项。",
      "办理市长热线事项 356 件，办结率 100%。",
      "共收到人民网领导留言板留言75条，均已在规定时间内进行答复，答复率100%。",
      "公开行政许可信息56条，行政处罚信息9条。",
      "我局2020年主动公开行政许可33项，行政处罚36项。",
      "主动公开政府信息235条，其中规范性文件5件。",
      "对群众提出的五项建议，按照申请的具体事项及时公开。",
    ])
      expect(t1(s), s).toEqual([]);
  });

  it("reads Chinese numerals", () => {
    expect(chineseNumber("十二")).toBe(12);
    expect(chineseNumber("一百七十一")).toBe(171);
    expect(chineseNumber("两千零五")).toBe(2005);
    expect(chineseNumber("三〇五")).toBe(305);
    expect(chineseNumber("十")).toBe(10);
    expect(chineseNumber("二十")).toBe(20);
    expect(chineseNumber("一万二千")).toBe(12000);
  });

  it("a statement against a table not yet filled is not checked", () => {
    expect(
      t1("上年结转政府信息公开申请3件", (c) => {
        for (const col of ["natural", "commercial", "research", "nonprofit", "legal", "otherOrg"]) c.cells[t3CellId("carried", col)] = "";
      }),
    ).toEqual([]);
  });
});

function zeroT3(c: ReportContent) {
  for (const id of Object.keys(c.cells)) if (id.startsWith("t3.")) c.cells[id] = "0";
}
function zeroT4(c: ReportContent) {
  for (const id of Object.keys(c.cells)) if (id.startsWith("t4.")) c.cells[id] = "0";
}

describe("one cause, one finding: an import's printed total that disagrees with its parts", () => {
  /** An import of the base report whose printed totals are as the file prints them. */
  function imported(change: (c: ReportContent) => void): ReportContent {
    const c = base();
    c.sourceTotals = {
      [t3CellId("new", "total")]: "170",
      [t3CellId("open", "total")]: "150",
      [t3CellId("total", "natural")]: "150",
      [t3CellId("total", "total")]: "160",
      [t4CellId("review", "total")]: "2",
    };
    c.text["s1.request"] = "本年新收政府信息公开申请170件，予以公开150件。";
    change(c);
    return c;
  }

  it("a mistyped printed total: one finding naming the cell, the printed value and the sum of its parts", () => {
    const f = validateReport(imported((c) => (c.sourceTotals![t3CellId("new", "total")] = "171")), ctx);
    expect(f.map((x) => x.rule)).toEqual(["E2"]);
    expect(f[0]!.message).toBe("表三「一、本年新收政府信息公开申请数量」总计：原文为 171，按各项相加应为 170。");
    expect(f[0]!.cause).toBe(`printed:${t3CellId("new", "total")}`);
  });

  it("a mistyped part under three printed totals: one finding, not E1 + E2 + E3 + T1 with recomputed sums", () => {
    // the file prints 予以公开·自然人 141 while its totals (150, 150, 160) were added from 140
    const f = validateReport(imported((c) => (c.cells[t3CellId("open", "natural")] = "141")), ctx);
    expect(f.map((x) => x.rule)).toEqual(["E2"]);
    const [one] = f as [(typeof f)[0]];
    expect(one.message).toContain("表三「（一）予以公开」总计：原文为 150，按各项相加应为 151。");
    expect(one.message).toContain("「（七）总计」自然人（原文 150）");
    expect(one.message).toContain("「（七）总计」总计（原文 160）");
    expect(one.message).toContain("勾稽关系也因此不平衡");
    expect(one.cells).toEqual(expect.arrayContaining([t3CellId("open", "natural"), t3CellId("total", "total"), t3CellId("carryover", "natural")]));
  });

  it("without printed totals the same mistake is found by E1 and the text's figure by T1", () => {
    const f = validateReport(imported((c) => {
      delete c.sourceTotals;
      c.cells[t3CellId("open", "natural")] = "141";
    }), ctx);
    expect(f.map((x) => x.rule).sort()).toEqual(["E1", "T1"]);
  });
});

describe("groupByCause", () => {
  it("puts findings on the same cause after the first of them, keeping the order otherwise", () => {
    const f = (key: string, cause?: string) => ({ key, ...(cause ? { cause } : {}) });
    expect(groupByCause([f("a", "x"), f("b"), f("c", "y"), f("d", "x"), f("e", "y")]).map((x) => x.key)).toEqual(["a", "d", "b", "c", "e"]);
  });
});
