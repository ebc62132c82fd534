import { describe, expect, it } from "vitest";
import { emptyContent } from "@/lib/template";
import { compareContents, diffStats, diffText, lcsDiff, splitSentences, type DiffSegment } from "./diff";

const side = (segs: DiffSegment[], which: "before" | "after") =>
  segs
    .filter((s) => s.op === "equal" || s.op === (which === "before" ? "delete" : "insert"))
    .map((s) => s.text)
    .join("");

describe("lcsDiff", () => {
  it("finds the longest common subsequence", () => {
    const r = lcsDiff([..."ABCBDAB"], [..."BDCABA"])!;
    const common = r.filter((x) => x.op === "equal").flatMap((x) => x.items).join("");
    expect(common).toHaveLength(4);
    expect(r.filter((x) => x.op !== "insert").flatMap((x) => x.items).join("")).toBe("ABCBDAB");
    expect(r.filter((x) => x.op !== "delete").flatMap((x) => x.items).join("")).toBe("BDCABA");
  });

  it("handles empty sides and identical input", () => {
    expect(lcsDiff([], [])).toEqual([]);
    expect(lcsDiff(["a"], [])).toEqual([{ op: "delete", items: ["a"] }]);
    expect(lcsDiff([], ["a", "b"])).toEqual([{ op: "insert", items: ["a", "b"] }]);
    expect(lcsDiff([1, 2, 3], [1, 2, 3])).toEqual([{ op: "equal", items: [1, 2, 3] }]);
  });

  it("puts deletions before insertions in a changed stretch", () => {
    expect(lcsDiff([..."xaby"], [..."xcdy"])).toEqual([
      { op: "equal", items: ["x"] },
      { op: "delete", items: ["a", "b"] },
      { op: "insert", items: ["c", "d"] },
      { op: "equal", items: ["y"] },
    ]);
  });

  it("trims the common prefix and suffix before sizing the table", () => {
    const long = Array.from({ length: 5000 }, (_, i) => i);
    const changed = [...long];
    changed[2500] = -1;
    const r = lcsDiff(long, changed, 100)!;
    expect(r.map((x) => x.op)).toEqual(["equal", "delete", "insert", "equal"]);
    expect(lcsDiff([1, 2, 3, 4], [5, 6, 7, 8], 10)).toBeNull();
  });
});

describe("splitSentences", () => {
  it("keeps punctuation and line breaks with their sentence and loses nothing", () => {
    const t = "一是公开意识不强；二是内容不全。\n\n三是“回应”不及时！结尾没有句号";
    const parts = splitSentences(t);
    expect(parts.join("")).toBe(t);
    expect(parts).toEqual(["一是公开意识不强；", "二是内容不全。\n\n", "三是“回应”不及时！", "结尾没有句号"]);
    expect(splitSentences("")).toEqual([]);
  });
});

describe("diffText", () => {
  it("reproduces both sides", () => {
    const a = "本年度主动公开政府信息153条。依申请公开办理及时。平台建设有序推进。";
    const b = "本年度主动公开政府信息168条。依申请公开办理及时。平台建设有序推进，新增公开栏2处。监督保障有力。";
    const d = diffText(a, b);
    expect(side(d, "before")).toBe(a);
    expect(side(d, "after")).toBe(b);
    // the unchanged middle sentence is one equal run
    expect(d.some((s) => s.op === "equal" && s.text.includes("依申请公开办理及时。"))).toBe(true);
    // the number inside the first sentence is a character-level change
    expect(d).toContainEqual({ op: "delete", text: "53" });
    expect(d).toContainEqual({ op: "insert", text: "68" });
  });

  it("shows identical, added and removed texts", () => {
    expect(diffText("同样", "同样")).toEqual([{ op: "equal", text: "同样" }]);
    expect(diffText("", "")).toEqual([]);
    expect(diffText("", "新写的")).toEqual([{ op: "insert", text: "新写的" }]);
    expect(diffText("删掉的。", "")).toEqual([{ op: "delete", text: "删掉的。" }]);
  });

  it("folds one- or two-character coincidences into the replacement", () => {
    const d = diffText("加强培训工作", "完善考核机制");
    expect(d).toEqual([
      { op: "delete", text: "加强培训工作" },
      { op: "insert", text: "完善考核机制" },
    ]);
  });

  it("stays correct on long texts", () => {
    const para = (n: number) => Array.from({ length: n }, (_, i) => `第${i}句话说明了一些情况。`).join("");
    const a = para(1500);
    const b = a.replace("第700句话", "第七百句话") + "新增一句。";
    const d = diffText(a, b);
    expect(side(d, "before")).toBe(a);
    expect(side(d, "after")).toBe(b);
    expect(diffStats(d)).toEqual({ deleted: 3, inserted: 7 }); // 700 → 七百, + 新增一句。
  });

  it("falls back to a whole replacement when even the sentences are too many", () => {
    const a = Array.from({ length: 3000 }, (_, i) => `甲${i}。`).join("");
    const b = Array.from({ length: 3000 }, (_, i) => `乙${i}。`).join("");
    const d = diffText(a, b);
    expect(side(d, "before")).toBe(a);
    expect(side(d, "after")).toBe(b);
  });
});

describe("compareContents", () => {
  it("lists changed texts, cells and fields in report order", () => {
    const a = emptyContent("示范县青山镇人民政府", 2024);
    const b = {
      ...a,
      header: { ...a.header, signDate: "2025年1月20日" },
      text: { ...a.text, s5: "问题一。", "s1.active": "主动公开。" },
      cells: { ...a.cells, "t3.new.natural": "5", "t2.permit.decisions": "0" },
      fee: { charged: false, pieces: "", amount: "" },
    };
    const c = compareContents(a, b);
    expect(c.texts.map((t) => t.ref)).toEqual(["text.s1.active", "text.s5"]);
    expect(c.texts[1]).toMatchObject({ anchor: "text:s5", section: "s5", before: "", after: "问题一。" });
    expect(c.cells.map((x) => [x.id, x.before, x.after])).toEqual([
      ["t2.permit.decisions", "", "0"],
      ["t3.new.natural", "", "5"],
    ]);
    expect(c.cells[1]!.name).toContain("自然人");
    expect(c.fields.map((f) => f.ref)).toEqual(["header.signDate", "fee"]);
    expect(c.fields[1]).toMatchObject({ before: "未说明" });
    expect(c.count).toBe(6);
    expect(compareContents(b, b).count).toBe(0);
  });
});
