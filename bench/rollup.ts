/**
 * Roll-up benchmark: a province of ≥ 1,000 organs (province → cities → counties → townships and
 * departments at every level) with complete reports — every township's and department's report
 * approved, every county's and city's 汇总 report approved with the sums of its members — in a scratch
 * database; then the province's roll-up (lib/server/services/rollup.ts getRollup) timed, its XLSX
 * written, and, for contrast, the widest single level (one county over 1,000 townships) and a whole
 * bottom-up recomputation of every government's roll-up.
 *
 *   npm run bench:rollup               SQLite, and PostgreSQL when reachable
 *                                      (TEST_POSTGRES_URL or postgres://postgres@127.0.0.1:5432/postgres)
 *   BENCH_SMOKE=1 npm run bench:rollup a tiny tree, a few runs (CI checks that the bench still runs)
 *
 * The last line is one JSON object: {"organs":…,"rollup_median_ms":…,"rollup_p95_ms":…,"xlsx_ms":…,
 * "wide_rollup_p95_ms":…,"chain_ms":…, and the same with a "postgres_" prefix}.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { emptyContent, INPUT_CELLS, t2CellId, t3CellId, type ReportContent } from "../lib/template";
import { sumReports } from "../lib/report";
import { createDb, type Db } from "../lib/server/db-core";
import { rebuildClosure } from "../lib/server/organ-tree";
import { resolveDatabaseConfig, type DatabaseConfig } from "../lib/server/db-url";
import type { Actor } from "../lib/server/types";
import { getRollup } from "../lib/server/services/rollup";
import { rollupXlsx } from "../lib/export/sheets";
import { setupQuietly } from "./scratch-db";

const SMOKE = process.env.BENCH_SMOKE === "1";
const SHAPE = SMOKE
  ? { cities: 2, counties: 2, townships: 3, departments: 1, wide: 20, runs: 3 }
  : { cities: 10, counties: 8, townships: 10, departments: 2, wide: 1000, runs: 30 };
const YEAR = 2024;

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
const round = (x: number) => Math.round(x * 10) / 10;

/** A complete, balanced report whose figures vary with `n` (fees with decimals, to exercise exact sums). */
function organContent(name: string, n: number): ReportContent {
  const c = emptyContent(name, YEAR);
  for (const cell of INPUT_CELLS) c.cells[cell.id] = "0";
  c.cells[t3CellId("new", "natural")] = String(1 + (n % 7));
  c.cells[t3CellId("open", "natural")] = String(1 + (n % 7));
  c.cells[t2CellId("permit", "decisions")] = String(10 + (n % 90));
  c.cells[t2CellId("normative", "valid")] = String(n % 13);
  c.cells[t2CellId("fee", "amount")] = `${n % 5}.${String(n % 1000).padStart(3, "0")}`;
  c.fee = { charged: false, pieces: "", amount: "" };
  return c;
}

type Row = { id: string; parentId: string | null; fullName: string; shortName: string; kind: string; sortOrder: number };

