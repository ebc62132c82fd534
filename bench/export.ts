/**
 * Export benchmark (`npm run bench:export`):
 *
 * 1. the 张良镇 2023 report (buildViewModel of lib/demo/zhangliang-2023) rendered to PDF N× warm in
 *    this process: median, p95, size;
 * 2. the same for DOCX;
 * 3. LibreOffice converting our DOCX to PDF, as the reference (median of 5, profile reused), when
 *    soffice is installed;
 * 4. the longest event-loop stall of a web server (a node:http server in a child process — this
 *    script with --serve — rendering through the same RenderPool as the app) while 4 PDFs render
 *    concurrently; and, for contrast, the same with in-thread rendering.
 *
 *   npx tsx bench/export.ts [runs=20]
 *   BENCH_SMOKE=1 npm run bench:export   2 runs, no LibreOffice (CI checks that the bench still runs)
 *
 * `npm run bench:export` runs it with NODE_ENV=production, as the app's server and its render workers
 * run (`next start`): React's development build adds ~15 ms to every render.
 *
 * The last line is one JSON object:
 * {"pdf_median_ms":…,"pdf_p95_ms":…,"pdf_bytes":…,"docx_median_ms":…,"libreoffice_median_ms":…|null,"max_stall_ms":…}
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { zhangliangContent } from "../lib/demo/zhangliang-2023";
import { buildViewModel } from "../lib/export/build-view-model";
import { convertDocxToPdf, findSoffice } from "../lib/export/docx/libreoffice";
import { renderDocx } from "../lib/export/docx/render";
import { renderPdfWithPlan } from "../lib/export/pdf/render";
import type { ViewModel } from "../lib/export/view-model";
import { RenderPool, defaultPoolSize } from "../lib/export/worker/pool";

// BENCH_SMOKE=1: a couple of runs, no LibreOffice, a short idle probe (CI checks that the bench still runs)
const SMOKE = process.env.BENCH_SMOKE === "1";
const runs = SMOKE ? 2 : Math.max(1, Number(process.argv[2] ?? 20) || 20);
const LO_RUNS = 5;
const CONCURRENT = 4;
const SELF = fileURLToPath(import.meta.url);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
const round = (x: number) => Math.round(x * 10) / 10;

async function timeRuns(fn: () => Promise<unknown>, n: number): Promise<{ median: number; p95: number; min: number }> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: round(quantile(times, 0.5)), p95: round(quantile(times, 0.95)), min: round(times[0] as number) };
}

const vm: ViewModel = buildViewModel({ year: 2023, status: "DRAFT", content: zhangliangContent() });

// 4. Event-loop stalls of a web server while 4 PDFs render. The server is a child process (this
// script with --serve): a fresh heap, like the app's server, whose main thread never renders.
async function serverStall(
  workers: number,
): Promise<{ maxStallMs: number; idleStallMs: number; wallMs: number; via: string; size: number }> {
  const child = spawn(process.execPath, ["--import", "tsx", SELF, "--serve"], {
    env: { ...process.env, NIANBAO_RENDER_WORKERS: String(workers) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        const m = /listening (\d+)/.exec(d.toString());
        if (m) resolve(Number(m[1]));
      });
      child.on("exit", (code) => reject(new Error(`bench server exited (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const render = () =>
      fetch(`${base}/render`).then(async (r) => ({ via: r.headers.get("x-via") ?? "?", n: (await r.arrayBuffer()).byteLength }));
    await render(); // warm: workers started, fonts loaded
    await render();
    // the noise floor: the same probe while the server idles (a busy machine delays any thread)
    await fetch(`${base}/probe/start`);
    await new Promise((r) => setTimeout(r, SMOKE ? 200 : 2000));
    const idle = (await (await fetch(`${base}/probe/stop`)).json()) as { maxStallMs: number };
    await fetch(`${base}/probe/start`);
    const t0 = performance.now();
    const outs = await Promise.all(Array.from({ length: CONCURRENT }, render));
    const wallMs = performance.now() - t0;
    const probe = (await (await fetch(`${base}/probe/stop`)).json()) as { maxStallMs: number; size: number };
    if (outs.some((o) => o.n < 1000)) throw new Error("a render failed");
    return { maxStallMs: round(probe.maxStallMs), idleStallMs: round(idle.maxStallMs), wallMs: round(wallMs), via: outs[0]?.via ?? "?", size: probe.size };
  } finally {
    child.kill();
  }
}

/** The bench's web server: renders the sample PDF through the RenderPool; probes its own event loop. */
async function serve() {
  const p = new RenderPool({ size: Number(process.env.NIANBAO_RENDER_WORKERS ?? defaultPoolSize()) });
  let h: ReturnType<typeof monitorEventLoopDelay> | null = null;
  let drift = 0;
  let probe: ReturnType<typeof setInterval> | null = null;
  const server = http.createServer(async (req, res) => {
    if (req.url === "/probe/start") {
      h = monitorEventLoopDelay({ resolution: 5 });
      h.enable();
      drift = 0;
      let last = performance.now();
      probe = setInterval(() => {
        const now = performance.now();
        drift = Math.max(drift, now - last - 5);
        last = now;
      }, 5);
      res.end("ok");
      return;
    }
    if (req.url === "/probe/stop") {
      h?.disable();
      if (probe) clearInterval(probe);
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ maxStallMs: Math.max((h?.max ?? 0) / 1e6, drift), size: p.size }));
      return;
    }
    try {
      const out = await p.render("pdf", vm);
      res.writeHead(200, { "content-type": "application/pdf", "x-via": out.via }).end(out.bytes);
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  server.listen(0, "127.0.0.1", () => console.log(`listening ${(server.address() as AddressInfo).port}`));
}

