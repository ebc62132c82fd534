import { describe, expect, it } from "vitest";
import { t2CellId, t3CellId, t4CellId, tableById } from "@/lib/template";
import { buildNavModel, keyDirection, navTarget, type KeyInfo } from "./grid-nav";

const t2 = buildNavModel(tableById("t2"));
const t3 = buildNavModel(tableById("t3"));
const t4 = buildNavModel(tableById("t4"));

describe("buildNavModel", () => {
  it("places table 三's value cells after the three label columns, whatever the row spans", () => {
    for (const id of [t3CellId("new", "natural"), t3CellId("deny1", "natural"), t3CellId("deny2", "natural"), t3CellId("carryover", "natural")])
      expect(t3.cells.get(id)?.colStart).toBe(3);
    expect(t3.cells.get(t3CellId("open", "total"))?.colStart).toBe(9);
  });
  it("knows table 二's merged value cells", () => {
    expect(t2.cells.get(t2CellId("permit", "decisions"))).toMatchObject({ colStart: 1, colEnd: 3 });
  });
});

describe("navTarget", () => {
  it("moves down and up in table 三, skipping the computed （七）总计 row", () => {
    expect(navTarget(t3, t3CellId("new", "natural"), "down")).toBe(t3CellId("carried", "natural"));
    expect(navTarget(t3, t3CellId("other3", "legal"), "down")).toBe(t3CellId("carryover", "legal"));
    expect(navTarget(t3, t3CellId("carryover", "legal"), "up")).toBe(t3CellId("other3", "legal"));
    expect(navTarget(t3, t3CellId("carryover", "legal"), "down")).toBeNull();
    expect(navTarget(t3, t3CellId("new", "legal"), "up")).toBeNull();
  });
  it("moves across a group label boundary", () => {
    expect(navTarget(t3, t3CellId("deny8", "research"), "down")).toBe(t3CellId("unable1", "research"));
  });
  it("moves left and right, never onto the 总计 column", () => {
    expect(navTarget(t3, t3CellId("new", "natural"), "right")).toBe(t3CellId("new", "commercial"));
    expect(navTarget(t3, t3CellId("new", "otherOrg"), "right")).toBeNull();
    expect(navTarget(t3, t3CellId("new", "natural"), "left")).toBeNull();
  });
  it("jumps over table 四's group totals", () => {
    expect(navTarget(t4, t4CellId("review", "pending"), "right")).toBe(t4CellId("direct", "upheld"));
    expect(navTarget(t4, t4CellId("direct", "upheld"), "left")).toBe(t4CellId("review", "pending"));
    expect(navTarget(t4, t4CellId("review", "pending"), "down")).toBeNull();
  });
  it("moves between table 二's blocks of different shapes", () => {
    expect(navTarget(t2, t2CellId("normative", "issued"), "down")).toBe(t2CellId("permit", "decisions"));
    expect(navTarget(t2, t2CellId("normative", "valid"), "down")).toBe(t2CellId("permit", "decisions"));
    expect(navTarget(t2, t2CellId("permit", "decisions"), "up")).toBe(t2CellId("normative", "issued"));
    expect(navTarget(t2, t2CellId("coercion", "decisions"), "down")).toBe(t2CellId("fee", "amount"));
  });
});

describe("keyDirection", () => {
  const k = (over: Partial<KeyInfo>): KeyInfo => ({
    key: "",
    shiftKey: false,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    isComposing: false,
    selectionStart: 1,
    selectionEnd: 1,
    valueLength: 2,
    ...over,
  });
  it("Enter moves down, Shift+Enter up", () => {
    expect(keyDirection(k({ key: "Enter" }))).toBe("down");
    expect(keyDirection(k({ key: "Enter", shiftKey: true }))).toBe("up");
  });
  it("Up and Down always move", () => {
    expect(keyDirection(k({ key: "ArrowUp" }))).toBe("up");
    expect(keyDirection(k({ key: "ArrowDown" }))).toBe("down");
  });
  it("Left/Right move only with the caret at the edge", () => {
    expect(keyDirection(k({ key: "ArrowLeft" }))).toBeNull();
    expect(keyDirection(k({ key: "ArrowLeft", selectionStart: 0, selectionEnd: 0 }))).toBe("left");
    expect(keyDirection(k({ key: "ArrowRight", selectionStart: 2, selectionEnd: 2 }))).toBe("right");
    expect(keyDirection(k({ key: "ArrowRight", selectionStart: 0, selectionEnd: 2 }))).toBeNull();
    expect(keyDirection(k({ key: "ArrowRight", selectionStart: 0, selectionEnd: 0, valueLength: 0 }))).toBe("right");
  });
  it("never moves during IME composition or with modifiers", () => {
    expect(keyDirection(k({ key: "Enter", isComposing: true }))).toBeNull();
    expect(keyDirection(k({ key: "ArrowDown", ctrlKey: true }))).toBeNull();
    expect(keyDirection(k({ key: "a" }))).toBeNull();
  });
});
