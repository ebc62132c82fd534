/**
 * Renders the 张良镇 2023 report and checks the PDF with poppler (pdftotext, pdffonts).
 * The poppler checks are skipped only where poppler-utils is not installed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Block, ViewModel } from "../view-model";
import { table2, table3, zhangliangViewModel } from "./fixtures/zhangliang";
import { missingGlyphs } from "./fonts";
import { BODY, MARGIN, PAGE, TEXT_W, type DocumentPlan } from "./layout";
import { renderPdf, renderPdfWithPlan } from "./render";
import { hasPoppler, pdffonts, pdftotext, pdfWords, squash } from "./testing/poppler";

const poppler = hasPoppler();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-pdf-"));
let file = "";
let plan: DocumentPlan;
let pdf: Buffer;
let text = "";
let layout = "";
let pages: string[] = [];

beforeAll(async () => {
  ({ pdf, plan } = await renderPdfWithPlan(zhangliangViewModel()));
  file = path.join(dir, "zhangliang.pdf");
  fs.writeFileSync(file, pdf);
  if (poppler) {
    text = squash(pdftotext(file));
    layout = pdftotext(file, { layout: true });
    pages = Array.from({ length: plan.pages }, (_, i) => pdftotext(file, { page: i + 1 }));
  }
}, 60_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every planned item starts on the page the planner predicted; tables chunks hold their rows. */
function expectPlanMatches(pages: string[], plan: DocumentPlan) {
  expect(pages.length).toBe(plan.pages);
  for (const item of plan.items) {
    const page = squash(pages[item.page - 1] ?? "");
    if (item.kind === "paragraph" || item.kind === "heading") {
      expect(page, `${item.kind} "${item.text.slice(0, 10)}" on page ${item.page}`).toContain(squash(item.text).slice(0, 10));
    } else if (item.kind === "table") {
      // the first and the last labelled body row of the chunk are on the page: rows are never split or moved
      // (one-row cells: the lines of a tall spanning label come out of pdftotext interleaved with its neighbours)
      const labelled = item.chunk.grid.cells.filter((c) => c.rs === 1 && /[\u4e00-\u9fff]/.test(c.text));
      for (const c of [labelled[0], labelled[labelled.length - 1]]) {
        if (c) expect(page, `${item.table.id} chunk ${item.index} on page ${item.page}`).toContain(squash(c.text).slice(0, 4));
      }
      for (const h of item.headings) expect(page, `heading ${h.text} with its table`).toContain(squash(h.text));
    } else if (item.kind === "signature") {
      expect(page).toContain(squash(item.organName));
    }
  }
}

const renderPages = async (vm: ViewModel, name: string) => {
  const f = path.join(dir, name);
  const r = await renderPdfWithPlan(vm);
  fs.writeFileSync(f, r.pdf);
  const count = (fs.readFileSync(f).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;
  return { plan: r.plan, pages: Array.from({ length: count }, (_, i) => pdftotext(f, { page: i + 1 })) };
};

const CLOSING_START = /^[，。、；：？！）》」』】〕”’…,.;:?!)]/;

