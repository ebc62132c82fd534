/**
 * Province load on PostgreSQL, two production instances (`npm run bench:load`).
 *
 * 1. A PostgreSQL database of its own (created and dropped here; server from TEST_POSTGRES_URL or
 *    postgres://postgres@127.0.0.1:5432/postgres), migrated, seeded with a province: province → cities →
 *    counties → townships, departments at every level (≥ 7,000 organs), a draft report for every organ
 *    that reports, approved reports in half the counties (so roll-ups have figures), and accounts.
 * 2. Two `next start` instances (the existing production build; `next build` first when there is none),
 *    on two ports, one database, one BETTER_AUTH_SECRET.
 * 3. Clients sign in through Better Auth (POST /api/auth/sign-in/username, as the login page does) and
 *    run for DURATION:
 *    - autosaves: every editing client is one editor tab; two tabs per report (two clerks of an organ, or
 *      one clerk's two tabs), each typing increasing numbers into its own cell. Each save is the editor's
 *      own call — POST /reports/<id>/save, as the browser posts it — carrying the
 *      field's base value and the report version the tab last saw. A tab's requests go to either
 *      instance in turn (a load balancer without stickiness).
 *    - editor page loads (GET /reports/<id>), PDF exports (/reports/<id>/pdf), supervisors' dashboards
 *      (county and city) and the county offices' roll-ups (/rollup).
 * 4. Afterwards, in the database: every acknowledged save is stored (each tab's cell holds the last value
 *    it was told was saved — or a later one it sent whose answer did not arrive), and no save overwrote a
 *    newer version (each report's save events go from version v to v+1 exactly once per v).
 *
 *   npm run bench:load                     ~7,400 organs, 240 tabs, 60 s
 *   BENCH_SMOKE=1 npm run bench:load       a tiny province, 5 s (CI checks that the bench still runs)
 *   LOAD_SECONDS=… LOAD_TABS=… LOAD_RATE=… (saves per second in all) to vary it; LOAD_READS=0 saves only
 *
 * Last line: one JSON object {instances, organs, tabs, seconds, saves, saves_per_s, save_p50_ms, save_p99_ms,
 * editor_p99_ms, pdf_p99_ms, dashboard_p99_ms, rollup_p99_ms, errors, lost, overwritten, …}.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { hashPassword } from "better-auth/crypto";
import { emptyContent, INPUT_CELLS, t2CellId, t3CellId } from "../lib/template";
import { createDb, type Db } from "../lib/server/db-core";
import { rebuildClosure } from "../lib/server/organ-tree";
import { resolveDatabaseConfig } from "../lib/server/db-url";
import { syntheticEmail } from "../lib/server/auth-core";
import { setupDatabase } from "../scripts/db-setup";
import { callSave, ensureBuild, postgresServer, quantile, round, signIn, startInstance, type Instance } from "./app-client";
import { withRetry } from "./app-client";
import { PROVINCE_SHAPE, provinceTree, type OrganRow } from "./province";

const SMOKE = process.env.BENCH_SMOKE === "1";
const num = (name: string, full: number, smoke: number) => Number(process.env[name] ?? (SMOKE ? smoke : full));
const SHAPE = SMOKE
  ? { cities: 1, counties: 2, townships: 4, countyDepts: 1, cityDepts: 1, provinceDepts: 1 }
  : PROVINCE_SHAPE;
const SECONDS = num("LOAD_SECONDS", 60, 5);
const TABS = num("LOAD_TABS", 240, 6); // editor tabs, two per report
const SAVE_RATE = num("LOAD_RATE", 240, 12); // saves per second, all tabs together
// LOAD_READS=0: saves only (to measure the save path alone)
const READS = Number(process.env.LOAD_READS ?? 1);
const READ_RATES = SMOKE
  ? { editor: 1 * READS, pdf: 0.5 * READS, dashboard: 1 * READS, rollup: 0.5 * READS }
  : { editor: 4 * READS, pdf: 0.5 * READS, dashboard: 2 * READS, rollup: 1 * READS };
const PORTS = [Number(process.env.LOAD_PORT ?? 3301), Number(process.env.LOAD_PORT ?? 3301) + 1];
const YEAR = 2025;
const PASSWORD = "load-bench-2025";
const SECRET = `load-bench-${randomBytes(16).toString("hex")}`;

const intCells = INPUT_CELLS.filter((c) => c.kind === "count").map((c) => c.id);

/** A complete report (figures vary with n), for the approved organs behind the roll-ups. */
function approvedContent(name: string, n: number) {
  const c = emptyContent(name, YEAR);
  for (const cell of INPUT_CELLS) c.cells[cell.id] = "0";
  c.cells[t3CellId("new", "natural")] = String(1 + (n % 7));
  c.cells[t3CellId("open", "natural")] = String(1 + (n % 7));
  c.cells[t2CellId("permit", "decisions")] = String(10 + (n % 90));
  c.fee = { charged: false, pieces: "", amount: "" };
  return c;
}

