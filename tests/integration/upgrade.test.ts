// An existing database upgraded to the organ tree of any depth keeps every report: the migrations
// before it are applied first, rows are written the way that schema had them, then the rest.
import { cpSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db-core";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/server/db-url";
import { migrateDeploy, setupDatabase } from "@/scripts/db-setup";
import { rebuildClosure } from "@/lib/server/organ-tree";
import { TEST_PROVIDERS } from "./test-db";

const FIRST_NEW = "20261206080403_organ_tree_levels";

function olderMigrations(provider: string, tmp: string): string {
  const src = path.join("prisma", provider, "migrations");
  const dst = path.join(tmp, "migrations");
  cpSync(src, dst, { recursive: true });
  for (const name of readdirSync(dst)) if (name >= FIRST_NEW && name !== "migration_lock.toml") rmSync(path.join(dst, name), { recursive: true });
  return dst;
}

function deploy(config: DatabaseConfig, migrationsPath?: string) {
  const before = process.env.NIANBAO_MIGRATIONS_PATH;
  if (migrationsPath) process.env.NIANBAO_MIGRATIONS_PATH = migrationsPath;
  else delete process.env.NIANBAO_MIGRATIONS_PATH;
  try {
    migrateDeploy(config);
  } finally {
    if (before === undefined) delete process.env.NIANBAO_MIGRATIONS_PATH;
    else process.env.NIANBAO_MIGRATIONS_PATH = before;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
}, 60_000);

describe.each(TEST_PROVIDERS)("upgrading an existing database on %s", (provider) => {
  it("keeps every organ, report and event, and builds the closure of the existing tree", async () => {
    const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-upgrade-"));
    let url: string;
    if (provider === "sqlite") url = `file:${path.join(tmp, "old.db")}`;
    else {
      const name = `nianbao_upgrade_${randomBytes(5).toString("hex")}`;
      const base = new URL(process.env.TEST_POSTGRES_URL!);
      const admin = new pg.Client({ connectionString: base.toString() });
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      base.pathname = `/${name}`;
      url = base.toString();
      cleanups.push(async () => {
        const a = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL! });
        await a.connect();
        await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await a.end();
      });
    }
    cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
    const config = resolveDatabaseConfig(url);
    deploy(config, olderMigrations(provider, tmp));

    // rows as the previous schema had them: county → township → (no deeper), one report each
    const q = async (sql: string) => {
      const db: Db = createDb(config);
      try {
        await db.$executeRawUnsafe(sql);
      } finally {
        await db.$disconnect();
      }
    };
    const now = provider === "sqlite" ? "CURRENT_TIMESTAMP" : "now()";
    await q(`INSERT INTO "Organ" ("id","parentId","fullName","shortName","kind","sortOrder","updatedAt") VALUES
      ('c1',NULL,'老县人民政府','老县','COUNTY',0,${now}),
      ('t1','c1','老县一镇人民政府','一镇','TOWNSHIP',1,${now}),
      ('t2','c1','老县二乡人民政府','二乡','TOWNSHIP',2,${now})`);
    await q(`INSERT INTO "Report" ("id","organId","year","status","content","version","updatedAt") VALUES
      ('r1','t1',2023,'PUBLISHED','{"header":{}}',7,${now}),
      ('r2','t2',2023,'DRAFT','{"header":{}}',2,${now}),
      ('r3','t1',2024,'SUBMITTED','{"header":{}}',3,${now})`);
    await q(`INSERT INTO "ReportEvent" ("id","reportId","action","detail") VALUES ('e1','r1','report.publish','{}')`);

    // as `npm start` upgrades it: db-setup on a database in WAL mode (as the app leaves a SQLite file)
    if (provider === "sqlite") {
      const db0 = createDb(config);
      await db0.$queryRawUnsafe("PRAGMA journal_mode = WAL");
      await db0.$disconnect();
    }
    await setupDatabase(config, { seed: false });
    const db = createDb(config);
    try {
      const reports = await db.report.findMany({ orderBy: { id: "asc" }, select: { id: true, organId: true, year: true, status: true, version: true, kind: true, content: true } });
      expect(reports).toEqual([
        { id: "r1", organId: "t1", year: 2023, status: "PUBLISHED", version: 7, kind: "ORGAN", content: '{"header":{}}' },
        { id: "r2", organId: "t2", year: 2023, status: "DRAFT", version: 2, kind: "ORGAN", content: '{"header":{}}' },
        { id: "r3", organId: "t1", year: 2024, status: "SUBMITTED", version: 3, kind: "ORGAN", content: '{"header":{}}' },
      ]);
      expect(await db.reportEvent.count({ where: { reportId: "r1" } })).toBe(1);
      expect(await db.organ.count({ where: { active: true } })).toBe(3);
      const closure = await db.organClosure.findMany({ orderBy: [{ organId: "asc" }, { depth: "asc" }], select: { ancestorId: true, organId: true, depth: true } });
      expect(closure).toEqual([
        { ancestorId: "c1", organId: "c1", depth: 0 },
        { ancestorId: "t1", organId: "t1", depth: 0 },
        { ancestorId: "c1", organId: "t1", depth: 1 },
        { ancestorId: "t2", organId: "t2", depth: 0 },
        { ancestorId: "c1", organId: "t2", depth: 1 },
      ]);
      // the migration's closure is the one the repair tool computes
      await rebuildClosure(db);
      expect(await db.organClosure.findMany({ orderBy: [{ organId: "asc" }, { depth: "asc" }], select: { ancestorId: true, organId: true, depth: true } })).toEqual(closure);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});
