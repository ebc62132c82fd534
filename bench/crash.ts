/**
 * Crash safety (`npm run bench:crash`): a production server (`next start`, the existing build) takes a
 * stream of autosaves from several editor tabs — the editor's own call, its route
 * POST /reports/<id>/save — and is killed with SIGKILL at a random moment, KILLS times, on SQLite and on
 * PostgreSQL. After each restart:
 *   - every acknowledged save is there: each tab's cell holds the last value the server said it saved
 *     (or a later one the tab sent whose answer the kill swallowed);
 *   - the database is whole: SQLite `PRAGMA integrity_check` = ok (and foreign keys); on both, every report
 *     reads back as JSON and its version is 1 + its save events (no write half-done: the content, the
 *     version and the audit row are one transaction).
 * The process killed is the one that answers the saves (checked: the port is closed after the kill).
 *
 *   npm run bench:crash                 20 kills on SQLite, 20 on PostgreSQL (TEST_POSTGRES_URL or the local default)
 *   BENCH_SMOKE=1 npm run bench:crash   1 kill on each (CI checks that the bench still runs)
 *
 * Last line: one JSON object {kills, acknowledged, lost, corrupt, sqlite_…, postgres_…}.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import Database from "better-sqlite3";
import { hashPassword } from "better-auth/crypto";
import { emptyContent, INPUT_CELLS } from "../lib/template";
import { createDb } from "../lib/server/db-core";
import { rebuildClosure } from "../lib/server/organ-tree";
import { resolveDatabaseConfig, type DatabaseConfig } from "../lib/server/db-url";
import { syntheticEmail } from "../lib/server/auth-core";
import { setupDatabase } from "../scripts/db-setup";
import { callSave, ensureBuild, postgresServer, signIn, startInstance, type Instance } from "./app-client";
import { withRetry } from "./app-client";

const SMOKE = process.env.BENCH_SMOKE === "1";
const KILLS = Number(process.env.CRASH_KILLS ?? (SMOKE ? 1 : 20)); // per provider
const TABS = SMOKE ? 3 : 8;
const PORT = Number(process.env.CRASH_PORT ?? 3305);
const YEAR = 2025;
const PASSWORD = "crash-bench-2025";
const SECRET = `crash-bench-${randomBytes(16).toString("hex")}`;
const intCells = INPUT_CELLS.filter((c) => c.kind === "count").map((c) => c.id);

type Tab = { username: string; reportId: string; cell: string; cookie: string; version: number; base: string; sent: number; acked: number; unanswered: Set<number> };

async function seed(config: DatabaseConfig) {
  const db = createDb(config);
  try {
    await db.organ.create({ data: { id: "c-county", fullName: "崩溃县人民政府", shortName: "崩溃县", kind: "COUNTY" } });
    const n = Math.ceil(TABS / 2);
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < n; i++) {
      await db.organ.create({ data: { id: `c-t${i}`, parentId: "c-county", fullName: `崩溃县第${i}镇人民政府`, shortName: `第${i}镇`, kind: "TOWNSHIP" } });
      await db.report.create({ data: { id: `c-r${i}`, organId: `c-t${i}`, year: YEAR, content: JSON.stringify(emptyContent(`崩溃县第${i}镇人民政府`, YEAR)) } });
      await db.user.create({
        data: { id: `c-u${i}`, name: `crash${i}`, email: syntheticEmail(`crash${i}`), emailVerified: true, username: `crash${i}`, displayUsername: `crash${i}`, role: "CLERK", organId: `c-t${i}`, displayName: `crash${i}` },
      });
      await db.account.create({ data: { id: randomUUID(), accountId: `c-u${i}`, providerId: "credential", userId: `c-u${i}`, password: hash } });
    }
    await withRetry(() => rebuildClosure(db));
  } finally {
    await db.$disconnect();
  }
}

/** A fresh server's first save loads the action's modules: one empty save (writes nothing) first. */
async function warmUp(server: Instance, tabs: Tab[]) {
  const r = await callSave(server.base, tabs[0]!.cookie, { reportId: tabs[0]!.reportId, baseVersion: tabs[0]!.version, changes: [] });
  if (r.status !== 200 || !r.result?.ok) throw new Error(`warm-up save: HTTP ${r.status}`);
}