async function seed(db: Db) {
  const { organs, cities, counties } = provinceTree(SHAPE);
  for (let i = 0; i < organs.length; i += 1000) await db.organ.createMany({ data: organs.slice(i, i + 1000) });
  await withRetry(() => rebuildClosure(db));

  // Reports: every township and department; approved in every other county, drafts elsewhere.
  const approvedCounty = new Set(counties.filter((_, i) => i % 2 === 1));
  const reports: { id: string; organId: string; year: number; kind: string; status: string; content: string }[] = [];
  const editable: OrganRow[] = [];
  organs.forEach((o, n) => {
    if (o.kind !== "TOWNSHIP" && o.kind !== "DEPARTMENT") return;
    const approved = o.parentId !== null && approvedCounty.has(o.parentId);
    if (!approved) editable.push(o);
    const content = approved ? approvedContent(o.fullName, n) : emptyContent(o.fullName, YEAR);
    reports.push({ id: `r${o.id}`, organId: o.id, year: YEAR, kind: "ORGAN", status: approved ? "APPROVED" : "DRAFT", content: JSON.stringify(content) });
  });
  for (let i = 0; i < reports.length; i += 500) await db.report.createMany({ data: reports.slice(i, i + 500) });

  // Accounts: a clerk for each edited organ (two tabs each), county and city supervisors, county offices.
  const hash = await hashPassword(PASSWORD);
  const users: { username: string; role: string; organId: string }[] = [];
  const edited = editable.filter((o) => o.kind === "TOWNSHIP").concat(editable.filter((o) => o.kind === "DEPARTMENT"));
  const reportsEdited = Math.ceil(TABS / 2);
  if (edited.length < reportsEdited) throw new Error(`only ${edited.length} editable reports for ${TABS} tabs`);
  const step = Math.max(1, Math.floor(edited.length / reportsEdited));
  const clerkOrgans = Array.from({ length: reportsEdited }, (_, i) => edited[(i * step) % edited.length]!);
  clerkOrgans.forEach((o, i) => users.push({ username: `clerk${i}`, role: "CLERK", organId: o.id }));
  const draftCounties = counties.filter((c) => !approvedCounty.has(c));
  const supCounties = [...draftCounties.slice(0, 4), ...[...approvedCounty].slice(0, 2)];
  supCounties.forEach((c, i) => users.push({ username: `countysup${i}`, role: "SUPERVISOR", organId: c }));
  cities.slice(0, 2).forEach((c, i) => users.push({ username: `citysup${i}`, role: "SUPERVISOR", organId: c }));
  [...approvedCounty].slice(0, 4).forEach((c, i) => users.push({ username: `office${i}`, role: "CLERK", organId: c }));
  const now = new Date();
  await db.user.createMany({
    data: users.map((u) => ({
      id: `u-${u.username}`,
      name: u.username,
      email: syntheticEmail(u.username),
      emailVerified: true,
      username: u.username,
      displayUsername: u.username,
      role: u.role,
      organId: u.organId,
      displayName: u.username,
      createdAt: now,
      updatedAt: now,
    })),
  });
  await db.account.createMany({
    data: users.map((u) => ({ id: randomUUID(), accountId: `u-${u.username}`, providerId: "credential", userId: `u-${u.username}`, password: hash, createdAt: now, updatedAt: now })),
  });
  return {
    organs: organs.length,
    reports: reports.length,
    clerkOrgans,
    users,
    supCounties,
    cities: cities.slice(0, 2),
    offices: [...approvedCounty].slice(0, 4),
  };
}

