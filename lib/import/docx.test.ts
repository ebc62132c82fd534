import { describe, expect, it } from "vitest";
import { AlignmentType, Document, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow } from "docx";
import { t2CellId, t4CellId } from "@/lib/template";
import { ZHANGLIANG_TEXT } from "@/lib/demo/zhangliang-2023";
import { docxXmlToText } from "./docx";
import { importReportFile } from "./file";
import { sampleText } from "./testing/samples";

/**
 * A Word document as a clerk would write it: headings numbered by Word's automatic list numbering
 * (the numerals "一、" "（一）" are not in the text), tables as real tables.
 */
async function numberedDocx(): Promise<Uint8Array> {
  const lines = sampleText("zhangliang-town-2023.txt").split("\n");
  const children: (Paragraph | Table)[] = [];
  let table: string[][] = [];
  const flush = () => {
    if (table.length === 0) return;
    const width = Math.max(...table.map((r) => r.length));
    children.push(
      new Table({
        rows: table.map(
          (r) =>
            new TableRow({
              children: Array.from({ length: width }, (_, k) => new TableCell({ children: [new Paragraph(r[k] ?? "")] })),
            }),
        ),
      }),
    );
    table = [];
  };
  for (const line of lines) {
    if (line.includes("\t")) {
      table.push(line.split("\t"));
      continue;
    }
    flush();
    const t = line.trim();
    if (!t) continue;
    const top = /^[一二三四五六]、(.+)$/.exec(t);
    const sub = /^(?:（[一二三四五]）|[二三四五] )(.+)$/.exec(t);
    if (top) children.push(new Paragraph({ text: top[1]!, numbering: { reference: "sections", level: 0 } }));
    else if (sub) children.push(new Paragraph({ text: sub[1]!, numbering: { reference: "topics", level: 0 } }));
    else children.push(new Paragraph(t));
  }
  flush();
  const doc = new Document({
    numbering: {
      config: [
        { reference: "sections", levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: "%1、", alignment: AlignmentType.LEFT }] },
        { reference: "topics", levels: [{ level: 0, format: LevelFormat.CHINESE_COUNTING, text: "（%1）", alignment: AlignmentType.LEFT }] },
      ],
    },
    sections: [{ children }],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

describe("DOCX", () => {
  it("automatic list numbering is put back into the text, so headings and sub-headings are found", async () => {
    const r = await importReportFile(await numberedDocx(), "report.docx");
    if (!r.ok) throw new Error(r.message);
    expect(r.text).toContain("一、总体情况");
    expect(r.text).toContain("（二）依申请公开情况");
    expect(r.text).toContain("六、其他需要报告的事项");
    expect(r.notes.filter((n) => n.kind === "missing-section")).toEqual([]);
    expect(r.content.text["s1.request"]).toBe(ZHANGLIANG_TEXT.request);
    expect(r.content.text["s1.oversight"]).toBe(ZHANGLIANG_TEXT.oversight);
    expect(r.content.text.s6).toBe(ZHANGLIANG_TEXT.s6);
    expect(r.content.cells[t2CellId("permit", "decisions")]).toBe("17");
    expect(r.content.cells[t4CellId("direct", "corrected")]).toBe("2");
    expect(r.content.sourceTotals?.[t4CellId("direct", "total")]).toBe("3");
  });

  it("merged cells: gridSpan gives empty cells for the columns covered, vMerge continuations are empty", () => {
    const xml = [
      "<w:document><w:body><w:tbl>",
      '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="3"/></w:tcPr><w:p><w:r><w:t>A</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r></w:p></w:tc></w:tr>',
      '<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>结果</w:t></w:r></w:p><w:p><w:r><w:t>维持</w:t></w:r></w:p></w:tc></w:tr>',
      "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p><w:r><w:t>C</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>0</w:t></w:r></w:p></w:tc></w:tr>",
      "</w:tbl>",
      '<w:p><w:r><w:t xml:space="preserve">a &amp; b</w:t></w:r><w:r><w:tab/><w:t>c</w:t></w:r><w:del><w:r><w:delText>gone</w:delText></w:r></w:del></w:p>',
      "</w:body></w:document>",
    ].join("");
    expect(docxXmlToText(xml).split("\n")).toEqual(["A\t\t\tB", "C\t结果维持", "\t0", "a & b\tc"]);
  });

  it("text boxes: the fallback copy of a drawing's text is not read twice", () => {
    const xml =
      "<w:document><w:body><w:p><w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>" +
      "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>正文</w:t></w:r></w:p></w:body></w:document>";
    expect(docxXmlToText(xml).split("\n")).toEqual(["框内", "正文"]);
  });
});
