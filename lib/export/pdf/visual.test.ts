/**
 * Visual baselines: page 1 and the first table 三 page of the 张良镇 2023 report (as stored, published),
 * rasterised at 50 dpi in grayscale, against the PNGs in tests/fixtures/export-baselines/.
 * A page passes when at most 0.5 % of its pixels differ by more than 64 gray levels.
 *
 *   UPDATE_BASELINES=1 npx vitest run lib/export/pdf/visual.test.ts   # rewrite the baselines
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { buildViewModel } from "../build-view-model";
import type { ViewModel } from "../view-model";
import type { DocumentPlan } from "./layout";
import { renderPdfWithPlan } from "./render";
import { hasPoppler } from "./testing/poppler";
import { decodeGrayPng, diffImages, rasterPage } from "./testing/png";

const BASELINES = path.join(process.cwd(), "tests", "fixtures", "export-baselines");
const UPDATE = process.env.UPDATE_BASELINES === "1";
const MAX_RATIO = 0.005;
const poppler = hasPoppler();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-visual-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const viewModel = (status: "PUBLISHED" | "DRAFT"): ViewModel => {
  const vm = buildViewModel({ year: 2023, status, content: zhangliangContent() });
  return { ...vm, meta: { ...vm.meta, creationDate: new Date("2024-01-19T08:00:00Z") } };
};

async function renderTo(vm: ViewModel, name: string): Promise<{ file: string; plan: DocumentPlan }> {
  const { pdf, plan } = await renderPdfWithPlan(vm);
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  return { file, plan };
}

describe.skipIf(!poppler)("visual baselines of the 张良镇 2023 PDF", () => {
  let published: { file: string; plan: DocumentPlan };
  let pages: { name: string; page: number }[];

  beforeAll(async () => {
    published = await renderTo(viewModel("PUBLISHED"), "published.pdf");
    const t3 = published.plan.items.find((i) => i.kind === "table" && i.table.id === "t3");
    pages = [
      { name: "zhangliang-page1", page: 1 },
      { name: "zhangliang-table3", page: t3?.page ?? -1 },
    ];
  }, 60_000);

  it("puts table 三 on a page of its own planning", () => {
    expect(pages[1]?.page).toBeGreaterThan(1);
  });

  it.each(["zhangliang-page1", "zhangliang-table3"])("%s matches its baseline", (name) => {
    const { page } = pages.find((p) => p.name === name)!;
    const png = rasterPage(published.file, page);
    const baseline = path.join(BASELINES, `${name}.png`);
    if (UPDATE) {
      fs.mkdirSync(BASELINES, { recursive: true });
      fs.writeFileSync(baseline, png);
    }
    expect(fs.existsSync(baseline), `${baseline} missing: run with UPDATE_BASELINES=1`).toBe(true);
    const diff = diffImages(decodeGrayPng(png), decodeGrayPng(fs.readFileSync(baseline)));
    expect(diff.sameSize).toBe(true);
    if (diff.ratio > MAX_RATIO) fs.writeFileSync(path.join(os.tmpdir(), `${name}.actual.png`), png);
    expect(diff.ratio, `${diff.differing} of ${diff.total} pixels differ (actual page saved in ${os.tmpdir()})`).toBeLessThanOrEqual(MAX_RATIO);
  }, 30_000);

  it("notices real changes: text that reflows, and (at a finer threshold) the light 草稿 watermark", async () => {
    const base = decodeGrayPng(fs.readFileSync(path.join(BASELINES, "zhangliang-page1.png")));
    const vm = viewModel("PUBLISHED");
    const edited: ViewModel = {
      ...vm,
      blocks: vm.blocks.map((b, i) => (i === vm.blocks.findIndex((x) => x.kind === "paragraph") && b.kind === "paragraph" ? { ...b, text: `本年度，${b.text}` } : b)),
    };
    const reflowed = await renderTo(edited, "edited.pdf");
    expect(diffImages(decodeGrayPng(rasterPage(reflowed.file, 1)), base).ratio).toBeGreaterThan(MAX_RATIO);
    const draft = await renderTo(viewModel("DRAFT"), "draft.pdf");
    expect(diffImages(decodeGrayPng(rasterPage(draft.file, 1)), base, 12).ratio).toBeGreaterThan(MAX_RATIO);
  }, 60_000);
});