const TICK = 100; // USER_HZ on Linux
/** User + system CPU seconds of a process (Linux /proc), 0 when unknown. */
function cpuSeconds(pid: number | undefined): number {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) / TICK; // utime stime cutime cstime
  } catch {
    return 0;
  }
}
/** CPU seconds of every postgres process on this machine (0 when PostgreSQL runs elsewhere). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, "utf8").trim().startsWith("postgres")) total += cpuSeconds(Number(pid));
    } catch {
      // gone
    }
  }
  return total;
}

type Tab = {
  n: number;
  username: string;
  reportId: string;
  cell: string;
  cookie: string;
  version: number; // the report version this tab last saw
  base: string; // the cell's value the tab last saw saved
  sent: number; // the last value sent
  acked: number; // the last value acknowledged (ok:true)
  unanswered: Set<number>; // values sent whose answer never came (timeouts)
};

async function main() {
  ensureBuild();
  const baseUrl = await postgresServer();
  if (!baseUrl) {
    console.log("PostgreSQL is not reachable (set TEST_POSTGRES_URL): bench:load skipped");
    console.log(JSON.stringify({ skipped: "PostgreSQL not reachable" }));
    return;
  }
  const dbName = `nianbao_load_${randomBytes(5).toString("hex")}`;
  const url = new URL(baseUrl);
  url.pathname = `/${dbName}`;
  const config = resolveDatabaseConfig(url.toString());
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-load-"));
  process.env.NIANBAO_DATA_DIR = tmp;
  process.env.BETTER_AUTH_SECRET = SECRET;
  const instances: Instance[] = [];
  let db: Db | null = null;
  try {
    const t0 = performance.now();
    const log = console.log;
    console.log = () => {};
    await setupDatabase(config, { seed: false });
    console.log = log;
    db = createDb(config);
    const world = await seed(db);
    console.log(`seeded ${world.organs} organs, ${world.reports} reports, ${world.users.length} accounts in ${Math.round(performance.now() - t0)} ms (database ${dbName})`);

    const env = {
      DATABASE_URL: config.url,
      BETTER_AUTH_SECRET: SECRET,
      NIANBAO_DATA_DIR: tmp,
      NIANBAO_SEED: "off",
      // Better Auth's in-memory flood guard counts sign-ins per address; every client here is 127.0.0.1
      NIANBAO_AUTH_RATE_LIMIT: "off",
    };
    const started = await Promise.all(PORTS.map((p) => startInstance(p, env)));
    instances.push(...started);
    const bases = instances.map((i) => i.base);
    console.log(`instances: ${bases.join(", ")}`);

    // Sign in: tab 0 of a report on instance 0, tab 1 on instance 1 (the session works on both).
    const tabs: Tab[] = [];
    for (let i = 0; i < TABS; i++) {
      const r = Math.floor(i / 2);
      const organ = world.clerkOrgans[r]!;
      tabs.push({
        n: i,
        username: `clerk${r}`,
        reportId: `r${organ.id}`,
        cell: intCells[(i % 2) + (r % 5) * 2]!,
        cookie: "",
        version: 1,
        base: "",
        sent: 0,
        acked: 0,
        unanswered: new Set(),
      });
    }
    const signInAll = async <T,>(items: T[], fn: (x: T, i: number) => Promise<void>) => {
      for (let i = 0; i < items.length; i += 20) await Promise.all(items.slice(i, i + 20).map((x, j) => fn(x, i + j)));
    };
    await signInAll(tabs, async (t, i) => {
      t.cookie = await signIn(bases[i % 2]!, t.username, PASSWORD);
    });
    const readers: { kind: "dashboard" | "rollup"; cookie: string; path: string }[] = [];
    await signInAll(world.users.filter((u) => u.role === "SUPERVISOR"), async (u, i) => {
      readers.push({ kind: "dashboard", cookie: await signIn(bases[i % 2]!, u.username, PASSWORD), path: `/dashboard?year=${YEAR}` });
    });
    await signInAll(world.users.filter((u) => u.username.startsWith("office")), async (u, i) => {
      readers.push({ kind: "rollup", cookie: await signIn(bases[i % 2]!, u.username, PASSWORD), path: `/rollup?organ=${u.organId}&year=${YEAR}` });
    });
    console.log(`signed in ${tabs.length} editor tabs and ${readers.length} readers`);

    // Warm-up, not measured: each instance's first save, page loads and PDF render (workers, fonts).
    await Promise.all(
      bases.map(async (b, i) => {
        const t = tabs[i % tabs.length]!;
        const get = (p: string, cookie: string) => fetch(`${b}${p}`, { headers: { cookie }, redirect: "manual" }).then((r) => r.arrayBuffer());
        await get(`/reports/${t.reportId}`, t.cookie);
        await get(`/reports/${t.reportId}/pdf`, t.cookie);
        for (const r of readers) await get(r.path, r.cookie);
        const w = await callSave(b, t.cookie, { reportId: t.reportId, baseVersion: t.version, changes: [] });
        if (!w.result?.ok) throw new Error(`warm-up save failed: HTTP ${w.status}`);
      }),
    );

    const lat = { save: [] as number[], editor: [] as number[], pdf: [] as number[], dashboard: [] as number[], rollup: [] as number[] };
    const errors: string[] = [];
    const noteError = (what: string) => {
      if (errors.length < 20) console.log(`error: ${what}`);
      errors.push(what);
    };
    let saves = 0;
    let saveBytes = 0;
    let rr = 0;
    const pick = () => bases[rr++ % bases.length]!;
    const deadline = performance.now() + SECONDS * 1000;
    const SAVE_TIMEOUT_MS = 30_000;
    // Past the drive and a grace period every request still open is abandoned (counted as an error;
    // an abandoned save the server stores later still counts as that tab's, see the check below).
    const GRACE_MS = 30_000;
    const stopAll = new AbortController();
    const watchdog = setTimeout(() => stopAll.abort(new Error("abandoned after the drive")), SECONDS * 1000 + GRACE_MS);
    let inflightSaves = 0;
    const progress = setInterval(() => {
      console.log(`  … ${Math.round((performance.now() - (deadline - SECONDS * 1000)) / 1000)} s: ${saves} saves answered, ${inflightSaves} open, ${errors.length} errors`);
    }, 10_000);

    // Editor tabs: each saves at SAVE_RATE / TABS per second, its start spread over one period.
    const period = (TABS / SAVE_RATE) * 1000;
    const tabLoop = async (t: Tab) => {
      let next = performance.now() + Math.random() * period;
      while (next < deadline && !stopAll.signal.aborted) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        // the next save one period later, or at once when this one ran late (no burst of missed saves)
        next = Math.max(next + period, performance.now());
        const value = t.sent + 1;
        t.sent = value;
        inflightSaves++;
        try {
          const r = await callSave(
            pick(),
            t.cookie,
            { reportId: t.reportId, baseVersion: t.version, changes: [{ ref: t.cell, base: t.base, value: String(value) }] },
            AbortSignal.any([AbortSignal.timeout(SAVE_TIMEOUT_MS), stopAll.signal]),
          );
          saves++;
          saveBytes += r.bytes;
          lat.save.push(r.ms);
          const res = r.result;
          if (r.status !== 200 || !res) noteError(`save ${t.username}: HTTP ${r.status}`);
          else if (!res.ok) noteError(`save ${t.username}: ${res.code} ${res.message}`);
          else if ((res.conflicts?.length ?? 0) > 0 || (res.rejected?.length ?? 0) > 0) noteError(`save ${t.username}: conflict or rejected`);
          else {
            t.acked = value;
            t.base = String(value);
            if (typeof res.version === "number") t.version = res.version;
          }
        } catch (e) {
          t.unanswered.add(value);
          noteError(`save ${t.username}: ${(e as Error).name} ${(e as Error).message}`);
        } finally {
          inflightSaves--;
        }
      }
    };

    const readLoop = async (rate: number, kind: "editor" | "pdf" | "dashboard" | "rollup") => {
      if (rate <= 0) return;
      const every = 1000 / rate;
      let next = performance.now() + Math.random() * every;
      const inflight: Promise<void>[] = [];
      while (next < deadline && !stopAll.signal.aborted) {
        const wait = next - performance.now();
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
        next += every;
        let target: { cookie: string; path: string };
        if (kind === "editor" || kind === "pdf") {
          const t = tabs[Math.floor(Math.random() * tabs.length)]!;
          target = { cookie: t.cookie, path: kind === "editor" ? `/reports/${t.reportId}` : `/reports/${t.reportId}/pdf` };
        } else {
          const rs = readers.filter((x) => x.kind === kind);
          target = rs[Math.floor(Math.random() * rs.length)]!;
        }
        inflight.push(
          (async () => {
            const t0 = performance.now();
            try {
              const r = await fetch(`${pick()}${target.path}`, { headers: { cookie: target.cookie }, redirect: "manual", signal: AbortSignal.any([AbortSignal.timeout(60_000), stopAll.signal]) });
              const body = await r.arrayBuffer();
              lat[kind].push(performance.now() - t0);
              if (r.status !== 200 || body.byteLength < 200) noteError(`${kind} ${target.path}: HTTP ${r.status}`);
            } catch (e) {
              noteError(`${kind} ${target.path}: ${(e as Error).message}`);
            }
          })(),
        );
      }
      await Promise.all(inflight);
    };

    const cpu0 = instances.map((i) => cpuSeconds(i.proc.pid));
    const pgCpu0 = postgresCpuSeconds();
    const tRun = performance.now();
    await Promise.all([
      ...tabs.map(tabLoop),
      readLoop(READ_RATES.editor, "editor"),
      readLoop(READ_RATES.pdf, "pdf"),
      readLoop(READ_RATES.dashboard, "dashboard"),
      readLoop(READ_RATES.rollup, "rollup"),
    ]);
    const runS = (performance.now() - tRun) / 1000;
    clearTimeout(watchdog);
    clearInterval(progress);
    // CPU used meanwhile by the two app instances and by PostgreSQL (all its processes), in cores
    const appCores = instances.reduce((a, i, k) => a + (cpuSeconds(i.proc.pid) - cpu0[k]!), 0) / runS;
    const pgCores = (postgresCpuSeconds() - pgCpu0) / runS;
    console.log(
      `CPU: app instances ${round(appCores * 100) / 100} cores, PostgreSQL ${round(pgCores * 100) / 100} cores of ${os.availableParallelism()} ` +
        `(load average ${os.loadavg().map((x) => round(x)).join(" ")}); app CPU per request ${round((appCores * runS * 1000) / Math.max(1, saves + Object.values(lat).reduce((a, x) => a + x.length, 0) - lat.save.length))} ms`,
    );
    console.log(`drive finished after ${round(runS)} s; stopping the instances, then checking the database`);
    // Stopped first: a server still working through abandoned requests would write while we read.
    await Promise.all(instances.map((i) => Promise.race([i.stop(), new Promise((r) => setTimeout(r, 15_000))]).then(() => i.kill9())));

    // The database's word: every acknowledged value stored, no version written twice.
    let lost = 0;
    let overwritten = 0;
    const reportIds = [...new Set(tabs.map((t) => t.reportId))];
    const rows = await db.report.findMany({ where: { id: { in: reportIds } }, select: { id: true, content: true, version: true } });
    const stored = new Map(rows.map((r) => [r.id, { cells: (JSON.parse(r.content) as { cells: Record<string, string> }).cells, version: r.version }]));
    for (const t of tabs) {
      const v = Number(stored.get(t.reportId)?.cells[t.cell] || 0);
      if (v === t.acked) continue;
      if (v > t.acked && t.unanswered.has(v)) continue; // a save whose answer timed out, stored after all
      if (v < t.acked) {
        lost++;
        console.log(`lost: ${t.username} ${t.cell} acknowledged ${t.acked}, stored ${v}`);
      } else {
        overwritten++;
        console.log(`unexpected: ${t.username} ${t.cell} acknowledged ${t.acked}, stored ${v}`);
      }
    }
    const events = await db.reportEvent.findMany({ where: { reportId: { in: reportIds }, action: "report.save" }, select: { reportId: true, detail: true } });
    const byReport = new Map<string, number[]>();
    for (const e of events) {
      const d = JSON.parse(e.detail ?? "{}") as { fromVersion: number; toVersion: number };
      if (d.toVersion !== d.fromVersion + 1) overwritten++;
      byReport.set(e.reportId!, [...(byReport.get(e.reportId!) ?? []), d.fromVersion]);
    }
    for (const [id, froms] of byReport) {
      const dup = froms.length - new Set(froms).size;
      if (dup) console.log(`overwritten: report ${id}: ${dup} saves from a version already written`);
      overwritten += dup;
      if (stored.get(id)!.version !== 1 + froms.length) {
        overwritten++;
        console.log(`report ${id}: version ${stored.get(id)!.version} after ${froms.length} saves`);
      }
    }

    const s = (xs: number[]) => [...xs].sort((a, b) => a - b);
    const q = (xs: number[], p: number) => round(quantile(s(xs), p));
    for (const [k, xs] of Object.entries(lat)) console.log(`${k.padEnd(9)} n=${xs.length}  p50 ${q(xs, 0.5)} ms  p99 ${q(xs, 0.99)} ms  max ${q(xs, 1)} ms`);
    const result = {
      instances: instances.length,
      organs: world.organs,
      reports: world.reports,
      tabs: TABS,
      seconds: round(runS),
      saves,
      saves_per_s: round(saves / runS),
      save_p50_ms: q(lat.save, 0.5),
      save_p99_ms: q(lat.save, 0.99),
      editor_loads: lat.editor.length,
      editor_p99_ms: q(lat.editor, 0.99),
      pdf_exports: lat.pdf.length,
      pdf_p99_ms: q(lat.pdf, 0.99),
      dashboards: lat.dashboard.length,
      dashboard_p99_ms: q(lat.dashboard, 0.99),
      rollups: lat.rollup.length,
      rollup_p99_ms: q(lat.rollup, 0.99),
      save_response_bytes: Math.round(saveBytes / Math.max(1, saves)),
      app_cpu_cores: round(appCores * 100) / 100,
      postgres_cpu_cores: round(pgCores * 100) / 100,
      load_average: round(os.loadavg()[0]!),
      errors: errors.length,
      lost,
      overwritten,
    };
    console.log(JSON.stringify(result));
    if (SMOKE && (lost || overwritten || !saves)) process.exitCode = 1;
  } finally {
    await Promise.all(instances.map((i) => Promise.race([i.stop(), new Promise((r) => setTimeout(r, 15_000))]).then(() => i.kill9())));
    await db?.$disconnect();
    const admin = new pg.Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.error(e));
    await admin.end();
    rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
