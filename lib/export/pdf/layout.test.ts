import { describe, expect, it } from "vitest";
import type { Block, Table, ViewModel } from "../view-model";
import { buildViewModel } from "../build-view-model";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { table2, table3, table4, zhangliangViewModel } from "./fixtures/zhangliang";
import {
  BODY,
  INDENT,
  TEXT_H,
  TEXT_W,
  cellLines,
  chunkBody,
  layoutLines,
  placeRows,
  planDocument,
  prepareText,
  rowHeights,
  signaturePositions,
  sliceGrid,
  tableGeometry,
  textWidth,
} from "./layout";

const body = { face: "FangSong" as const, size: BODY.size, letterSpacing: BODY.letterSpacing };
const hanzi = (n: number) => "政府信息公开工作年度报告".repeat(Math.ceil(n / 12)).slice(0, n);

describe("text layout", () => {
  it("fits 28 characters on a body line and 26 after the two-character indent", () => {
    const lines = layoutLines(hanzi(28 * 3), body, TEXT_W, INDENT);
    expect(lines.map((l) => [...l].length)).toEqual([26, 28, 28, 2]);
  });

  it("turns spaces into no-break spaces and trims", () => {
    expect(prepareText("  共计 153 项\t ")).toBe("共计\u00a0153\u00a0项");
  });

  it("splits a short word in a narrow table cell in the middle (商业/企业), as the format prints table 三's headers", () => {
    const cell = { face: "FangSong" as const, size: 10.5 };
    const three = textWidth("商业企", cell); // room for three characters
    expect(layoutLines("商业企业", cell, three)).toEqual(["商业企", "业"]);
    expect(cellLines("商业企业", cell, three)).toEqual(["商业", "企业"]);
    expect(cellLines("科研机构", cell, three)).toEqual(["科研", "机构"]);
    expect(cellLines("社会公益组织", cell, three)).toEqual(["社会公", "益组织"]);
    // one line, three lines, or not only Chinese characters: as laid out
    expect(cellLines("自然人", cell, three)).toEqual(["自然人"]);
    expect(cellLines("法人或其他组织", cell, three)).toEqual(layoutLines("法人或其他组织", cell, three));
    expect(cellLines("（一）予以", cell, three)).toEqual(layoutLines("（一）予以", cell, three));
  });

  it("measures half-width digits", () => {
    expect(textWidth("2023", { face: "FangSong", size: 16 })).toBeCloseTo(32, 5);
  });
});