async function seed(db: Db): Promise<{ organs: number; provinceId: string; wideId: string }> {
  const organs: Row[] = [];
  const add = (kind: string, parentId: string | null, name: string) => {
    const id = `b${organs.length.toString(36)}`;
    organs.push({ id, parentId, fullName: name, shortName: name.slice(0, 10), kind, sortOrder: organs.length });
    return id;
  };
  const province = add("PROVINCE", null, "基准省人民政府");
  for (let d = 0; d < SHAPE.departments + 3; d++) add("DEPARTMENT", province, `基准省第${d}厅`);
  for (let c = 0; c < SHAPE.cities; c++) {
    const city = add("CITY", province, `基准省第${c}市人民政府`);
    for (let d = 0; d < SHAPE.departments; d++) add("DEPARTMENT", city, `第${c}市第${d}局`);
    for (let k = 0; k < SHAPE.counties; k++) {
      const county = add("COUNTY", city, `第${c}市第${k}县人民政府`);
      for (let d = 0; d < SHAPE.departments; d++) add("DEPARTMENT", county, `第${c}市第${k}县第${d}局`);
      for (let t = 0; t < SHAPE.townships; t++) add("TOWNSHIP", county, `第${c}市第${k}县第${t}镇人民政府`);
    }
  }
  // the widest level: one county (outside the province) over many townships
  const wide = add("COUNTY", null, "基准宽县人民政府");
  for (let t = 0; t < SHAPE.wide; t++) add("TOWNSHIP", wide, `宽县第${t}镇人民政府`);
  for (let i = 0; i < organs.length; i += 500) await db.organ.createMany({ data: organs.slice(i, i + 500) });
  await rebuildClosure(db);

  // reports bottom-up: every leaf approved; every county's and city's 汇总 = the sum of its members
  const byParent = new Map<string, Row[]>();
  for (const o of organs) if (o.parentId) byParent.set(o.parentId, [...(byParent.get(o.parentId) ?? []), o]);
  const contents = new Map<string, ReportContent>();
  const reports: { id: string; organId: string; year: number; kind: string; status: string; content: string }[] = [];
  const government = (k: string) => k === "PROVINCE" || k === "CITY" || k === "COUNTY";
  const visit = (o: Row, n: number): ReportContent => {
    if (!government(o.kind)) {
      const c = organContent(o.fullName, n);
      reports.push({ id: `r-${o.id}`, organId: o.id, year: YEAR, kind: "ORGAN", status: "APPROVED", content: JSON.stringify(c) });
      return c;
    }
    const members = (byParent.get(o.id) ?? []).map((m, i) => ({ m, c: visit(m, n * 31 + i) }));
    const sum = sumReports(members.map(({ m, c }) => ({ reportId: `r-${m.id}`, organId: m.id, organName: m.fullName, cells: c.cells, fee: c.fee })));
    const c = { ...emptyContent(o.fullName, YEAR), cells: sum.cells, fee: sum.fee };
    if (o.kind !== "PROVINCE") reports.push({ id: `r-${o.id}`, organId: o.id, year: YEAR, kind: "ROLLUP", status: "APPROVED", content: JSON.stringify(c) });
    contents.set(o.id, c);
    return c;
  };
  for (const root of organs.filter((o) => !o.parentId)) visit(root, 1);
  for (let i = 0; i < reports.length; i += 200) await db.report.createMany({ data: reports.slice(i, i + 200) });
  return { organs: organs.length - 1 - SHAPE.wide, provinceId: province, wideId: wide };
}

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn(); // warm-up
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function run(config: DatabaseConfig, label: string): Promise<Record<string, number>> {
  await setupQuietly(config, { seed: false });
  const db = createDb(config);
  try {
    const t0 = performance.now();
    const { organs, provinceId, wideId } = await seed(db);
    console.log(`[${label}] seeded ${organs} organs in the province (+ a county of ${SHAPE.wide} townships) in ${Math.round(performance.now() - t0)} ms`);
    const admin: Actor = { id: "bench-admin", role: "ADMIN", organId: null };

    const first = await getRollup(admin, { organId: provinceId, year: YEAR }, db);
    if (!first.ok || first.view.included !== first.view.members.length) throw new Error(`[${label}] the province's roll-up is incomplete`);
    const times = await timeIt(SHAPE.runs, () => getRollup(admin, { organId: provinceId, year: YEAR }, db));
    const tx = performance.now();
    const xlsx = await rollupXlsx({ title: "bench", note: "", cells: first.view.cells, members: [], sources: first.view.sources });
    const xlsxMs = performance.now() - tx;
    const wide = await timeIt(SHAPE.runs, () => getRollup(admin, { organId: wideId, year: YEAR }, db));
    // every government's roll-up once (what a province-wide refresh of all 汇总 reports costs)
    const governments = await db.organ.findMany({ where: { kind: { in: ["PROVINCE", "CITY", "COUNTY"] } }, select: { id: true } });
    const tc = performance.now();
    for (const g of governments) await getRollup(admin, { organId: g.id, year: YEAR }, db);
    const chainMs = performance.now() - tc;

    console.log(`[${label}] province roll-up ×${SHAPE.runs} (${first.view.members.length} members): median ${round(quantile(times, 0.5))} ms, p95 ${round(quantile(times, 0.95))} ms`);
    console.log(`[${label}] XLSX of the province's roll-up: ${Math.round(xlsx.length / 1024)} KB in ${round(xlsxMs)} ms`);
    console.log(`[${label}] widest level (${SHAPE.wide} townships) ×${SHAPE.runs}: median ${round(quantile(wide, 0.5))} ms, p95 ${round(quantile(wide, 0.95))} ms`);
    console.log(`[${label}] every government's roll-up once (${governments.length}): ${Math.round(chainMs)} ms`);
    return {
      organs,
      rollup_median_ms: round(quantile(times, 0.5)),
      rollup_p95_ms: round(quantile(times, 0.95)),
      xlsx_ms: round(xlsxMs),
      wide_rollup_p95_ms: round(quantile(wide, 0.95)),
      chain_ms: Math.round(chainMs),
    };
  } finally {
    await db.$disconnect();
  }
}

async function postgres(): Promise<Record<string, number> | null> {
  const base = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const probe = new pg.Client({ connectionString: base });
  try {
    await probe.connect();
  } catch {
    console.log("[postgres] not reachable, skipped");
    return null;
  }
  const name = `nianbao_bench_rollup_${randomBytes(4).toString("hex")}`;
  await probe.query(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  try {
    return await run(resolveDatabaseConfig(url.toString()), "postgres");
  } finally {
    await probe.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await probe.end();
  }
}

const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-rollup-"));
process.env.NIANBAO_DATA_DIR = tmp;
try {
  const sqlite = await run(resolveDatabaseConfig(`file:${path.join(tmp, "bench.db")}`), "sqlite");
  const pgFigures = await postgres();
  const out: Record<string, number> = { ...sqlite };
  if (pgFigures) for (const [k, v] of Object.entries(pgFigures)) if (k !== "organs") out[`postgres_${k}`] = v;
  console.log(JSON.stringify(out));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
