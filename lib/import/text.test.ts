import { describe, expect, it } from "vitest";
import { T3_ROWS, t2CellId, t3CellId, t4CellId } from "@/lib/template";
import { importReportText } from "./text";
import { SAMPLES, sampleText } from "./testing/samples";
import { expectSample } from "./testing/assert";

const imp = (file: string) => importReportText(sampleText(file));

describe("the five samples (plain text)", () => {
  for (const s of SAMPLES) {
    it(`${s.file}: every cell in its labelled place, sections, header, notes`, () => {
      expectSample(imp(s.file), s, "txt");
    });
  }

  it("zhangliang: the non-zero cells by label", () => {
    const r = imp("zhangliang-town-2023.txt");
    expect(r.content.cells[t2CellId("permit", "decisions")]).toBe("17");
    expect(r.content.cells[t2CellId("penalty", "decisions")]).toBe("1");
    expect(r.content.cells[t2CellId("coercion", "decisions")]).toBe("0");
    expect(r.content.cells[t2CellId("fee", "amount")]).toBe("0");
    expect(r.content.cells[t4CellId("direct", "upheld")]).toBe("0");
    expect(r.content.cells[t4CellId("direct", "corrected")]).toBe("2");
    expect(r.content.cells[t4CellId("direct", "other")]).toBe("1");
    expect(r.content.cells[t4CellId("direct", "pending")]).toBe("0");
    expect(r.content.sourceTotals?.[t4CellId("direct", "total")]).toBe("3");
    expect(r.content.cells[t4CellId("review", "corrected")]).toBe("0");
    expect(r.content.cells[t4CellId("after", "corrected")]).toBe("0");
  });

  it("zhangliang: sub-headings reusing the numerals 二…五 are sub-sections of 一, not top-level sections", () => {
    const r = imp("zhangliang-town-2023.txt");
    expect(r.content.text["s1.request"]).toMatch(/^对人大代表/);
    expect(r.content.text["s1.oversight"]).toMatch(/^健全完善了/);
    expect(r.notes.filter((n) => n.kind === "duplicate-section" || n.kind === "missing-section")).toEqual([]);
  });

  it("longquan: 行政许可 12 under the local unit label variant", () => {
    const r = imp("longquan-town-2022.txt");
    expect(r.content.cells[t2CellId("permit", "decisions")]).toBe("12");
    expect(r.content.cells[t2CellId("fee", "amount")]).toBe("0");
    expect(r.content.cells[t3CellId("other3", "natural")]).toBe("0");
  });

  it("taole: table 三 aligned by label; the three unlabeled rows are named in a note", () => {
    const r = imp("taole-town-2023.txt");
    const note = r.notes.find((n) => n.kind === "uncertain-cell")!;
    const rows = ["deny6", "deny7", "deny8"];
    expect(note.cells).toEqual(rows.flatMap((row) => ["natural", "commercial", "research", "nonprofit", "legal", "otherOrg"].map((c) => t3CellId(row, c))));
    expect(note.message).toContain("6.属于四类过程性信息");
    // the fee sentence sets fee.charged and leaves the text (the exports print feeStatement instead),
    // together with its sub-heading that would head nothing; a note quotes it
    expect(r.content.fee.charged).toBe(false);
    expect(r.content.text.s6).not.toContain("未收取信息处理费");
    expect(r.content.text.s6).not.toContain("（二）信息处理费收取情况");
    const feeNote = r.notes.find((n) => n.kind === "fee-statement")!;
    expect(feeNote.text).toBe("本机关 2023 年未收取信息处理费。");
    expect(feeNote.message).toContain("「本机关 2023 年未收取信息处理费。」");
    expect(feeNote.message).toContain("（二）信息处理费收取情况");
    expect(r.content.text.s6).toContain("网络泄密和形式主义"); // page-break artefact joined
    expect(r.content.text.s6).not.toContain("**");
    expect(r.content.text.s6).toContain("http://www.pingluo.gov.cn 查阅");
  });

  it("xinyuan: two 五 and no 六 is reported, the content still lands in 六; 署名 and 日期 read", () => {
    const r = imp("xinyuan-town-2023.txt");
    const dup = r.notes.find((n) => n.kind === "duplicate-section")!;
    expect(dup.text).toBe("五、其他需要报告的事项");
    expect(dup.message).toContain("没有「六、」");
    expect(r.content.text.s6).toBe("无");
    expect(r.content.header.organName).toBe("新源县新源镇人民政府");
    expect(r.content.header.signDate).toBe("2024年1月19日");
    expect(r.notes.filter((n) => n.kind === "unplaced-paragraph").map((n) => n.text)).toEqual([
      "该部分以表格形式报告。表格如下：",
      "该部分以表格形式报告。表格如下：",
      "该部分以表格形式报告。表格如下：",
    ]);
  });

  it("xigebi: one cell per line; the 2019 label 规范性文件 is mapped and reported", () => {
    const r = imp("xigebi-town-2023.txt");
    expect(r.content.cells[t2CellId("normative", "valid")]).toBe("0");
    expect(r.notes.find((n) => n.kind === "old-format")?.text).toBe("规范性文件");
    expect(r.format).toBe("2021");
  });

  it("samples without 署名/日期 get a note", () => {
    for (const f of ["zhangliang-town-2023.txt", "longquan-town-2022.txt", "taole-town-2023.txt", "xigebi-town-2023.txt"]) {
      expect(imp(f).notes.some((n) => n.message.includes("署名"))).toBe(true);
    }
    expect(imp("xinyuan-town-2023.txt").notes.some((n) => n.message.includes("署名"))).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// Synthetic variants of zhangliang
// ---------------------------------------------------------------------------------------------

const ZL = sampleText("zhangliang-town-2023.txt");
const replaceLine = (text: string, startsWith: string, line: string) => {
  const lines = text.split("\n");
  const k = lines.findIndex((l) => l.startsWith(startsWith));
  if (k < 0) throw new Error(`no line ${startsWith}`);
  lines[k] = line;
  return lines.join("\n");
};
const NEW_ROW = T3_ROWS[0]!.label; // 一、本年新收政府信息公开申请数量

describe("blank cells", () => {
  it("blank, '/' and '—' read as 0 with a blank-as-zero note naming the cells", () => {
    let t = replaceLine(ZL, "规章\t", "规章\t/\t—\t");
    t = replaceLine(t, `${NEW_ROW}\t`, `${NEW_ROW}\t\t0\t／\t0\t0\t-\t0\t0\t`);
    const r = importReportText(t);
    expect(r.content.cells[t2CellId("rules", "issued")]).toBe("0");
    expect(r.content.cells[t2CellId("rules", "repealed")]).toBe("0");
    expect(r.content.cells[t2CellId("rules", "valid")]).toBe("0");
    const notes = r.notes.filter((n) => n.kind === "blank-as-zero");
    expect(notes.map((n) => n.cells)).toEqual([
      [t2CellId("rules", "issued"), t2CellId("rules", "repealed"), t2CellId("rules", "valid")],
      [t3CellId("new", "commercial"), t3CellId("new", "legal")],
    ]);
    expect(notes[0]!.message).toContain("表二");
  });
});

describe("run-together cells in the text", () => {
  it("a unique decoding is used and reported", () => {
    const t = replaceLine(ZL, `${NEW_ROW}\t`, `${NEW_ROW}\t\t93000012\t`);
    const r = importReportText(t);
    expect(r.content.cells[t3CellId("new", "natural")]).toBe("9");
    expect(r.content.cells[t3CellId("new", "commercial")]).toBe("3");
    expect(r.content.sourceTotals?.[t3CellId("new", "total")]).toBe("12");
    expect(r.notes.find((n) => n.text === "93000012")?.kind).toBe("other");
  });

  it("an ambiguous row is resolved by E1 (一 + 二 = （七）总计 + 四) across rows", () => {
    let t = replaceLine(ZL, `${NEW_ROW}\t`, `${NEW_ROW}\t\t121000013\t`);
    t = replaceLine(t, "(七) 总计", "(七) 总计\t12\t1\t0\t0\t0\t0\t13\t\t");
    t = replaceLine(t, "三、本年度办理结果\t(一)", "三、本年度办理结果\t(一) 予以公开\t12\t1\t0\t0\t0\t0\t13\t"); // keep E3 true
    const r = importReportText(t);
    expect(r.notes.filter((n) => n.kind === "ambiguous-decoding")).toEqual([]);
    expect(r.content.cells[t3CellId("new", "natural")]).toBe("12");
    expect(r.content.cells[t3CellId("new", "commercial")]).toBe("1");
    expect(r.content.cells[t3CellId("new", "research")]).toBe("0");
  });

  it("an ambiguous row that the sums cannot settle is left blank with a note", () => {
    const t = replaceLine(ZL, `${NEW_ROW}\t`, `${NEW_ROW}\t\t121000013\t`);
    const r = importReportText(t);
    const note = r.notes.find((n) => n.kind === "ambiguous-decoding")!;
    expect(note.text).toBe("121000013");
    expect(note.cells).toContain(t3CellId("new", "natural"));
    expect(r.content.cells[t3CellId("new", "natural")]).toBe("");
    expect(r.content.cells[t3CellId("new", "commercial")]).toBe("");
  });

  it("an impossible string is left blank with an uncertain-cell note", () => {
    const t = replaceLine(ZL, `${NEW_ROW}\t`, `${NEW_ROW}\t\t1210000013\t`);
    const r = importReportText(t);
    const note = r.notes.find((n) => n.text === "1210000013")!;
    expect(note.kind).toBe("uncertain-cell");
    expect(r.content.cells[t3CellId("new", "natural")]).toBe("");
  });

  it("table 四's data row without separators", () => {
    const t = replaceLine(ZL, "0\t0\t0\t0\t0\t0\t2", "000000210300000");
    const r = importReportText(t);
    expect(r.content.cells[t4CellId("direct", "corrected")]).toBe("2");
    expect(r.content.cells[t4CellId("direct", "other")]).toBe("1");
    expect(r.content.sourceTotals?.[t4CellId("direct", "total")]).toBe("3");
  });
});

describe("headings", () => {
  it("accepts headings without 、, full-width or ASCII punctuation and the longer wordings of 四 and 五", () => {
    let t = ZL.replace("一、总体情况", "一 总体情况")
      .replace("四、政府信息公开行政复议、行政诉讼情况", "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况")
      .replace("五、存在的主要问题及改进情况", "五.政府信息公开工作存在的主要问题及改进情况");
    t = t.replace("六、其他需要报告的事项", "六、其他需要报告的事项：");
    const r = importReportText(t);
    expect(r.notes.filter((n) => n.kind === "missing-section")).toEqual([]);
    expect(r.content.cells[t4CellId("direct", "corrected")]).toBe("2");
    expect(r.content.text.s5).toMatch(/^2023年，我镇/);
  });

  it("a numeral run into the title, and a sub-heading of 一 worded like section 二's heading", () => {
    const t = ZL.replace("二、主动公开政府信息情况", "二主动公开政府信息情况").replace("（一）主动公开政务信息情况", "一 主动公开政府信息情况");
    const r = importReportText(t);
    expect(r.notes.filter((n) => n.kind === "missing-section" || n.kind === "duplicate-section")).toEqual([]);
    expect(r.content.text["s1.active"]).toMatch(/^主动公开了本镇的财政预算/);
    expect(r.content.cells[t2CellId("permit", "decisions")]).toBe("17");
  });

  it("a missing section is reported", () => {
    const t = ZL.replace(/五、存在的主要问题及改进情况[\s\S]*?(?=六、)/, "");
    const r = importReportText(t);
    expect(r.notes.filter((n) => n.kind === "missing-section").map((n) => n.message)).toEqual([
      "没有找到「五、存在的主要问题及改进情况」部分。",
    ]);
  });

  it("a repeated text section is reported", () => {
    const t = `${ZL}\n\n六、其他需要报告的事项\n\n补充说明。\n`;
    const r = importReportText(t);
    expect(r.notes.some((n) => n.kind === "duplicate-section")).toBe(true);
    expect(r.content.text.s6).toContain("补充说明。");
  });

  it("a text that is not a report has no sections", () => {
    const r = importReportText("会议纪要\n\n今天开会讨论了工作。");
    expect(r.format).toBe("unknown");
    expect(r.notes.filter((n) => n.kind === "missing-section")).toHaveLength(6);
  });
});

describe("header", () => {
  it("signature with a date in Chinese numerals and leading zeros", () => {
    const t1 = `${ZL}\n\n鲁山县张良镇人民政府\n二〇二四年一月十九日\n`;
    const r1 = importReportText(t1);
    expect(r1.content.header.organName).toBe("鲁山县张良镇人民政府");
    expect(r1.content.header.signDate).toBe("2024年1月19日");
    expect(r1.content.text.s6).toBe(sampleText("zhangliang-town-2023.txt").trim().split("\n").pop());
    const r2 = importReportText(`${ZL}\n\n鲁山县张良镇人民政府\n2024年01月09日\n`);
    expect(r2.content.header.signDate).toBe("2024年1月9日");
  });

  it("fee statement: 未收取 sets charged=false and moves the sentence out of the text", () => {
    const s6 = sampleText("zhangliang-town-2023.txt").trim().split("\n").pop()!;
    const r = importReportText(ZL.replace("增强基层从事电子政务人员的业务能力。", "增强基层从事电子政务人员的业务能力。\n本年度未收取信息处理费。"));
    expect(r.content.fee.charged).toBe(false);
    expect(r.content.text.s6).toBe(s6);
    const note = r.notes.find((n) => n.kind === "fee-statement")!;
    expect(note.text).toBe("本年度未收取信息处理费。");
    expect(note.message).toContain("「本年度未收取信息处理费。」");
  });

  it("fee statement inside a paragraph: only the sentence goes, the rest of the line stays", () => {
    const r = importReportText(
      ZL.replace("增强基层从事电子政务人员的业务能力。", "增强基层从事电子政务人员的业务能力。本年度没有产生信息处理费。另行说明。"),
    );
    expect(r.content.fee.charged).toBe(false);
    expect(r.content.text.s6).toContain("增强基层从事电子政务人员的业务能力。另行说明。");
    expect(r.content.text.s6).not.toContain("处理费");
  });

  it("fee statement: fees charged → charged=true with the pieces and the amount in 元", () => {
    const r = importReportText(
      ZL.replace("增强基层从事电子政务人员的业务能力。", "增强基层从事电子政务人员的业务能力。\n本年度对3件政府信息公开申请收取信息处理费，共计1,200元。"),
    );
    expect(r.content.fee).toEqual({ charged: true, pieces: "3", amount: "1200" });
    expect(r.content.text.s6).not.toContain("处理费");
    const note = r.notes.find((n) => n.kind === "fee-statement")!;
    expect(note.message).not.toContain("未能识别");
    const r2 = importReportText(
      ZL.replace("增强基层从事电子政务人员的业务能力。", "增强基层从事电子政务人员的业务能力。\n本年度收取信息处理费0.12万元。"),
    );
    expect(r2.content.fee).toEqual({ charged: true, pieces: "", amount: "" });
    expect(r2.notes.find((n) => n.kind === "fee-statement")!.message).toContain("未能识别");
  });

  it("expected year and organ: a mismatch gets a note", () => {
    const r = importReportText(ZL, { expectedYear: 2024, expectedOrganName: "鲁山县董周乡人民政府" });
    expect(r.notes.filter((n) => n.kind === "other").map((n) => n.message).join()).toMatch(/2023年.*2024年/);
    expect(r.notes.some((n) => n.message.includes("鲁山县董周乡人民政府"))).toBe(true);
    expect(r.content.header.organName).toBe("鲁山县董周乡人民政府");
    const ok = importReportText(ZL, { expectedYear: 2023, expectedOrganName: "鲁山县张良镇人民政府" });
    expect(ok.notes.some((n) => n.message.includes("不一致"))).toBe(false);
  });
});

describe("2019 format", () => {
  const OLD = [
    "某某镇2020年政府信息公开工作年度报告",
    "",
    "本报告依据国办公开办函〔2019〕60号要求编制。",
    "",
    "一、总体情况",
    "",
    "本年度主动公开信息100条。",
    "",
    "二、主动公开政府信息情况",
    "",
    "第二十条第（一）项",
    "信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量",
    "规章\t0\t0\t0",
    "规范性文件\t2\t2\t15",
    "第二十条第（五）项",
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
    "行政许可\t10\t+1\t25",
    "其他对外管理服务事项\t0\t0\t0",
    "第二十条第（六）项",
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量",
    "行政处罚\t3\t0\t4",
    "行政强制\t0\t0\t0",
    "第二十条第（八）项",
    "信息内容\t上一年项目数量\t本年增/减",
    "行政事业性收费\t0\t0",
    "第二十条第（九）项",
    "信息内容\t采购项目数量\t采购总金额",
    "政府集中采购\t2\t10.5",
    "",
    "三、收到和处理政府信息公开申请情况",
    "",
    ...sampleText("zhangliang-town-2023.txt")
      .split("\n")
      .filter((l, k, all) => {
        const a = all.findIndex((x) => x.startsWith("三、收到和处理"));
        const b = all.findIndex((x) => x.startsWith("四、政府信息公开行政复议"));
        return k > a && k < b && !/^\t?[12]\. 申请人|^\t3\. 其他/.test(l);
      })
      .map((l) => l.replace("(六) 其他处理\t1. 申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请\t0", "(六) 其他处理\t0")),
    "四、政府信息公开行政复议、行政诉讼情况",
    "",
    "行政复议\t\t\t\t\t行政诉讼",
    "0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0\t0",
    "",
    "五、存在的主要问题及改进情况",
    "",
    "问题和改进。",
    "",
    "六、其他需要报告的事项",
    "",
    "无。",
  ].join("\n");

  it("is recognised by its fingerprints and mapped where it maps", () => {
    const r = importReportText(OLD);
    expect(r.format).toBe("2019");
    const note = r.notes.find((n) => n.kind === "old-format")!;
    expect(note.message).toContain("2019");
    expect(note.text).toContain("本年新制作数量");
    expect(r.content.cells[t2CellId("normative", "issued")]).toBe("2");
    expect(r.content.cells[t2CellId("normative", "valid")]).toBe("15");
    expect(r.content.cells[t2CellId("normative", "repealed")]).toBe(""); // no 2019 counterpart
    expect(r.content.cells[t2CellId("permit", "decisions")]).toBe("25");
    expect(r.content.cells[t2CellId("penalty", "decisions")]).toBe("4");
    expect(r.content.cells[t2CellId("fee", "amount")]).toBe("");
    const blanks = r.notes.find((n) => n.kind === "uncertain-cell" && n.message.includes("旧格式"))!;
    expect(blanks.cells).toContain(t2CellId("fee", "amount"));
    // （六）其他处理 without sub-items goes to 3.其他, the others stay blank
    expect(r.content.cells[t3CellId("other3", "natural")]).toBe("0");
    expect(r.content.cells[t3CellId("other1", "natural")], JSON.stringify(r.notes)).toBe("");
  });
});
