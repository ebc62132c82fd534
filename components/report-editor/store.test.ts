import { describe, expect, it, vi } from "vitest";
import { emptyContent, t3CellId, t4CellId, t2CellId, INPUT_CELLS } from "@/lib/template";
import { computeTotals } from "@/lib/report";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { EditorStore } from "./store";

const fresh = () => new EditorStore(emptyContent("某某镇人民政府", 2023));

describe("EditorStore cells and totals", () => {
  it("keeps the typed text and updates the row, column and grand totals", () => {
    const s = fresh();
    s.setCell(t3CellId("open", "natural"), "3");
    s.setCell(t3CellId("open", "commercial"), "2");
    expect(s.getCell(t3CellId("open", "natural"))).toBe("3");
    expect(s.getTotal(t3CellId("open", "total"))).toBe(5);
    expect(s.getTotal(t3CellId("total", "natural"))).toBe(3);
    expect(s.getTotal(t3CellId("total", "total"))).toBe(5);
  });

  it("matches computeTotals after random edits", () => {
    const s = new EditorStore(zhangliangContent());
    const ids = INPUT_CELLS.map((c) => c.id);
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let i = 0; i < 500; i++) {
      const id = ids[Math.floor(rnd() * ids.length)]!;
      const v = ["", "0", "1", "12", "x", "3.5", "７"][Math.floor(rnd() * 7)]!;
      s.setCell(id, v);
    }
    expect(s.getTotals()).toEqual(computeTotals(s.getContent().cells));
  });

  it("makes a total unknown (null) while a summand is invalid, and keeps the invalid text", () => {
    const s = fresh();
    s.setCell(t4CellId("review", "upheld"), "1a");
    expect(s.getCell(t4CellId("review", "upheld"))).toBe("1a");
    expect(s.getTotal(t4CellId("review", "total"))).toBeNull();
    expect(s.getInvalid("t4")).toEqual([{ id: t4CellId("review", "upheld"), message: expect.any(String) }]);
    expect(s.getCellError(t4CellId("review", "upheld"))).toBe("须为非负整数");
    s.setCell(t4CellId("review", "upheld"), "1");
    expect(s.getTotal(t4CellId("review", "total"))).toBe(1);
    expect(s.getInvalid("t4")).toEqual([]);
    expect(s.getCellError(t4CellId("review", "upheld"))).toBeNull();
  });

  it("notifies only the edited cell, the totals that changed and the content listeners", () => {
    const s = fresh();
    const seen: string[] = [];
    for (const key of [
      `cell:${t3CellId("open", "natural")}`,
      `cell:${t3CellId("open", "commercial")}`,
      `total:${t3CellId("open", "total")}`,
      `total:${t3CellId("partial", "total")}`,
      `total:${t3CellId("total", "natural")}`,
      "invalid:t3",
    ])
      s.subscribeKey(key, () => seen.push(key));
    const any = vi.fn();
    s.subscribe(any);
    s.setCell(t3CellId("open", "natural"), "4");
    expect(seen.sort()).toEqual(
      [`cell:${t3CellId("open", "natural")}`, `total:${t3CellId("open", "total")}`, `total:${t3CellId("total", "natural")}`].sort(),
    );
    expect(any).toHaveBeenCalledTimes(1);
    seen.length = 0;
    s.setCell(t3CellId("open", "natural"), "4");
    expect(seen).toEqual([]);
    expect(any).toHaveBeenCalledTimes(1);
  });

  it("returns a new content snapshot per change and keeps the old one intact", () => {
    const s = fresh();
    const before = s.getContent();
    s.setCell(t2CellId("fee", "amount"), "0.10");
    expect(s.getContent()).not.toBe(before);
    expect(before.cells[t2CellId("fee", "amount")]).toBe("");
    expect(s.getCell(t2CellId("fee", "amount"))).toBe("0.10");
  });

  it("fills the blank cells of one table with 0, on request only", () => {
    const s = fresh();
    s.setCell(t4CellId("review", "upheld"), "2");
    expect(s.fillBlanks("t4")).toBe(11);
    expect(s.getCell(t4CellId("review", "upheld"))).toBe("2");
    expect(s.getCell(t4CellId("after", "pending"))).toBe("0");
    expect(s.getCell(t3CellId("new", "natural"))).toBe("");
    expect(s.getTotal(t4CellId("review", "total"))).toBe(2);
  });
});

