/**
 * The PDF of a stored report (buildViewModel of the 张良镇 2023 demo content) against the official
 * format as lib/template defines it — labels are never typed here — and bad input end to end.
 * Needs poppler-utils (pdftotext); skipped without it.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SECTIONS, TABLES, TEXT_FIELDS, emptyContent, sectionHeading, tableOfSection, type ReportContent } from "@/lib/template";
import { REPORT_STATUSES, computeTotals, feeStatement, isFinal } from "@/lib/report";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildViewModel, paragraphs } from "../build-view-model";
import { viewModelText } from "../view-model";
import { missingGlyphs } from "./fonts";
import { MARGIN, PAGE, TEXT_H, TEXT_W } from "./layout";
import { renderPdfWithPlan } from "./render";
import { hasPoppler, pdftotext, pdfWords, squash, type Word } from "./testing/poppler";

const poppler = hasPoppler();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-official-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** pdftotext -raw: text in drawing order (a table cell's lines stay together). */
const pdftotextRaw = (file: string) => execFileSync("pdftotext", ["-raw", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });

async function render(content: ReportContent, name: string, status: (typeof REPORT_STATUSES)[number] = "DRAFT") {
  const vm = buildViewModel({ year: 2023, status, content });
  const { pdf, plan } = await renderPdfWithPlan(vm);
  const file = path.join(dir, `${name}.pdf`);
  fs.writeFileSync(file, pdf);
  return { vm, plan, file };
}

/** Each string of `expected` occurs in `text` after the previous one (white space ignored). */
function expectInOrder(text: string, expected: string[]) {
  // page numbers come out between the lines of a paragraph that runs on to the next page
  const hay = squash(text.replace(/—\s*\d+\s*—/g, ""));
  let at = 0;
  for (const s of expected) {
    const needle = squash(s);
    if (needle === "") continue;
    const i = hay.indexOf(needle, at);
    expect(i, `"${s.slice(0, 30)}" after position ${at} (found at ${hay.indexOf(needle)})`).toBeGreaterThanOrEqual(0);
    at = i + needle.length;
  }
}

const folioTop = PAGE.height - MARGIN.bottom;
/** Words grouped into lines (same baseline ±1.5 pt), top to bottom, each line left to right. */
function readingOrderLines(words: Word[]): Word[][] {
  const sorted = [...words].sort((a, b) => a.yMax - b.yMax || a.xMin - b.xMin);
  const lines: Word[][] = [];
  for (const w of sorted) {
    const line = lines[lines.length - 1];
    if (line && Math.abs((line[0] as Word).yMax - w.yMax) <= 1.5) line.push(w);
    else lines.push([w]);
  }
  return lines.map((l) => l.sort((a, b) => a.xMin - b.xMin));
}

/** Words of the text block (not the page number), in reading order: page, line, x. */
function readingOrder(pages: Word[][]): Word[] {
  return pages.flatMap((words) => readingOrderLines(words.filter((w) => w.yMin < folioTop)).flat());
}

describe.skipIf(!poppler)("the 张良镇 2023 report as stored, in the official format", () => {
  const content = zhangliangContent();
  let text = "";
  let raw = "";
  let words: Word[][] = [];

  beforeAll(async () => {
    // published: no watermark characters interleaved with the text
    const { file } = await render(content, "zhangliang", "PUBLISHED");
    text = pdftotext(file);
    raw = pdftotextRaw(file);
    words = pdfWords(file);
  }, 60_000);

  it("has every section heading, sub-heading and text paragraph of lib/template, in reading order", () => {
    const expected: string[] = [];
    for (const section of SECTIONS) {
      expected.push(sectionHeading(section));
      if (tableOfSection(section.key)) continue;
      if (section.key === "s6") expected.push(...paragraphs(feeStatement(content.fee)));
      for (const field of TEXT_FIELDS.filter((f) => f.section === section.key)) {
        const body = content.text[field.id] ?? "";
        if (field.heading && body.trim()) expected.push(field.heading);
        expected.push(...paragraphs(body));
      }
    }
    expect(expected.length).toBeGreaterThan(15);
    expectInOrder(text, expected);
  });

  it("has every table label of lib/template verbatim (each cell's lines in drawing order)", () => {
    const hay = squash(raw);
    for (const def of TABLES) {
      const labels = [...def.headerRows, ...def.bodyRows].flatMap((r) => r.cells.flatMap((c) => (c.type === "text" ? [c.text] : [])));
      expect(labels.length).toBeGreaterThan(3);
      for (const label of labels) expect(hay, `${def.id}: ${label}`).toContain(squash(label));
    }
  });

  it("has every figure of tables 二, 三 and 四 in reading order (row by row, left to right)", () => {
    const totals = computeTotals(content.cells);
    const expected = TABLES.flatMap((def) =>
      [...def.headerRows, ...def.bodyRows].flatMap((r) =>
        r.cells.flatMap((c) => (c.type === "value" ? [String(content.cells[c.cellId] ?? totals[c.cellId] ?? "")] : [])),
      ),
    );
    // table text is 9–12 pt; body text is 16 pt (its numbers, e.g. "2023", are not figures)
    const figures = readingOrder(words)
      .filter((w) => w.yMax - w.yMin < 13.5 && /^\d+(\.\d+)?$/.test(w.text))
      .map((w) => w.text);
    expect(expected.length).toBeGreaterThan(150);
    expect(figures).toEqual(expected);
    expect(figures).toContain("17");
  });

  it("has the title, the 署名 and the date", () => {
    const vm = buildViewModel({ year: 2023, status: "PUBLISHED", content });
    expectInOrder(text, [vm.title.join(""), vm.signature.organName, vm.signature.date]);
  });
});


