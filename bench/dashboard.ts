/**
 * Supervisor dashboard benchmark: 1,000 organs (50 with BENCH_SMOKE=1) under one county, with this year's and last year's
 * reports (mixed statuses, finding counts, open and resolved comments) in a scratch SQLite database,
 * then the dashboard service timed 20× for the county supervisor.
 *
 *   npm run bench:dashboard            (or: npx tsx --conditions=react-server bench/dashboard.ts [runs=20])
 *   BENCH_SMOKE=1 npm run bench:dashboard   50 organs, 3 runs (CI checks that the bench still runs)
 *
 * The last line is one JSON object: {"organs":1000,"dashboard_median_ms":…,"dashboard_p95_ms":…}.
 */
import { rmSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { emptyContent } from "../lib/template";
import { rebuildClosure } from "../lib/server/organ-tree";
import { isRole } from "../lib/server/permissions";
import type { Actor } from "../lib/server/types";
import { getDashboard } from "../lib/server/services/dashboard";
import { scratchSqlite } from "./scratch-db";

const SMOKE = process.env.BENCH_SMOKE === "1";
const ORGANS = SMOKE ? 50 : 1000;
const YEAR = 2024;
const runs = SMOKE ? 3 : Math.max(1, Number(process.argv[2] ?? 20) || 20);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const round = (x: number) => Math.round(x * 10) / 10;

const { tmp, db } = await scratchSqlite("dashboard", { seed: true });

try {
  const t0 = performance.now();
  // The county of the demo supervisor `shencha` (the demo city has two counties, with reports).
  const sup = await db.user.findUniqueOrThrow({ where: { username: "shencha" }, select: { id: true, role: true, organId: true } });
  if (!isRole(sup.role) || !sup.organId) throw new Error("bad supervisor");
  const supervisor: Actor = { id: sup.id, role: sup.role, organId: sup.organId };
  const county = { id: sup.organId };
  const existing = (await getDashboard(supervisor, { year: YEAR }, db))?.totalOrgans ?? 0;
  // Organs: the demo county's own organs, then townships and departments up to ORGANS in total.
  const organRows = Array.from({ length: ORGANS - existing }, (_, i) => ({
    id: `bench-organ-${i}`,
    fullName: i % 4 === 0 ? `示范县第${i}局` : `示范县第${i}乡人民政府`,
    shortName: i % 4 === 0 ? `第${i}局` : `第${i}乡`,
    kind: i % 4 === 0 ? "DEPARTMENT" : "TOWNSHIP",
    parentId: county.id,
    sortOrder: 10 + i,
  }));
  await db.organ.createMany({ data: organRows });
  await rebuildClosure(db);
  const organs = await db.organ.findMany({ select: { id: true, fullName: true } });
  // the demo seed's own reports stay as they are
  const seeded = new Set((await db.report.findMany({ select: { organId: true, year: true } })).map((r) => `${r.organId}/${r.year}`));

  // Reports: ~90% of organs have this year's report, all have last year's (content is a full blank report).
  const statuses = ["DRAFT", "DRAFT", "SUBMITTED", "RETURNED", "APPROVED", "PUBLISHED"];
  const reports: { id: string; organId: string; year: number; status: string; content: string; errorCount: number; warningCount: number; publishedAt: Date | null }[] = [];
  organs.forEach((o, i) => {
    for (const year of [YEAR - 1, YEAR]) {
      if ((year === YEAR && i % 10 === 9) || seeded.has(`${o.id}/${year}`)) continue;
      const status = year === YEAR ? statuses[i % statuses.length]! : "PUBLISHED";
      reports.push({
        id: `bench-report-${year}-${i}`,
        organId: o.id,
        year,
        status,
        content: JSON.stringify(emptyContent(o.fullName, year)),
        errorCount: status === "DRAFT" ? (i * 7) % 40 : 0,
        warningCount: (i * 3) % 5,
        publishedAt: status === "PUBLISHED" ? new Date(Date.UTC(year + 1, 0, 10 + (i % 30))) : null,
      });
    }
  });
  for (let i = 0; i < reports.length; i += 200) await db.report.createMany({ data: reports.slice(i, i + 200) });

  // Comments: three per submitted/returned report (one resolved, one reply).
  const comments: { reportId: string; anchor: string; body: string; resolved: boolean }[] = [];
  for (const r of reports) {
    if (r.year !== YEAR || (r.status !== "SUBMITTED" && r.status !== "RETURNED")) continue;
    comments.push(
      { reportId: r.id, anchor: "report", body: "请补充说明", resolved: false },
      { reportId: r.id, anchor: "section:s5", body: "请修改", resolved: false },
      { reportId: r.id, anchor: "report", body: "已修改", resolved: true },
    );
  }
  for (let i = 0; i < comments.length; i += 500) await db.comment.createMany({ data: comments.slice(i, i + 500) });
  const seedMs = performance.now() - t0;

  const now = new Date(Date.UTC(YEAR + 1, 1, 5));

  const first = await getDashboard(supervisor, { year: YEAR }, db, now); // warm-up
  if (!first || first.totalOrgans !== ORGANS) throw new Error(`expected ${ORGANS} organs, got ${first?.totalOrgans}`);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await getDashboard(supervisor, { year: YEAR, sort: i % 2 ? "errors" : "organ", dir: "desc" }, db, now);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  const median = round(quantile(times, 0.5));
  const p95 = round(quantile(times, 0.95));

  const admin = await db.user.findUniqueOrThrow({ where: { username: "admin" }, select: { id: true } });
  const adminTimes: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await getDashboard({ id: admin.id, role: "ADMIN", organId: null }, { year: YEAR }, db, now);
    adminTimes.push(performance.now() - t);
  }
  adminTimes.sort((a, b) => a - b);

  console.log(`seeded ${ORGANS} organs, ${reports.length} reports, ${comments.length} comments in ${Math.round(seedMs)} ms`);
  console.log(`summary: ${JSON.stringify(first.summary)}, overdue ${first.overdueCount}`);
  console.log(`dashboard (supervisor) ×${runs}: median ${median} ms, p95 ${p95} ms, min ${round(times[0]!)} ms`);
  console.log(`dashboard (admin) ×${runs}: median ${round(quantile(adminTimes, 0.5))} ms, p95 ${round(quantile(adminTimes, 0.95))} ms`);
  console.log(JSON.stringify({ organs: ORGANS, dashboard_median_ms: median, dashboard_p95_ms: p95 }));
} finally {
  await db.$disconnect();
  rmSync(tmp, { recursive: true, force: true });
}