async function main() {
  // 1. PDF, in this thread
  let t = performance.now();
  const first = await renderPdfWithPlan(vm);
  const pdfCold = round(performance.now() - t);
  const pdfBytes = first.pdf.length;
  const pdf = await timeRuns(() => renderPdfWithPlan(vm), runs);
  console.log(
    `pdf:  cold ${pdfCold} ms; warm ×${runs}: median ${pdf.median} ms, p95 ${pdf.p95} ms, min ${pdf.min} ms; ` +
      `${first.plan.pages} pages, ${pdfBytes} bytes`,
  );

  // 2. DOCX
  t = performance.now();
  const docxBuf = await renderDocx(vm);
  const docxCold = round(performance.now() - t);
  const docx = await timeRuns(() => renderDocx(vm), runs);
  console.log(`docx: cold ${docxCold} ms; warm ×${runs}: median ${docx.median} ms, p95 ${docx.p95} ms; ${docxBuf.length} bytes`);

  // 3. LibreOffice reference
  let loMedian: number | null = null;
  const soffice = SMOKE ? null : findSoffice();
  if (soffice) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-export-"));
    try {
      const docxPath = path.join(dir, "zhangliang.docx");
      fs.writeFileSync(docxPath, docxBuf);
      const profileDir = path.join(dir, "profile");
      const warm = await convertDocxToPdf(docxPath, dir, { soffice, profileDir });
      const loTimes: number[] = [];
      for (let i = 0; i < LO_RUNS; i++) loTimes.push((await convertDocxToPdf(docxPath, dir, { soffice, profileDir })).ms);
      loTimes.sort((a, b) => a - b);
      loMedian = round(quantile(loTimes, 0.5));
      console.log(
        `libreoffice docx→pdf: first (new profile) ${round(warm.ms)} ms; ×${LO_RUNS}: median ${loMedian} ms [${loTimes.map(round).join(", ")}]`,
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  } else {
    console.log("libreoffice: soffice not on PATH, conversion not timed");
  }

  const pooled = await serverStall(defaultPoolSize());
  console.log(
    `server (render pool, ${pooled.size} worker${pooled.size === 1 ? "" : "s"}): ${CONCURRENT} concurrent PDFs in ${pooled.wallMs} ms, ` +
      `longest event-loop stall ${pooled.maxStallMs} ms (via ${pooled.via}; idle noise floor ${pooled.idleStallMs} ms)`,
  );
  const inThread = await serverStall(0);
  console.log(
    `server (in-thread renders, for contrast): ${CONCURRENT} concurrent PDFs in ${inThread.wallMs} ms, longest stall ${inThread.maxStallMs} ms`,
  );

  const goals = [
    [`PDF median ≤ 150 ms`, pdf.median <= 150],
    [`PDF ≤ 400 KB`, pdfBytes <= 400 * 1024],
    [`≥ 7× faster than LibreOffice`, loMedian === null ? null : loMedian / pdf.median >= 7],
    [`no server stall over 50 ms`, pooled.maxStallMs <= 50],
  ] as const;
  console.log(
    "goals: " +
      goals.map(([name, ok]) => `${ok === null ? "–" : ok ? "✓" : "✗"} ${name}`).join("; ") +
      (loMedian ? ` (LibreOffice/PDF = ${round(loMedian / pdf.median)}×)` : ""),
  );

  console.log(
    JSON.stringify({
      pdf_median_ms: pdf.median,
      pdf_p95_ms: pdf.p95,
      pdf_bytes: pdfBytes,
      docx_median_ms: docx.median,
      libreoffice_median_ms: loMedian,
      max_stall_ms: pooled.maxStallMs,
      idle_stall_ms: pooled.idleStallMs,
    }),
  );
}

if (process.argv.includes("--serve")) await serve();
else await main();
