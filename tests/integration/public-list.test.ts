import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db-core";
import { listPublishedReports } from "@/lib/server/services/public-reports";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

/** `db` counting the report reads the public list makes (report.findMany). */
function counting(db: Db): { db: Db; reads: () => number } {
  let n = 0;
  const report = new Proxy(db.report, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (prop !== "findMany" || typeof v !== "function") return v;
      return (...args: unknown[]) => {
        n++;
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  const proxied = new Proxy(db, { get: (target, prop, receiver) => (prop === "report" ? report : Reflect.get(target, prop, receiver)) });
  return { db: proxied, reads: () => n };
}

// The public portal's list (app/public/page.tsx) is read once per change, not per visit: a province publishes
// 7,000 reports a year and reading them took a second per visit. Whatever changes the list — a report
// published or returned, an organ renamed — shows at once.
describe.each(TEST_PROVIDERS)("the public list on %s", (provider) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(provider, { demoContent: true });
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("reads the reports once while nothing changes, again after a publication, a return and a rename", async () => {
    const { db, reads } = counting(t.db);
    const first = await listPublishedReports({}, db);
    expect(first.reports.length).toBeGreaterThan(0);
    expect(reads()).toBe(1);
    // visits with other filters: the same reading
    await listPublishedReports({ q: "张良" }, db);
    await listPublishedReports({ year: first.reports[0]!.year }, db);
    expect(reads()).toBe(1);

    // a draft published (as the publish service does: a conditional update of its status)
    const draft = await t.db.report.findFirstOrThrow({ where: { status: { not: "PUBLISHED" } }, select: { id: true, status: true, organId: true } });
    await t.db.report.updateMany({ where: { id: draft.id, status: draft.status }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    const published = await listPublishedReports({}, db);
    expect(reads()).toBe(2);
    expect(published.reports.map((r) => r.id)).toContain(draft.id);
    expect(published.reports).toHaveLength(first.reports.length + 1);

    // returned by the level above: gone from the list at once
    await t.db.report.updateMany({ where: { id: draft.id, status: "PUBLISHED" }, data: { status: "RETURNED" } });
    const returned = await listPublishedReports({}, db);
    expect(returned.reports.map((r) => r.id)).not.toContain(draft.id);
    expect(returned.reports).toHaveLength(first.reports.length);

    // an organ renamed: the 机关 filter names it as it is now
    const item = returned.reports[0]!;
    const organ = await t.db.organ.findUniqueOrThrow({ where: { id: item.organId }, select: { fullName: true } });
    await t.db.organ.update({ where: { id: item.organId }, data: { fullName: `${organ.fullName}（更名）` } });
    const renamed = await listPublishedReports({}, db);
    expect(renamed.reports.find((r) => r.id === item.id)!.organName).toBe(`${organ.fullName}（更名）`);
    expect(reads()).toBe(4);
    await listPublishedReports({}, db);
    expect(reads()).toBe(4);
  });
});
