/**
 * DOCX export benchmark: render the 张良镇 2023 report (buildViewModel of zhangliangContent) to
 * DOCX once cold, then N times warm; where LibreOffice is installed, also time converting that
 * DOCX to PDF (one run to create the profile, then 5 with the profile reused).
 *
 *   npx tsx bench/export-docx.ts [runs=20]
 *
 * Prints the timings; the last line is one JSON object:
 * {"docx_median_ms":…,"docx_p95_ms":…,"docx_bytes":…,"libreoffice_median_ms":…|null}
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { zhangliangContent } from "../lib/demo/zhangliang-2023";
import { buildViewModel } from "../lib/export/build-view-model";
import { convertDocxToPdf, findSoffice, pdfPageCount } from "../lib/export/docx/libreoffice";
import { renderDocx } from "../lib/export/docx/render";

const runs = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const LO_RUNS = 5;

const quantile = (sorted: number[], q: number) => {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
};
const round = (x: number) => Math.round(x * 10) / 10;

const vm = buildViewModel({ year: 2023, status: "DRAFT", content: zhangliangContent() });

let t = performance.now();
let docx = await renderDocx(vm);
const coldMs = performance.now() - t;

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  docx = await renderDocx(vm);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
const docxMedian = round(quantile(times, 0.5));
const docxP95 = round(quantile(times, 0.95));
console.log(`docx: cold ${round(coldMs)} ms; warm ×${runs}: median ${docxMedian} ms, p95 ${docxP95} ms; ${docx.length} bytes`);

let loMedian: number | null = null;
const soffice = findSoffice();
if (soffice) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-docx-"));
  try {
    const docxPath = path.join(dir, "zhangliang.docx");
    fs.writeFileSync(docxPath, docx);
    const profileDir = path.join(dir, "profile");
    const first = await convertDocxToPdf(docxPath, dir, { soffice, profileDir });
    const loTimes: number[] = [];
    for (let i = 0; i < LO_RUNS; i++) loTimes.push((await convertDocxToPdf(docxPath, dir, { soffice, profileDir })).ms);
    loTimes.sort((a, b) => a - b);
    loMedian = round(quantile(loTimes, 0.5));
    let pages = "?";
    try {
      pages = String(pdfPageCount(first.pdfPath));
    } catch {
      // pdfinfo missing
    }
    console.log(
      `libreoffice docx→pdf: first (new profile) ${round(first.ms)} ms; ×${LO_RUNS} reused profile: median ${loMedian} ms ` +
        `[${loTimes.map(round).join(", ")}]; ${pages} pages`,
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
} else {
  console.log("libreoffice: soffice not on PATH, conversion not timed");
}

console.log(
  JSON.stringify({ docx_median_ms: docxMedian, docx_p95_ms: docxP95, docx_bytes: docx.length, libreoffice_median_ms: loMedian }),
);