describe("table grid", () => {
  it("places tables 二, 三 and 四 with every position covered once", () => {
    const t3 = table3([]);
    const h = placeRows(t3.header, 10, "t3 header");
    const b = placeRows(t3.body, 10, "t3 body");
    expect(h.nrows).toBe(3);
    expect(b.nrows).toBe(25);
    const group = b.cells.find((c) => c.text === "三、本年度办理结果");
    expect(group).toMatchObject({ r: 2, c: 0, rs: 22, cs: 1 });
    const corner = h.cells[0];
    expect(corner).toMatchObject({ r: 0, c: 0, rs: 3, cs: 3 });
    const t4 = table4(new Array(15).fill(0));
    expect(placeRows(t4.header, 15, "t4").cells.filter((c) => c.rs === 2)).toHaveLength(5);
    const t2 = table2({ rules: [0, 0, 0], normative: [0, 0, 0], permits: 1, penalties: 0, enforcement: 0, fee: "0" });
    const g2 = placeRows(t2.body, 4, "t2");
    expect(g2.keep.filter(Boolean)).toHaveLength(8); // four title rows, four block header rows
  });

  it("rejects overlapping, short and too wide rows", () => {
    const c = (text: string, colSpan = 1, rowSpan?: number) => ({ text, colSpan, rowSpan, align: "center" as const });
    expect(() => placeRows([{ cells: [c("a"), c("b")] }], 3, "t")).toThrow(/leaves 1 of 3/);
    expect(() => placeRows([{ cells: [c("a", 2), c("b", 2)] }], 3, "t")).toThrow(/more than 3/);
    expect(() => placeRows([{ cells: [c("a", 1, 3), c("b")] }, { cells: [c("c")] }], 2, "t")).toThrow(/past the last row/);
  });

  it("grows the rows under a spanning cell evenly when its text needs more height", () => {
    const c = (text: string, colSpan = 1, rowSpan?: number) => ({ text, colSpan, rowSpan, align: "center" as const });
    const t: Table = { id: "t", columns: [0.1, 0.9], header: [], body: [{ cells: [c(hanzi(30), 1, 2), c("1")] }, { cells: [c("2")] }] };
    const g = tableGeometry(t);
    const grid = placeRows(t.body, 2, "t");
    const h = rowHeights(grid, g);
    expect(h[0]).toBeCloseTo(h[1] as number, 1);
    expect(h[0]).toBeGreaterThan(2 * g.lineHeight);
    // 30 characters, 3 a line at 10.5 pt in a 44 pt column → 10 lines
    expect((h[0] as number) + (h[1] as number)).toBeGreaterThanOrEqual(10 * g.lineHeight);
  });

  it("repeats a spanning cell's text in both pieces when a page break cuts it", () => {
    const grid = placeRows(table3([]).body, 10, "t3");
    const a = sliceGrid(grid, 0, 10);
    const b = sliceGrid(grid, 10, 25);
    expect(a.cells.find((c) => c.text === "三、本年度办理结果")).toMatchObject({ r: 2, rs: 8 });
    expect(b.cells.find((c) => c.text === "三、本年度办理结果")).toMatchObject({ r: 0, rs: 14 });
    expect(b.cells.find((c) => c.text === "（三）不予公开")).toMatchObject({ r: 0, rs: 2 });
  });
});

