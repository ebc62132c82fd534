/**
 * Page variants met in the corpus (issue 13): 天门市拖市镇's 2020 report (2019 format) heads its section 二
 * 「二、行政机关主动公开政府信息情况」, splits the column labels over two paragraphs (「本年新」「制作数量」), follows
 * each row label with an explanation in parentheses that itself names 规范性文件, and adds a row
 * 「其他主动公开文件」. Before, the page was refused as 「不是年度报告」, and then read with its rows shifted.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { importReportFile } from "./file";

const DIR = path.resolve(import.meta.dirname, "../../tests/fixtures/import/corpus/tianmen-tuoshi-town-2020");

describe.each(["source.txt", "page.html", "page.docx"])("天门 拖市镇 2020, %s", (file) => {
  it("is read as a 2019-format report: 规范性文件 34 / 47, the extra row listed, nothing shifted", async () => {
    const r = await importReportFile(new Uint8Array(readFileSync(path.join(DIR, file))), file);
    if (!r.ok) throw new Error(r.message);
    expect(r.format).toBe("2019");
    expect(r.year).toBe(2020);
    expect(r.content.cells["t2.rules.issued"]).toBe("0");
    expect(r.content.cells["t2.rules.valid"]).toBe("0");
    expect(r.content.cells["t2.normative.issued"]).toBe("34");
    expect(r.content.cells["t2.normative.valid"]).toBe("47");
    const old = r.notes.filter((n) => n.kind === "old-format").map((n) => n.message).join("\n");
    expect(old).toContain("「规范性文件」一行中，1个数字（4）");
    // page.html (and the DOCX saved from it) is rebuilt on the official grid, without that row
    if (file === "source.txt") expect(old).toContain("其他主动公开文件");
    expect(r.notes.some((n) => n.kind === "ambiguous-decoding" || (n.kind === "uncertain-cell" && n.cells?.includes("t2.normative.valid")))).toBe(false);
  });
});
