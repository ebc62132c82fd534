/**
 * PDF export benchmark: render the 张良镇 2023 fixture once cold, then N times warm.
 *
 *   npx tsx bench/export-pdf.ts [runs=20]
 *
 * Prints the timings; the last line is one JSON object.
 */
import { performance } from "node:perf_hooks";
import { zhangliangViewModel } from "../lib/export/pdf/fixtures/zhangliang";
import { planDocument } from "../lib/export/pdf/layout";
import { renderPdfWithPlan } from "../lib/export/pdf/render";

const runs = Math.max(1, Number(process.argv[2] ?? 20) || 20);
const vm = zhangliangViewModel();

const quantile = (sorted: number[], q: number) => {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] as number;
};
const round = (x: number) => Math.round(x * 10) / 10;

let t = performance.now();
const first = await renderPdfWithPlan(vm);
const coldMs = performance.now() - t;

const times: number[] = [];
let bytes = first.pdf.length;
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const { pdf } = await renderPdfWithPlan(vm);
  times.push(performance.now() - t);
  bytes = pdf.length;
}
const planTimes: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  planDocument(vm);
  planTimes.push(performance.now() - t);
}

times.sort((a, b) => a - b);
planTimes.sort((a, b) => a - b);
const result = {
  bench: "export-pdf",
  fixture: "zhangliang-town-2023",
  runs,
  pages: first.plan.pages,
  coldMs: round(coldMs),
  medianMs: round(quantile(times, 0.5)),
  p95Ms: round(quantile(times, 0.95)),
  minMs: round(times[0] as number),
  planMedianMs: round(quantile(planTimes, 0.5)),
  bytes,
  rssMb: Math.round(process.memoryUsage().rss / 2 ** 20),
};
console.log(`cold ${result.coldMs} ms; warm ×${runs}: median ${result.medianMs} ms, p95 ${result.p95Ms} ms (plan ${result.planMedianMs} ms)`);
console.log(`${result.pages} pages, ${bytes} bytes, RSS ${result.rssMb} MB`);
console.log(JSON.stringify(result));