describe("table chunks", () => {
  const t3 = table3([]);
  const g = tableGeometry(t3);
  const grid = placeRows(t3.body, 10, "t3");

  it("cover the body once, in order, each within its space", () => {
    const { chunks } = chunkBody(grid, g, { first: 200, firstFresh: 500, full: 300, canMove: true });
    expect(chunks[0]?.start).toBe(0);
    chunks.forEach((c, i) => {
      if (i > 0) expect(c.start).toBe(chunks[i - 1]?.end);
      const h = c.heights.reduce((a, b) => a + b, 0);
      expect(h).toBeLessThanOrEqual(i === 0 ? 200 : 300);
      expect(c.end - c.start).toBeGreaterThan(0);
    });
    expect(chunks[chunks.length - 1]?.end).toBe(25);
  });

  it("moves the table to the next page when fewer than two rows would fit", () => {
    const r = chunkBody(grid, g, { first: 20, firstFresh: 500, full: 600, canMove: true });
    expect(r.movedToNextPage).toBe(true);
    expect(r.chunks[0]?.heights.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(500);
  });

  it("never ends a chunk after a title row or a block header row", () => {
    const t2 = table2({ rules: [0, 0, 0], normative: [0, 0, 0], permits: 1, penalties: 0, enforcement: 0, fee: "0" });
    const g2 = tableGeometry(t2);
    const grid2 = placeRows(t2.body, 4, "t2");
    for (let space = 40; space < 300; space += 7) {
      const { chunks } = chunkBody(grid2, g2, { first: space, firstFresh: space, full: space, canMove: false });
      for (const c of chunks.slice(0, -1)) expect(grid2.keep[c.end - 1], `space ${space}, break after row ${c.end}`).toBe(false);
    }
  });
});

describe("table 二 from a report", () => {
  it("is cut only between its blocks: a page never starts inside one, without the header naming its columns", () => {
    const vm = buildViewModel({ year: 2023, status: "PUBLISHED", content: zhangliangContent("鲁山县张良镇人民政府") });
    const t2 = vm.blocks.find((b): b is Extract<Block, { kind: "table" }> => b.kind === "table" && b.table.id === "t2")!.table;
    const g2 = tableGeometry(t2);
    const grid2 = placeRows(t2.body, t2.columns.length, "t2");
    let cuts = 0;
    for (let space = 120; space < 500; space += 11) {
      const { chunks } = chunkBody(grid2, g2, { first: space, firstFresh: space, full: space, canMove: false });
      for (const c of chunks.slice(1)) {
        cuts++;
        expect(t2.body[c.start]?.kind, `space ${space}: a page starts at body row ${c.start}`).toBe("title");
      }
    }
    expect(cuts).toBeGreaterThan(0);
  });
});

describe("document plan", () => {
  const vmWith = (blocks: Block[]): ViewModel => ({
    title: ["某某镇", "2023年政府信息公开工作年度报告"],
    opening: [],
    blocks,
    signature: { organName: "某某镇人民政府", date: "2024年1月19日" },
    draft: false,
  });
  const para = (lines: number): Block => ({ kind: "paragraph", text: hanzi(26 + 28 * (lines - 1)) });

  it("predicts 22 lines a page for body text", () => {
    // title block = 2 × 36 pt + one blank line; then 15 paragraphs of 2 lines
    const plan = planDocument(vmWith(new Array(15).fill(para(2))));
    const firstOnPage2 = plan.items.findIndex((i) => i.page === 2);
    const titleH = 2 * 36 + BODY.line;
    const linesOnPage1 = Math.floor((TEXT_H - titleH) / BODY.line);
    // a paragraph that does not fit is split when at least two lines fit, else moved
    expect(linesOnPage1).toBe(18);
    expect(firstOnPage2).toBe(1 + 9); // title + 9 paragraphs of 2 lines fill 18 lines
  });

  it("moves a heading that would end a page to the next page, with its paragraph", () => {
    // title (3.5 lines) + 8 × 2 lines = 19.5 lines; a heading fits on line 21 but its paragraph would not
    const blocks: Block[] = [...new Array(8).fill(para(2)), { kind: "heading1", text: "二、标题" }, para(3)];
    const plan = planDocument(vmWith(blocks));
    const h = plan.items.find((i) => i.kind === "heading");
    const after = plan.items[plan.items.indexOf(h as never) + 1];
    expect(h?.page).toBe(2);
    expect(after?.page).toBe(2);
  });

  it("keeps a section heading with the first rows of its table", () => {
    const blocks: Block[] = [...new Array(8).fill(para(2)), { kind: "heading1", text: "三、收到和处理政府信息公开申请情况" }, { kind: "table", table: table3([]) }];
    const plan = planDocument(vmWith(blocks));
    const first = plan.items.find((i) => i.kind === "table");
    expect(first?.kind === "table" && first.headings.map((x) => x.text)).toEqual(["三、收到和处理政府信息公开申请情况"]);
    expect(first?.page).toBe(2);
  });

  it("splits the zhangliang table 三 with every chunk inside a page", () => {
    const plan = planDocument(zhangliangViewModel());
    const chunks = plan.items.filter((i) => i.kind === "table" && i.table.id === "table3");
    expect(chunks.length).toBe(2);
    for (const c of chunks) if (c.kind === "table") expect(c.height).toBeLessThanOrEqual(TEXT_H + BODY.line);
  });
});

describe("signature block", () => {
  const two = 2 * (BODY.size + BODY.letterSpacing);
  it("right-indents the organ name two characters and starts the date two characters further in", () => {
    const { nameX, dateX } = signaturePositions("鲁山县张良镇人民政府", "2024年1月20日");
    const nameW = textWidth("鲁山县张良镇人民政府", body);
    expect(TEXT_W - (nameX + nameW)).toBeCloseTo(two, 5);
    expect(dateX - nameX).toBeCloseTo(two, 5);
  });

  it("right-indents a longer date two characters and moves the name left", () => {
    const { nameX, dateX } = signaturePositions("某局", "2024年12月31日");
    const dateW = textWidth("2024年12月31日", body);
    expect(TEXT_W - (dateX + dateW)).toBeCloseTo(two, 5);
    expect(dateX - nameX).toBeCloseTo(two, 5);
  });
});
