/**
 * Opens our DOCX in LibreOffice (headless, with fonts/fontconfig/fonts.conf) and converts it to PDF:
 * the file loads, the official font names land on the stand-ins, no text is lost, the 公文 grid
 * (28 characters × 28.95 pt lines) holds, page numbers alternate sides, and the page count is
 * within one of the react-pdf export's.
 *
 * Skipped, with a message, where LibreOffice (soffice) or poppler-utils is not installed:
 *   apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { t3CellId } from "@/lib/template";
import { buildViewModel } from "../build-view-model";
import { renderPdf } from "../pdf/render";
import { hasPoppler, pdffonts, pdftotext, pdfWords } from "../pdf/testing/poppler";
import { convertDocxToPdf, findSoffice, pdfPageCount } from "./libreoffice";
import { renderDocx } from "./render";
import { squash } from "./testing/ooxml";

const soffice = findSoffice();
const poppler = hasPoppler();
const missing = [soffice ? "" : "LibreOffice (soffice)", poppler ? "" : "poppler-utils"].filter(Boolean).join(" and ");
const title = "LibreOffice converts the DOCX: fonts, text, grid, page numbers, page count ≈ react-pdf's";
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-docx-lo-"));

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe("LibreOffice", () => {
  if (missing) {
    console.warn(`[docx] skipping the LibreOffice test: ${missing} not installed (apt-get install -y --no-install-recommends libreoffice-writer-nogui poppler-utils)`);
  }

  it.skipIf(Boolean(missing))(missing ? `${title} — SKIPPED: ${missing} not on PATH` : title, async () => {
    const content = zhangliangContent();
    content.header.signDate = "2024年1月19日";
    const vm = buildViewModel({ year: 2023, status: "DRAFT", content });
    const docxPath = path.join(dir, "zhangliang.docx");
    fs.writeFileSync(docxPath, await renderDocx(vm));
    const reactPdf = path.join(dir, "zhangliang-react.pdf");
    fs.writeFileSync(reactPdf, await renderPdf(vm));

    // opens and converts (a file LibreOffice cannot load produces no PDF and rejects)
    const { pdfPath } = await convertDocxToPdf(docxPath, path.join(dir, "out-lo"));
    const pages = pdfPageCount(pdfPath);
    const expected = pdfPageCount(reactPdf);
    expect(Math.abs(pages - expected), `LibreOffice ${pages} pages, react-pdf ${expected}`).toBeLessThanOrEqual(1);

    // the official names were mapped to the committed stand-ins, and nothing else was used
    const fonts = pdffonts(pdfPath).map((f) => f.name.replace(/^[A-Z]{6}\+/, ""));
    for (const f of ["FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Regular", "NotoSerifSC-Black"]) {
      expect(fonts).toContain(f);
    }
    expect(fonts.filter((f) => !/^(Fandol|NotoSerifSC)/.test(f))).toEqual([]);

    // no text lost (LibreOffice drops hanging line-end punctuation in justified paragraphs unless
    // hanging is off — see render.ts)
    const text = squash(pdftotext(pdfPath)).replace(/—\d+—/g, ""); // without the page numbers
    for (const b of vm.blocks) if (b.kind !== "table") expect(text).toContain(squash(b.text));
    for (const s of [...vm.title, ...vm.opening, vm.signature.organName, vm.signature.date]) expect(text).toContain(squash(s));

    // the grid: 28 characters a line, lines 28.95 pt apart (pages 1–2 hold only text)
    const words = pdfWords(pdfPath);
    const wide = (s: string) => [...s].filter((ch) => /[\u3000-\u9fff\uff00-\uffef“”‘’—…]/.test(ch)).length;
    const lines = [0, 1].flatMap((p) => (words[p] ?? []).filter((w) => w.yMin < 760));
    expect(Math.max(...lines.map((w) => (/[ -~]/.test(w.text) ? 0 : wide(w.text))))).toBe(28);
    const ys = [...new Set((words[1] ?? []).filter((w) => w.yMin < 760).map((w) => w.yMin.toFixed(1)))].map(Number).sort((a, b) => a - b);
    expect(ys.length).toBeLessThanOrEqual(22);
    const gaps = ys.slice(1).map((y, i) => y - (ys[i] as number));
    expect(gaps.filter((g) => Math.abs(g - 28.95) < 0.2).length).toBeGreaterThanOrEqual(gaps.length - 3);

    // page numbers "— n —": odd pages right, even pages left, below the text block
    for (let p = 1; p <= Math.min(pages, 3); p++) {
      const folio = (words[p - 1] ?? []).filter((w) => w.yMin > 760);
      const n = folio.find((w) => w.text === String(p) || w.text.includes(String(p)));
      expect(n, `page number on page ${p}`).toBeDefined();
      expect(folio.map((w) => w.text).join("")).toMatch(new RegExp(`^—\\s*${p}\\s*—$`));
      if (p % 2 === 1) expect(n!.xMin).toBeGreaterThan(400);
      else expect(n!.xMax).toBeLessThan(200);
    }

    // the PDF is a valid document for poppler too
    expect(() => execFileSync("pdfinfo", [pdfPath], { stdio: "ignore" })).not.toThrow();
  }, 180_000);

  it.skipIf(Boolean(missing))(
    missing ? `LibreOffice opens a DOCX of bad input — SKIPPED: ${missing} not on PATH` : "LibreOffice opens a DOCX of bad input and keeps its text",
    async () => {
      const rare = "堃喆昇镕赟";
      const content = zhangliangContent(`${rare}镇人民政府`);
      content.text["s1.lead"] = "政务公开工作".repeat(3334).slice(0, 20_000);
      content.text["s5"] = `<script>alert("x")</script> & <b>粗体</b>\n表情😀结束\n控制\u0001字符`;
      content.cells[t3CellId("new", "natural")] = "123456789012";
      const vm = buildViewModel({ year: 2023, status: "DRAFT", content });
      const docxPath = path.join(dir, "bad.docx");
      fs.writeFileSync(docxPath, await renderDocx(vm));
      const { pdfPath } = await convertDocxToPdf(docxPath, path.join(dir, "out-bad"));
      const text = squash(pdftotext(pdfPath)).replace(/—\d+—/g, "");
      expect(text).toContain(`${rare}镇人民政府`);
      expect(text).toContain(squash(`<script>alert("x")</script> & <b>粗体</b>`));
      expect(text).toContain("控制字符");
      expect(text).toContain("123456789012");
      expect(text).toContain(squash(content.text["s1.lead"] ?? "-"));
      // characters the Fandol faces lack fall back to Noto Serif SC (fontconfig), not to nothing
      expect(pdffonts(pdfPath).some((f) => f.name.includes("NotoSerifSC-Regular"))).toBe(true);
      expect(pdfPageCount(pdfPath)).toBeGreaterThan(25);
    },
    180_000,
  );
});