async function portClosed(port: number): Promise<boolean> {
  try {
    await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(2000) });
    return false;
  } catch {
    return true;
  }
}

/** Reads every tab's cell and checks the database; returns the tabs' losses and the corruption found. */
async function verify(config: DatabaseConfig, tabs: Tab[]): Promise<{ lost: number; corrupt: number }> {
  let corrupt = 0;
  let rows: { id: string; content: string; version: number; saves: number }[];
  if (config.provider === "sqlite") {
    const db = new Database(config.filePath); // opens as the restarted server would (WAL recovery)
    try {
      const ic = db.prepare("PRAGMA integrity_check").all() as { integrity_check: string }[];
      if (ic.length !== 1 || ic[0]!.integrity_check !== "ok") {
        corrupt++;
        console.log(`integrity_check: ${JSON.stringify(ic)}`);
      }
      const fk = db.prepare("PRAGMA foreign_key_check").all();
      if (fk.length) {
        corrupt++;
        console.log(`foreign_key_check: ${JSON.stringify(fk.slice(0, 3))}`);
      }
      rows = db
        .prepare(
          `SELECT r.id, r.content, r.version, (SELECT count(*) FROM ReportEvent e WHERE e.reportId = r.id AND e.action = 'report.save') AS saves FROM Report r`,
        )
        .all() as typeof rows;
    } finally {
      db.close();
    }
  } else {
    const c = new pg.Client({ connectionString: config.url });
    await c.connect();
    try {
      // reads every row and index of the tables the saves write (a broken page or index errors here)
      await c.query(`SELECT count(*) FROM "ReportEvent"`);
      const bad = await c.query(`SELECT count(*)::int AS n FROM "ReportEvent" e LEFT JOIN "Report" r ON r.id = e."reportId" WHERE e."reportId" IS NOT NULL AND r.id IS NULL`);
      if (bad.rows[0].n) corrupt++;
      rows = (
        await c.query(
          `SELECT r.id, r.content, r.version, (SELECT count(*)::int FROM "ReportEvent" e WHERE e."reportId" = r.id AND e.action = 'report.save') AS saves FROM "Report" r`,
        )
      ).rows;
    } finally {
      await c.end();
    }
  }
  const cells = new Map<string, Record<string, string>>();
  for (const r of rows) {
    try {
      cells.set(r.id, (JSON.parse(r.content) as { cells: Record<string, string> }).cells);
    } catch {
      corrupt++;
      console.log(`report ${r.id}: content is not JSON`);
    }
    if (r.version !== 1 + Number(r.saves)) {
      corrupt++;
      console.log(`report ${r.id}: version ${r.version} but ${r.saves} save events`);
    }
  }
  let lost = 0;
  for (const t of tabs) {
    const v = Number(cells.get(t.reportId)?.[t.cell] || 0);
    if (v === t.acked || (v > t.acked && t.unanswered.has(v))) {
      // what it said it saved, or a later one whose answer the kill swallowed
      t.acked = v;
      t.base = String(v);
      t.sent = Math.max(t.sent, v);
      continue;
    }
    lost++;
    console.log(`lost: ${t.username} ${t.cell}: acknowledged ${t.acked}, stored ${v}`);
    t.acked = v;
    t.base = String(v);
  }
  return { lost, corrupt };
}

