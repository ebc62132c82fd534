import { describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { defaultOpening, defaultRollupOpening, t4CellId, type ReportContent } from "@/lib/template";
import { findPlaceholders } from "./substance";
import { hasBlockingErrors, validateReport } from "./index";

function complete(): ReportContent {
  const c = zhangliangContent();
  c.header.signDate = "2024年1月19日";
  c.fee = { charged: false, pieces: "", amount: "" };
  c.cells[t4CellId("direct", "corrected")] = "0";
  c.cells[t4CellId("direct", "other")] = "0";
  return c;
}
const ctx = { year: 2023, organKind: "TOWNSHIP" as const };
const of = (c: ReportContent, rule: string) => validateReport(c, ctx).filter((f) => f.rule === rule);

describe("E9: empty template placeholders block submit", () => {
  it("the default openings hold placeholders; the demo's published report does not", () => {
    expect(findPlaceholders(defaultOpening("某镇人民政府", 2023)).map((h) => h.what)).toEqual(["空的“地址：”", "空的“电话：”"]);
    expect(findPlaceholders(defaultRollupOpening("某县", "某县人民政府", 2023))).toHaveLength(2);
    expect(of(complete(), "E9")).toEqual([]);
  });

  it.each([
    ["header.opening", "如有疑问，请与本机关联系（地址：；电话：）。", "空的“地址：”"],
    ["header.opening", "如有疑问，请与本机关联系（地址：东山县人民路1号；电话：    ）。", "空的“电话：”"],
    ["text.s1.active", "××镇主动公开政府信息56条。", "占位符“××”"],
    ["text.s1.request", "XX年共收到申请0件。", "占位符“XX”"],
    ["text.s5", "一是公开不及时（）。下一步将建立按月更新机制，督促各村按时公开。", "空括号“（）”"],
    ["text.s6", "详见【】。", "空括号“【】”"],
    // seen in a sweep: a number to fill in, and an address left as the template's
    ["header.opening", "请与本机关联系（地址：某某路某某号；电话：0371-        ）。", "不完整的“电话：0371-"],
    ["header.opening", "请与本机关联系（地址：某某路某某号；电话：0371-65432100）。", "占位符“某某”"],
    ["header.opening", "请与本机关联系（地址：〇〇路1号；电话：0371-65432100）。", "占位符“〇〇”"],
    ["header.opening", "请与本机关联系（地址：人民路1号；电话：0371-ｘｘｘｘｘｘｘｘ）。", "占位符“ｘｘｘｘｘｘｘｘ”"],
    ["header.opening", "请与本机关联系（地址：人民路1号；电话：****-********）。", "占位符“****”"],
    ["header.opening", "请与本机关联系（地址：人民路1号；电话：０３７１－＊＊＊＊＊＊）。", "占位符“＊＊＊＊＊＊”"],
  ])("%s: %s", (ref, text, what) => {
    const c = complete();
    if (ref === "header.opening") c.header.opening = text;
    else c.text[ref.slice(5)] = text;
    const f = of(c, "E9");
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("error");
    expect(f[0]!.cells).toEqual([ref]);
    expect(f[0]!.message).toContain(what);
    expect(hasBlockingErrors(validateReport(c, ctx))).toBe(true);
  });

  it("does not take a web address or filled brackets for placeholders", () => {
    expect(findPlaceholders("网址：http://www.example.gov.cn/xxgk/；电话：0371-1234567（工作日）")).toEqual([]);
    expect(findPlaceholders("《条例》（以下简称《条例》）【重要】")).toEqual([]);
    // an applicant's name made anonymous, a date in Chinese numerals, a whole phone number with its area code
    expect(findPlaceholders("申请人张某某、李某某于二〇〇〇年起居住在二〇〇号院；电话：0371-65432100，传真：0371 - 65432101。")).toEqual([]);
  });
});

describe("T7: 五 with substance; T2: 一's topics to the same standard", () => {
  it.each(["无", "无。", "暂无", "暂无问题。", "工作中还存在一些问题和不足。", "公开不及时。"])("五 of 「%s」 is a warning naming the section", (s5) => {
    const c = complete();
    c.text.s5 = s5;
    const f = of(c, "T7");
    expect(f).toHaveLength(1);
    expect(f[0]!.severity).toBe("warning");
    expect(f[0]!.message).toMatch(/^五、存在的主要问题及改进情况/);
    expect(f[0]!.cells).toEqual(["text.s5"]);
  });

  it("a 五 that names a problem and a measure passes; one without a measure does not", () => {
    const c = complete();
    c.text.s5 = "一是公开内容还不够全面；二是解读回应有待加强。下一步将完善制度。";
    expect(of(c, "T7")).toEqual([]);
    c.text.s5 = "今年政府信息公开工作开展顺利，取得了良好成效，得到了群众的认可。";
    expect(of(c, "T7").map((f) => f.message)).toEqual([expect.stringContaining("没有写明存在的具体问题")]);
    c.text.s5 = "";
    expect(of(c, "T7")).toEqual([]); // E6 says it
    expect(of(c, "E6")).toHaveLength(1);
  });

  it("a topic of 一 that says only 「无」 or a few characters", () => {
    const c = complete();
    c.text["s1.oversight"] = "暂无。";
    c.text["s1.platform"] = "有序";
    const f = of(c, "T2");
    expect(f.map((x) => x.cells[0])).toEqual(["text.s1.platform", "text.s1.oversight"]);
    expect(f[1]!.message).toContain("（五）监督保障");
  });
});

describe("T6: the 成文日期 against the deadline of the organ's level", () => {
  const dated = (signDate: string, context: Parameters<typeof validateReport>[1]) => {
    const c = complete();
    c.header.signDate = signDate;
    return validateReport(c, { ...context, year: 2023 }).filter((f) => f.rule === "T6").map((f) => f.message);
  };
  it.each([
    ["TOWNSHIP", "ORGAN", "2024年1月31日", "2024年2月1日", "政府部门、乡镇（街道）年度报告"],
    ["DEPARTMENT", "ORGAN", "2024年1月31日", "2024年2月1日", "政府部门、乡镇（街道）年度报告"],
    ["COUNTY", "ROLLUP", "2024年2月20日", "2024年2月21日", "县级汇总报告"],
    ["CITY", "ROLLUP", "2024年3月10日", "2024年3月11日", "地市级汇总报告"],
    ["PROVINCE", "ROLLUP", "2024年3月31日", "2024年4月1日", "省级汇总报告"],
    ["COUNTY", "ORGAN", "2024年3月31日", "2024年4月15日", "各级人民政府本级报告"],
    ["PROVINCE", "ORGAN", "2024年3月31日", "2024年4月1日", "各级人民政府本级报告"],
  ] as const)("%s %s: %s is in time, %s is late", (organKind, reportKind, inTime, late, label) => {
    expect(dated(inTime, { year: 2023, organKind, reportKind })).toEqual([]);
    expect(dated(late, { year: 2023, organKind, reportKind })).toEqual([`${label}的成文日期${late}晚于公布期限（${inTime}）。`]);
  });

  it("reads the deadline configured for the year (/admin/deadlines), not the default", () => {
    const context = { year: 2023, organKind: "COUNTY" as const, reportKind: "ORGAN" as const, deadline: { year: 2024, month: 4, day: 20 } };
    expect(dated("2024年4月15日", context)).toEqual([]);
    expect(dated("2024年4月21日", context)).toHaveLength(1);
    expect(dated("2024年4月15日", { ...context, deadline: { year: 2024, month: 3, day: 31 } })).toHaveLength(1);
  });
});
