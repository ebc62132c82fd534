import { describe, expect, it } from "vitest";
import { t2CellId, t3CellId, t4CellId, tableById } from "@/lib/template";
import { isMultiCellPaste, parsePastedGrid, pasteNotice, planPaste, tableValueGrid } from "./paste";

describe("parsePastedGrid", () => {
  it("splits tabs and newlines", () => {
    expect(parsePastedGrid("1\t2\t3\n4\t5\t6")).toEqual([
      ["1", "2", "3"],
      ["4", "5", "6"],
    ]);
  });
  it("handles CRLF and a trailing line break (Excel)", () => {
    expect(parsePastedGrid("1\t2\r\n3\t4\r\n")).toEqual([
      ["1", "2"],
      ["3", "4"],
    ]);
  });
  it("handles old Mac CR line breaks", () => {
    expect(parsePastedGrid("1\r2\r")).toEqual([["1"], ["2"]]);
  });
  it("keeps empty cells, including trailing ones and blank rows in the middle", () => {
    expect(parsePastedGrid("1\t\t3\n\t\t\n7\t8\t")).toEqual([
      ["1", "", "3"],
      ["", "", ""],
      ["7", "8", ""],
    ]);
  });
  it("drops several trailing empty lines but not a row of empty cells", () => {
    expect(parsePastedGrid("5\n\n\n")).toEqual([["5"]]);
    expect(parsePastedGrid("5\t6\n\t\n")).toEqual([
      ["5", "6"],
      ["", ""],
    ]);
  });
  it("unquotes Excel-quoted cells", () => {
    expect(parsePastedGrid('"a\nb"\t"say ""hi"""\n1\t2')).toEqual([
      ["a\nb", 'say "hi"'],
      ["1", "2"],
    ]);
  });
  it("keeps a stray quote literally", () => {
    expect(parsePastedGrid('"12\t3')).toEqual([['"12', "3"]]);
  });
  it("returns nothing for empty text", () => {
    expect(parsePastedGrid("")).toEqual([]);
    expect(parsePastedGrid("\r\n")).toEqual([]);
  });
  it("tells single values from blocks", () => {
    expect(isMultiCellPaste(parsePastedGrid("12\r\n"))).toBe(false);
    expect(isMultiCellPaste(parsePastedGrid("1\t2"))).toBe(true);
    expect(isMultiCellPaste(parsePastedGrid("1\n2"))).toBe(true);
  });
});

describe("tableValueGrid", () => {
  it("lists table 三's 25 data rows of 7 value cells", () => {
    const grid = tableValueGrid(tableById("t3"));
    expect(grid).toHaveLength(25);
    expect(grid.every((r) => r.length === 7)).toBe(true);
    expect(grid[0]![0]).toBe(t3CellId("new", "natural"));
  });
  it("lists table 二's data rows with their own widths", () => {
    expect(tableValueGrid(tableById("t2")).map((r) => r.length)).toEqual([3, 3, 1, 1, 1, 1]);
  });
});

describe("planPaste", () => {
  const t3 = tableById("t3");
  it("fills from the focused cell, normalising full-width digits", () => {
    const plan = planPaste(t3, t3CellId("new", "natural"), parsePastedGrid("１\t2\n３\t4"));
    expect(plan.writes).toEqual([
      { id: t3CellId("new", "natural"), value: "1" },
      { id: t3CellId("new", "commercial"), value: "2" },
      { id: t3CellId("carried", "natural"), value: "3" },
      { id: t3CellId("carried", "commercial"), value: "4" },
    ]);
    expect(plan.skippedComputed).toBe(0);
    expect(plan.ignored).toBe(0);
    expect(pasteNotice(plan)).toBeNull();
  });
  it("skips the 总计 column and ignores columns beyond the table", () => {
    const plan = planPaste(t3, t3CellId("new", "legal"), parsePastedGrid("1\t2\t3\t4\t5"));
    expect(plan.writes.map((w) => w.id)).toEqual([t3CellId("new", "legal"), t3CellId("new", "otherOrg")]);
    expect(plan.skippedComputed).toBe(1);
    expect(plan.ignored).toBe(2);
    expect(pasteNotice(plan)).toContain("超出表格范围");
  });
  it("skips the （七）总计 row so a sheet with the official layout lines up", () => {
    const plan = planPaste(t3, t3CellId("other3", "natural"), parsePastedGrid("1\n9\n2"));
    expect(plan.writes).toEqual([
      { id: t3CellId("other3", "natural"), value: "1" },
      { id: t3CellId("carryover", "natural"), value: "2" },
    ]);
    expect(plan.skippedComputed).toBe(1);
  });
  it("ignores rows beyond the last one", () => {
    const plan = planPaste(t3, t3CellId("carryover", "natural"), parsePastedGrid("1\n2\n3"));
    expect(plan.writes).toHaveLength(1);
    expect(plan.ignored).toBe(2);
  });
  it("writes empty pasted cells as blank and keeps invalid text for the error display", () => {
    const plan = planPaste(t3, t3CellId("new", "natural"), parsePastedGrid("\t/\t1,234"));
    expect(plan.writes.map((w) => w.value)).toEqual(["", "/", "1234"]);
  });
  it("walks table 二's rows of different widths", () => {
    const plan = planPaste(tableById("t2"), t2CellId("normative", "issued"), parsePastedGrid("1\t2\t3\n4\t5"));
    expect(plan.writes.map((w) => w.id)).toEqual([
      t2CellId("normative", "issued"),
      t2CellId("normative", "repealed"),
      t2CellId("normative", "valid"),
      t2CellId("permit", "decisions"),
    ]);
    expect(plan.ignored).toBe(1);
  });
  it("keeps a pasted fee as typed (decimal string)", () => {
    const plan = planPaste(tableById("t2"), t2CellId("fee", "amount"), parsePastedGrid("０．１２５０\r\n"));
    expect(plan.writes).toEqual([{ id: t2CellId("fee", "amount"), value: "0.1250" }]);
  });
  it("skips table 四's group totals", () => {
    const plan = planPaste(tableById("t4"), t4CellId("review", "upheld"), parsePastedGrid("1\t0\t0\t0\t1\t2"));
    expect(plan.writes.map((w) => w.id)).toEqual([
      t4CellId("review", "upheld"),
      t4CellId("review", "corrected"),
      t4CellId("review", "other"),
      t4CellId("review", "pending"),
      t4CellId("direct", "upheld"),
    ]);
    expect(plan.skippedComputed).toBe(1);
  });
});
