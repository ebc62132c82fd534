// Every level of the chain (issue 11): scope by subtree at any depth, the 汇总 roll-up and its drill-down,
// a county's 汇总 report reviewed and published by the city, deadlines set by an admin, XLSX and CSV.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INPUT_CELLS, t2CellId, t3CellId, TABLES, type ReportContent } from "@/lib/template";
import { validateReport, type FieldValue } from "@/lib/report";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent, saveReport } from "@/lib/server/services/save-report";
import { submitReport } from "@/lib/server/services/submit-report";
import { approveReport } from "@/lib/server/services/approve-report";
import { publishReport } from "@/lib/server/services/publish-report";
import { returnReport } from "@/lib/server/services/return-report";
import { addComment } from "@/lib/server/services/comment-create";
import { getReport } from "@/lib/server/services/get-report";
import { getRollup, listRollupOrgans } from "@/lib/server/services/rollup";
import { refreshRollupReport } from "@/lib/server/services/refresh-rollup-report";
import { getDashboard } from "@/lib/server/services/dashboard";
import { getReviewState } from "@/lib/server/services/report-history";
import { getDeadlines, saveDeadlines } from "@/lib/server/services/admin-deadlines";
import { createOrgan } from "@/lib/server/services/admin-create-organ";
import { updateOrgan } from "@/lib/server/services/admin-update-organ";
import { getPublishedReport, listPublishedReports } from "@/lib/server/services/public-reports";
import { ruleContextFor } from "@/lib/server/services/rule-context";
import { longRows, rollupXlsx, ROLLUP_CSV_HEADER, toCsv } from "@/lib/export/sheets";
import { rollupSheetInput } from "@/lib/server/rollup-export";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, completeContent, filledOpening } from "./fixtures";

const YEAR = 2024;
const NOW = new Date("2025-02-05T10:00:00+08:00");

/** A complete report of `organName` with a few distinct figures (balanced). */
function figures(organName: string, n: number, fee = "0"): ReportContent {
  const c = completeContent(organName, YEAR);
  c.cells[t3CellId("new", "natural")] = String(n);
  c.cells[t3CellId("open", "natural")] = String(n);
  c.cells[t2CellId("normative", "valid")] = String(10 * n); // a stock: it adds up too
  c.cells[t2CellId("permit", "decisions")] = String(100 + n);
  c.cells[t2CellId("fee", "amount")] = fee;
  return c;
}