async function run(provider: "sqlite" | "postgres", pgBase = "") {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-bench-crash-"));
  process.env.NIANBAO_DATA_DIR = tmp;
  const dbName = `nianbao_crash_${randomBytes(5).toString("hex")}`;
  let config: DatabaseConfig;
  if (provider === "sqlite") config = resolveDatabaseConfig(`file:${path.join(tmp, "crash.db")}`);
  else {
    const u = new URL(pgBase);
    u.pathname = `/${dbName}`;
    config = resolveDatabaseConfig(u.toString());
  }
  let server: Instance | null = null;
  const stats = { kills: 0, acknowledged: 0, lost: 0, corrupt: 0, unanswered: 0 };
  try {
    const log = console.log;
    console.log = () => {};
    await setupDatabase(config, { seed: false });
    console.log = log;
    await seed(config);
    const env = { DATABASE_URL: config.url, BETTER_AUTH_SECRET: SECRET, NIANBAO_DATA_DIR: tmp, NIANBAO_SEED: "off", NIANBAO_AUTH_RATE_LIMIT: "off" };
    server = await startInstance(PORT, env);
    const tabs: Tab[] = [];
    for (let i = 0; i < TABS; i++) {
      const r = Math.floor(i / 2);
      tabs.push({
        username: `crash${r}`,
        reportId: `c-r${r}`,
        cell: intCells[i % 2]!,
        cookie: await signIn(server.base, `crash${r}`, PASSWORD),
        version: 1,
        base: "",
        sent: 0,
        acked: 0,
        unanswered: new Set(),
      });
    }
    await warmUp(server, tabs);
    for (let k = 0; k < KILLS; k++) {
      const srv: Instance = server!;
      let stop = false;
      // each tab saves back to back (an autosave stream), the kill lands mid-stream
      const streams = tabs.map(async (t) => {
        while (!stop) {
          const value = t.sent + 1;
          t.sent = value;
          try {
            const r = await callSave(srv.base, t.cookie, {
              reportId: t.reportId,
              baseVersion: t.version,
              changes: [{ ref: t.cell, base: t.base, value: String(value) }],
            });
            if (r.status === 200 && r.result?.ok && !r.result.conflicts?.length) {
              t.acked = value;
              t.base = String(value);
              stats.acknowledged++;
              if (typeof r.result.version === "number") t.version = r.result.version;
            } else {
              t.unanswered.add(value);
              if (!stop) console.log(`save ${t.username}: HTTP ${r.status} ${JSON.stringify(r.result)?.slice(0, 200)}`);
            }
          } catch {
            t.unanswered.add(value); // the kill: no answer
            stats.unanswered++;
            break;
          }
        }
      });
      // kill once the stream is flowing (a few saves acknowledged since the start), at a random moment
      const ackedBefore = stats.acknowledged;
      const until = Date.now() + 60_000;
      while (stats.acknowledged < ackedBefore + TABS && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, Math.random() * 1000));
      await srv.kill9();
      stop = true;
      stats.kills++;
      await Promise.all(streams);
      if (!(await portClosed(PORT))) throw new Error("the port still answers after the kill: another process serves the saves");
      const v = await verify(config, tabs);
      stats.lost += v.lost;
      stats.corrupt += v.corrupt;
      server = await startInstance(PORT, env);
      await warmUp(server, tabs);
      // the tabs reload the report (as the editor does after a lost connection): its current version
      for (const t of tabs) {
        const r = await fetch(`${server.base}/reports/${t.reportId}/state`, { headers: { cookie: t.cookie } });
        if (r.status !== 200) throw new Error(`state after restart: HTTP ${r.status}`);
        t.version = ((await r.json()) as { version: number }).version;
      }
      console.log(`${provider} kill ${k + 1}/${KILLS}: acknowledged so far ${stats.acknowledged}, lost ${stats.lost}, corrupt ${stats.corrupt}`);
    }
    return stats;
  } finally {
    await server?.stop();
    if (provider === "postgres") {
      const admin = new pg.Client({ connectionString: pgBase });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch((e) => console.error(e));
      await admin.end();
    }
    rmSync(tmp, { recursive: true, force: true });
  }
}

async function main() {
  ensureBuild();
  const sqlite = await run("sqlite");
  const pgUrl = await postgresServer();
  if (!pgUrl) console.log("PostgreSQL is not reachable (set TEST_POSTGRES_URL): PostgreSQL half skipped");
  const postgres = pgUrl ? await run("postgres", pgUrl) : { kills: 0, acknowledged: 0, lost: 0, corrupt: 0, unanswered: 0 };
  const sum = (k: keyof typeof sqlite) => sqlite[k] + postgres[k];
  console.log(
    JSON.stringify({
      kills: sum("kills"),
      acknowledged: sum("acknowledged"),
      lost: sum("lost"),
      corrupt: sum("corrupt"),
      ...Object.fromEntries(Object.entries(sqlite).map(([k, v]) => [`sqlite_${k}`, v])),
      ...Object.fromEntries(Object.entries(postgres).map(([k, v]) => [`postgres_${k}`, v])),
    }),
  );
  if (sum("lost") || sum("corrupt")) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
