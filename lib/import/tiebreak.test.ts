/**
 * Tie-breaking (issue 13, item 1): when the cells alone allow several cuts of a run-together table 二 row,
 * the report's own sentences and last year's figures decide; when they do not, the cells stay flagged.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importReportText } from "./text";
import { breakTie, sentenceHints } from "./tiebreak";
import type { ImportResult } from "./types";

const CORPUS = path.resolve(import.meta.dirname, "../../tests/fixtures/import/corpus");
const read = (id: string, file = "flat.txt") => readFileSync(path.join(CORPUS, id, file), "utf8");
const FLAGS = new Set(["uncertain-cell", "ambiguous-decoding", "blank-as-zero"]);
const flagged = (r: ImportResult, id: string) => r.notes.some((n) => FLAGS.has(n.kind) && n.cells?.includes(id));
const ambiguous = (r: ImportResult, id: string) => r.notes.some((n) => n.kind === "ambiguous-decoding" && n.cells?.includes(id));

// 昌图县某局 2021 (2019 format), copied from its web page without line structure: table 二's rows run together,
// 上一年项目数量 | 本年增/减 | 处理决定数量 — 行政许可「3300」 is 33、0、0 or 3、30、0; 行政处罚「3600」 36、0、0 or
// 3、60、0. Section 一 says 「我局2020年主动公开行政许可33项,行政处罚36项,行政强制1项…2021年新增公开行政许可0项…」.
const CHANGTU = read("changtu-bureau-2021");
const CHANGTU_SENTENCES = /具体情况汇报如下:我局2020年主动公开.*?处理决定其他对外管理服务事项16项。/;

describe("the report's own sentences decide a run the sums cannot (昌图, a real page)", () => {
  it("without the sentences the rows are ambiguous: nothing chosen, the cells flagged", () => {
    expect(CHANGTU).toMatch(CHANGTU_SENTENCES);
    const r = importReportText(CHANGTU.replace(CHANGTU_SENTENCES, ""));
    for (const id of ["t2.permit.decisions", "t2.penalty.decisions"]) {
      expect(r.content.cells[id], id).toBe("");
      expect(ambiguous(r, id), id).toBe(true);
    }
  });

  it("with them each row is decided as printed (处理决定数量 0), with a note saying why, and not flagged", () => {
    const r = importReportText(CHANGTU);
    for (const id of ["t2.permit.decisions", "t2.penalty.decisions"]) {
      expect(r.content.cells[id], id).toBe("0");
      expect(flagged(r, id), id).toBe(false);
    }
    const note = r.notes.find((n) => n.kind === "other" && n.cells?.includes("t2.permit.decisions"));
    expect(note?.message).toContain("「3300」有2种拆分方式，已按报告正文");
    expect(note?.message).toContain("我局2020年主动公开行政许可33项");
    expect(note?.message).toContain("确定为 33、0、0");
    // the 2019 columns without a 2021 place list the numbers of the cut, not the run
    expect(r.notes.find((n) => n.kind === "old-format" && n.text === "行政许可")?.message).toContain("2个数字（33、0）");
  });

  it("a sentence that fits several cuts decides nothing: still flagged, never chosen", () => {
    // 「行政许可0项」 alone: 0 is in both 33、0、0 and 3、30、0.
    const text = CHANGTU.replace(CHANGTU_SENTENCES, "2021年新增公开行政许可0项。");
    const r = importReportText(text);
    expect(r.content.cells["t2.permit.decisions"]).toBe("");
    expect(ambiguous(r, "t2.permit.decisions")).toBe(true);
  });

  it("a sentence that contradicts every cut is ignored, not forced", () => {
    const r = importReportText(CHANGTU.replace(CHANGTU_SENTENCES, "我局2020年主动公开行政许可7项。"));
    expect(r.content.cells["t2.permit.decisions"]).toBe("");
    expect(ambiguous(r, "t2.permit.decisions")).toBe(true);
  });
});

describe("sentence hints", () => {
  it("a 规范性文件 sentence of section 一: 制发 / 废止 / 现行有效 each in its column", () => {
    expect(sentenceHints("本年度制发行政规范性文件12件，废止0件，现行有效12件；出台规章1件。").map((h) => [h.rowId, h.column, h.value])).toEqual([
      ["normative", "issued", 12],
      ["normative", "repealed", 0],
      ["normative", "valid", 12],
      ["rules", "issued", 1],
    ]);
  });

  it("categories of published information are not table figures (桃江: 规章制度类2条、规范性文件类2条)", () => {
    const text = read("taojiang-songmutang-town-2022");
    expect(text).toContain("规章制度类2条、规范性文件类2条");
    expect(sentenceHints(text).filter((h) => h.rowId === "rules" || h.rowId === "normative")).toEqual([]);
  });

  it("breakTie: without any context nothing is decided", () => {
    expect(breakTie("permit", ["decisions"], [[1], [2]], undefined)).toBeNull();
  });
});

// 桃江县松木塘镇 2022 (2021 format) copied flat: 「…规章202行政规范性文件202…」. The same page with the
// 行政规范性文件 row as 1、0、12 (「1012」: also 10、1、2) — a run the cells alone cannot cut.
const TAOJIANG = read("taojiang-songmutang-town-2022");
const TAOJIANG_1012 = TAOJIANG.replace("行政规范性文件202", "行政规范性文件1012");

describe("a 规范性文件 run of three numbers", () => {
  it("the page as printed (202) is cut one way only", () => {
    expect(TAOJIANG).toContain("行政规范性文件202");
    const r = importReportText(TAOJIANG);
    expect(["issued", "repealed", "valid"].map((c) => r.content.cells[`t2.normative.${c}`])).toEqual(["2", "0", "2"]);
  });

  it("「1012」 alone: ambiguous, flagged", () => {
    const r = importReportText(TAOJIANG_1012);
    expect(r.content.cells["t2.normative.valid"]).toBe("");
    expect(ambiguous(r, "t2.normative.valid")).toBe(true);
  });

  it("decided by section 一's 制发/废止/现行有效 sentence", () => {
    const withSentence = TAOJIANG_1012.replace("一、总体情况", "一、总体情况本年度制发行政规范性文件1件，废止0件，现行有效12件。");
    expect(withSentence).not.toBe(TAOJIANG_1012);
    const r = importReportText(withSentence);
    expect(["issued", "repealed", "valid"].map((c) => r.content.cells[`t2.normative.${c}`])).toEqual(["1", "0", "12"]);
    expect(flagged(r, "t2.normative.valid")).toBe(false);
  });

  it("decided by last year's report: 现行有效 = 上年现行有效 11 + 制发 − 废止", () => {
    const r = importReportText(TAOJIANG_1012, { lastYear: { year: 2021, cells: { "t2.normative.valid": "11" } } });
    expect(["issued", "repealed", "valid"].map((c) => r.content.cells[`t2.normative.${c}`])).toEqual(["1", "0", "12"]);
    expect(flagged(r, "t2.normative.valid")).toBe(false);
    expect(r.notes.find((n) => n.cells?.includes("t2.normative.valid"))?.message).toContain("上年（2021年）报告");
  });

  it("last year's report of another year, or one that fits no cut, decides nothing", () => {
    for (const lastYear of [
      { year: 2020, cells: { "t2.normative.valid": "11" } },
      { year: 2021, cells: { "t2.normative.valid": "50" } },
      { year: 2021, cells: { "t2.normative.valid": "" } },
    ]) {
      const r = importReportText(TAOJIANG_1012, { lastYear });
      expect(r.content.cells["t2.normative.valid"]).toBe("");
      expect(ambiguous(r, "t2.normative.valid")).toBe(true);
    }
  });
});
