import { describe, expect, it } from "vitest";
import { emptyContent, INPUT_CELLS, TEXT_FIELDS } from "@/lib/template";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import {
  absorbServer,
  changedFields,
  checkFieldValue,
  contentFields,
  fieldEquals,
  fieldLabel,
  fieldValue,
  isFieldRef,
  mergeChanges,
  withFields,
  TEXT_STORE_MAX_CHARS,
  type FieldValue,
} from "./index";

const eq = (a: string, b: string) => a === b;

describe("mergeChanges (three-way, field by field)", () => {
  const theirs = (m: Record<string, string>) => (ref: string) => m[ref] ?? "";
  it("applies a change to a field nobody else touched", () => {
    expect(mergeChanges([{ ref: "a", base: "1", value: "2" }], theirs({ a: "1" }), eq)).toEqual({
      apply: [{ ref: "a", base: "1", value: "2" }],
      conflicts: [],
    });
  });
  it("does nothing when both sides made the same change", () => {
    expect(mergeChanges([{ ref: "a", base: "1", value: "2" }], theirs({ a: "2" }), eq)).toEqual({ apply: [], conflicts: [] });
  });
  it("reports a field changed on both sides to different values, with base, mine and theirs", () => {
    expect(mergeChanges([{ ref: "a", base: "1", value: "2" }], theirs({ a: "3" }), eq)).toEqual({
      apply: [],
      conflicts: [{ ref: "a", base: "1", mine: "2", theirs: "3" }],
    });
  });
  it("decides each field on its own and keeps the first of a repeated ref", () => {
    const r = mergeChanges(
      [
        { ref: "a", base: "1", value: "2" },
        { ref: "b", base: "x", value: "y" },
        { ref: "a", base: "9", value: "9" },
      ],
      theirs({ a: "1", b: "z" }),
      eq,
    );
    expect(r.apply.map((c) => c.ref)).toEqual(["a"]);
    expect(r.conflicts.map((c) => c.ref)).toEqual(["b"]);
  });
});

describe("absorbServer (the editor's side)", () => {
  const run = (base: Record<string, string>, sent: Record<string, string>, local: Record<string, string>, server: Record<string, string>) =>
    absorbServer(
      Object.keys(server),
      { base: (r) => base[r] ?? "", sent: (r) => sent[r] ?? "", local: (r) => local[r] ?? "", server: (r) => server[r] ?? "" },
      eq,
    );
  it("takes the server's value into fields not edited since the save was sent", () => {
    expect(run({ a: "1" }, { a: "1" }, { a: "1" }, { a: "2" })).toEqual({ base: [["a", "2"]], local: [["a", "2"]] });
  });
  it("keeps an edit made since; advances its base only when the server holds what was sent", () => {
    // sent "2", server has "2", user typed "3" since: base becomes "2"
    expect(run({ a: "1" }, { a: "2" }, { a: "3" }, { a: "2" })).toEqual({ base: [["a", "2"]], local: [] });
    // not sent, someone else wrote "9", user typed "3" since: base stays "1" (the next save reports the conflict)
    expect(run({ a: "1" }, { a: "1" }, { a: "3" }, { a: "9" })).toEqual({ base: [], local: [] });
  });
});

describe("report fields", () => {
  it("every field round-trips through contentFields / withFields / fieldValue", () => {
    const c = zhangliangContent();
    const fields = contentFields(c);
    expect(fields.size).toBeGreaterThanOrEqual(INPUT_CELLS.length + TEXT_FIELDS.length + 5);
    expect(withFields(emptyContent("", 2023), fields)).toEqual({ ...c, sourceTotals: c.sourceTotals });
    for (const [ref, v] of fields) expect(fieldEquals(fieldValue(c, ref), v)).toBe(true);
  });
  it("changedFields lists exactly the differing fields, including removed acknowledgements", () => {
    const a = zhangliangContent();
    const b = withFields(a, [
      ["t2.coercion.decisions", "9"],
      ["text.s5", "新的"],
      ["fee", { charged: true, pieces: "1", amount: "0.5" }],
      ["ack.X2:a", "理由"],
    ]);
    expect(changedFields(a, b).map((c) => c.ref)).toEqual(["text.s5", "fee", "t2.coercion.decisions", "ack.X2:a"]);
    expect(changedFields(b, a).find((c) => c.ref === "ack.X2:a")).toEqual({ ref: "ack.X2:a", before: "理由", after: null });
  });
  it("withFields keeps untouched parts by identity and ignores unknown refs and wrong types", () => {
    const a = zhangliangContent();
    const b = withFields(a, [["text.s5", "x"], ["nope", "1"], ["t3.new.natural", 5 as FieldValue]]);
    expect(b.cells).toBe(a.cells);
    expect(b.header).toBe(a.header);
    expect(b.text.s5).toBe("x");
    expect(isFieldRef("nope")).toBe(false);
    expect(isFieldRef("t3.new.total")).toBe(false); // computed cells are not fields
    expect(isFieldRef("source.t3.new.total")).toBe(true);
  });
  it("checkFieldValue names the field, the ceiling and the excess; refuses wrong types and unknown refs", () => {
    expect(checkFieldValue("text.s5", "x".repeat(TEXT_STORE_MAX_CHARS))).toEqual({ ok: true, value: "x".repeat(TEXT_STORE_MAX_CHARS) });
    const over = checkFieldValue("text.s5", "字".repeat(TEXT_STORE_MAX_CHARS + 3));
    expect(over).toEqual({
      ok: false,
      message: `${fieldLabel("text.s5")}共 ${TEXT_STORE_MAX_CHARS + 3} 个字符，超过可保存的上限 ${TEXT_STORE_MAX_CHARS} 个字符（多 3 个）。`,
    });
    expect(checkFieldValue("t3.new.natural", 5).ok).toBe(false);
    expect(checkFieldValue("header.titleBreak", 12)).toEqual({ ok: true, value: 12 });
    expect(checkFieldValue("header.titleBreak", -1).ok).toBe(false);
    expect(checkFieldValue("fee", { charged: "yes", pieces: "", amount: "" }).ok).toBe(false);
    expect(checkFieldValue("t3.new.total", "1")).toEqual({ ok: false, message: "未知的字段“t3.new.total”。" });
  });
});
