import { describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { SECTIONS, T3_CORNER, sectionHeading, t3CellId } from "@/lib/template";
import { buildViewModel, exportFileName, paragraphs, titleLines } from "./build-view-model";
import type { Table } from "./view-model";

const vm = (status: "DRAFT" | "PUBLISHED" = "DRAFT", edit?: (c: ReturnType<typeof zhangliangContent>) => void) => {
  const content = zhangliangContent();
  edit?.(content);
  return buildViewModel({ year: 2023, status, content });
};
const tableOf = (v: ReturnType<typeof vm>, id: string) =>
  v.blocks.flatMap((b) => (b.kind === "table" && b.table.id === id ? [b.table] : []))[0]!;
const texts = (t: Table) =>
  [...t.header, ...t.body].flatMap((r) => (r.kind === "title" ? [r.text] : r.cells.map((c) => c.text)));

describe("buildViewModel", () => {
  it("lays out the six sections in order, with the sub-headings of 一 that have text", () => {
    const v = vm();
    expect(v.blocks.filter((b) => b.kind === "heading1").map((b) => (b as { text: string }).text)).toEqual(
      SECTIONS.map(sectionHeading),
    );
    expect(v.blocks.filter((b) => b.kind === "heading2").map((b) => (b as { text: string }).text)).toHaveLength(5);
    const empty = vm("DRAFT", (c) => (c.text["s1.management"] = ""));
    expect(empty.blocks.filter((b) => b.kind === "heading2")).toHaveLength(4);
  });

  it("prints a sub-heading once when the stored text starts with it (pasted from last year's Word file)", () => {
    const v = vm("DRAFT", (c) => {
      c.text["s1.active"] = "（一）主动公开。本年度主动公开政府信息 88 条。";
      c.text["s1.request"] = "（二）依申请公开\n依申请公开工作依法依规办理。";
      c.text.s5 = "五、存在的主要问题及改进情况\n一是公开意识有待加强。";
    });
    const all = v.blocks.flatMap((b) => (b.kind === "table" ? [] : [b.text]));
    expect(all.filter((t) => t.includes("主动公开") && t.startsWith("（一）"))).toEqual(["（一）主动公开"]);
    expect(all).toContain("本年度主动公开政府信息 88 条。");
    expect(all.filter((t) => t.includes("（二）依申请公开"))).toEqual(["（二）依申请公开"]);
    expect(all).toContain("依申请公开工作依法依规办理。");
    expect(all.filter((t) => t.includes("存在的主要问题及改进情况"))).toEqual(["五、存在的主要问题及改进情况"]);
    expect(all).toContain("一是公开意识有待加强。");
  });

  it("fills table values and recomputed totals", () => {
    const v = vm("DRAFT", (c) => {
      c.cells[t3CellId("new", "natural")] = "3";
      c.cells[t3CellId("open", "natural")] = "3";
    });
    const t3 = tableOf(v, "t3");
    expect(texts(t3)).toContain(T3_CORNER);
    expect(t3.body).toHaveLength(25);
    const newRow = t3.body[0]!;
    expect(newRow.kind).not.toBe("title");
    if (newRow.kind !== "title") expect(newRow.cells.map((c) => c.text).slice(1)).toEqual(["3", "0", "0", "0", "0", "0", "3"]);
    const t4 = tableOf(v, "t4");
    const values = t4.body[0]!;
    if (values.kind !== "title") expect(values.cells.map((c) => c.text)).toEqual("0 0 0 0 0 0 2 1 0 3 0 0 0 0 0".split(" "));
    expect(texts(tableOf(v, "t2"))).toContain("17");
  });

  it("marks anything not approved as a draft", () => {
    expect(vm("DRAFT").draft).toBe(true);
    expect(vm("PUBLISHED").draft).toBe(false);
  });

  it("puts the fee statement first in 六", () => {
    const v = vm("DRAFT", (c) => (c.fee = { charged: false, pieces: "", amount: "" }));
    const i = v.blocks.findIndex((b) => b.kind === "heading1" && b.text.startsWith("六"));
    expect(v.blocks[i + 1]).toEqual({ kind: "paragraph", text: "本年度未收取政府信息公开信息处理费。" });
  });

  it("breaks the title where the author wants", () => {
    expect(titleLines("鲁山县张良镇人民政府", 2023, null)).toEqual(["鲁山县张良镇人民政府", "2023年政府信息公开工作年度报告"]);
    expect(titleLines("鲁山县张良镇人民政府", 2023, 3)).toEqual(["鲁山县", "张良镇人民政府2023年政府信息公开工作年度报告"]);
    expect(exportFileName("张良镇", 2023, "pdf")).toBe("张良镇2023年政府信息公开工作年度报告.pdf");
  });
});

describe("paragraphs", () => {
  it("drops the template's blanks left around what was typed into them, not the spaces of other text", () => {
    expect(paragraphs("请与某镇联系（地址：人民路1号    ；电话：0375-1234567    ）。")).toEqual(["请与某镇联系（地址：人民路1号；电话：0375-1234567）。"]);
    expect(paragraphs("全年共　　3件。\n\n  第二段  ")).toEqual(["全年共3件。", "第二段"]);
    expect(paragraphs("see  the  Regulations on 政府信息公开")).toEqual(["see  the  Regulations on 政府信息公开"]);
    expect(paragraphs("依据 《条例》 办理")).toEqual(["依据 《条例》 办理"]);
  });
});
