// Several instances on one database: the health endpoint, and db-setup started by N instances at once
// (README: Deployment).
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "@/lib/server/db-core";
import { resolveDatabaseConfig } from "@/lib/server/db-url";
import { checkHealth } from "@/lib/server/services/health";
import { GET } from "@/app/api/health/route";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

const root = path.resolve(import.meta.dirname, "../..");

describe.each(TEST_PROVIDERS)("GET /api/health on %s", (provider) => {
  let t: TestDb;
  const saved = process.env.DATABASE_URL;

  beforeAll(async () => {
    t = await createTestDb(provider);
    process.env.DATABASE_URL = t.url;
  }, 120_000);

  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    if (saved === undefined) delete process.env.DATABASE_URL;
    await t?.cleanup();
  }, 60_000);

  it("answers 200 {ok:true} without a session when the database answers", async () => {
    const res = await GET();
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.json();
    expect(body).toMatchObject({ ok: true, database: provider });
  });
});

describe("GET /api/health when the database is unreachable", () => {
  const saved = process.env.DATABASE_URL;
  afterAll(() => {
    process.env.DATABASE_URL = saved;
    if (saved === undefined) delete process.env.DATABASE_URL;
  });

  it("answers 503 with a Chinese reason and no secret", async () => {
    // nothing listens on port 9: the connection is refused at once
    process.env.DATABASE_URL = "postgres://nianbao:s3cret-password@127.0.0.1:9/nianbao_prod";
    const res = await GET();
    expect(res.status).toBe(503);
    const text = await res.text();
    const body = JSON.parse(text);
    expect(body.ok).toBe(false);
    expect(body.message).toMatch(/数据库/);
    for (const secret of ["s3cret-password", "nianbao_prod", "127.0.0.1", "ECONNREFUSED"]) expect(text).not.toContain(secret);
  });

  it("answers 503 when the database does not answer in time", async () => {
    const hanging = { $queryRawUnsafe: () => new Promise(() => {}) } as unknown as Parameters<typeof checkHealth>[0];
    const r = await checkHealth(hanging, "postgres", 50);
    expect(r.status).toBe(503);
    expect(r.body).toMatchObject({ ok: false });
    expect(!r.body.ok && r.body.message).toMatch(/没有响应/);
  });
});

function runSetup(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-setup.ts"], {
      cwd: root,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("exit", (code) => resolve({ code, out }));
  });
}

describe.skipIf(!process.env.TEST_POSTGRES_URL)("db:setup started by several instances at once on PostgreSQL", () => {
  const base = process.env.TEST_POSTGRES_URL!;
  const name = `nianbao_test_${randomBytes(6).toString("hex")}`;
  const url = new URL(base);
  url.pathname = `/${name}`;
  const tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-it-deploy-"));

  afterAll(async () => {
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await admin.end();
    }
    rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("creates, migrates and seeds a fresh database once; every instance succeeds", async () => {
    const env = {
      ...process.env,
      DATABASE_URL: url.toString(),
      BETTER_AUTH_SECRET: "deployment-test-secret-0123456789abcdef",
      NIANBAO_DATA_DIR: tmp,
      NODE_OPTIONS: "",
    };
    const runs = await Promise.all([runSetup(env), runSetup(env), runSetup(env)]);
    for (const r of runs) expect(r.code, r.out).toBe(0);
    // one of them did the work, the others found it done
    expect(runs.filter((r) => r.out.includes("applying")).length).toBe(1);
    expect(runs.filter((r) => r.out.includes("demo organs and accounts created")).length).toBe(1);

    const db = createDb(resolveDatabaseConfig(url.toString()));
    try {
      const migrations = readdirSync(path.join(root, "prisma/postgres/migrations"), { withFileTypes: true }).filter((d) => d.isDirectory());
      const applied = await db.$queryRawUnsafe<{ migration_name: string }[]>(
        `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
      );
      expect(applied.map((r) => r.migration_name).sort()).toEqual(migrations.map((d) => d.name).sort());
      // the demo once: no organ twice, one admin
      const dup = await db.$queryRawUnsafe<{ n: bigint }[]>(
        `SELECT count(*) AS n FROM (SELECT "fullName" FROM "Organ" GROUP BY "fullName", "parentId" HAVING count(*) > 1) d`,
      );
      expect(Number(dup[0]!.n)).toBe(0);
      expect(await db.user.count({ where: { username: "admin" } })).toBe(1);
      expect(await db.organ.count()).toBeGreaterThan(5);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});