describe("PDF of the 张良镇 2023 report", () => {
  it("is a PDF of a few pages and a sensible size", () => {
    expect(pdf.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(plan.pages).toBeGreaterThanOrEqual(4);
    expect(plan.pages).toBeLessThanOrEqual(8);
    expect(pdf.length).toBeLessThan(1_000_000);
  });

  it.skipIf(!poppler)("has the page count the planner predicted", () => {
    const info = fs.readFileSync(file).toString("latin1").match(/\/Type \/Page\b/g) ?? [];
    expect(info.length).toBe(plan.pages);
    expect(pdftotext(file, { page: plan.pages }).trim()).not.toBe("");
  });

  it.skipIf(!poppler)("shows the title lines", () => {
    expect(text).toContain("鲁山县张良镇");
    expect(text).toContain("2023年政府信息公开工作年度报告");
    expect(squash(pages[0] ?? "").startsWith("鲁山县张良镇2023年政府信息公开工作年度报告")).toBe(true);
  });

  it.skipIf(!poppler)("shows the six section headings and the sub-headings, in order", () => {
    const headings = [
      "一、总体情况",
      "（一）主动公开政务信息情况",
      "（五）监督保障情况",
      "二、主动公开政府信息情况",
      "三、收到和处理政府信息公开申请情况",
      "四、政府信息公开行政复议、行政诉讼情况",
      "五、存在的主要问题及改进情况",
      "六、其他需要报告的事项",
    ];
    let at = -1;
    for (const h of headings) {
      const i = text.indexOf(h, at + 1);
      expect(i, h).toBeGreaterThan(at);
      at = i;
    }
  });

  it.skipIf(!poppler)("shows the body text", () => {
    expect(text).toContain(squash("认真贯彻《中华人民共和国政府信息公开条例》"));
    expect(text).toContain(squash("办理市长热线事项 356 件，办结率 100%。"));
    expect(text).toContain(squash("适时举行电子政务业务培训班，增强基层从事电子政务人员的业务能力。"));
  });

  it.skipIf(!poppler)("shows the table labels verbatim", () => {
    for (const label of [
      "第二十条第（一）项",
      "第二十条第（八）项",
      "行政规范性文件",
      "本年收费金额（单位：万元）",
      "本年新收政府信息公开申请数量",
      "申请人情况",
      "法人或其他组织",
      "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
      "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
      "四、结转下年度继续办理",
      "未经复议直接起诉",
      "复议后起诉",
    ]) {
      expect(text, label).toContain(squash(label));
    }
    // wrapped headers come out one short line each
    expect(layout).toMatch(/结果\s+结果/);
    expect(text).toContain("结果维持".slice(0, 2));
    expect(layout.split("\n").some((l) => /商业/.test(l) && /科研/.test(l))).toBe(true);
    expect(layout.split("\n").some((l) => /企业/.test(l) && /机构/.test(l))).toBe(true);
  });

  it.skipIf(!poppler)("puts each value in its labelled row", () => {
    const lines = layout.split("\n");
    // a table row's line starts with its label (the body text mentions 行政处罚 too)
    const row = (label: string) => lines.find((l) => l.trim().startsWith(label)) ?? "";
    expect(row("行政许可").replace("行政许可", "").trim()).toBe("17");
    expect(row("行政处罚").replace("行政处罚", "").trim()).toBe("1");
    expect(row("行政强制").replace("行政强制", "").trim()).toBe("0");
    expect(row("规章").replace("规章", "").trim().split(/\s+/)).toEqual(["0", "0", "0"]);
    expect(row("一、本年新收政府信息公开申请数量").split(/\s+/).filter((x) => /^\d+$/.test(x))).toEqual(
      new Array(7).fill("0"),
    );
    // table 四: the only data row
    const data = lines.find((l) => /^\s*(\d+\s+){14}\d+\s*$/.test(l));
    expect(data?.trim().split(/\s+/)).toEqual(["0", "0", "0", "0", "0", "0", "2", "1", "0", "3", "0", "0", "0", "0", "0"]);
  });

  it.skipIf(!poppler)("embeds every font as a subset, with Unicode maps", () => {
    const fonts = pdffonts(file);
    const names = fonts.map((f) => f.name.replace(/^[A-Z]{6}\+/, ""));
    for (const f of ["FandolFang-Regular", "FandolHei-Regular", "FandolKai-Regular", "FandolSong-Regular", "NotoSerifSC-Black"]) {
      expect(names, f).toContain(f);
    }
    for (const f of fonts) {
      expect(f.emb, `${f.name} embedded`).toBe(true);
      expect(f.sub, `${f.name} subset`).toBe(true);
      expect(f.uni, `${f.name} ToUnicode`).toBe(true);
    }
    // no standard-14 fallback (Helvetica) sneaked in
    expect(names.some((n) => /Helvetica|Times|Courier/.test(n))).toBe(false);
  });

  it.skipIf(!poppler)("starts no line with closing punctuation (避头尾)", () => {
    const bad = layout.split("\n").filter((l) => CLOSING_START.test(l.trim()));
    expect(bad).toEqual([]);
  });

  it.skipIf(!poppler)("ends no body line with opening punctuation", () => {
    const bad = pdftotext(file)
      .split("\n")
      .filter((l) => /[（《“「『【〔]$/.test(l.trim()));
    expect(bad).toEqual([]);
  });

  it.skipIf(!poppler)("keeps 28 characters a line and 22 lines a page on full text pages", () => {
    // page 2 is body text only: 22 lines, full lines of 28 characters (26 after the indent)
    const lines = pdftotext(file, { layout: true, page: 2 })
      .split("\n")
      .map((l) => l.trim())
      .filter((l) => l !== "" && !/^—\s*\d+\s*—$/.test(l));
    expect(lines.length).toBe(22);
    const cjkOnly = lines.filter((l) => /^[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]+$/.test(l));
    expect(cjkOnly.length).toBeGreaterThan(5);
    for (const l of cjkOnly) expect([...l].length).toBeLessThanOrEqual(28);
    expect(cjkOnly.some((l) => [...l].length === 28)).toBe(true);
  });

  it.skipIf(!poppler)("numbers pages “— n —”, odd pages right, even pages left, one character in", () => {
    const words = pdfWords(file);
    expect(words.length).toBe(plan.pages);
    words.forEach((ws, i) => {
      const n = String(i + 1);
      const folio = ws.filter((w) => w.yMin > PAGE.height - MARGIN.bottom);
      expect(folio.map((w) => w.text).join(" "), `page ${n}`).toBe(`— ${n} —`);
      const xMin = Math.min(...folio.map((w) => w.xMin));
      const xMax = Math.max(...folio.map((w) => w.xMax));
      // 7 mm below the text block (the dash sits mid-height of its 14 pt box)
      const mid = ((folio[0]?.yMin ?? 0) + (folio[0]?.yMax ?? 0)) / 2;
      expect(mid - (PAGE.height - MARGIN.bottom)).toBeCloseTo(7 * (72 / 25.4), 0);
      if ((i + 1) % 2 === 1) expect(xMax).toBeCloseTo(MARGIN.left + TEXT_W - 14, 0);
      else expect(xMin).toBeCloseTo(MARGIN.left + 14, 0);
    });
  });

  it.skipIf(!poppler)("lays every planned item on the page the planner predicted", () => {
    expectPlanMatches(pages, plan);
  });

  it.skipIf(!poppler)("continues table 三 on the next page with its header rows repeated", () => {
    const chunks = plan.items.filter((i) => i.kind === "table" && i.table.id === "table3");
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    for (const c of chunks) {
      const page = squash(pages[c.page - 1] ?? "");
      expect(page).toContain("申请人情况");
      expect(page).toContain("（本列数据的勾稽关系为");
      expect(page).toContain("法人或其他组织");
    }
    // the continuation repeats the group label of the rows it carries (drawn two characters a line)
    const cont = chunks[1];
    expect(squash(pages[(cont?.page ?? 1) - 1] ?? "")).toContain("三、本年");
  });

  it.skipIf(!poppler)("leaves no heading at the bottom of a page", () => {
    for (let i = 0; i < plan.items.length; i++) {
      const item = plan.items[i];
      const next = plan.items[i + 1];
      if (item?.kind === "heading" && next) expect(next.page, item.text).toBe(item.page);
    }
  });

  it.skipIf(!poppler)("draws the 署名 right-indented two characters and the date below it", () => {
    const words = pdfWords(file)[plan.pages - 1] ?? [];
    const name = words.find((w) => w.text.includes("鲁山县张良镇人民政府"));
    const date = words.find((w) => w.text.startsWith("2024"));
    expect(name && date).toBeTruthy();
    if (!name || !date) return;
    const right = MARGIN.left + TEXT_W;
    expect(right - name.xMax).toBeCloseTo(2 * (BODY.size + BODY.letterSpacing), 0);
    expect(date.xMin - name.xMin).toBeCloseTo(2 * (BODY.size + BODY.letterSpacing), 0);
    expect(date.yMin).toBeGreaterThan(name.yMin);
  });

  it.skipIf(!poppler)("has no 草稿 watermark when not a draft", () => {
    expect(text).not.toMatch(/[草稿]/);
  });

  it("renders byte-identical output for the same view model (fixed creation date)", async () => {
    const again = await renderPdf(zhangliangViewModel());
    expect(again.equals(pdf)).toBe(true);
  }, 60_000);
});

describe("draft watermark", () => {
  it.skipIf(!poppler)("draws 草稿 on every page of a draft", async () => {
    const f = path.join(dir, "draft.pdf");
    const { pdf: draft, plan: p } = await renderPdfWithPlan(zhangliangViewModel({ draft: true }));
    fs.writeFileSync(f, draft);
    // the rotated characters come out of pdftotext one by one, amid the text
    for (let n = 1; n <= p.pages; n++) {
      const t = squash(pdftotext(f, { page: n }));
      expect(t, `page ${n}`).toContain("草");
      expect(t, `page ${n}`).toContain("稿");
    }
  }, 60_000);
});

describe("rare characters", () => {
  const RARE = "堃喆昇镕赟";
  const vm: ViewModel = {
    title: ["某某县王堃镇", "2023年政府信息公开工作年度报告"],
    opening: [`联系人：张喆、李昇、王镕、赵赟，电话 0375-5058888，网址 http://www.example.gov.cn/zwgk/ndbg/index.html 。`],
    blocks: [
      { kind: "heading1", text: "一、总体情况" },
      { kind: "paragraph", text: `本镇由镇长李${RARE}负责。` },
      {
        kind: "table",
        table: {
          id: "t",
          columns: [0.5, 0.5],
          header: [{ cells: [{ text: "姓名", colSpan: 1, align: "center" }, { text: "数量", colSpan: 1, align: "center" }] }],
          body: [{ cells: [{ text: `陈${RARE}`, colSpan: 1, align: "left" }, { text: "1", colSpan: 1, align: "center" }] }],
        },
      },
    ],
    signature: { organName: "某某县王堃镇人民政府", date: "2024年1月19日" },
    draft: false,
    meta: { creationDate: new Date("2024-01-19T00:00:00Z") },
  };

  it("are reported by missingGlyphs", () => {
    expect(missingGlyphs(`本镇由镇长李${RARE}负责。`)).toEqual([...RARE]);
  });

  it.skipIf(!poppler)("survive in body text, headings, tables and the title (drawn in the fallback face)", async () => {
    const f = path.join(dir, "rare.pdf");
    fs.writeFileSync(f, await renderPdf(vm));
    const t = squash(pdftotext(f));
    expect(t).toContain(`本镇由镇长李${RARE}负责。`);
    expect(t).toContain(`陈${RARE}`);
    expect(t).toContain("某某县王堃镇");
    expect(t).toContain("张喆、李昇、王镕、赵赟");
    expect(t).toContain("http://www.example.gov.cn/zwgk/ndbg/index.html");
    const fonts = pdffonts(f).map((x) => x.name.replace(/^[A-Z]{6}\+/, ""));
    expect(fonts).toContain("NotoSerifSC-Regular");
    expect(pdffonts(f).every((x) => x.emb && x.sub)).toBe(true);
  }, 60_000);
});

describe("pagination edge cases", () => {
  const hanzi = (n: number) => "政府信息公开工作年度报告".repeat(Math.ceil(n / 12)).slice(0, n);
  const para = (lines: number): Block => ({ kind: "paragraph", text: hanzi(26 + 28 * (lines - 1)) });
  const vmWith = (blocks: Block[]): ViewModel => ({
    title: ["某某镇", "2023年政府信息公开工作年度报告"],
    opening: [],
    blocks,
    signature: { organName: "某某镇人民政府", date: "2024年1月19日" },
    draft: false,
  });

  it.skipIf(!poppler)("moves a heading that would end a page to the next page", async () => {
    const { plan: p, pages: ps } = await renderPages(
      vmWith([...new Array(8).fill(para(2)), { kind: "heading1", text: "二、标题" }, para(3)]),
      "heading.pdf",
    );
    expect(squash(ps[0] ?? "")).not.toContain("二、标题");
    expect(squash(ps[1] ?? "").startsWith("二、标题")).toBe(true);
    expectPlanMatches(ps, p);
  }, 60_000);

  it.skipIf(!poppler)("splits a long paragraph across pages, keeping two lines on each side", async () => {
    const { plan: p, pages: ps } = await renderPages(vmWith([...new Array(8).fill(para(2)), para(6)]), "split.pdf");
    expect(p.pages).toBe(2);
    expectPlanMatches(ps, p);
  }, 60_000);

  it.skipIf(!poppler)("starts a table late on a page and continues it with repeated headers", async () => {
    const { plan: p, pages: ps } = await renderPages(
      vmWith([
        ...new Array(5).fill(para(2)),
        { kind: "heading1", text: "三、收到和处理政府信息公开申请情况" },
        { kind: "table", table: table3([]) },
        { kind: "heading1", text: "二、主动公开政府信息情况" },
        {
          kind: "table",
          table: table2({ rules: [1, 2, 3], normative: [4, 5, 6], permits: 7, penalties: 8, enforcement: 9, fee: "0.1234" }),
        },
      ]),
      "tables.pdf",
    );
    const chunks = p.items.filter((i) => i.kind === "table" && i.table.id === "table3");
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks[0]?.page).toBe(1);
    for (const c of chunks) expect(squash(ps[c.page - 1] ?? "")).toContain("申请人情况");
    expectPlanMatches(ps, p);
  }, 60_000);
});
