import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { FAMILY, FONT_FILES, breakParts, chineseHyphenation, fontPath, missingGlyphs, unrenderableGlyphs } from "./fonts";
import { viewModelText } from "../view-model";
import { zhangliangViewModel } from "./fixtures/zhangliang";
import { prepareText } from "./layout";

describe("font files", () => {
  it("are all present under fonts/ with their licences", () => {
    for (const face of Object.keys(FONT_FILES) as (keyof typeof FONT_FILES)[]) {
      expect(fs.existsSync(fontPath(face)), face).toBe(true);
    }
    for (const f of ["FANDOL-COPYING.txt", "NOTO-OFL.txt", "README.md"]) {
      expect(fs.existsSync(fontPath("FangSong").replace(FONT_FILES.FangSong, f)), f).toBe(true);
    }
  });

  it("every family array ends with the fallback face", () => {
    for (const fam of Object.values(FAMILY)) expect(fam[fam.length - 1]).toBe("Fallback");
  });
});

describe("chineseHyphenation", () => {
  it("allows a break between any two hanzi, without hyphens", () => {
    expect(chineseHyphenation("政府信息")).toEqual(["政", "", "府", "", "信", "", "息"]);
  });

  it("returns parts that join back to the word", () => {
    const w = "2023年，我镇认真贯彻《中华人民共和国政府信息公开条例》（国务院令第711号）。";
    expect(chineseHyphenation(w).join("")).toBe(w);
  });

  it("keeps ASCII runs (numbers, percentages, phone numbers) whole", () => {
    expect(breakParts("共计153项")).toEqual(["共", "计", "153", "项"]);
    expect(breakParts("办结率100%。")).toEqual(["办", "结", "率", "100%。"]);
    expect(breakParts("电话0375-5058888")).toEqual(["电", "话", "0375-5058888"]);
  });

  it("lets a long URL break after '/', '.' and '-'", () => {
    const parts = breakParts("http://www.lushan.gov.cn/zwgk/xxgkndbg/index.html");
    expect(parts.join("")).toBe("http://www.lushan.gov.cn/zwgk/xxgkndbg/index.html");
    expect(parts.length).toBeGreaterThan(4);
    expect(parts[0]).toBe("http://");
    for (const p of parts.slice(0, -1)) expect(p).toMatch(/[/.\-]$/);
  });

  it("cuts a very long ASCII run without separators into pieces of at most 10", () => {
    const run = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".repeat(3);
    const parts = breakParts(`长串${run}结束`);
    expect(parts.join("")).toBe(`长串${run}结束`);
    const ascii = parts.filter((p) => /^[A-Z]+$/.test(p));
    expect(ascii.length).toBe(8);
    for (const p of ascii) expect(p.length).toBeLessThanOrEqual(10);
  });

  it("glues closing punctuation to the part before (no line starts with it)", () => {
    expect(breakParts("领导下，认真")).toEqual(["领", "导", "下，", "认", "真"]);
    expect(breakParts("条例》。")).toEqual(["条", "例》。"]);
    expect(breakParts("“三公”经费")).toEqual(["“三", "公”", "经", "费"]);
  });

  it("glues opening punctuation to the part after (no line ends with it)", () => {
    expect(breakParts("贯彻《条例")).toEqual(["贯", "彻", "《条", "例"]);
    expect(breakParts("（三）不予")).toEqual(["（三）", "不", "予"]);
  });

  it("never returns a part made only of spaces (it would become a stretchable gap)", () => {
    const parts = breakParts(prepareText("共计 153 项"));
    expect(parts.join("")).toBe("共计\u00a0153\u00a0项");
    for (const p of parts) expect(p.trim()).not.toBe("");
    expect(breakParts("\u00a0开头")[0]?.trim()).not.toBe("");
  });

  it("passes white space through untouched", () => {
    expect(chineseHyphenation(" ")).toEqual([" "]);
    expect(chineseHyphenation("")).toEqual([]);
  });
});

describe("missingGlyphs", () => {
  it("reports the characters the 仿宋 stand-in lacks, once each, in order", () => {
    expect(missingGlyphs("张喆与王堃、李喆、陈昇、周镕、赵赟")).toEqual(["喆", "堃", "昇", "镕", "赟"]);
  });

  it("reports nothing for GB2312 text, punctuation, digits and spaces", () => {
    expect(missingGlyphs("鲁山县张良镇2023年政府信息公开工作年度报告：“三公”经费（单位：万元）100% abc")).toEqual([]);
  });

  it("finds rare characters anywhere in a view model (title, tables, signature)", () => {
    const vm = zhangliangViewModel();
    expect(missingGlyphs(viewModelText(vm))).toEqual([]);
    vm.signature.organName = "王堃镇人民政府";
    const t = vm.blocks.find((b) => b.kind === "table");
    if (t?.kind === "table") t.table.body.push({ kind: "title", text: "陈喆" });
    expect(missingGlyphs(viewModelText(vm))).toEqual(["堃", "喆"]);
  });

  it("the fallback face draws them", () => {
    expect(unrenderableGlyphs("堃喆昇镕赟")).toEqual([]);
  });
});