describe("EditorStore text, fee, acknowledgements, view state", () => {
  it("sets text, header and fee, ignoring no-op writes", () => {
    const s = fresh();
    const any = vi.fn();
    s.subscribe(any);
    s.setText("s5", "问题");
    s.setText("s5", "问题");
    s.setHeader({ signDate: "2024年1月19日" });
    s.setHeader({ signDate: "2024年1月19日" });
    s.setFee({ charged: false });
    expect(any).toHaveBeenCalledTimes(3);
    expect(s.getContent().text.s5).toBe("问题");
    expect(s.getHeader().signDate).toBe("2024年1月19日");
    expect(s.getFee().charged).toBe(false);
  });

  it("acknowledges and withdraws", () => {
    const s = fresh();
    s.setAck("X2:a", "清理");
    expect(s.getAcks()).toEqual({ "X2:a": "清理" });
    s.setAck("X2:a", null);
    expect(s.getAcks()).toEqual({});
  });

  it("replaceContent recomputes totals and repaints every subscriber", () => {
    const s = fresh();
    const cell = vi.fn();
    s.subscribeKey(`cell:${t2CellId("permit", "decisions")}`, cell);
    s.replaceContent(zhangliangContent());
    expect(cell).toHaveBeenCalled();
    expect(s.getTotal(t4CellId("direct", "total"))).toBe(3);
  });

  it("notifies highlight and mark changes per ref", () => {
    const s = fresh();
    const a = vi.fn();
    const b = vi.fn();
    s.subscribeKey("hl:text.s5", a);
    s.subscribeKey("mark:fee", b);
    s.setHighlight(["text.s5"]);
    expect(s.isHighlighted("text.s5")).toBe(true);
    s.setHighlight(["text.s5"]);
    expect(a).toHaveBeenCalledTimes(1);
    const view = (marks: [string, "error" | "warning"][]) => ({ errors: [], warnings: [], acknowledged: [], marks: new Map(marks) });
    s.setFindingsView(view([["fee", "warning"]]));
    expect(s.getMark("fee")).toBe("warning");
    s.setFindingsView(view([["fee", "warning"]]));
    expect(b).toHaveBeenCalledTimes(1);
    s.setFindingsView(view([]));
    expect(b).toHaveBeenCalledTimes(2);
  });

  it("drops the highlight of a finding once the finding is gone, and keeps any other highlight", () => {
    const s = fresh();
    const [x, y, z] = [t3CellId("new", "natural"), t3CellId("new", "legal"), t3CellId("open", "natural")];
    const item = (key: string, refs: string[]) =>
      ({ key, rule: "E5", severity: "error", message: key, refs, finding: null, acknowledged: null, cause: null }) as never;
    const view = (items: ReturnType<typeof item>[]) => ({ errors: items, warnings: [], acknowledged: [], marks: new Map() });
    s.setFindingsView(view([item("E5:blank:t3", [x, y]), item("E1:a", [x, z])]));
    const hl = vi.fn();
    s.subscribeKey("highlight", hl);
    // the blank cells' finding was clicked
    s.setHighlight([x, y], "E5:blank:t3");
    // one blank cell filled: the finding still names the other one (x is still named by E1: not its highlight)
    s.setFindingsView(view([item("E5:blank:t3", [y]), item("E1:a", [x, z])]));
    expect([s.isHighlighted(x), s.isHighlighted(y)]).toEqual([false, true]);
    // all filled (空白单元格填 0): nothing of it stays highlighted
    s.setFindingsView(view([item("E1:a", [x, z])]));
    expect(s.highlightCount()).toBe(0);
    expect(hl).toHaveBeenCalledTimes(3);
    // a highlight shown for something else (an invalid cell's line, a comment) stays through new findings
    s.setHighlight(["text.s5"]);
    s.setFindingsView(view([]));
    expect(s.isHighlighted("text.s5")).toBe(true);
  });
});

describe("EditorStore undo of block operations", () => {
  const a = t3CellId("new", "natural");
  const b = t3CellId("new", "commercial");
  const c = t3CellId("open", "natural");

  it("takes a paste back as one step, totals included", () => {
    const s = fresh();
    s.setCell(a, "5");
    expect(s.peekUndo()).toBeNull(); // typing in one cell is the input's own undo
    expect(s.setCells([{ id: a, value: "1" }, { id: b, value: "2" }, { id: c, value: "3" }], { undo: "粘贴" })).toBe(3);
    expect(s.getTotal(t3CellId("new", "total"))).toBe(3);
    expect(s.peekUndo()).toEqual({ label: "粘贴", cells: 3, latest: true });
    expect(s.undo()).toEqual({ label: "粘贴", restored: 3, kept: 0 });
    expect([s.getCell(a), s.getCell(b), s.getCell(c)]).toEqual(["5", "", ""]);
    expect(s.getTotal(t3CellId("new", "total"))).toBe(5);
    expect(s.getTotals()).toEqual(computeTotals(s.getContent().cells));
    expect(s.undo()).toBeNull();
  });

  it("keeps a cell edited after the paste, and says so", () => {
    const s = fresh();
    s.setCells([{ id: a, value: "1" }, { id: b, value: "2" }], { undo: "粘贴" });
    s.setCell(b, "9");
    expect(s.peekUndo()?.latest).toBe(false);
    expect(s.undo()).toEqual({ label: "粘贴", restored: 1, kept: 1 });
    expect([s.getCell(a), s.getCell(b)]).toEqual(["", "9"]);
  });

  it("records only the cells that changed; fill-blanks is undoable; steps undo newest first", () => {
    const s = fresh();
    s.setCell(a, "4");
    expect(s.setCells([{ id: a, value: "4" }], { undo: "粘贴" })).toBe(0);
    expect(s.peekUndo()).toBeNull();
    const n = s.fillBlanks("t2");
    expect(n).toBeGreaterThan(0);
    s.setCells([{ id: b, value: "7" }], { undo: "粘贴" });
    expect(s.undo()?.label).toBe("粘贴");
    expect(s.getCell(b)).toBe("");
    expect(s.undo()).toEqual({ label: "空白单元格填 0", restored: n, kept: 0 });
    expect(Object.entries(s.getContent().cells).filter(([id, v]) => id.startsWith("t2.") && v === "0")).toEqual([]);
    expect(s.getCell(a)).toBe("4");
  });

  it("forgets its steps when the whole content is replaced (backup restored, server's version taken)", () => {
    const s = fresh();
    s.setCells([{ id: a, value: "1" }], { undo: "粘贴" });
    s.replaceContent(emptyContent("某某镇人民政府", 2023));
    expect(s.peekUndo()).toBeNull();
    expect(s.undo()).toBeNull();
  });
});
