/**
 * First-load JavaScript of the editor route (/reports/[id]) from the production build: the scripts every
 * page loads (the framework's root main files) plus the route's entry chunks (its layouts and page, from
 * the client reference manifest), summed gzip-compressed (level 9) and raw. Chunks loaded on demand
 * (next/dynamic, import()) are not counted. Runs `next build` first when there is no build.
 *
 * For scale, the same sum for a few other routes and for the framework's root chunks alone (what any page
 * of the app loads before its own code): the floor under the editor's figure.
 *
 *   npm run bench:bundle        (BENCH_SMOKE=1: the same, it is already quick)
 *
 * Last line: one JSON object {route, chunks, first_load_js_gzip_kb, first_load_js_kb, budget_gzip_kb,
 * framework_root_gzip_kb, other_routes_gzip_kb}.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { ensureBuild } from "./app-client";

const EDITOR_ROUTE = "/(app)/reports/[id]/page";
const BUDGET_GZIP_KB = 150;
/** routes shown beside the editor: the public portal (no client code of its own), the login form, the clerk's list */
const OTHER_ROUTES: Record<string, string> = {
  "/public": "/public/page",
  "/login": "/login/page",
  "/reports": "/(app)/reports/page",
};

type Chunk = { file: string; gz: number; raw: number };

function rootMainFiles(dir: string): string[] {
  return (JSON.parse(readFileSync(path.join(dir, "build-manifest.json"), "utf8")) as { rootMainFiles: string[] }).rootMainFiles;
}

function measure(dir: string, files: Iterable<string>): Chunk[] {
  return [...files].map((file) => {
    const buf = readFileSync(path.join(dir, file.replace(/^\/?_next\//, "")));
    return { file, raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
  });
}

/** The first-load chunks of an app route ("/(app)/reports/[id]/page"): the root main files and the route's own chain. */
export function firstLoad(route: string, dir = ".next"): Chunk[] {
  const g = globalThis as { __RSC_MANIFEST?: Record<string, { entryJSFiles: Record<string, string[]> }> };
  g.__RSC_MANIFEST = {};
  new Function(readFileSync(path.join(dir, "server/app", route.slice(1) + "_client-reference-manifest.js"), "utf8"))();
  const entry = g.__RSC_MANIFEST[route]!.entryJSFiles;
  const files = new Set<string>(rootMainFiles(dir));
  for (const [segment, chunks] of Object.entries(entry)) {
    // the route's own chain: the root layout, the (app) layout, the page (not error/not-found pages)
    if (/\/(layout|page)$/.test(segment)) for (const c of chunks) files.add(c);
  }
  return measure(dir, files);
}

export function editorFirstLoad(dir = ".next"): Chunk[] {
  return firstLoad(EDITOR_ROUTE, dir);
}

const kb = (n: number) => Number((n / 1024).toFixed(1));
const gzKb = (chunks: Chunk[]) => kb(chunks.reduce((a, c) => a + c.gz, 0));

function main() {
  ensureBuild();
  const chunks = editorFirstLoad();
  for (const c of chunks.sort((a, b) => b.gz - a.gz)) console.log(`${c.file.padEnd(40)} ${String(kb(c.gz)).padStart(7)} KB gzip ${String(kb(c.raw)).padStart(8)} KB`);
  const framework = gzKb(measure(".next", rootMainFiles(".next")));
  const others = Object.fromEntries(Object.entries(OTHER_ROUTES).map(([name, route]) => [name, gzKb(firstLoad(route))]));
  console.log(`framework root chunks (every page): ${framework} KB gzip; other routes: ${Object.entries(others).map(([n, v]) => `${n} ${v} KB`).join(", ")}`);
  console.log(
    JSON.stringify({
      smoke: process.env.BENCH_SMOKE === "1",
      route: "/reports/[id]",
      chunks: chunks.length,
      first_load_js_gzip_kb: gzKb(chunks),
      first_load_js_kb: kb(chunks.reduce((a, c) => a + c.raw, 0)),
      budget_gzip_kb: BUDGET_GZIP_KB,
      framework_root_gzip_kb: framework,
      other_routes_gzip_kb: others,
    }),
  );
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) main();
