import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import type { Db } from "@/lib/server/db-core";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent } from "@/lib/server/services/save-report";
import { createOrganRow } from "@/lib/server/organ-tree";
import { deadlineOf } from "@/lib/report";
import { countOpenFindings } from "@/lib/server/services/finding-counts";
import { parseStoredContent } from "@/lib/server/services/report-row";
import {
  dashboardQuery,
  getDashboard,
  parseDashboardParams,
  type Dashboard,
  type DashboardRow,
} from "@/lib/server/services/dashboard";
import { dashboardSheetRow } from "@/lib/server/dashboard-export";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty } from "./fixtures";

const YEAR = 2024;
/** 5 Feb 2025, China time: the townships' deadline (31 Jan) has passed, the county's (20 Feb) has not. */
const NOW = new Date("2025-02-05T10:00:00+08:00");

/** A client that counts the queries it runs. */
function counting(db: Db): { db: Db; count: () => number } {
  let n = 0;
  const ext = db.$extends({
    query: {
      $allOperations({ args, query }) {
        n++;
        return query(args);
      },
    },
  });
  return { db: ext as unknown as Db, count: () => n };
}

describe.each(TEST_PROVIDERS)("dashboard on %s", (provider) => {
  let t: TestDb;
  let chengguan: Actor, qingshan: Actor, shencha: Actor, admin: Actor;
  let deptClerk: Actor;
  let neighbour: Awaited<ReturnType<typeof addNeighbourCounty>>;
  let countyId: string, deptId: string;
  const ids: Record<string, string> = {};

  const row = (d: Dashboard | null, shortOrFull: string, kind: "ORGAN" | "ROLLUP" = "ORGAN"): DashboardRow => {
    const r = d?.rows.find((x) => (x.organShortName === shortOrFull || x.organName === shortOrFull) && x.reportKind === kind);
    if (!r) throw new Error(`no row ${shortOrFull}`);
    return r;
  };

  beforeAll(async () => {
    t = await createTestDb(provider);
    [chengguan, qingshan, shencha, admin] = (await Promise.all(
      ["chengguan", "qingshan", "shencha", "admin"].map((u) => actor(t.db, u)),
    )) as [Actor, Actor, Actor, Actor];
    countyId = shencha.organId!;
    neighbour = await addNeighbourCounty(t.db);
    const dept = await createOrganRow(t.db, { fullName: "示范县财政局", shortName: "财政局", kind: "DEPARTMENT", parentId: countyId, sortOrder: 9 });
    deptId = dept.id;
    deptClerk = { id: "test-dept-clerk", role: "CLERK", organId: deptId };
    await t.db.user.create({
      data: { id: deptClerk.id, name: "财政局填报员", email: "czj@nianbao.local", username: "czj", role: "CLERK", organId: deptId },
    });

    for (const [name, user] of [
      ["chengguan", chengguan],
      ["qingshan", qingshan],
      ["dept", deptClerk],
      ["dongfeng", neighbour.clerk],
    ] as const) {
      const r = await createReport(user, { year: YEAR }, t.db);
      if (!r.ok) throw new Error(r.message);
      ids[name] = r.reportId;
    }
    // qingshan: a complete report, published on 20 Jan 2025; the department: approved, not published
    const saved = await replaceReportContent(qingshan, { reportId: ids.qingshan!, baseVersion: 1, content: zhangliangContent("示范县青山镇人民政府") }, t.db);
    if (!saved.ok) throw new Error(saved.message);
    await t.db.report.update({
      where: { id: ids.qingshan! },
      data: { status: "PUBLISHED", publishedAt: new Date("2025-01-20T09:00:00+08:00") },
    });
    await t.db.report.update({ where: { id: ids.dept! }, data: { status: "APPROVED", approvedAt: new Date("2025-01-25T09:00:00+08:00") } });
    // chengguan: two open top-level comments, one resolved, one open reply
    const c1 = await t.db.comment.create({ data: { reportId: ids.chengguan!, anchor: "report", body: "请补充", authorId: shencha.id } });
    await t.db.comment.create({ data: { reportId: ids.chengguan!, anchor: "section:s5", body: "请修改", authorId: shencha.id } });
    await t.db.comment.create({ data: { reportId: ids.chengguan!, anchor: "report", body: "已改", authorId: shencha.id, resolved: true } });
    await t.db.comment.create({ data: { reportId: ids.chengguan!, anchor: "report", body: "回复", authorId: chengguan.id, parentId: c1.id } });
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  describe("finding counts stored at create and save", () => {
    it("a new (blank) report has open errors", async () => {
      const r = await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan! } });
      expect(r.errorCount).toBeGreaterThan(0);
      const expected = countOpenFindings(parseStoredContent(r.content), { year: YEAR, organKind: "TOWNSHIP" });
      expect({ errorCount: r.errorCount, warningCount: r.warningCount }).toEqual(expected);
    });

    it("a save stores the counts of the saved content, with last year's report for the X rules", async () => {
      const r = await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! } });
      const content = parseStoredContent(r.content);
      expect({ errorCount: r.errorCount, warningCount: r.warningCount }).toEqual(
        countOpenFindings(content, { year: YEAR, organKind: "TOWNSHIP" }),
      );
      // with a previous-year report the cross-year rules take part
      const prev = await createReport(chengguan, { year: YEAR - 1 }, t.db);
      if (!prev.ok) throw new Error(prev.message);
      const prevContent = zhangliangContent("示范县城关镇人民政府");
      prevContent.cells = Object.fromEntries(Object.keys(prevContent.cells).map((k) => [k, "5"]));
      const p = await replaceReportContent(chengguan, { reportId: prev.reportId, baseVersion: 1, content: prevContent }, t.db);
      expect(p.ok).toBe(true);
      const cur = await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan! } });
      const next = zhangliangContent("示范县城关镇人民政府");
      const s = await replaceReportContent(chengguan, { reportId: ids.chengguan!, baseVersion: cur.version, content: next }, t.db);
      expect(s.ok).toBe(true);
      const after = await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan! } });
      const withPrev = countOpenFindings(next, { year: YEAR, organKind: "TOWNSHIP", previous: { year: YEAR - 1, content: prevContent } });
      expect({ errorCount: after.errorCount, warningCount: after.warningCount }).toEqual(withPrev);
    });
  });

  describe("rows", () => {
    it("the county supervisor sees the county (its 本级 and 汇总 reports) and every organ beneath it, nothing of the neighbour county", async () => {
      const d = await getDashboard(shencha, { year: YEAR }, t.db, NOW);
      expect(d?.rows.map((r) => `${r.organShortName}${r.reportKindLabel}`)).toEqual([
        "示范县本级报告",
        "示范县汇总报告",
        "城关镇年度报告",
        "青山镇年度报告",
        "河口乡年度报告",
        "财政局年度报告",
      ]); // tree order
      expect(d?.totalOrgans).toBe(5);
      expect(row(d, "河口乡")).toMatchObject({ status: "NONE", reportId: null, updatedAt: null, errorCount: 0, openComments: 0 });
      expect(row(d, "城关镇")).toMatchObject({ status: "DRAFT", reportId: ids.chengguan, openComments: 2 });
      expect(row(d, "城关镇").errorCount).toBe((await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan! } })).errorCount);
      expect(row(d, "青山镇")).toMatchObject({ status: "PUBLISHED", reportId: ids.qingshan });
    });

    it("an imported archive reads 已导入 on the dashboard and in its export, not 已发布 (its stored status)", async () => {
      expect(row(await getDashboard(shencha, { year: YEAR }, t.db, NOW), "青山镇").imported).toBe(false);
      await t.db.report.update({ where: { id: ids.qingshan! }, data: { source: "IMPORT", importedFrom: "青山镇2024年报.docx" } });
      try {
        const d = await getDashboard(shencha, { year: YEAR }, t.db, NOW);
        expect(row(d, "青山镇")).toMatchObject({ status: "PUBLISHED", imported: true });
        expect(row(d, "城关镇").imported).toBe(false);
        expect(dashboardSheetRow(row(d, "青山镇"))[4]).toBe("已导入");
        expect(dashboardSheetRow(row(d, "财政局"))[4]).toBe("已通过");
      } finally {
        await t.db.report.update({ where: { id: ids.qingshan! }, data: { source: "EDITOR", importedFrom: null } });
      }
    });

    it("deadlines: 31 Jan for townships and departments, 20 Feb for the county's 汇总, 31 Mar for its 本级; overdue = not published by then", async () => {
      expect(deadlineOf("TOWNSHIP", "ORGAN", 2024)).toEqual({ year: 2025, month: 1, day: 31 });
      expect(deadlineOf("DEPARTMENT", "ORGAN", 2024)).toEqual({ year: 2025, month: 1, day: 31 });
      expect(deadlineOf("COUNTY", "ROLLUP", 2024)).toEqual({ year: 2025, month: 2, day: 20 });
      expect(deadlineOf("COUNTY", "ORGAN", 2024)).toEqual({ year: 2025, month: 3, day: 31 });
      const d = await getDashboard(shencha, { year: YEAR }, t.db, NOW);
      expect(row(d, "城关镇")).toMatchObject({ deadlineLabel: "2025年1月31日", overdue: true, daysLeft: null });
      expect(row(d, "河口乡").overdue).toBe(true);
      expect(row(d, "财政局").overdue).toBe(true); // approved is not published
      expect(row(d, "青山镇").overdue).toBe(false); // published on 20 Jan
      expect(row(d, "示范县", "ROLLUP")).toMatchObject({ deadlineLabel: "2025年2月20日", overdue: false, daysLeft: 15 });
      expect(row(d, "示范县")).toMatchObject({ deadlineLabel: "2025年3月31日", overdue: false, daysLeft: 54 });
      expect(d?.overdueCount).toBe(3);
      // the header states the days that apply, and a day an admin moved for one township
      expect(d?.deadlineText).toContain("政府部门、乡镇（街道）年度报告2025年1月31日前");
      expect(d?.deadlineText).toContain("县级汇总报告2025年2月20日前");
      const qingshanOrgan = row(d, "青山镇").organId;
      await t.db.deadlineSetting.create({ data: { organId: qingshanOrgan, year: YEAR, key: "ORGAN", month: 2, day: 7 } });
      try {
        const moved = await getDashboard(shencha, { year: YEAR }, t.db, NOW);
        expect(row(moved, "青山镇").deadlineLabel).toBe("2025年2月7日");
        expect(moved?.deadlineText).toContain("政府部门、乡镇（街道）年度报告2025年1月31日至2025年2月7日前（各机关不同，见各行）");
      } finally {
        await t.db.deadlineSetting.deleteMany({ where: { organId: qingshanOrgan, year: YEAR } });
      }
      // on the deadline day itself nothing is overdue yet
      const onDay = await getDashboard(shencha, { year: YEAR }, t.db, new Date("2025-01-31T23:30:00+08:00"));
      expect(onDay?.overdueCount).toBe(0);
      expect(row(onDay, "城关镇").daysLeft).toBe(0);
      // published late counts as overdue
      await t.db.report.update({ where: { id: ids.qingshan! }, data: { publishedAt: new Date("2025-02-01T08:00:00+08:00") } });
      expect(row(await getDashboard(shencha, { year: YEAR }, t.db, NOW), "青山镇").overdue).toBe(true);
      await t.db.report.update({ where: { id: ids.qingshan! }, data: { publishedAt: new Date("2025-01-20T09:00:00+08:00") } });
    });

    it("summary per status; filters by status, kind and overdue; sorts by a column", async () => {
      const d = await getDashboard(shencha, { year: YEAR }, t.db, NOW);
      expect(d?.summary).toEqual({ NONE: 3, DRAFT: 1, RETURNED: 0, SUBMITTED: 0, APPROVED: 1, PUBLISHED: 1 });
      expect(d?.exportable).toBe(2);
      const none = await getDashboard(shencha, { year: YEAR, statuses: ["NONE"] }, t.db, NOW);
      expect(none?.rows.map((r) => r.organShortName)).toEqual(["示范县", "示范县", "河口乡"]);
      expect(none?.summary.DRAFT).toBe(1); // the summary ignores the status filter
      expect(none?.exportable).toBe(0);
      const towns = await getDashboard(shencha, { year: YEAR, kind: "TOWNSHIP" }, t.db, NOW);
      expect(towns?.rows.map((r) => r.organShortName)).toEqual(["城关镇", "青山镇", "河口乡"]);
      expect(towns?.summary).toMatchObject({ NONE: 1, APPROVED: 0 });
      // by name: the organ's, or its parent's (every organ under a county)
      const byName = await getDashboard(shencha, { year: YEAR, q: "青山" }, t.db, NOW);
      expect(byName?.rows.map((r) => r.organShortName)).toEqual(["青山镇"]);
      expect(byName?.summary).toMatchObject({ PUBLISHED: 1, NONE: 0 });
      const underCounty = await getDashboard(shencha, { year: YEAR, q: "示范县人民政府", kind: "TOWNSHIP" }, t.db, NOW);
      expect(underCounty?.rows.map((r) => r.organShortName)).toEqual(["城关镇", "青山镇", "河口乡"]);
      const overdue = await getDashboard(shencha, { year: YEAR, overdue: true }, t.db, NOW);
      expect(overdue?.rows.map((r) => r.organShortName)).toEqual(["城关镇", "河口乡", "财政局"]);
      const byErrors = await getDashboard(shencha, { year: YEAR, sort: "errors", dir: "desc" }, t.db, NOW);
      const errs = byErrors!.rows.map((r) => r.errorCount);
      expect([...errs].sort((a, b) => b - a)).toEqual(errs);
      const byStatus = await getDashboard(shencha, { year: YEAR, sort: "status", dir: "asc" }, t.db, NOW);
      expect(byStatus?.rows.map((r) => r.status)).toEqual(["NONE", "NONE", "NONE", "DRAFT", "APPROVED", "PUBLISHED"]);
      const byComments = await getDashboard(shencha, { year: YEAR, sort: "comments", dir: "desc" }, t.db, NOW);
      expect(byComments?.rows[0]?.organShortName).toBe("城关镇");
    });

    it("another year shows every organ as 未创建", async () => {
      const d = await getDashboard(shencha, { year: 2030 }, t.db, NOW);
      expect(d?.rows.every((r) => r.status === "NONE")).toBe(true);
      expect(d?.summary.NONE).toBe(6);
    });
  });

  describe("access", () => {
    it("admin: their organ's subtree (an admin without an organ: all); neighbour supervisor: their county only; clerks: no dashboard", async () => {
      const city = await getDashboard(admin, { year: YEAR }, t.db, NOW); // the demo admin belongs to 示范市
      expect(city?.totalOrgans).toBe(6);
      expect(city?.rows.some((r) => r.organShortName === "邻县")).toBe(false);
      const all = await getDashboard({ ...admin, organId: null }, { year: YEAR }, t.db, NOW);
      expect(all?.totalOrgans).toBe(8);
      const theirs = await getDashboard(neighbour.supervisor, { year: YEAR }, t.db, NOW);
      expect(theirs?.rows.map((r) => r.organShortName)).toEqual(["邻县", "邻县", "东风镇"]);
      expect(row(theirs, "东风镇").reportId).toBe(ids.dongfeng);
      expect(await getDashboard(chengguan, { year: YEAR }, t.db, NOW)).toBeNull();
      expect(await getDashboard({ id: "x", role: "SUPERVISOR", organId: null }, { year: YEAR }, t.db, NOW)).toMatchObject({ totalOrgans: 0 });
    });
  });

  describe("cost", () => {
    it("runs exactly three queries (organs, reports, the year's deadline settings), whatever the number of organs", async () => {
      const c = counting(t.db);
      await getDashboard(shencha, { year: YEAR, sort: "errors" }, c.db, NOW);
      expect(c.count()).toBe(3);
    });
  });

  describe("URL parameters", () => {
    it("parses and writes back the filter; ignores invalid values", () => {
      const f = parseDashboardParams({ year: "2023", status: "DRAFT,NONE,BOGUS", kind: "TOWNSHIP", overdue: "1", sort: "errors", dir: "desc", q: " 青山 " }, NOW);
      expect(f).toEqual({ year: 2023, statuses: ["NONE", "DRAFT"], kind: "TOWNSHIP", overdue: true, sort: "errors", dir: "desc", q: "青山" });
      expect(parseDashboardParams(parseQuery(dashboardQuery(f)), NOW)).toEqual(f);
      expect(parseDashboardParams({ year: "abc", kind: "VILLAGE", sort: "x; drop" }, NOW)).toEqual({ year: 2024 });
      expect(parseDashboardParams({ year: "2024", kind: "CITY", page: "3" }, NOW)).toEqual({ year: 2024, kind: "CITY", page: 3 });
      expect(parseDashboardParams({}, new Date("2025-06-01T00:00:00+08:00")).year).toBe(2025);
    });
  });
});

function parseQuery(q: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(q).entries());
}
