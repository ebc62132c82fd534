/**
 * renderDocx: unzips the DOCX of the 张良镇 2023 report and checks the WordprocessingML — styles
 * and their East Asian fonts, page geometry, page-number footers, merged table cells, repeated
 * header rows, every label and value in document order, the 草稿 watermark — plus bad input.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { computeTotals } from "@/lib/report";
import { SECTIONS, TABLES, emptyContent, sectionHeading, t2CellId, t3CellId, t4CellId, type ReportContent } from "@/lib/template";
import { buildViewModel } from "../build-view-model";
import type { TableRow, ViewModel } from "../view-model";
import { BODY, FOLIO, FONT, MARGIN, PAGE, TEXT_W, bodyTextWidth, cleanText, columnWidths, signatureIndents } from "./layout";
import { STYLE, renderDocx } from "./render";
import { attr, elements, has, paragraphs, squash, style, tables, textOf, unzip, type DocxTable } from "./testing/ooxml";

const zhangliang = (status: "DRAFT" | "PUBLISHED" = "DRAFT", edit?: (c: ReportContent) => void) => {
  const content = zhangliangContent();
  content.header.signDate = "2024年1月19日";
  edit?.(content);
  return buildViewModel({ year: 2023, status, content });
};

type Parts = { files: Map<string, string>; doc: string; styles: string; text: string };

async function parts(vm: ViewModel): Promise<Parts> {
  const buf = await renderDocx(vm);
  expect(buf.subarray(0, 2).toString("latin1")).toBe("PK");
  const files = unzip(buf);
  const doc = files.get("word/document.xml") ?? "";
  return { files, doc, styles: files.get("word/styles.xml") ?? "", text: paragraphs(doc).map((p) => p.text).join("\n") };
}

const eastAsia = (xml: string) => attr(xml, "w:rFonts", "w:eastAsia");
const halfPoints = (xml: string) => Number(attr(xml, "w:sz", "w:val"));

let draft: Parts;
let vm: ViewModel;

beforeAll(async () => {
  vm = zhangliang();
  draft = await parts(vm);
});

describe("styles", () => {
  it("body defaults: 仿宋_GB2312 in every slot, 16 pt, exact 579 twips, spacing −5", () => {
    const defaults = elements(draft.styles, "w:docDefaults")[0] ?? "";
    for (const slot of ["w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"]) expect(attr(defaults, "w:rFonts", slot)).toBe(FONT.fangSong);
    expect(halfPoints(defaults)).toBe(32);
    expect(attr(defaults, "w:spacing", "w:val")).toBe("-5");
    expect(attr(defaults, "w:spacing", "w:line")).toBe("579");
    expect(attr(defaults, "w:spacing", "w:lineRule")).toBe("exact");
    expect(attr(defaults, "w:lang", "w:eastAsia")).toBe("zh-CN");
  });

  it("named paragraph styles with the official East Asian fonts", () => {
    const title = style(draft.styles, STYLE.title);
    expect(attr(title, "w:name", "w:val")).toBe("公文标题");
    expect(eastAsia(title)).toBe("方正小标宋简体");
    expect(halfPoints(title)).toBe(44);
    expect(attr(title, "w:jc", "w:val")).toBe("center");

    const h1 = style(draft.styles, STYLE.heading1);
    expect(attr(h1, "w:name", "w:val")).toBe("一级标题");
    expect(eastAsia(h1)).toBe("黑体");
    expect(attr(h1, "w:outlineLvl", "w:val")).toBe("0");
    expect(has(h1, "w:keepNext")).toBe(true);

    const h2 = style(draft.styles, STYLE.heading2);
    expect(attr(h2, "w:name", "w:val")).toBe("二级标题");
    expect(eastAsia(h2)).toBe("楷体_GB2312");
    expect(attr(h2, "w:outlineLvl", "w:val")).toBe("1");

    const body = style(draft.styles, STYLE.body);
    expect(attr(body, "w:name", "w:val")).toBe("公文正文");
    expect(eastAsia(body)).toBeUndefined(); // inherits 仿宋_GB2312 from the defaults
    expect(attr(body, "w:ind", "w:firstLine")).toBe("632");
    expect(attr(body, "w:jc", "w:val")).toBe("both");

    // headings are 3号 too: no size of their own
    for (const id of [STYLE.heading1, STYLE.heading2, STYLE.body]) expect(has(style(draft.styles, id), "w:sz")).toBe(false);
    expect(eastAsia(style(draft.styles, STYLE.table))).toBe("宋体");
    expect(eastAsia(style(draft.styles, STYLE.folio))).toBe("宋体");
    expect(halfPoints(style(draft.styles, STYLE.folio))).toBe(28);
  });

  it("paragraphs use the styles", () => {
    const ps = paragraphs(draft.doc);
    const styleOf = (text: string) => ps.find((p) => p.text === text)?.style;
    expect(styleOf("一、总体情况")).toBe(STYLE.heading1);
    expect(styleOf("（一）主动公开")).toBe(STYLE.heading2);
    expect(ps[0]?.style).toBe(STYLE.title);
    expect(ps[0]?.text).toBe(vm.title.join("\n")); // the author's line break
    const opening = vm.opening[0] as string;
    expect(styleOf(opening)).toBe(STYLE.body);
    // widow control and (for LibreOffice) no hanging punctuation on every flow paragraph
    const flow = ps.filter((p) => p.style === STYLE.body);
    expect(flow.length).toBeGreaterThan(10);
    for (const p of flow) {
      expect(has(p.xml, "w:widowControl")).toBe(true);
      expect(has(p.xml, "w:overflowPunct")).toBe(true);
    }
  });
});

describe("page", () => {
  it("A4 with the GB/T 9704 margins", () => {
    const sect = elements(draft.doc, "w:sectPr")[0] ?? "";
    expect(attr(sect, "w:pgSz", "w:w")).toBe(String(PAGE.width));
    expect(attr(sect, "w:pgSz", "w:h")).toBe("16838");
    expect(PAGE.width).toBe(11906);
    expect(attr(sect, "w:pgMar", "w:top")).toBe("2098");
    expect(attr(sect, "w:pgMar", "w:bottom")).toBe("1984");
    expect(attr(sect, "w:pgMar", "w:left")).toBe("1587");
    expect(attr(sect, "w:pgMar", "w:right")).toBe("1474");
    expect(TEXT_W).toBe(8845); // 156 mm
    expect(MARGIN.top + MARGIN.bottom + 22 * BODY.line).toBeLessThanOrEqual(16838); // 22 lines fit
    expect(28 * (320 + BODY.charSpacing)).toBeLessThanOrEqual(TEXT_W); // 28 characters fit
    // no character grid: Word's linesAndChars grid makes LibreOffice set ~17 characters a line
    expect(attr(sect, "w:docGrid", "w:type")).toBeUndefined();
  });

  it("odd/even footers with the PAGE field: — n —, odd right, even left, one character in", () => {
    expect(has(draft.files.get("word/settings.xml") ?? "", "w:evenAndOddHeaders")).toBe(true);
    const rels = draft.files.get("word/_rels/document.xml.rels") ?? "";
    const sect = elements(draft.doc, "w:sectPr")[0] ?? "";
    const footer = (type: string) => {
      const ref = elements(sect, "w:footerReference").find((r) => attr(r, "w:footerReference", "w:type") === type);
      const id = ref && attr(ref, "w:footerReference", "r:id");
      const rel = elements(rels, "Relationship").find((r) => attr(r, "Relationship", "Id") === id);
      const target = rel && attr(rel, "Relationship", "Target");
      return draft.files.get(`word/${target}`) ?? "";
    };
    const odd = footer("default");
    const even = footer("even");
    for (const f of [odd, even]) {
      expect(f).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(f).toContain('w:fldCharType="begin"');
      expect(f).toContain('w:fldCharType="end"');
      expect(textOf(f)).toBe("—  —"); // "— " field " —"
      expect(attr(f, "w:pStyle", "w:val")).toBe(STYLE.folio);
    }
    expect(attr(odd, "w:jc", "w:val")).toBe("right");
    expect(attr(odd, "w:ind", "w:right")).toBe(String(FOLIO.indent));
    expect(attr(even, "w:jc", "w:val")).toBe("left");
    expect(attr(even, "w:ind", "w:left")).toBe(String(FOLIO.indent));
  });

  it("document properties", () => {
    const core = draft.files.get("docProps/core.xml") ?? "";
    expect(core).toContain("<dc:title>鲁山县张良镇人民政府2023年政府信息公开工作年度报告</dc:title>");
    expect(core).toContain("<dc:creator>鲁山县张良镇人民政府</dc:creator>");
    expect(core).toContain("<dc:subject>政府信息公开工作年度报告</dc:subject>");
    expect(core).toContain("<dc:language>zh-CN</dc:language>");
  });
});

describe("tables", () => {
  let t: DocxTable[];
  beforeAll(() => {
    t = tables(draft.doc);
  });

  const gridWidth = (row: DocxTable["rows"][number]) => row.cells.reduce((a, c) => a + c.gridSpan, 0);

  it("three tables on the full text width, every row filling its grid, rows never split", () => {
    expect(t).toHaveLength(3);
    const vmTables = vm.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []));
    t.forEach((table, i) => {
      const def = vmTables[i]!;
      expect(table.grid).toEqual(columnWidths(def.columns));
      expect(table.grid.reduce((a, b) => a + b, 0)).toBe(TEXT_W);
      expect(attr(table.xml, "w:tblLayout", "w:type")).toBe("fixed");
      for (const row of table.rows) {
        expect(gridWidth(row)).toBe(def.columns.length);
        expect(row.cantSplit).toBe(true);
      }
      expect(table.rows.filter((r) => r.header)).toHaveLength(def.header.length);
      // header rows come first (Word repeats only a leading run of them)
      table.rows.forEach((r, j) => expect(r.header).toBe(j < def.header.length));
    });
  });

  it("table 三: the corner cell spans 3 columns × 3 rows, 申请人情况 7 columns, header rows repeat", () => {
    const t3 = t[1]!;
    const [r1, r2, r3] = t3.rows;
    expect(r1!.cells[0]).toMatchObject({ gridSpan: 3, vMerge: "restart", text: "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）" });
    expect(r1!.cells[1]).toMatchObject({ gridSpan: 7, text: "申请人情况" });
    expect(r1!.cells[1]!.vMerge).toBeUndefined();
    for (const r of [r2!, r3!]) expect(r.cells[0]).toMatchObject({ gridSpan: 3, vMerge: "continue", text: "" });
    expect(r2!.cells.map((c) => [c.text, c.gridSpan, c.vMerge])).toEqual([
      ["", 3, "continue"],
      ["自然人", 1, "restart"],
      ["法人或其他组织", 5, undefined],
      ["总计", 1, "restart"],
    ]);
    expect(r3!.cells.map((c) => c.text)).toEqual(["", "", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", ""]);
    expect(r3!.cells[1]!.vMerge).toBe("continue");
    expect(r3!.cells[7]!.vMerge).toBe("continue");
    expect(t3.rows.slice(0, 3).every((r) => r.header)).toBe(true);
    expect(t3.rows.slice(3).some((r) => r.header)).toBe(false);
    // 三、本年度办理结果 spans the 22 result rows: 1 restart + 21 continues in column 1
    const results = t3.rows.slice(3).map((r) => r.cells[0]!);
    const start = results.findIndex((c) => c.text === "三、本年度办理结果");
    expect(results[start]!.vMerge).toBe("restart");
    expect(results.slice(start + 1, start + 22).every((c) => c.vMerge === "continue" && c.text === "")).toBe(true);
    expect(t3.rows).toHaveLength(3 + 25);
    // continuation cells hold an empty table-text paragraph (not a 16 pt Normal one that could stretch the row)
    const continues = t3.rows.flatMap((r) => r.cells).filter((c) => c.vMerge === "continue");
    expect(continues.length).toBeGreaterThan(30);
    for (const c of continues) expect(attr(c.xml, "w:pStyle", "w:val")).toBe(STYLE.table);
  });

  it("table 二: every row of a block keeps with the next but its last (a block is not split over pages); 宋体 at the view model's size", () => {
    const t2 = t[0]!;
    const caption = t2.rows[0]!;
    expect(caption.cells).toHaveLength(1);
    expect(caption.cells[0]).toMatchObject({ gridSpan: 4, text: "第二十条第（一）项" });
    expect(has(caption.cells[0]!.xml, "w:keepNext")).toBe(true);
    expect(has(t2.rows[1]!.cells[0]!.xml, "w:keepNext")).toBe(true);
    expect(has(t2.rows[2]!.cells[0]!.xml, "w:keepNext")).toBe(true);
    expect(t2.rows[4]!.cells[0]!.text).toBe("第二十条第（五）项"); // the next block's caption
    expect(has(t2.rows[3]!.cells[0]!.xml, "w:keepNext")).toBe(false);
    const cell = t2.rows[2]!.cells[0]!.xml;
    expect(eastAsia(cell)).toBe("宋体");
    expect(halfPoints(cell)).toBe(24); // 12 pt
    expect(halfPoints(t[1]!.rows[3]!.cells[0]!.xml)).toBe(18); // table 三 at 9 pt
    for (const table of t) expect(attr(table.xml, "w:top", "w:sz") ?? attr(table.xml, "w:insideH", "w:sz")).toBe("4");
  });

  it("merged cells of table 四", () => {
    const [r1, r2] = t[2]!.rows;
    expect(r1!.cells.map((c) => [c.text, c.gridSpan, c.vMerge])).toEqual([
      ["行政复议", 5, "restart"],
      ["行政诉讼", 10, undefined],
    ]);
    expect(r2!.cells[0]).toMatchObject({ gridSpan: 5, vMerge: "continue" });
  });
});

describe("content", () => {
  /** Finds each expected string in the document text after the previous one. */
  function expectInOrder(text: string, expected: string[]) {
    const hay = squash(text);
    let at = 0;
    for (const s of expected) {
      const needle = squash(s);
      if (needle === "") continue;
      const i = hay.indexOf(needle, at);
      expect(i, `"${s.slice(0, 30)}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = i + needle.length;
    }
  }

  const rowTexts = (rows: TableRow[]) => rows.flatMap((r) => (r.kind === "title" ? [r.text] : r.cells.map((c) => c.text)));

  it("every text of the view model, in document order", () => {
    const expected = [
      ...vm.title,
      ...vm.opening,
      ...vm.blocks.flatMap((b) => (b.kind === "table" ? [...rowTexts(b.table.header), ...rowTexts(b.table.body)] : [b.text])),
      vm.signature.organName,
      vm.signature.date,
    ];
    expect(expected.length).toBeGreaterThan(300);
    expectInOrder(draft.text, expected);
  });

  it("every official label (from lib/template) and every figure of the 张良镇 report", () => {
    // section headings in order
    expectInOrder(draft.text, SECTIONS.map(sectionHeading));
    // every label of tables 二/三/四, in order per table (independently of the view model)
    const docTables = tables(draft.doc);
    TABLES.forEach((def, i) => {
      const labels = [...def.headerRows, ...def.bodyRows].flatMap((r) => r.cells.flatMap((c) => (c.type === "text" ? [c.text] : [])));
      expect(labels.length).toBeGreaterThan(3);
      expectInOrder(docTables[i]!.rows.flatMap((r) => r.cells.map((c) => c.text)).join("\n"), labels);
    });
    // every cell value: each value cell of the template grid holds the stored (or computed) figure
    const content = zhangliangContent();
    const totals = computeTotals(content.cells);
    TABLES.forEach((def, i) => {
      const values = [...def.headerRows, ...def.bodyRows].flatMap((r) =>
        r.cells.flatMap((c) => (c.type === "value" ? [String(content.cells[c.cellId] ?? totals[c.cellId])] : [])),
      );
      const docValues = docTables[i]!.rows.flatMap((r) => r.cells.filter((c) => /^\d+(\.\d+)?$/.test(c.text)).map((c) => c.text));
      expect(docValues).toEqual(values);
    });
    // the non-zero figures of the sample, in their rows
    const rowOf = (label: string) => docTables.flatMap((t) => t.rows).find((r) => r.cells.some((c) => c.text === label));
    expect(rowOf("行政许可")!.cells.map((c) => c.text)).toEqual(["行政许可", "17"]);
    expect(rowOf("行政处罚")!.cells.map((c) => c.text)).toEqual(["行政处罚", "1"]);
    expect(content.cells[t2CellId("permit", "decisions")]).toBe("17");
    expect(content.cells[t4CellId("direct", "corrected")]).toBe("2");
    expect(docTables[2]!.rows[3]!.cells.map((c) => c.text)).toEqual(["0", "0", "0", "0", "0", "0", "2", "1", "0", "3", "0", "0", "0", "0", "0"]);
    expect(content.cells[t3CellId("new", "natural")]).toBe("0");
    // the sample's text fields
    for (const p of Object.values(content.text).flatMap((t) => t.split("\n"))) expect(squash(draft.text)).toContain(squash(p));
  });

  it("signature: name two characters in from the right, date two characters right of the name's start", () => {
    const ps = paragraphs(draft.doc);
    const name = ps.find((p) => p.text === "鲁山县张良镇人民政府" && p.style === STYLE.signature)!;
    const date = ps.find((p) => p.text === "2024年1月19日")!;
    expect(date.style).toBe(STYLE.signature);
    expect(attr(name.xml, "w:ind", "w:right")).toBe(String(BODY.indent));
    const nameW = bodyTextWidth("鲁山县张良镇人民政府");
    const dateW = bodyTextWidth("2024年1月19日");
    expect(Number(attr(date.xml, "w:ind", "w:right"))).toBe(nameW - dateW);
    // the paragraph before the name is the blank line
    const i = ps.indexOf(name);
    expect(ps[i - 1]!.text).toBe("");
    expect(ps[i - 1]!.style).toBe(STYLE.signature);
    // a date longer than the name minus two characters: date two in, name moved left
    const long = signatureIndents("某镇", "2024年12月31日");
    expect(long.date).toBe(BODY.indent);
    expect(long.name).toBe(2 * BODY.indent + bodyTextWidth("2024年12月31日") - bodyTextWidth("某镇"));
  });

  it("草稿 watermark only on drafts, in both the odd and the even header", async () => {
    const headers = [...draft.files].filter(([n]) => /^word\/header\d+\.xml$/.test(n)).map(([, x]) => x);
    expect(headers).toHaveLength(2);
    for (const h of headers) {
      expect(h).toContain('string="草稿"');
      expect(h).toContain("<v:textpath");
    }
    const final = await parts(zhangliang("PUBLISHED"));
    for (const [name, xml] of final.files) expect(xml.includes("草稿"), name).toBe(false);
    expect(final.doc).not.toContain("w:headerReference");
  });
});

describe("helpers", () => {
  it("columnWidths: exact total, normalised fractions, no zero or negative widths", () => {
    expect(columnWidths([0.34, 0.22, 0.22, 0.22])).toEqual([3007, 1946, 1946, 1946]);
    expect(columnWidths(new Array<number>(15).fill(1 / 15)).reduce((a, b) => a + b, 0)).toBe(TEXT_W);
    expect(columnWidths([2, 2]).reduce((a, b) => a + b, 0)).toBe(TEXT_W);
    expect(columnWidths([0, 0, 0])).toEqual([2948, 2949, 2948]);
  });

  it("cleanText drops characters XML forbids and keeps everything else", () => {
    expect(cleanText("a\u0000b\u0007c\u000bd\ud800e\uffff")).toBe("abcde");
    expect(cleanText("😀堃\r\n<b>&")).toBe("😀堃\n<b>&");
  });
});

describe("bad input", () => {
  it("an empty report", async () => {
    const content = emptyContent("某某镇人民政府", 2024);
    const p = await parts(buildViewModel({ year: 2024, status: "DRAFT", content }));
    expect(p.text).toContain("某某镇人民政府");
    expect(p.text).toContain("2024年政府信息公开工作年度报告");
    expect(tables(p.doc)).toHaveLength(3);
    for (const s of SECTIONS) expect(p.text).toContain(sectionHeading(s));
  });

  it("a view model with nothing at all", async () => {
    const p = await parts({ title: [], opening: [], blocks: [], signature: { organName: "", date: "" }, draft: false });
    expect(paragraphs(p.doc).length).toBeGreaterThanOrEqual(1);
  });

  it("20,000-character sections, 12-digit numbers, rare characters, emoji, HTML, control characters", async () => {
    const rare = "堃喆昇镕赟";
    const long = "政务公开工作".repeat(3334).slice(0, 20_000);
    const html = `<script>alert("x")</script><b>粗体</b> & &amp; <!-- c --> ]]>`;
    const v = zhangliang("DRAFT", (c) => {
      c.header.organName = `${rare}镇人民政府`;
      c.text["s1.lead"] = long;
      c.text["s5"] = `${html}\n表情😀👍🏽🇨🇳结束\n${"A".repeat(300)}`;
      c.text["s6"] = `控制\u0001字符\u0008保留其余\ud83d文字`;
      c.cells[t3CellId("new", "natural")] = "123456789012";
      c.cells[t2CellId("fee", "amount")] = "123456789012.5";
    });
    const p = await parts(v);
    const text = squash(p.text);
    expect(text).toContain(squash(long));
    expect(p.text.split("\n").some((l) => l.length === 20_000)).toBe(true);
    expect(text).toContain(squash(html));
    expect(p.doc).toContain("&lt;script&gt;");
    expect(p.doc).not.toContain("<script>");
    expect(text).toContain("表情😀👍🏽🇨🇳结束");
    expect(text).toContain("控制字符保留其余文字");
    expect(text).toContain(`${rare}镇人民政府`);
    expect(text).toContain("123456789012");
    expect(p.files.get("docProps/core.xml")).toContain(`${rare}镇人民政府`);
    // no character XML 1.0 forbids anywhere
    for (const [, xml] of p.files) expect(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(xml)).toBe(false);
  });

  it("malformed tables: too many or too few cells, spans past the grid", async () => {
    const v: ViewModel = {
      title: ["标题"],
      opening: [],
      blocks: [
        {
          kind: "table",
          table: {
            id: "bad",
            columns: [0.5, 0.5],
            header: [{ cells: [{ text: "宽", colSpan: 5, align: "center" }] }],
            body: [
              { cells: [{ text: "a", colSpan: 1, align: "left" }] },
              { cells: [1, 2, 3].map((n) => ({ text: String(n), colSpan: 1, align: "center" as const })) },
              { cells: [{ text: "跨", colSpan: 1, rowSpan: 9, align: "center" }] },
            ],
          },
        },
      ],
      signature: { organName: "某镇", date: "" },
      draft: false,
    };
    const p = await parts(v);
    const [t] = tables(p.doc);
    for (const row of t!.rows) expect(row.cells.reduce((a, c) => a + c.gridSpan, 0)).toBe(2);
    expect(squash(p.text)).toContain("宽a12跨");
  });
});