describe.each(TEST_PROVIDERS)("levels on %s", (provider) => {
  let t: TestDb;
  let admin: Actor, shencha: Actor, shishencha: Actor, xianban: Actor, dsban: Actor, dsshencha: Actor;
  const clerks: Record<string, Actor> = {};
  const ids: Record<string, string> = {};
  let countyId: string;

  async function finalReport(user: Actor, content: ReportContent, reviewer: Actor, publish = false): Promise<string> {
    const r = await createReport(user, { year: YEAR }, t.db);
    if (!r.ok) throw new Error(r.message);
    const s = await replaceReportContent(user, { reportId: r.reportId, baseVersion: r.version, content }, t.db);
    if (!s.ok) throw new Error(s.message);
    const sub = await submitReport(user, { reportId: r.reportId, baseVersion: s.version }, t.db);
    if (!sub.ok) throw new Error(sub.message);
    const ap = await approveReport(reviewer, { reportId: r.reportId }, t.db);
    if (!ap.ok) throw new Error(ap.message);
    if (publish) {
      const pub = await publishReport(reviewer, { reportId: r.reportId }, t.db);
      if (!pub.ok) throw new Error(pub.message);
    }
    return r.reportId;
  }

  beforeAll(async () => {
    t = await createTestDb(provider, { demoContent: true });
    for (const u of ["admin", "shencha", "shishencha", "xianban", "dsban", "dsshencha", "chengguan", "qingshan", "hekou", "zhangliang", "dongshan"])
      clerks[u] = await actor(t.db, u);
    ({ admin, shencha, shishencha, xianban, dsban, dsshencha } = clerks as Record<string, Actor> & {
      admin: Actor;
      shencha: Actor;
      shishencha: Actor;
      xianban: Actor;
      dsban: Actor;
      dsshencha: Actor;
    });
    countyId = shencha.organId!;
    ids.chengguan = await finalReport(clerks.chengguan!, figures("示范县城关镇人民政府", 1, "0.1"), shencha, true);
    ids.qingshan = await finalReport(clerks.qingshan!, figures("示范县青山镇人民政府", 2, "0.2"), shencha);
    // hekou: submitted, not yet approved; zhangliang: no 2024 report
    const h = await createReport(clerks.hekou!, { year: YEAR }, t.db);
    if (!h.ok) throw new Error(h.message);
    ids.hekou = h.reportId;
    const hs = await replaceReportContent(clerks.hekou!, { reportId: h.reportId, baseVersion: 1, content: figures("示范县河口乡人民政府", 4) }, t.db);
    if (!hs.ok) throw new Error(hs.message);
    const hsub = await submitReport(clerks.hekou!, { reportId: h.reportId, baseVersion: hs.version }, t.db);
    if (!hsub.ok) throw new Error(hsub.message);
  }, 240_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  describe("scope by subtree", () => {
    it("the city supervisor sees and reviews organs two levels below; a sibling county's supervisor sees nothing of this county", async () => {
      expect(await getReport(shishencha, ids.qingshan!, t.db)).toMatchObject({ reviewable: true });
      expect(await getReport(dsshencha, ids.qingshan!, t.db)).toBeNull();
      const dash = await getDashboard(shishencha, { year: YEAR }, t.db, NOW);
      expect(dash?.rows.some((r) => r.organShortName === "青山镇")).toBe(true);
      expect(dash?.rows.some((r) => r.organShortName === "东山镇")).toBe(true);
      const ds = await getDashboard(dsshencha, { year: YEAR }, t.db, NOW);
      expect(ds?.rows.some((r) => r.organShortName === "青山镇")).toBe(false);
    });

    it("a county's clerk (its 汇总 and 本级) reads its townships' final reports only, never a draft, nor a sibling county's", async () => {
      expect(await getReport(xianban, ids.chengguan!, t.db)).not.toBeNull(); // published
      expect(await getReport(xianban, ids.qingshan!, t.db)).not.toBeNull(); // approved
      expect(await getReport(xianban, ids.hekou!, t.db)).toBeNull(); // submitted, not final
      const dongshan2025 = await t.db.report.findFirstOrThrow({ where: { organ: { shortName: "东山镇" } } });
      expect(await getReport(xianban, dongshan2025.id, t.db)).toBeNull(); // published, but another county
      // and edits none of them
      expect(await saveReport(xianban, { reportId: ids.qingshan!, baseVersion: 1, changes: [] }, t.db)).toMatchObject({ ok: false, code: "READ_ONLY" });
    });
  });

  describe("the roll-up", () => {
    it("adds up the approved and published reports; names who is missing, not approved or late, and whether the sum includes them", async () => {
      const r = await getRollup(shencha, { organId: countyId, year: YEAR }, t.db, NOW);
      if (!r.ok) throw new Error(r.message);
      const v = r.view;
      expect(v.members.map((m) => [m.organShortName, m.state, m.status, m.late])).toEqual([
        ["城关镇", "included", "PUBLISHED", false],
        ["青山镇", "included", "APPROVED", true],
        ["河口乡", "not_final", "SUBMITTED", true],
        ["张良镇", "missing", "NONE", true],
      ]);
      expect(v.members.find((m) => m.organShortName === "河口乡")?.reason).toContain("尚未审核通过，未计入");
      expect(v.members.find((m) => m.organShortName === "张良镇")?.reason).toBe("尚未创建2024年度报告，未计入");
      expect(v.included).toBe(2);
      expect(v.cells[t3CellId("new", "natural")]).toBe("3"); // 1 + 2
      expect(v.cells[t2CellId("normative", "valid")]).toBe("30"); // stocks add up: 10 + 20
      expect(v.cells[t2CellId("fee", "amount")]).toBe("0.3"); // 0.1 + 0.2, exact
      expect(v.totals[t3CellId("total", "total")]).toBe(3);
      expect(v.sources.map((s) => [s.organName, s.cells[t3CellId("new", "natural")]])).toEqual([
        ["示范县城关镇人民政府", "1"],
        ["示范县青山镇人民政府", "2"],
      ]);
      // balanced parts give a balanced sum
      expect(validateReport({ ...completeContent("示范县", YEAR), cells: v.cells }, { year: YEAR }).filter((f) => f.rule.startsWith("E"))).toEqual([]);
    });

    it("a city's roll-up is over its counties' 汇总 reports and its own departments, consistently", async () => {
      const r = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
      if (!r.ok) throw new Error(r.message);
      expect(r.view.members.map((m) => [m.organShortName, m.reportKind])).toEqual([
        ["示范县", "ROLLUP"],
        ["东山县", "ROLLUP"],
        ["市财政局", "ORGAN"],
      ]);
      expect(r.view.included).toBe(0); // no county 汇总 is approved yet for 2024
    });

    it("says so in Chinese when there is nothing to roll up, for a year out of range, and for an organ out of scope", async () => {
      const lone = await createOrgan(admin, { fullName: "示范市新设县人民政府", shortName: "新设县", kind: "COUNTY", parentId: admin.organId }, t.db);
      if (!lone.ok) throw new Error(lone.message);
      expect(await getRollup(admin, { organId: lone.organId, year: YEAR }, t.db)).toMatchObject({
        ok: false,
        code: "NO_MEMBERS",
        message: expect.stringContaining("下还没有下级机关"),
      });
      expect(await getRollup(shencha, { organId: countyId, year: 1999 }, t.db)).toMatchObject({ ok: false, code: "INVALID_YEAR", message: expect.stringContaining("年度须为") });
      expect(await getRollup(dsshencha, { organId: countyId, year: YEAR }, t.db)).toMatchObject({ ok: false, code: "NOT_FOUND" });
      expect(await getRollup(clerks.chengguan!, { organId: clerks.chengguan!.organId!, year: YEAR }, t.db)).toMatchObject({ ok: false, code: "NOT_GOVERNMENT" });
      // an empty year: every member missing, nothing included, sums zero
      const empty = await getRollup(shencha, { organId: countyId, year: 2021 }, t.db, NOW);
      if (!empty.ok) throw new Error(empty.message);
      expect(empty.view.included).toBe(0);
      expect(empty.view.members.every((m) => m.state === "missing")).toBe(true);
      expect(INPUT_CELLS.every((c) => empty.view.cells[c.id] === "0")).toBe(true);
      expect((await listRollupOrgans(shishencha, t.db)).map((o) => o.fullName)).toEqual(
        expect.arrayContaining(["示范市人民政府", "示范县人民政府", "东山县人民政府"]),
      );
    });

    it("XLSX: the official layout with merged headers, a long sheet organ × cell whose sums are the 汇总; CSV in UTF-8 with a BOM", async () => {
      const r = await getRollup(shencha, { organId: countyId, year: YEAR }, t.db, NOW);
      if (!r.ok) throw new Error(r.message);
      const input = rollupSheetInput(r.view);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(await rollupXlsx(input)) as never);
      const layout = wb.getWorksheet("汇总表")!;
      const texts: string[] = [];
      layout.eachRow((row) => row.eachCell((c) => texts.push(String(c.value ?? ""))));
      for (const def of TABLES) for (const row of [...def.headerRows, ...def.bodyRows]) for (const c of row.cells) if (c.type === "text") expect(texts).toContain(c.text);
      expect(Object.keys((layout as unknown as { _merges: Record<string, unknown> })._merges).length).toBeGreaterThan(10);
      // the long sheet: every source × input cell; summing it per cell gives the 汇总
      const long = wb.getWorksheet("明细")!;
      const sums = new Map<string, number>();
      long.eachRow((row, n) => {
        if (n === 1) return;
        const id = String(row.getCell(5).value);
        sums.set(id, (sums.get(id) ?? 0) + Number(row.getCell(6).value ?? 0));
      });
      expect(long.rowCount - 1).toBe(INPUT_CELLS.length * 2);
      for (const c of INPUT_CELLS) expect(sums.get(c.id)).toBeCloseTo(Number(r.view.cells[c.id]), 9);
      expect(wb.getWorksheet("下级机关")!.rowCount).toBe(1 + r.view.members.length);
      const csv = toCsv(ROLLUP_CSV_HEADER, longRows(input.sources));
      expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(csv);
      expect(text).toContain("机关,表,行,列,单元格编号,数值");
      expect(text).toContain("示范县青山镇人民政府,表三,一、本年新收政府信息公开申请数量,自然人,t3.new.natural,2");
    });
  });

  describe("the county's 汇总 report", () => {
    let rollupId = "";

    it("is created by the county's clerk, prefilled from the roll-up; its figures cannot be typed", async () => {
      const created = await createReport(xianban, { year: YEAR, kind: "ROLLUP" }, t.db);
      if (!created.ok) throw new Error(created.message);
      rollupId = created.reportId;
      const report = (await getReport(xianban, rollupId, t.db))!;
      expect(report).toMatchObject({ kind: "ROLLUP", organKind: "COUNTY" });
      expect(report.content.header.organName).toBe("示范县");
      expect(report.content.header.opening).toContain("由示范县人民政府办公室汇总示范县各有关单位政府信息公开工作情况编制而成");
      expect(report.content.cells[t3CellId("new", "natural")]).toBe("3");
      const typed = await saveReport(
        xianban,
        { reportId: rollupId, baseVersion: report.version, changes: [{ ref: t3CellId("new", "natural"), base: "3", value: "99" }, { ref: "text.s5", base: "", value: "汇总问题" }] },
        t.db,
      );
      if (!typed.ok) throw new Error(typed.message);
      expect(typed.rejected.map((x) => x.ref)).toEqual([t3CellId("new", "natural")]);
      expect(typed.rejected[0]!.message).toContain("来自下级机关已审核的报告");
      expect((await getReport(xianban, rollupId, t.db))!.content.cells[t3CellId("new", "natural")]).toBe("3");
      // a second 汇总 for the year is refused; a township has none
      expect(await createReport(xianban, { year: YEAR, kind: "ROLLUP" }, t.db)).toMatchObject({ ok: false, code: "DUPLICATE" });
      expect(await createReport(clerks.zhangliang!, { year: YEAR, kind: "ROLLUP" }, t.db)).toMatchObject({ ok: false, code: "INVALID_KIND" });
    });

    it("follows a subordinate's change: the drift names the figures; submit waits for 更新汇总数据", async () => {
      // 河口乡 is approved now: its figures join the roll-up
      const ap = await approveReport(shencha, { reportId: ids.hekou! }, t.db);
      expect(ap.ok).toBe(true);
      const stale = (await getReport(xianban, rollupId, t.db))!;
      const full: ReportContent = { ...completeContent("示范县", YEAR), cells: stale.content.cells, fee: stale.content.fee };
      const s = await replaceReportContent(xianban, { reportId: rollupId, baseVersion: stale.version, content: { ...stale.content, text: full.text, header: { ...stale.content.header, opening: filledOpening(stale.content.header.opening), signDate: "2025年2月18日" } } }, t.db);
      if (!s.ok) throw new Error(s.message);
      const refused = await submitReport(xianban, { reportId: rollupId, baseVersion: s.version }, t.db);
      expect(refused).toMatchObject({ ok: false, message: expect.stringContaining("更新汇总数据") });
      const refreshed = await refreshRollupReport(xianban, { reportId: rollupId }, t.db);
      expect(refreshed).toMatchObject({ ok: true });
      const after = (await getReport(xianban, rollupId, t.db))!;
      expect(after.content.cells[t3CellId("new", "natural")]).toBe("7"); // 1 + 2 + 4
      expect(after.content.text.s5).toBe(full.text.s5); // the text typed meanwhile is untouched
      const sub = await submitReport(xianban, { reportId: rollupId, baseVersion: after.version }, t.db);
      expect(sub).toMatchObject({ ok: true });
    });

    it("is reviewed by the city, not by the county's own supervisor; the city returns it with a comment, then approves and publishes", async () => {
      expect(await getReport(shencha, rollupId, t.db)).toMatchObject({ reviewable: false });
      expect(await approveReport(shencha, { reportId: rollupId }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringContaining("上一级主管部门审核") });
      expect(await addComment(shencha, { reportId: rollupId, anchor: "report", body: "县里自己批注" }, t.db)).toMatchObject({ ok: false });
      const c = await addComment(shishencha, { reportId: rollupId, anchor: `cell:${t3CellId("new", "total")}`, body: "请核实新收总数。" }, t.db);
      expect(c.ok).toBe(true);
      expect(await returnReport(shishencha, { reportId: rollupId, comment: "请核实后重新提交。" }, t.db)).toMatchObject({ ok: true });
      const back = (await getReport(xianban, rollupId, t.db))!;
      const again = await submitReport(xianban, { reportId: rollupId, baseVersion: back.version }, t.db);
      expect(again).toMatchObject({ ok: true });
      // a township it counts is returned meanwhile: the 汇总's figures are no longer its townships' — the
      // city cannot approve (nor, below, publish) it as it stands. The county's reviewer is told before.
      const counted = (await getReviewState(shencha, ids.hekou!, t.db))!.countedIn;
      expect(counted).toEqual([{ organName: expect.stringContaining("示范县"), name: "2024年度汇总报告", status: "SUBMITTED" }]);
      expect(await returnReport(shencha, { reportId: ids.hekou!, comment: "请更正表三。" }, t.db)).toMatchObject({ ok: true });
      expect((await getReviewState(shencha, ids.hekou!, t.db))!.countedIn).toEqual([]); // returned: nothing to return
      // the city's dashboard marks the 汇总 on its row, before anyone opens it
      const countyRollupRow = async () =>
        (await getDashboard(shishencha, { year: YEAR }, t.db, NOW))!.rows.find((r) => r.organShortName === "示范县" && r.reportKind === "ROLLUP")!;
      expect((await countyRollupRow()).rollupStale).toEqual({ stale: expect.any(Number) });
      expect((await countyRollupRow()).rollupStale).not.toEqual({ stale: 0 });
      // …and the city's review bar says why approving is refused, before the click
      expect((await getReviewState(shishencha, rollupId, t.db))!.rollupStale).toMatch(/汇总数据有 \d+ 处已不是最新的，不能审核通过或发布/);
      const stale = await approveReport(shishencha, { reportId: rollupId }, t.db);
      expect(stale).toMatchObject({ ok: false, code: "INVALID" });
      expect(!stale.ok && stale.message).toMatch(/汇总数据有 \d+ 处已不是最新的，不能审核通过/);
      const version = async () => (await t.db.report.findUniqueOrThrow({ where: { id: ids.hekou! }, select: { version: true } })).version;
      const resubmitted = await submitReport(clerks.hekou!, { reportId: ids.hekou!, baseVersion: await version() }, t.db);
      expect(resubmitted).toMatchObject({ ok: true });
      expect(await approveReport(shencha, { reportId: ids.hekou! }, t.db)).toMatchObject({ ok: true });
      expect((await countyRollupRow()).rollupStale).toBeUndefined(); // 河口乡 approved again with the same figures
      expect((await getReviewState(shishencha, rollupId, t.db))!.rollupStale).toBeNull();
      expect(await approveReport(shishencha, { reportId: rollupId }, t.db)).toMatchObject({ ok: true });
      expect(await returnReport(shencha, { reportId: ids.hekou!, comment: "再核对一次。" }, t.db)).toMatchObject({ ok: true });
      const notPublished = await publishReport(shishencha, { reportId: rollupId }, t.db);
      expect(!notPublished.ok && notPublished.message).toContain("不能发布");
      expect(await submitReport(clerks.hekou!, { reportId: ids.hekou!, baseVersion: await version() }, t.db)).toMatchObject({ ok: true });
      expect(await approveReport(shencha, { reportId: ids.hekou! }, t.db)).toMatchObject({ ok: true });
      expect(await publishReport(shishencha, { reportId: rollupId }, t.db)).toMatchObject({ ok: true });
      const listing = await listPublishedReports({ year: YEAR }, t.db);
      expect(listing.reports.find((r) => r.id === rollupId)).toMatchObject({ title: "示范县2024年政府信息公开工作年度报告", kind: "ROLLUP" });
      // the city's roll-up now includes it
      const city = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
      if (!city.ok) throw new Error(city.message);
      expect(city.view.members.find((m) => m.organShortName === "示范县")).toMatchObject({ state: "included", reportId: rollupId });
      expect(city.view.cells[t3CellId("new", "natural")]).toBe("7");
      // a township it counted is returned after the 汇总 was published: the city does not sum figures the
      // township no longer stands for, and says why; approved again, the 汇总 counts again
      expect((await getReviewState(shencha, ids.hekou!, t.db))!.countedIn.map((r) => r.status)).toEqual(["PUBLISHED"]);
      // (another county's reviewer reads none of it)
      expect((await getReviewState(dsshencha, ids.hekou!, t.db)) ?? null).toBeNull();
      expect(await returnReport(shencha, { reportId: ids.hekou!, comment: "发布后发现错误。" }, t.db)).toMatchObject({ ok: true });
      // published, and out of date now: the city's dashboard says so on its row
      expect((await countyRollupRow()).status).toBe("PUBLISHED");
      expect((await countyRollupRow()).rollupStale).toEqual({ stale: expect.any(Number) });
      expect((await getReviewState(shishencha, rollupId, t.db))!.rollupStale).toContain("已公开的汇总数据有");
      const reopened = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
      if (!reopened.ok) throw new Error(reopened.message);
      const county = reopened.view.members.find((m) => m.organShortName === "示范县")!;
      expect(county.state).toBe("stale");
      expect(county.reason).toContain("计入的示范县河口乡人民政府的报告已被退回或重新提交");
      expect(reopened.view.cells[t3CellId("new", "natural")]).not.toBe("7");
      expect(await submitReport(clerks.hekou!, { reportId: ids.hekou!, baseVersion: await version() }, t.db)).toMatchObject({ ok: true });
      expect(await approveReport(shencha, { reportId: ids.hekou! }, t.db)).toMatchObject({ ok: true });
      const approvedAgain = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
      if (!approvedAgain.ok) throw new Error(approvedAgain.message);
      expect(approvedAgain.view.members.find((m) => m.organShortName === "示范县")).toMatchObject({ state: "included" });
    });

    it("a township moved to another county after its county's 汇总 was approved: the city does not count that 汇总 (it would count the township twice) and says why", async () => {
      const qingshan = await t.db.organ.findFirstOrThrow({ where: { shortName: "青山镇" } });
      const dongshanxian = await t.db.organ.findFirstOrThrow({ where: { shortName: "东山县" } });
      const move = (parentId: string) =>
        updateOrgan(admin, qingshan.id, { fullName: qingshan.fullName, shortName: qingshan.shortName, kind: "TOWNSHIP", parentId, sortOrder: qingshan.sortOrder }, t.db);
      // the admin is told which approved 汇总 reports counted it
      expect(await move(dongshanxian.id)).toMatchObject({ ok: true, notice: expect.stringContaining("已计入示范县人民政府2024年度汇总报告（已审核通过）") });
      try {
        const city = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
        if (!city.ok) throw new Error(city.message);
        const county = city.view.members.find((m) => m.organShortName === "示范县")!;
        expect(county.state).toBe("stale");
        expect(county.reason).toContain("计入的示范县青山镇人民政府已不属于示范县");
        expect(county.reason).toContain("更新汇总数据");
        // its figures are not in the city's sum (the 1 + 2 + 4 of its townships are gone)
        expect(city.view.sources.some((x) => x.reportId === rollupId)).toBe(false);
        expect(city.view.basis[rollupId]).toBeUndefined();
      } finally {
        // moved back under the government whose 汇总 counted it: nothing to tell
        const back = await move(countyId);
        expect(back).toMatchObject({ ok: true });
        expect(back.ok && back.notice).toBeFalsy();
      }
      // moved back: counted again
      const again = await getRollup(shishencha, { organId: shishencha.organId!, year: YEAR }, t.db, NOW);
      if (!again.ok) throw new Error(again.message);
      expect(again.view.members.find((m) => m.organShortName === "示范县")).toMatchObject({ state: "included" });
      expect(again.view.cells[t3CellId("new", "natural")]).toBe("7");
    });
  });

  describe("the public portal", () => {
    it("lists a year by government — its 汇总 and 本级 reports first, then the organs under it — and keeps the titles as published when an organ is renamed", async () => {
      const organ = (shortName: string) => t.db.organ.findFirstOrThrow({ where: { shortName } });
      const [dongshanxian, dongshan, xiling, chengguan] = await Promise.all(["东山县", "东山镇", "西岭乡", "城关镇"].map(organ));
      const published = (o: { id: string; fullName: string }, kind = "ORGAN") =>
        t.db.report.create({
          data: { organId: o.id, year: YEAR, kind, status: "PUBLISHED", publishedAt: NOW, content: JSON.stringify(figures(o.fullName, 1)) },
        });
      const extra = await Promise.all([published(dongshanxian!, "ROLLUP"), published(dongshan!), published(xiling!)]);
      try {
        const titles = (await listPublishedReports({ year: YEAR }, t.db)).reports.map((r) => r.title.replace(`${YEAR}年政府信息公开工作年度报告`, ""));
        // 示范县 (order 1) before 东山县 (order 2); within each its 汇总 first, then its townships in order
        expect(titles).toEqual(["示范县", "示范县城关镇人民政府", "东山县", "东山县东山镇人民政府", "东山县西岭乡人民政府"]);
        // found by name (a province publishes thousands a year)
        expect((await listPublishedReports({ year: YEAR, q: "西岭" }, t.db)).reports.map((r) => r.organName)).toEqual(["东山县西岭乡人民政府"]);

        // renamed after publishing (a 镇 becomes a 街道): the list and the page keep the title the report was published with
        await t.db.organ.update({ where: { id: chengguan!.id }, data: { fullName: "示范县城关街道办事处" } });
        const after = await listPublishedReports({ year: YEAR }, t.db);
        const item = after.reports.find((r) => r.organId === chengguan!.id)!;
        expect(item.title).toBe(`示范县城关镇人民政府${YEAR}年政府信息公开工作年度报告`);
        expect(item.organName).toBe("示范县城关街道办事处"); // the organ filter names it as it is now
        expect((await getPublishedReport(item.id, t.db))!.title).toBe(`示范县城关镇人民政府${YEAR}年政府信息公开工作年度报告`);
      } finally {
        await t.db.organ.update({ where: { id: chengguan!.id }, data: { fullName: chengguan!.fullName } });
        await t.db.report.deleteMany({ where: { id: { in: extra.map((r) => r.id) } } });
      }
    });
  });

  describe("deadlines per level", () => {
    it("an admin sets a year's deadline for a subtree; the nearest setting wins; dashboards and the T6 rule read it", async () => {
      expect(await getDeadlines(admin, { organId: admin.organId!, year: YEAR }, t.db)).toEqual([
        { key: "ORGAN", label: "政府部门、乡镇（街道）年度报告", month: 1, day: 31, set: false },
        { key: "BENJI", label: "各级人民政府本级报告", month: 3, day: 31, set: false },
        { key: "COUNTY_ROLLUP", label: "县级汇总报告", month: 2, day: 20, set: false },
        { key: "CITY_ROLLUP", label: "地市级汇总报告", month: 3, day: 10, set: false },
        { key: "PROVINCE_ROLLUP", label: "省级汇总报告", month: 3, day: 31, set: false },
      ]);
      const bad = await saveDeadlines(admin, { organId: admin.organId!, year: String(YEAR), values: { ORGAN: "2月30日" } }, t.db);
      expect(bad).toMatchObject({ ok: false, fieldErrors: { "d.ORGAN": expect.stringContaining("不是有效的日期") } });
      expect((await saveDeadlines(admin, { organId: admin.organId!, year: String(YEAR), values: { ORGAN: "2月10日" } }, t.db)).ok).toBe(true);
      expect((await saveDeadlines(admin, { organId: countyId, year: String(YEAR), values: { ORGAN: "2-5" } }, t.db)).ok).toBe(true);
      // a whole date is taken in the year of publication, and refused naming that year in another
      expect((await saveDeadlines(admin, { organId: countyId, year: String(YEAR), values: { ORGAN: `${YEAR + 1}-02-05` } }, t.db)).ok).toBe(true);
      expect(await saveDeadlines(admin, { organId: countyId, year: String(YEAR), values: { ORGAN: `${YEAR}年2月5日` } }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { "d.ORGAN": `政府部门、乡镇（街道）年度报告：${YEAR}年度报告在${YEAR + 1}年公开，请填写${YEAR + 1}年的日期（或只填“2月20日”）` },
      });
      const dash = await getDashboard(shishencha, { year: YEAR }, t.db, NOW);
      expect(dash?.rows.find((r) => r.organShortName === "城关镇")?.deadlineLabel).toBe("2025年2月5日"); // the county's setting
      expect(dash?.rows.find((r) => r.organShortName === "东山镇")?.deadlineLabel).toBe("2025年2月10日"); // the city's
      expect(dash?.rows.find((r) => r.organShortName === "市财政局")?.deadlineLabel).toBe("2025年2月10日");
      const ctx = await ruleContextFor(clerks.zhangliang!, { organId: clerks.zhangliang!.organId!, organKind: "TOWNSHIP", organName: "示范县张良镇人民政府", year: YEAR, kind: "ORGAN" }, t.db);
      expect(ctx.deadline).toEqual({ year: 2025, month: 2, day: 5 });
      const late = { ...completeContent("示范县张良镇人民政府", YEAR), header: { ...completeContent("示范县张良镇人民政府", YEAR).header, signDate: "2025年2月7日" } };
      expect(validateReport(late, ctx).find((f) => f.rule === "T6")?.message).toContain("晚于公布期限（2025年2月5日）");
      // the county's 汇总 and a city's: their own dates
      const county = await ruleContextFor(xianban, { organId: countyId, organKind: "COUNTY", organName: "示范县人民政府", year: YEAR, kind: "ROLLUP" }, t.db);
      expect(county.deadline).toEqual({ year: 2025, month: 2, day: 20 });
      const cityRollup = await ruleContextFor(shishencha, { organId: shishencha.organId!, organKind: "CITY", organName: "示范市人民政府", year: YEAR, kind: "ROLLUP" }, t.db);
      expect(cityRollup.deadline).toEqual({ year: 2025, month: 3, day: 10 });
      // clearing: the format's date again
      expect((await saveDeadlines(admin, { organId: countyId, year: String(YEAR), values: { ORGAN: "" } }, t.db)).ok).toBe(true);
      expect((await ruleContextFor(clerks.zhangliang!, { organId: clerks.zhangliang!.organId!, organKind: "TOWNSHIP", organName: "示范县张良镇人民政府", year: YEAR, kind: "ORGAN" }, t.db)).deadline).toEqual({ year: 2025, month: 2, day: 10 });
      expect(await saveDeadlines(shencha, { organId: countyId, year: String(YEAR), values: {} }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      // 2月29日 only in a year that has it (2024's reports are published in 2025: no; 2027's in 2028: yes)
      expect(await saveDeadlines(admin, { organId: countyId, year: "2024", values: { ORGAN: "2月29日" } }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { "d.ORGAN": expect.stringContaining("2024年度报告在2025年公开，2025年没有2月29日") },
      });
      // …after the county's 汇总 (2月20日): refused on the field moved, until the 汇总 moves too
      expect(await saveDeadlines(admin, { organId: countyId, year: "2027", values: { ORGAN: "2月29日" } }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { "d.ORGAN": "县级汇总报告（2月20日）早于政府部门、乡镇（街道）年度报告（2月29日）：汇总要用到所辖机关已公开的报告，请一并调整" },
      });
      expect(await getDeadlines(admin, { organId: countyId, year: 2027 }, t.db)).toContainEqual(expect.objectContaining({ key: "ORGAN", set: false }));
      expect(await saveDeadlines(admin, { organId: countyId, year: "2027", values: { ORGAN: "2月29日", COUNTY_ROLLUP: "3月1日" } }, t.db)).toMatchObject({ ok: true });
      // a 汇总 moved before the level below: the error on the 汇总's field
      expect(await saveDeadlines(admin, { organId: countyId, year: "2027", values: { CITY_ROLLUP: "2月10日" } }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { "d.CITY_ROLLUP": expect.stringContaining("地市级汇总报告（2月10日）早于县级汇总报告（2月20日）") },
      });
      expect(await saveDeadlines(admin, { organId: countyId, year: "2027", values: { ORGAN: "", COUNTY_ROLLUP: "" } }, t.db)).toMatchObject({ ok: true });
    });
  });

  it("a typed figure change reaches no linked field of the 汇总 through the conflict path either", async () => {
    // FieldValue is the stored shape: prove that fee is linked too
    const r = await createReport(dsban, { year: YEAR, kind: "ROLLUP" }, t.db);
    if (!r.ok) throw new Error(r.message);
    const fee: FieldValue = { charged: true, pieces: "1", amount: "5" };
    const s = await saveReport(dsban, { reportId: r.reportId, baseVersion: r.version, changes: [{ ref: "fee", base: { charged: null, pieces: "", amount: "" }, value: fee }] }, t.db);
    expect(s.ok && s.rejected.map((x) => x.ref)).toEqual(["fee"]);
  });
});
