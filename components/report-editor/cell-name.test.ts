import { describe, expect, it } from "vitest";
import { CELLS, T3_ROWS, T3_COLUMNS, tableById } from "@/lib/template";
import { cellAccessibleName } from "./cell-name";

describe("cellAccessibleName", () => {
  it("names table, row label and column label", () => {
    expect(cellAccessibleName(CELLS.get("t3.new.natural")!)).toBe("表三 一、本年新收政府信息公开申请数量 自然人");
    const org = T3_COLUMNS.find((c) => !c.computed && c.id !== "natural")!;
    expect(cellAccessibleName(CELLS.get(`t3.new.${org.id}`)!)).toBe(`表三 一、本年新收政府信息公开申请数量 法人或其他组织 ${org.label}`);
    const grouped = T3_ROWS.find((r) => r.group)!;
    expect(cellAccessibleName(CELLS.get(`t3.${grouped.id}.natural`)!)).toBe(`表三 ${grouped.group}${grouped.label} 自然人`);
  });

  it("gives every cell of every table a distinct name that starts with its table", () => {
    const names = [...CELLS.values()].map(cellAccessibleName);
    expect(new Set(names).size).toBe(names.length);
    for (const def of CELLS.values()) expect(cellAccessibleName(def).startsWith(`${tableById(def.table).name} `)).toBe(true);
  });
});
