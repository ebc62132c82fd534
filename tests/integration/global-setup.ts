// vitest globalSetup: a directory and a run id for the template databases of tests/integration/test-db.ts,
// and, after the run, the templates dropped. The templates themselves are made by the first test file that
// needs one (a unit-test-only run makes none).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** test-db.ts: where the SQLite templates go, and the run's part of the PostgreSQL template names */
    testDbTemplates: { dir: string; runId: string };
  }
}

export const TEMPLATE_DB_PREFIX = "nianbao_tpl_";

export default function setup(project: TestProject) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "nianbao-tpl-"));
  const runId = randomBytes(4).toString("hex");
  project.provide("testDbTemplates", { dir, runId });
  return async () => {
    rmSync(dir, { recursive: true, force: true });
    const base = process.env.TEST_POSTGRES_URL;
    if (!base) return;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${TEMPLATE_DB_PREFIX}${runId}_%`,
      ]);
      for (const { datname } of rows) {
        await admin.query(`ALTER DATABASE "${datname}" WITH IS_TEMPLATE false`); // a template cannot be dropped
        await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
      }
    } finally {
      await admin.end();
    }
  };
}
