// Fresh, migrated and seeded databases for integration tests:
//   - always a SQLite file in a temp dir
//   - PostgreSQL too when TEST_POSTGRES_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres):
//     a database nianbao_test_<random>, dropped by cleanup().
// Migrating and seeding (`prisma migrate deploy` in a child process, the demo accounts' password hashes) take
// seconds, the same each time: a run does it once per provider and seed variant, into a template (made by
// the first test file that needs it, through the same setupDatabase that `npm start` runs), and every
// createTestDb copies the template — a file copy on SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL.
// tests/integration/global-setup.ts provides the templates' place and drops them after the run; without
// it (another config) each createTestDb migrates and seeds its own database as before.
import { randomBytes } from "node:crypto";
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { inject } from "vitest";
import { createDb, type Db } from "@/lib/server/db-core";
import { resolveDatabaseConfig, type DbProvider } from "@/lib/server/db-url";
import { getAuthSecret } from "@/lib/server/secret";
import { setupDatabase } from "@/scripts/db-setup";
import { TEMPLATE_DB_PREFIX } from "./global-setup";

export type TestDb = { provider: DbProvider; db: Db; url: string; cleanup: () => Promise<void> };

export const TEST_PROVIDERS: DbProvider[] = process.env.TEST_POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

type SeedOpts = { seed: true; demoContent: boolean };
const variant = (o: SeedOpts) => (o.demoContent ? "demo" : "base");

function templates(): { dir: string; runId: string } | undefined {
  try {
    return inject("testDbTemplates");
  } catch {
    return undefined;
  }
}

/**
 * `demoContent`: also the demo content (张良镇 and its published report, scripts/seed-content.ts);
 * off by default so tests build their own world on the demo organs and accounts.
 */
export async function createTestDb(provider: DbProvider, opts: { demoContent?: boolean } = {}): Promise<TestDb> {
  const seedOpts: SeedOpts = { seed: true, demoContent: opts.demoContent ?? false };
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-it-"));
  // The auth secret file and anything else under the data dir go to the temp dir, not ./data.
  process.env.NIANBAO_DATA_DIR = tmp;
  const tpl = templates();
  if (provider === "sqlite") {
    const file = path.join(tmp, "test.db");
    const config = resolveDatabaseConfig(`file:${file}`);
    if (tpl) {
      const from = await sqliteTemplate(tpl.dir, seedOpts);
      copyFileSync(from, file);
      if (existsSync(`${from}-wal`)) copyFileSync(`${from}-wal`, `${file}-wal`);
      if (!process.env.BETTER_AUTH_SECRET) getAuthSecret(); // as setupDatabase does
    } else {
      await setupDatabase(config, seedOpts);
    }
    const db = createDb(config);
    return {
      provider,
      db,
      url: config.url,
      cleanup: async () => {
        await db.$disconnect();
        rmSync(tmp, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.TEST_POSTGRES_URL;
  if (!base) throw new Error("TEST_POSTGRES_URL is not set");
  const name = `nianbao_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const config = resolveDatabaseConfig(url.toString());
  if (tpl) {
    const template = await postgresTemplate(base, tpl.runId, seedOpts);
    await cloneDatabase(base, template, name);
    if (!process.env.BETTER_AUTH_SECRET) getAuthSecret();
  } else {
    await setupDatabase(config, seedOpts); // creates the database, migrates, seeds
  }
  const db = createDb(config);
  return {
    provider,
    db,
    url: config.url,
    cleanup: async () => {
      await db.$disconnect();
      const admin = new pg.Client({ connectionString: base });
      await admin.connect();
      try {
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await admin.end();
      }
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/**
 * The SQLite template file for `seedOpts`: built by the first caller (an exclusive lock file), waited for by
 * the others (test files run in several worker processes at once).
 */
async function sqliteTemplate(dir: string, seedOpts: SeedOpts): Promise<string> {
  const file = path.join(dir, `sqlite-${variant(seedOpts)}.db`);
  const ready = `${file}.ready`;
  const failed = `${file}.failed`;
  let mine = false;
  if (!existsSync(ready)) {
    try {
      closeSync(openSync(`${file}.lock`, "wx"));
      mine = true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
    }
  }
  if (mine) {
    try {
      const build = mkdtempSync(path.join(dir, "build-"));
      const built = path.join(build, "t.db");
      await setupDatabase(resolveDatabaseConfig(`file:${built}`), seedOpts);
      // setupDatabase has closed its connections: the WAL is checkpointed into the file (copied if left)
      copyFileSync(built, file);
      if (existsSync(`${built}-wal`)) copyFileSync(`${built}-wal`, `${file}-wal`);
      writeFileSync(ready, "");
    } catch (e) {
      writeFileSync(failed, e instanceof Error ? (e.stack ?? e.message) : String(e));
      throw e;
    }
  }
  for (const end = Date.now() + 300_000; !existsSync(ready); await sleep(100)) {
    if (existsSync(failed)) throw new Error(`the SQLite template database could not be made:\n${readFileSync(failed, "utf8")}`);
    if (Date.now() > end) throw new Error(`no SQLite template database after 300 s (${file})`);
  }
  return file;
}

/**
 * The PostgreSQL template database for `seedOpts`: built by the first caller under an advisory lock, marked
 * IS_TEMPLATE once complete (a database left unmarked by a failed build is dropped and built again).
 */
async function postgresTemplate(base: string, runId: string, seedOpts: SeedOpts): Promise<string> {
  const name = `${TEMPLATE_DB_PREFIX}${runId}_${variant(seedOpts)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    await admin.query(`SELECT pg_advisory_lock(hashtext($1))`, [name]);
    const { rows } = await admin.query<{ datistemplate: boolean }>(`SELECT datistemplate FROM pg_database WHERE datname = $1`, [name]);
    if (rows[0]?.datistemplate) return name;
    if (rows.length) await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`); // not marked: a failed build
    const url = new URL(base);
    url.pathname = `/${name}`;
    await setupDatabase(resolveDatabaseConfig(url.toString()), seedOpts);
    await admin.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true`);
    return name;
  } finally {
    await admin.query(`SELECT pg_advisory_unlock(hashtext($1))`, [name]).catch(() => {});
    await admin.end();
  }
}

/** CREATE DATABASE `name` TEMPLATE `template`; retried while the template's last sessions are still closing. */
async function cloneDatabase(base: string, template: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (e) {
        // 55006 object_in_use: "source database … is being accessed by other users"
        if ((e as { code?: string }).code !== "55006" || attempt >= 50) throw e;
        await sleep(200);
      }
    }
  } finally {
    await admin.end();
  }
}
