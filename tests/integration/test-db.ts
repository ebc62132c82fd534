// Fresh, migrated and seeded databases for integration tests:
//   - always a SQLite file in a temp dir
//   - PostgreSQL too when TEST_POSTGRES_URL is set (e.g. postgres://postgres@127.0.0.1:5432/postgres):
//     a database nianbao_test_<random> is created, migrated with `prisma migrate deploy`, and dropped.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/server/db-core";
import { resolveDatabaseConfig, type DbProvider } from "@/lib/server/db-url";
import { setupDatabase } from "@/scripts/db-setup";

export type TestDb = { provider: DbProvider; db: Db; url: string; cleanup: () => Promise<void> };

export const TEST_PROVIDERS: DbProvider[] = process.env.TEST_POSTGRES_URL ? ["sqlite", "postgres"] : ["sqlite"];

/**
 * `demoContent`: also the demo content (张良镇 and its published report, scripts/seed-content.ts);
 * off by default so tests build their own world on the demo organs and accounts.
 */
export async function createTestDb(provider: DbProvider, opts: { demoContent?: boolean } = {}): Promise<TestDb> {
  const seedOpts = { seed: true, demoContent: opts.demoContent ?? false };
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-it-"));
  // The auth secret file and anything else under the data dir go to the temp dir, not ./data.
  process.env.NIANBAO_DATA_DIR = tmp;
  if (provider === "sqlite") {
    const config = resolveDatabaseConfig(`file:${path.join(tmp, "test.db")}`);
    await setupDatabase(config, seedOpts);
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
  await setupDatabase(config, seedOpts); // creates the database, migrates, seeds
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
