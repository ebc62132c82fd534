// Prepares the database before `next start` (and for development): quick when already done.
//   1. provider from DATABASE_URL (unset → SQLite file data/nianbao.db)
//   2. creates data/ and the auth secret file (unless BETTER_AUTH_SECRET is set)
//   3. PostgreSQL: creates the database if it does not exist
//   4. `prisma migrate deploy` with prisma.config.ts, skipped when every migration is applied
//   5. seeds the demo organs/accounts and the demo content (a published report) on an empty
//      database (NIANBAO_SEED=off to skip)
// Run: npx tsx scripts/db-setup.ts
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { createDb, type Db } from "../lib/server/db-core";
import { resolveDatabaseConfig, type DatabaseConfig } from "../lib/server/db-url";
import { dataDir } from "../lib/server/data-dir";
import { getAuthSecret } from "../lib/server/secret";
import { seedDemo } from "./seed";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function log(msg: string) {
  console.log(`[db-setup] ${msg}`);
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@");
}

/** Creates the PostgreSQL database named in `url` if it is missing. */
export async function ensurePostgresDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (e) {
    if ((e as { code?: string }).code !== "3D000") throw e; // 3D000 = invalid_catalog_name
  } finally {
    await probe.end().catch(() => {});
  }
  const target = new URL(url);
  const dbName = decodeURIComponent(target.pathname.replace(/^\//, ""));
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${dbName.replace(/"/g, '""')}"`);
    log(`created database ${dbName}`);
  } catch (e) {
    // Another instance starting at the same moment created it first (42P04 duplicate_database, or
    // 23505 on pg_database's unique index when both CREATEs ran concurrently).
    const code = (e as { code?: string }).code;
    if (code !== "42P04" && code !== "23505") throw e;
  } finally {
    await client.end();
  }
}

function migrationNames(provider: DatabaseConfig["provider"]): string[] {
  const dir = path.join(root, "prisma", provider, "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

async function pendingMigrations(db: Db, provider: DatabaseConfig["provider"]): Promise<string[]> {
  const wanted = migrationNames(provider);
  try {
    const rows = await db.$queryRawUnsafe<Array<{ migration_name: string }>>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    return wanted.filter((m) => !applied.has(m));
  } catch {
    return wanted; // no migrations table yet
  }
}

/** Runs `prisma migrate deploy` for the database in `config`. Throws with Prisma's output on failure. */
export function migrateDeploy(config: DatabaseConfig): void {
  const prismaBin = path.join(root, "node_modules", ".bin", process.platform === "win32" ? "prisma.cmd" : "prisma");
  const r = spawnSync(prismaBin, ["migrate", "deploy"], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: config.url,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      // Without this the CLI lingers ~10 s after a PostgreSQL deploy (see the file's comment).
      NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${JSON.stringify(path.join(root, "scripts", "unref-long-timers.cjs"))}`.trim(),
    },
    encoding: "utf8",
  });
  if (r.status !== 0) {
    throw new Error(`prisma migrate deploy failed:\n${r.stdout ?? ""}\n${r.stderr ?? ""}${r.error ? String(r.error) : ""}`);
  }
}

/**
 * The PostgreSQL advisory lock that serialises db-setup across instances (any 64-bit key of our own;
 * `prisma migrate deploy` takes its own, different one for the migration alone). Held on its own
 * connection from the pending-migration check through the demo seed, so that N instances starting
 * together migrate and seed once: the first does the work, the others wait and then find nothing to do.
 */
export const SETUP_LOCK_KEY = "7431205617042";

async function withSetupLock<T>(config: DatabaseConfig, fn: () => Promise<T>): Promise<T> {
  if (config.provider !== "postgres") return fn(); // SQLite: one file, one host; the migration itself is a transaction
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const got = await client.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(${SETUP_LOCK_KEY}) AS locked`);
    if (!got.rows[0]?.locked) {
      log("another instance is preparing the database; waiting for it");
      await client.query(`SELECT pg_advisory_lock(${SETUP_LOCK_KEY})`);
    }
    return await fn();
  } finally {
    // ending the session releases the lock too, should the unlock fail
    await client.query(`SELECT pg_advisory_unlock(${SETUP_LOCK_KEY})`).catch(() => {});
    await client.end().catch(() => {});
  }
}

export async function setupDatabase(
  config: DatabaseConfig = resolveDatabaseConfig(),
  /** demoContent: the demo report too (default true) */
  opts: { seed?: boolean; demoContent?: boolean } = {},
) {
  mkdirSync(dataDir(), { recursive: true });
  if (!process.env.BETTER_AUTH_SECRET) getAuthSecret();
  if (config.provider === "postgres") {
    await ensurePostgresDatabase(config.url);
  }
  await withSetupLock(config, () => migrateAndSeed(config, opts));
}

async function migrateAndSeed(config: DatabaseConfig, opts: { seed?: boolean; demoContent?: boolean }) {
  // The migration runs in a child process: this process holds no connection meanwhile (an open
  // connection to a WAL-mode SQLite file makes the migration's schema changes fail as busy).
  const probe = createDb(config);
  let pending: string[];
  try {
    pending = await pendingMigrations(probe, config.provider);
  } finally {
    await probe.$disconnect();
  }
  if (pending.length > 0) {
    log(`applying ${pending.length} migration(s): ${pending.join(", ")}`);
    migrateDeploy(config);
  }
  const db = createDb(config);
  try {
    if (config.provider === "sqlite" && config.filePath !== ":memory:") {
      await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
    }
    if (opts.seed ?? process.env.NIANBAO_SEED !== "off") {
      const { created } = await seedDemo(db, { content: opts.demoContent });
      if (created) log("demo organs and accounts created (password: nianbao2024, see docs/demo-accounts.md)");
    }
  } finally {
    await db.$disconnect();
  }
}

const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const config = resolveDatabaseConfig();
  const started = Date.now();
  if (config.provider === "postgres" && !process.env.BETTER_AUTH_SECRET?.trim())
    log(
      "warning: BETTER_AUTH_SECRET is not set — this instance signs sessions with its own generated secret " +
        `(${path.join(dataDir(), "auth-secret")}); instances on other hosts will not accept each other's logins. ` +
        "Set the same BETTER_AUTH_SECRET on every instance (README: Deployment).",
    );
  setupDatabase(config)
    .then(() => log(`${config.provider} ${config.provider === "sqlite" ? config.filePath : redact(config.url)} ready (${Date.now() - started} ms)`))
    .catch((e: unknown) => {
      console.error(`[db-setup] failed: ${e instanceof Error ? e.message : String(e)}`);
      process.exit(1);
    });
}
