import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  CELLS,
  COMPUTED_CELLS,
  INPUT_CELLS,
  SECTIONS,
  TABLES,
  TEXT_FIELDS,
  defaultOpening,
  emptyContent,
  isDefaultOpening,
  sectionHeading,
  type GridRow,
} from "./index";

// The official wording, read from the spec (a copy of shared/spec/official-format.md kept as a fixture).
const spec = readFileSync(path.join(import.meta.dirname, "../../tests/fixtures/official-format.md"), "utf8");

function specSection(heading: string): string {
  const start = spec.indexOf(heading);
  const next = spec.indexOf("\n## ", start + 1);
  return spec.slice(start, next === -1 ? undefined : next);
}
function codeBlockTokens(section: string): string[] {
  const blocks = [...section.matchAll(/```\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks
    .join("\n")
    .replace(/\((\d+ columns?|\d+)\)/g, " ")
    .split(/[|\s]+/)
    .filter(Boolean);
}
function inlineCode(section: string): string[] {
  return [...section.matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!);
}
function gridTexts(rows: readonly GridRow[]): string[] {
  return rows.flatMap((r) => r.cells.flatMap((c) => (c.type === "text" ? [c.text] : [])));
}
function tableTexts(id: string): string[] {
  const t = TABLES.find((x) => x.id === id)!;
  return [...gridTexts(t.headerRows), ...gridTexts(t.bodyRows)];
}

describe("template labels match the official wording", () => {
  it("has the six section headings of the spec, in order", () => {
    const specHeadings = [...specSection("## 2.").matchAll(/\| [一二三四五六] \| ([一二三四五六]、[^|\s]+) \|/g)].map((m) => m[1]);
    expect(specHeadings).toHaveLength(6);
    expect(SECTIONS.map(sectionHeading)).toEqual(specHeadings);
  });

  it("accepts the longer heading variants of 四 and 五 named in the spec", () => {
    for (const s of SECTIONS) for (const v of s.variants) expect(spec).toContain(`"${v}"`);
    expect(SECTIONS.flatMap((s) => s.variants)).toHaveLength(2);
  });

  it("has the five sub-sections of 一 as the spec lists them", () => {
    const line = spec.match(/一 split into ([^;]+);/)![1]!;
    const specSubs = line.split(/\s+/).filter(Boolean);
    expect(TEXT_FIELDS.filter((f) => f.heading).map((f) => f.heading)).toEqual(specSubs);
  });

  for (const [id, heading] of [
    ["t2", "## 3."],
    ["t3", "## 4."],
    ["t4", "## 5."],
  ] as const) {
    it(`table ${id}: every label in the spec is in the template and vice versa`, () => {
      const section = specSection(heading);
      const specLabels = new Set([...codeBlockTokens(section), ...inlineCode(section)]);
      const ours = new Set(tableTexts(id));
      for (const label of codeBlockTokens(section)) expect(ours, `missing ${label}`).toContain(label);
      for (const label of ours) expect(specLabels, `not in spec: ${label}`).toContain(label);
    });
  }
});

describe("template structure", () => {
  it("has 10 input cells in table 二, 25×7 cells in table 三 and 15 in table 四", () => {
    const count = (t: string, computed?: boolean) =>
      [...CELLS.values()].filter((c) => c.table === t && (computed === undefined || c.computed === computed)).length;
    expect(count("t2")).toBe(10);
    expect(count("t2", true)).toBe(0);
    expect(count("t3")).toBe(25 * 7);
    // 24 rows × 总计 column + （七）总计 row × 6 input columns + the grand total
    expect(count("t3", true)).toBe(25 + 6);
    expect(count("t4")).toBe(15);
    expect(count("t4", true)).toBe(3);
    expect(INPUT_CELLS.length).toBe(10 + 24 * 6 + 12);
  });

  it("orders computed cells after what they sum", () => {
    const seen = new Set<string>();
    for (const c of COMPUTED_CELLS) {
      for (const s of c.sum) if (CELLS.get(s)!.computed) expect(seen).toContain(s);
      seen.add(c.id);
    }
  });

  for (const t of TABLES) {
    it(`${t.id}: every printed row covers exactly ${t.columnCount} columns once spans are counted`, () => {
      for (const rows of [t.headerRows, t.bodyRows]) {
        // occupancy[r] = columns taken in row r by cells spanning down from above
        const carry: number[] = [];
        rows.forEach((row, r) => {
          let width = carry[r] ?? 0;
          for (const c of row.cells) {
            width += c.colSpan;
            for (let k = 1; k < c.rowSpan; k++) carry[r + k] = (carry[r + k] ?? 0) + c.colSpan;
          }
          expect(width, `${t.id} row ${row.key}`).toBe(t.columnCount);
        });
      }
      expect(t.columnWidths).toHaveLength(t.columnCount);
      expect(t.columnWidths.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    });
  }

  it("gives every value cell of the grid a defined cell, once", () => {
    const ids = TABLES.flatMap((t) => t.bodyRows.flatMap((r) => r.cells.flatMap((c) => (c.type === "value" ? [c.cellId] : []))));
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids)).toEqual(new Set(CELLS.keys()));
  });

  it("recognises the generated opening of an organ, of any year, and nothing else", () => {
    expect(isDefaultOpening(defaultOpening("某镇人民政府", 2023), "某镇人民政府")).toBe(true);
    expect(isDefaultOpening(defaultOpening("某镇人民政府", 2019), "某镇人民政府")).toBe(true);
    expect(isDefaultOpening(defaultOpening("某镇人民政府", 2023), "另一镇人民政府")).toBe(false);
    expect(isDefaultOpening(defaultOpening("某镇人民政府", 2023).replace("地址：    ", "地址：人民路1号"), "某镇人民政府")).toBe(false);
    expect(isDefaultOpening("", "某镇人民政府")).toBe(false);
  });

  it("starts a report blank, with the year in the opening paragraph", () => {
    const c = emptyContent("示范县城关镇人民政府", 2024);
    expect(Object.values(c.cells).every((v) => v === "")).toBe(true);
    expect(Object.keys(c.cells)).toHaveLength(INPUT_CELLS.length);
    expect(c.header.opening).toContain("2024年1月1日");
    expect(c.header.opening).toContain("2024年12月31日");
  });
});
