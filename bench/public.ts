/**
 * The public portal's list at a province's size: 7,391 organs (BENCH_SMOKE=1: 72), a published report for
 * every township and department in each of three years (21,792; smoke: 204), in a scratch SQLite database.
 * Times listPublishedReports (what /public runs per visit) for the first visit after a change (it reads and
 * orders every published report) and for the visits after it (the stamp's look and the filtering), with
 * the 年度 and name filters the page offers.
 *
 *   npm run bench:public               (BENCH_SMOKE=1: the tiny province, 5 runs)
 *
 * Last line: one JSON object {organs, published, first_visit_ms, visit_p50_ms, visit_p95_ms}.
 */
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { emptyContent } from "../lib/template";
import { rebuildClosure } from "../lib/server/organ-tree";
import { listPublishedReports } from "../lib/server/services/public-reports";
import { scratchSqlite } from "./scratch-db";
import { PROVINCE_SHAPE, provinceTree } from "./province";

const SMOKE = process.env.BENCH_SMOKE === "1";
const SHAPE = SMOKE
  ? { cities: 1, counties: 2, townships: 20, countyDepts: 8, cityDepts: 6, provinceDepts: 6 }
  : PROVINCE_SHAPE;
const YEARS = [2022, 2023, 2024];
const RUNS = SMOKE ? 5 : 50;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const round = (x: number) => Math.round(x * 10) / 10;

const { tmp, db } = await scratchSqlite("public", { seed: false });

try {
  const { organs } = provinceTree(SHAPE);
  for (let i = 0; i < organs.length; i += 1000) await db.organ.createMany({ data: organs.slice(i, i + 1000) });
  await rebuildClosure(db);
  const reports = YEARS.flatMap((year) =>
    organs
      .filter((o) => o.kind === "TOWNSHIP" || o.kind === "DEPARTMENT")
      .map((o, i) => ({
        id: `r${year}${o.id}`,
        organId: o.id,
        year,
        kind: "ORGAN",
        status: "PUBLISHED",
        source: "EDITOR",
        publishedAt: new Date(Date.UTC(year + 1, 0, 10 + (i % 20))),
        content: JSON.stringify(emptyContent(o.fullName, year)),
      })),
  );
  for (let i = 0; i < reports.length; i += 500) await db.report.createMany({ data: reports.slice(i, i + 500) });

  const t0 = performance.now();
  const first = await listPublishedReports({}, db);
  const firstMs = performance.now() - t0;
  if (first.reports.length !== reports.length) throw new Error(`listed ${first.reports.length} of ${reports.length}`);
  const filters = [{}, { year: 2023 }, { q: "第1市第2县" }, { year: 2024, q: "第3镇" }];
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await listPublishedReports(filters[i % filters.length], db);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`${organs.length} organs, ${reports.length} published reports: first visit ${round(firstMs)} ms; next ${RUNS} visits p50 ${round(quantile(times, 0.5))} ms, p95 ${round(quantile(times, 0.95))} ms`);
  console.log(
    JSON.stringify({
      smoke: SMOKE,
      organs: organs.length,
      published: reports.length,
      first_visit_ms: round(firstMs),
      visit_p50_ms: round(quantile(times, 0.5)),
      visit_p95_ms: round(quantile(times, 0.95)),
    }),
  );
} finally {
  await db.$disconnect();
  rmSync(tmp, { recursive: true, force: true });
}
