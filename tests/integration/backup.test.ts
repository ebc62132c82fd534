import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/server/db-core";
import { resolveDatabaseConfig, type DatabaseConfig } from "@/lib/server/db-url";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent, saveReport } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { backupDatabase, backupKind, libpqConnection, restoreDatabase } from "@/scripts/db-backup";
import { actor, completeContent } from "./fixtures";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

// Issue 12 item 8: a backup restored into a scratch database holds every report identical
// (content, status, version, events), and every other table too.

/** Every row of every table, in a stable order, for a deep comparison. */
async function dump(db: Db) {
  const byId = { orderBy: { id: "asc" as const } };
  return {
    organs: await db.organ.findMany(byId),
    closure: await db.organClosure.findMany({ orderBy: [{ ancestorId: "asc" }, { organId: "asc" }] }),
    deadlines: await db.deadlineSetting.findMany(byId),
    users: await db.user.findMany(byId),
    accounts: await db.account.findMany(byId),
    sessions: await db.session.findMany(byId),
    reports: await db.report.findMany(byId),
    events: await db.reportEvent.findMany(byId),
    snapshots: await db.reportSnapshot.findMany(byId),
    comments: await db.comment.findMany(byId),
    loginAttempts: await db.loginAttempt.findMany(byId),
  };
}

describe.each(TEST_PROVIDERS)("backup and restore on %s", (provider) => {
  let t: TestDb;
  let tmp: string;
  let scratch: DatabaseConfig | undefined;
  let scratchName: string | undefined;
  let draftId = "";

  beforeAll(async () => {
    t = await createTestDb(provider, { demoContent: true }); // the demo's published report with its history
    tmp = mkdtempSync(path.join(os.tmpdir(), "nianbao-backup-"));
    // more history: a draft with text that stresses encodings, and a submitted report
    const chengguan = await actor(t.db, "chengguan");
    const created = await createReport(chengguan, { year: 2026 }, t.db);
    if (!created.ok) throw new Error(created.message);
    draftId = created.reportId;
    const content = completeContent("示范县城关镇人民政府", 2026);
    const changes = Object.entries(content.text).map(([id, value]) => ({ ref: `text.${id}`, base: "", value: `${value}“引号”\u0000?👍<b>` }));
    const saved = await saveReport(chengguan, { reportId: created.reportId, baseVersion: 1, changes }, t.db);
    expect(saved.ok).toBe(true);
    const qingshan = await actor(t.db, "qingshan");
    const second = await createReport(qingshan, { year: 2026 }, t.db);
    if (!second.ok) throw new Error(second.message);
    const r = await replaceReportContent(qingshan, { reportId: second.reportId, baseVersion: 1, content: completeContent("示范县青山镇人民政府", 2026) }, t.db);
    expect(r.ok).toBe(true);
    const { version } = await t.db.report.findUniqueOrThrow({ where: { id: second.reportId } });
    expect((await submitReport(qingshan, { reportId: second.reportId, baseVersion: version }, t.db)).ok).toBe(true);
  }, 180_000);

  afterAll(async () => {
    await t?.cleanup();
    if (scratchName) {
      const admin = new pg.Client({ connectionString: process.env.TEST_POSTGRES_URL });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS "${scratchName}" WITH (FORCE)`).finally(() => admin.end());
    }
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  }, 60_000);

  it("backs up while the app's connection is open, restores into a scratch database, and every row is identical", async () => {
    const before = await dump(t.db);
    expect(before.reports.length).toBeGreaterThanOrEqual(3);
    expect(before.events.length).toBeGreaterThan(before.reports.length);

    const file = path.join(tmp, provider === "sqlite" ? "backup.db" : "backup.dump");
    const config = resolveDatabaseConfig(t.url);
    expect(await backupDatabase(config, file)).toBeGreaterThan(0);
    expect(backupKind(file)).toBe(provider);
    // the app keeps writing after the snapshot: the backup holds the state at backup time
    const chengguan = await actor(t.db, "chengguan");
    const draft = before.reports.find((r) => r.id === draftId)!;
    expect((await saveReport(chengguan, { reportId: draft.id, baseVersion: draft.version, changes: [{ ref: "text.s6", base: null, value: "备份之后" }] }, t.db)).ok).toBe(true);

    if (provider === "sqlite") {
      scratch = resolveDatabaseConfig(`file:${path.join(tmp, "restored.db")}`);
    } else {
      scratchName = `nianbao_restore_${randomBytes(6).toString("hex")}`;
      const u = new URL(process.env.TEST_POSTGRES_URL!);
      u.pathname = `/${scratchName}`;
      scratch = resolveDatabaseConfig(u.toString());
    }
    await restoreDatabase(file, scratch);
    const restoredDb = createDb(scratch);
    try {
      const after = await dump(restoredDb);
      expect(after.reports.map((r) => [r.id, r.status, r.version])).toEqual(before.reports.map((r) => [r.id, r.status, r.version]));
      for (let i = 0; i < before.reports.length; i++) expect(after.reports[i]!.content).toBe(before.reports[i]!.content);
      expect(after.events).toEqual(before.events);
      expect(after).toEqual(before);
    } finally {
      await restoredDb.$disconnect();
    }
  }, 180_000);

  it("refuses to restore over a database that holds tables, or a backup of the other provider, or a stray file", async () => {
    const file = path.join(tmp, provider === "sqlite" ? "second.db" : "second.dump");
    await backupDatabase(resolveDatabaseConfig(t.url), file);
    await expect(backupDatabase(resolveDatabaseConfig(t.url), file)).rejects.toThrow(/already exists/);
    await expect(restoreDatabase(file, scratch!)).rejects.toThrow(/already holds/);
    const stray = path.join(tmp, "stray.bin");
    writeFileSync(stray, "not a backup at all");
    await expect(restoreDatabase(stray, scratch!)).rejects.toThrow(/neither/);
    const other = provider === "sqlite" ? resolveDatabaseConfig("postgres://x@127.0.0.1:1/x") : resolveDatabaseConfig(`file:${path.join(tmp, "x.db")}`);
    await expect(restoreDatabase(file, other)).rejects.toThrow(/backup but the target is/);
    if (provider === "sqlite") expect(existsSync(path.join(tmp, "x.db"))).toBe(false);
    // --force replaces it (the app stopped), and the result is the source again
    await restoreDatabase(file, scratch!, { force: true });
    const db = createDb(scratch!);
    try {
      expect((await dump(db)).reports).toEqual((await dump(t.db)).reports);
    } finally {
      await db.$disconnect();
    }
  }, 180_000);
});

describe("libpqConnection", () => {
  it("drops Prisma's own parameters and moves the password out of the command line", () => {
    const c = libpqConnection("postgres://u:p%40ss@db:5432/nb?schema=public&sslmode=require&connection_limit=5");
    expect(c.uri).toBe("postgres://u@db:5432/nb?sslmode=require");
    expect(c.env.PGPASSWORD).toBe("p@ss");
  });
});
