// The demo as `npm start` seeds it: organs, accounts and the demo content (张良镇's published 2023 report).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth } from "@/lib/server/auth-core";
import { createReport } from "@/lib/server/services/create-report";
import { getReport } from "@/lib/server/services/get-report";
import { getPublishedReport, listPublishedReports } from "@/lib/server/services/public-reports";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { DEMO_PASSWORD, seedDemo } from "@/scripts/seed";
import { DEMO_CONTENT, LEVEL_DEMO, seedDemoContent } from "@/scripts/seed-content";
import { getRollup } from "@/lib/server/services/rollup";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor } from "./fixtures";

describe.each(TEST_PROVIDERS)("the demo seed on %s", (provider) => {
  let t: TestDb;
  let reportId: string;

  beforeAll(async () => {
    t = await createTestDb(provider, { demoContent: true });
    const organ = await t.db.organ.findFirstOrThrow({ where: { fullName: DEMO_CONTENT.organ.fullName } });
    reportId = (await t.db.report.findUniqueOrThrow({ where: { organId_year_kind: { kind: "ORGAN", organId: organ.id, year: DEMO_CONTENT.year } } })).id;
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("adds 张良镇 under the demo county, with a clerk who can sign in", async () => {
    const county = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范县人民政府" }, include: { children: true } });
    expect(county.children.map((c) => c.shortName).sort()).toEqual(["城关镇", "张良镇", "河口乡", "青山镇"].sort());
    const auth = createAuth({ db: t.db, provider, secret: "integration-test-secret-0123456789abcdef", rateLimit: false });
    const res = await auth.api.signInUsername({ body: { username: "zhangliang", password: DEMO_PASSWORD } });
    expect(res?.user).toMatchObject({ username: "zhangliang", role: "CLERK" });
  });

  it("publishes the 2023 report through the workflow: snapshot, audit trail, public portal", async () => {
    const report = await t.db.report.findUniqueOrThrow({ where: { id: reportId } });
    expect(report).toMatchObject({ status: "PUBLISHED", source: "EDITOR", errorCount: 0 });
    expect(report.submittedAt).not.toBeNull();
    expect(report.approvedAt).not.toBeNull();
    expect(report.publishedAt).not.toBeNull();
    expect(await t.db.reportSnapshot.count({ where: { reportId } })).toBe(1);
    const events = await t.db.reportEvent.findMany({ where: { reportId }, orderBy: { createdAt: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["report.create", "report.save", "report.submit", "report.approve", "report.publish"]);

    const published = await getPublishedReport(reportId, t.db);
    // the real report's text and figures, under the demo organ's name
    const expected = zhangliangContent(DEMO_CONTENT.organ.fullName);
    expect(published?.content.text).toEqual(expected.text);
    expect(published?.content.cells).toEqual(expected.cells);
    expect(published?.content.header.signDate).toBe(DEMO_CONTENT.signDate);
    const listing = await listPublishedReports({}, t.db);
    expect(listing.reports.map((r) => [r.organShortName, r.year])).toEqual([
      ["东山镇", LEVEL_DEMO.year],
      ["张良镇", 2023],
    ]);
  });

  it("gives the clerk's 2024 report last year's 结转 figures", async () => {
    const clerk = await actor(t.db, "zhangliang");
    const created = await createReport(clerk, { year: 2024 }, t.db);
    expect(created.ok).toBe(true);
    const next = await getReport(clerk, created.ok ? created.reportId : "", t.db);
    const carried = Object.entries(next!.content.cells).filter(([id]) => id.startsWith("t3.carried."));
    expect(carried.length).toBeGreaterThan(0);
    expect(carried.every(([, v]) => v === "0")).toBe(true);
    await t.db.report.delete({ where: { id: created.ok ? created.reportId : "" } });
  });

  it("is idempotent: a second run creates nothing", async () => {
    expect(await seedDemo(t.db)).toEqual({ created: false });
    expect(await seedDemoContent(t.db)).toBe(reportId);
    expect(await t.db.organ.count({ where: { fullName: DEMO_CONTENT.organ.fullName } })).toBe(1);
    expect(await t.db.user.count({ where: { username: "zhangliang" } })).toBe(1);
    expect(await t.db.report.count()).toBe(7);
  });

  it("builds the reporting chain: a city above two counties, and 东山县's reports at every stage, its 汇总 prefilled", async () => {
    const year = LEVEL_DEMO.year;
    const city = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范市人民政府" }, include: { children: true } });
    expect(city).toMatchObject({ kind: "CITY", parentId: null });
    expect(city.children.map((c) => c.shortName).sort()).toEqual(["东山县", "示范县", "市财政局"].sort());
    const status = async (fullName: string, kind = "ORGAN") =>
      (await t.db.report.findFirst({ where: { year, kind, organ: { fullName } }, select: { status: true } }))?.status ?? "NONE";
    expect(await status("东山县东山镇人民政府")).toBe("PUBLISHED");
    expect(await status("东山县西岭乡人民政府")).toBe("APPROVED");
    expect(await status("东山县南湖镇人民政府")).toBe("SUBMITTED");
    expect(await status("东山县北坡乡人民政府")).toBe("DRAFT");
    expect(await status("示范市财政局")).toBe("APPROVED");
    expect(await status("东山县人民政府", "ROLLUP")).toBe("DRAFT");
    // the 汇总 report holds the sum of the two final township reports
    const office = await actor(t.db, "dsban");
    const rollup = await getRollup(office, { organId: office.organId!, year }, t.db);
    if (!rollup.ok) throw new Error(rollup.message);
    expect(rollup.view.included).toBe(2);
    expect(rollup.view.members.map((m) => m.state)).toEqual(["included", "included", "not_final", "not_final"]);
    const stored = await t.db.report.findFirstOrThrow({ where: { organId: office.organId!, year, kind: "ROLLUP" } });
    expect(JSON.parse(stored.content).cells).toEqual(rollup.view.cells);
    // every demo account signs in
    const auth = createAuth({ db: t.db, provider, secret: "integration-test-secret-0123456789abcdef", rateLimit: false });
    for (const username of ["shishencha", "xianban", "dsban", "dsshencha", "dongshan", "caizheng"])
      expect((await auth.api.signInUsername({ body: { username, password: DEMO_PASSWORD } }))?.user).toMatchObject({ username });
  });
});
