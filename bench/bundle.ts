/**
 * First-load JavaScript of the editor route (/reports/[id]) from the production build: the scripts every
 * page loads (the framework's root main files) plus the route's entry chunks (its layouts and page, from
 * the client reference manifest), summed gzip-compressed (level 9) and raw. Chunks loaded on demand
 * (next/dynamic, import()) are not counted. Runs `next build` first when there is no build.
 *
 *   npm run bench:bundle        (BENCH_SMOKE=1: the same, it is already quick)
 *
 * Last line: one JSON object {route, chunks, first_load_js_gzip_kb, first_load_js_kb, budget_gzip_kb}.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ensureBuild } from "./app-client";

const ROUTE = "/(app)/reports/[id]/page";
const BUDGET_GZIP_KB = 150;

export function editorFirstLoad(dir = ".next"): { file: string; gz: number; raw: number }[] {
  const build = JSON.parse(readFileSync(path.join(dir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] };
  const g = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  g.__RSC_MANIFEST = {};
  new Function(readFileSync(path.join(dir, "server/app", ROUTE.slice(1) + "_client-reference-manifest.js"), "utf8"))();
  const entry = g.__RSC_MANIFEST[ROUTE]!.entryJSFiles;
  const files = new Set<string>(build.rootMainFiles);
  for (const [segment, chunks] of Object.entries(entry)) {
    // the route's own chain: the root layout, the (app) layout, the page (not error/not-found pages)
    if (/\/(layout|page)$/.test(segment)) for (const c of chunks) files.add(c);
  }
  return [...files].map((file) => {
    const buf = readFileSync(path.join(dir, file.replace(/^\/?_next\//, "")));
    return { file, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  });
}

function main() {
  ensureBuild();
  const chunks = editorFirstLoad();
  const kb = (n: number) => Number((n / 1024).toFixed(1));
  for (const c of chunks.sort((a, b) => b.gz - a.gz)) console.log(`${c.file.padEnd(40)} ${String(kb(c.gz)).padStart(7)} KB gzip ${String(kb(c.raw)).padStart(8)} KB`);
  const gz = kb(chunks.reduce((a, c) => a + c.gz, 0));
  console.log(
    JSON.stringify({ smoke: process.env.BENCH_SMOKE === "1", route: "/reports/[id]", chunks: chunks.length, first_load_js_gzip_kb: gz, first_load_js_kb: kb(chunks.reduce((a, c) => a + c.raw, 0)), budget_gzip_kb: BUDGET_GZIP_KB }),
  );
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
