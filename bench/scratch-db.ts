// A bench's own database: migrated (and seeded when asked) without db-setup's log lines.
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createDb, type Db } from "../lib/server/db-core";
import { resolveDatabaseConfig, type DatabaseConfig } from "../lib/server/db-url";
import { setupDatabase } from "../scripts/db-setup";

/** setupDatabase (migrations; the demo seed with `seed`) with its progress lines silenced. */
export async function setupQuietly(config: DatabaseConfig, opts: { seed: boolean }): Promise<void> {
  const log = console.log;
  console.log = () => {};
  try {
    await setupDatabase(config, opts);
  } finally {
    console.log = log;
  }
}

/** A scratch SQLite database in a new temp directory (also the data directory); the caller removes `tmp`. */
export async function scratchSqlite(name: string, opts: { seed: boolean }): Promise<{ tmp: string; config: DatabaseConfig; db: Db }> {
  const tmp = mkdtempSync(path.join(os.tmpdir(), `nianbao-bench-${name}-`));
  process.env.NIANBAO_DATA_DIR = tmp;
  const config = resolveDatabaseConfig(`file:${path.join(tmp, "bench.db")}`);
  await setupQuietly(config, opts);
  return { tmp, config, db: createDb(config) };
}
