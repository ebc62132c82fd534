/**
 * Import benchmark: a ~10-page PDF (the app's own PDF export of the 张良镇 report with long sections and a
 * different number in every cell) imported N times with importReportFile.
 *
 *   npm run bench:import [-- runs]      (default 10 runs)
 *
 * Prints the timings; the last line is one JSON object.
 */
import { performance } from "node:perf_hooks";
import { INPUT_CELLS, T3_INPUT_COLUMNS, T3_ROWS, t3CellId } from "../lib/template";
import { zhangliangContent } from "../lib/demo/zhangliang-2023";
import { buildViewModel } from "../lib/export/build-view-model";
import { renderPdf } from "../lib/export/pdf/render";
import { importReportFile } from "../lib/import";
import { parseDraft } from "../lib/report";
import { correctableCells } from "../lib/server/services/import-checks";
import { signImportToken, verifyImportToken } from "../lib/server/services/import-token";

// BENCH_SMOKE=1: 2 runs (CI checks that the bench still runs)
const runs = process.env.BENCH_SMOKE === "1" ? 2 : Math.max(1, Number(process.argv[2] ?? 10) || 10);

const content = zhangliangContent();
let k = 1;
for (const def of INPUT_CELLS) if (def.table !== "t3") content.cells[def.id] = def.kind === "decimal" ? "1.2345" : String(k++);
T3_ROWS.filter((r) => !r.computed).forEach((row, ri) =>
  T3_INPUT_COLUMNS.forEach((col, ci) => (content.cells[t3CellId(row.id, col.id)] = String((ri * 7 + ci * 3) % 23))),
);
// Long sections: each text field repeated, as a long report would be.
for (const [id, text] of Object.entries(content.text)) content.text[id] = Array.from({ length: 3 }, () => text).join("\n");
content.header.signDate = "2024年1月19日";

const pdf = new Uint8Array(await renderPdf(buildViewModel({ year: 2023, status: "PUBLISHED", content })));

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const round = (x: number) => Math.round(x * 10) / 10;

let t = performance.now();
const first = await importReportFile(pdf, "report.pdf");
const coldMs = performance.now() - t;
if (!first.ok) throw new Error(first.message);
const wrong = Object.keys(content.cells).filter((id) => first.content.cells[id] !== content.cells[id]);
const pages = first.source.pages ?? 0;

const times: number[] = [];
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const r = await importReportFile(pdf, "report.pdf");
  times.push(performance.now() - t);
  if (!r.ok) throw new Error(r.message);
}
times.sort((a, b) => a - b);
const median = quantile(times, 0.5);
const p95 = quantile(times, 0.95);

// What the upload request does besides two small queries: import, draft schema, correctable cells, token
// signing; and the confirmation's token check + schema (the clerk's wait after 确认导入, before the writes).
process.env.BETTER_AUTH_SECRET ??= "bench-secret-bench-secret-bench-secret";
const prepareTimes: number[] = [];
const confirmTimes: number[] = [];
let tokenChars = 0;
for (let i = 0; i < runs; i++) {
  t = performance.now();
  const r = await importReportFile(pdf, "report.pdf");
  if (!r.ok) throw new Error(r.message);
  const parsed = parseDraft(r.content);
  if (!parsed.ok) throw new Error(parsed.messages.join());
  const correctable = correctableCells(parsed.content, r.notes);
  const token = signImportToken({
    v: 1, userId: "u", organId: "o", fileName: "report.pdf", format: r.format, year: r.year, organName: r.organName,
    content: parsed.content, correctable, iat: Date.now(),
  });
  prepareTimes.push(performance.now() - t);
  tokenChars = token.length;
  t = performance.now();
  const v = verifyImportToken(token);
  if (!v.ok || !parseDraft(v.payload.content).ok) throw new Error("token");
  confirmTimes.push(performance.now() - t);
}
prepareTimes.sort((a, b) => a - b);
confirmTimes.sort((a, b) => a - b);

console.log(`PDF: ${pages} pages, ${(pdf.length / 1024).toFixed(0)} KB; cells wrong after import: ${wrong.length}`);
console.log(`cold ${round(coldMs)} ms; warm ×${runs}: median ${round(median)} ms, p95 ${round(p95)} ms, min ${round(times[0]!)} ms`);
console.log(
  `upload request (import + schema + signed token, ${(tokenChars / 1024).toFixed(0)} KB): median ${round(quantile(prepareTimes, 0.5))} ms; ` +
    `confirmation token check: median ${round(quantile(confirmTimes, 0.5))} ms`,
);
console.log(
  JSON.stringify({
    import_pdf_median_ms: round(median),
    import_pdf_p95_ms: round(p95),
    prepare_median_ms: round(quantile(prepareTimes, 0.5)),
    confirm_token_median_ms: round(quantile(confirmTimes, 0.5)),
    token_kb: Math.round(tokenChars / 1024),
    pages,
  }),
);