describe.skipIf(!poppler)("the 草稿 watermark follows the status", () => {
  it.each(REPORT_STATUSES)("%s", async (status) => {
    const { vm, file } = await render(zhangliangContent(), `status-${status}`, status);
    expect(vm.draft).toBe(!isFinal(status));
    const t = pdftotext(file);
    // the watermark is the only 草/稿 in this report
    if (isFinal(status)) expect(t).not.toMatch(/[草稿]/);
    else expect((t.match(/草/g) ?? []).length).toBeGreaterThanOrEqual(4);
  }, 60_000);
});

describe.skipIf(!poppler)("bad input renders without crashing and without losing text", () => {
  const rare = "堃喆昇镕赟";
  const cases: [string, (c: ReportContent) => void, string[]][] = [
    ["an empty report", () => {}, []],
    [
      "20,000-character sections",
      (c) => {
        const long = "本镇坚持以人民为中心，推进政务公开标准化规范化建设。".repeat(800).slice(0, 20_000);
        c.text["s1.active"] = long;
        c.text.s5 = long;
      },
      ["推进政务公开标准化规范化建设"],
    ],
    [
      "12-digit numbers",
      (c) => {
        c.text["s1.active"] = "全年办理事项 123456789012 件，电话 037512345678。";
        for (const id of Object.keys(c.cells).filter((k) => k.startsWith("t3.new.") || k.startsWith("t4."))) c.cells[id] = "123456789012";
      },
      ["123456789012", "037512345678"],
    ],
    [
      "rare characters, emoji and HTML",
      (c) => {
        c.header.organName = `示范县${rare}镇人民政府`;
        c.text["s1.active"] = `联系人：${rare}。<script>alert("x")</script> <b>加粗</b> &amp; 满意度👍很高。`;
      },
      [`示范县${rare}镇人民政府`, rare, '<script>alert("x")</script>', "<b>加粗</b>", "&amp;", "满意度□很高"],
    ],
  ];

  it.each(cases)("%s", async (name, edit, mustKeep) => {
    const content = emptyContent("示范县河口乡人民政府", 2023);
    edit(content);
    const { vm, plan, file } = await render(content, name.replace(/\W+/g, "-"));
    const t = squash(pdftotext(file));
    for (const s of mustKeep) expect(t, s).toContain(squash(s));
    // every heading is there, and every page has its page number
    for (const section of SECTIONS) expect(t).toContain(squash(sectionHeading(section)));
    const pages = pdfWords(file);
    expect(pages.length).toBe(plan.pages);
    pages.forEach((ws, i) => {
      expect(ws.filter((w) => w.yMin > folioTop).map((w) => w.text).join(" ")).toBe(`— ${i + 1} —`);
      // nothing runs into the bottom margin
      for (const w of ws.filter((w) => w.yMin < folioTop)) expect(w.yMax, w.text).toBeLessThanOrEqual(MARGIN.top + TEXT_H + 2);
      // nothing runs out of the text block sideways, and no text is drawn over other text (a long
      // number in a narrow table column is drawn smaller instead of running into its neighbours)
      const text = ws.filter((w) => w.yMin < folioTop && !/^[草稿]$/.test(w.text));
      for (const w of text) {
        expect(w.xMin, w.text).toBeGreaterThanOrEqual(MARGIN.left - 1);
        expect(w.xMax, w.text).toBeLessThanOrEqual(MARGIN.left + TEXT_W + 1);
      }
      for (const line of readingOrderLines(text)) {
        line.forEach((w, j) => {
          const prev = line[j - 1];
          if (prev) expect(w.xMin, `"${w.text}" after "${prev.text}" on page ${i + 1}`).toBeGreaterThanOrEqual(prev.xMax - 0.5);
        });
      }
    });
    // the characters drawn in the fallback face are the ones the author is told about
    if (name.startsWith("rare")) expect(missingGlyphs(viewModelText(vm))).toEqual(expect.arrayContaining([...rare]));
  }, 120_000);
});
