/**
 * Decimals as printed (issue 13, item 4): a 收费金额 with six decimals is imported digit for digit from
 * every form a clerk has — a PDF and a DOCX made by the app's own exporters, the same page printed to PDF
 * and saved as Word by LibreOffice, the saved HTML page, its crawled text and its text copied flat.
 * The page fixtures (tests/fixtures/import/decimals) are 杨凌示范区审计局's 2022 report from the corpus with
 * its printed 行政事业性收费 「0」 changed to 「0.012345」 (README there).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildViewModel } from "@/lib/export/build-view-model";
import { renderDocx } from "@/lib/export/docx/render";
import { renderPdf } from "@/lib/export/pdf/render";
import { importReportFile } from "./file";

const FEE = "0.012345";
const DIR = path.resolve(import.meta.dirname, "../../tests/fixtures/import/decimals");
const FLAGS = new Set(["uncertain-cell", "ambiguous-decoding", "blank-as-zero"]);

async function imported(bytes: Uint8Array, name: string) {
  const r = await importReportFile(bytes, name);
  if (!r.ok) throw new Error(r.message);
  return r;
}

describe.each(["pdf", "docx"] as const)("a six-decimal fee through the app's %s exporter and back", (kind) => {
  it("keeps 本年收费金额 and the 信息处理费 amount digit for digit", async () => {
    const content = zhangliangContent();
    content.header.signDate = "2024年1月19日";
    content.cells["t2.fee.amount"] = FEE;
    content.fee = { charged: true, pieces: "2", amount: "12.345678" };
    const vm = buildViewModel({ year: 2023, status: "PUBLISHED", content });
    const bytes = kind === "pdf" ? await renderPdf(vm) : await renderDocx(vm);
    const r = await imported(new Uint8Array(bytes), `report.${kind}`);
    expect(r.content.cells["t2.fee.amount"]).toBe(FEE);
    expect(r.content.fee).toEqual({ charged: true, pieces: "2", amount: "12.345678" });
    expect(r.notes.filter((n) => FLAGS.has(n.kind))).toEqual([]);
  }, 60_000);
});

describe("a six-decimal fee in a real page, in every form", () => {
  it.each([
    ["yangling-fee.html", "the saved HTML page (parse5)"],
    ["yangling-fee.source.txt", "the crawled page text, one row per line"],
    ["yangling-fee.flat.txt", "the page text copied flat, cells run together"],
    ["yangling-fee.pdf", "the page printed to PDF by LibreOffice (label and value on one line)"],
    ["yangling-fee.docx", "the page saved as Word by LibreOffice"],
  ])("%s: %s", async (file) => {
    const r = await imported(new Uint8Array(readFileSync(path.join(DIR, file))), file);
    expect(r.content.cells["t2.fee.amount"]).toBe(FEE);
    // the rest of table 二 as printed: all zeros
    for (const id of ["t2.rules.issued", "t2.normative.valid", "t2.permit.decisions", "t2.penalty.decisions", "t2.coercion.decisions"]) {
      expect(r.content.cells[id], id).toBe("0");
    }
  }, 60_000);
});

describe("a table 二 cell read nowhere is never blank silently", () => {
  it("the fee row lost (as the PDF's 「行政事业性收费 0.012345」 line once was): the cell is flagged", async () => {
    const text = readFileSync(path.join(DIR, "yangling-fee.source.txt"), "utf8").replace(/^行政事业性收费 \| 0\.012345 \|\n/m, "");
    expect(text).not.toContain("0.012345");
    const r = await imported(new TextEncoder().encode(text), "page.txt");
    expect(r.content.cells["t2.fee.amount"] ?? "").toBe("");
    const note = r.notes.find((n) => n.kind === "uncertain-cell" && n.cells?.includes("t2.fee.amount"));
    expect(note?.message).toContain("没有读到");
    expect(note?.cells).toEqual(["t2.fee.amount"]);
  });
});
