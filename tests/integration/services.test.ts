import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyContent, INPUT_CELLS, TEXT_FIELDS, type ReportContent } from "@/lib/template";
import { TEXT_STORE_MAX_CHARS, type FieldValue } from "@/lib/report";
import { getReportState } from "@/lib/server/services/report-state";
import { reportScope } from "@/lib/server/scope";
import { can } from "@/lib/server/permissions";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { replaceReportContent, saveReport } from "@/lib/server/services/save-report";
import { getPreviousYearReport, getReport } from "@/lib/server/services/get-report";
import { countReports, listReports } from "@/lib/server/services/list-reports";
import { ruleContextFor } from "@/lib/server/services/rule-context";
import { seedDemo } from "@/scripts/seed";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty } from "./fixtures";

const YEAR = 2024;

function edited(base: ReportContent, marker: string): ReportContent {
  const textId = TEXT_FIELDS[0]?.id ?? "";
  const cellId = INPUT_CELLS[0]?.id ?? "";
  return { ...base, text: { ...base.text, [textId]: marker }, cells: { ...base.cells, [cellId]: "7" } };
}

describe.each(TEST_PROVIDERS)("report services on %s", (provider) => {
  let t: TestDb;
  let chengguan: Actor, qingshan: Actor, hekou: Actor, shencha: Actor, admin: Actor;
  let neighbour: Awaited<ReturnType<typeof addNeighbourCounty>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb(provider);
    [chengguan, qingshan, hekou, shencha, admin] = await Promise.all(
      ["chengguan", "qingshan", "hekou", "shencha", "admin"].map((u) => actor(t.db, u)),
    ) as [Actor, Actor, Actor, Actor, Actor];
    neighbour = await addNeighbourCounty(t.db);
    for (const [name, user] of [
      ["chengguan", chengguan],
      ["qingshan", qingshan],
      ["hekou", hekou],
      ["dongfeng", neighbour.clerk],
    ] as const) {
      const r = await createReport(user, { year: YEAR }, t.db);
      if (!r.ok) throw new Error(`create failed for ${name}: ${r.message}`);
      ids[name] = r.reportId;
    }
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  describe("seed", () => {
    it("created the county, three townships and five accounts", async () => {
      const county = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范县人民政府" }, include: { children: true } });
      expect(county.shortName).toBe("示范县");
      expect(county.children.map((c) => c.shortName).sort()).toEqual(["城关镇", "河口乡", "青山镇"].sort());
      const users = await t.db.user.findMany({ where: { username: { in: ["chengguan", "qingshan", "hekou", "shencha", "admin"] } } });
      expect(users).toHaveLength(5);
      const accounts = await t.db.account.count({ where: { providerId: "credential", userId: { in: users.map((u) => u.id) } } });
      expect(accounts).toBe(5);
    });

    it("is idempotent", async () => {
      expect(await seedDemo(t.db)).toEqual({ created: false });
      expect(await t.db.organ.count({ where: { fullName: "示范县人民政府" } })).toBe(1);
    });
  });

  describe("scope", () => {
    it("reportScope() selects exactly the visible reports for every role", async () => {
      const visible = async (u: Actor) =>
        (await t.db.report.findMany({ where: reportScope(u), select: { id: true } })).map((r) => r.id).sort();
      const town = [ids.chengguan!, ids.qingshan!, ids.hekou!].sort();
      expect(await visible(chengguan)).toEqual([ids.chengguan]);
      expect(await visible(qingshan)).toEqual([ids.qingshan]);
      expect(await visible(shencha)).toEqual(town);
      expect(await visible(neighbour.supervisor)).toEqual([ids.dongfeng]);
      // the demo admin belongs to 示范市: its subtree, not the neighbour county; an admin without an organ sees all
      expect(await visible(admin)).toEqual(town);
      expect(await visible({ ...admin, organId: null })).toEqual([...town, ids.dongfeng!].sort());
      expect(await visible({ id: "x", role: "CLERK", organId: null })).toEqual([]);
      expect(await visible({ id: "x", role: "SUPERVISOR", organId: null })).toEqual([]);
      expect(await visible({ id: "x", role: "NOBODY" as never, organId: neighbour.townId })).toEqual([]);
    });

    it("a clerk cannot read another township's report", async () => {
      expect(await getReport(chengguan, ids.qingshan!, t.db)).toBeNull();
      expect((await getReport(chengguan, ids.chengguan!, t.db))?.organName).toBe("示范县城关镇人民政府");
      expect(await getReport(chengguan, "does-not-exist", t.db)).toBeNull();
    });

    it("a clerk cannot save another township's report, and it stays untouched", async () => {
      const before = await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! } });
      const res = await replaceReportContent(
        chengguan,
        { reportId: ids.qingshan!, baseVersion: before.version, content: edited(emptyContent("x", YEAR), "入侵") },
        t.db,
      );
      expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
      const after = await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! } });
      expect(after.version).toBe(before.version);
      expect(after.content).toBe(before.content);
    });

    it("lists: clerk sees own, county supervisor sees the three townships, admin sees their subtree", async () => {
      expect((await listReports(chengguan, {}, t.db)).map((r) => r.organShortName)).toEqual(["城关镇"]);
      const sup = await listReports(shencha, {}, t.db);
      expect(sup.map((r) => r.organShortName)).toEqual(["城关镇", "青山镇", "河口乡"]); // organ sortOrder
      expect(sup.every((r) => r.year === YEAR && r.status === "DRAFT")).toBe(true);
      expect((await listReports(admin, {}, t.db)).map((r) => r.id).sort()).toEqual([ids.chengguan!, ids.qingshan!, ids.hekou!].sort());
      expect((await listReports({ ...admin, organId: null }, {}, t.db)).map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
      expect(await listReports(shencha, { year: YEAR - 1 }, t.db)).toEqual([]);
      // by pages and by name, within the same scope (a province's reviewer reads thousands)
      expect(await countReports(shencha, {}, t.db)).toBe(3);
      expect((await listReports(shencha, { skip: 1, take: 1 }, t.db)).map((r) => r.organShortName)).toEqual(["青山镇"]);
      expect((await listReports(shencha, { q: "河口" }, t.db)).map((r) => r.organShortName)).toEqual(["河口乡"]);
      expect(await countReports(shencha, { q: "河口" }, t.db)).toBe(1);
      expect(await countReports(shencha, { q: "东风" }, t.db)).toBe(0); // the neighbour county's: not in scope
      expect((await listReports(shencha, { notOrganId: ids.chengguan ? (await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan } })).organId : "" }, t.db)).map((r) => r.organShortName)).toEqual(["青山镇", "河口乡"]);
      expect(await countReports(chengguan, { q: "青山" }, t.db)).toBe(0);
    });

    it("the county supervisor reads every township's report but cannot edit, nor see the neighbour county", async () => {
      for (const name of ["chengguan", "qingshan", "hekou"]) {
        expect(await getReport(shencha, ids[name]!, t.db)).not.toBeNull();
      }
      expect(await getReport(shencha, ids.dongfeng!, t.db)).toBeNull();
      const r = await getReport(shencha, ids.hekou!, t.db);
      const res = await replaceReportContent(shencha, { reportId: ids.hekou!, baseVersion: r!.version, content: r!.content }, t.db);
      expect(res).toMatchObject({ ok: false, code: "READ_ONLY" });
      expect(can(shencha, "report:edit")).toBe(false);
      expect(can(shencha, "report:review")).toBe(true);
    });
  });

  describe("create", () => {
    it("a second report for the same organ and year is refused with DUPLICATE", async () => {
      const res = await createReport(chengguan, { year: YEAR }, t.db);
      expect(res).toMatchObject({ ok: false, code: "DUPLICATE", reportId: ids.chengguan });
      expect(await t.db.report.count({ where: { organId: chengguan.organId!, year: YEAR } })).toBe(1);
    });

    it("checks permission, scope and year", async () => {
      expect(await createReport(shencha, { year: YEAR }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await createReport(chengguan, { year: 2023, organId: qingshan.organId! }, t.db)).toMatchObject({
        ok: false,
        code: "FORBIDDEN",
      });
      expect(await createReport(chengguan, { year: 1999 }, t.db)).toMatchObject({ ok: false, code: "INVALID_YEAR" });
      expect(await createReport({ ...chengguan, organId: null }, { year: 2023 }, t.db)).toMatchObject({
        ok: false,
        code: "NO_ORGAN",
      });
    });

    it("starts from the template's empty content with the organ's full name", async () => {
      const r = await getReport(hekou, ids.hekou!, t.db);
      expect(r?.content).toEqual(emptyContent("示范县河口乡人民政府", YEAR));
      expect(r).toMatchObject({ status: "DRAFT", version: 1, templateVersion: "2021", organKind: "TOWNSHIP" });
    });

    it("prefills 上年结转 from last year's 结转下年度继续办理", async () => {
      const prev = await createReport(hekou, { year: 2021 }, t.db);
      if (!prev.ok) throw new Error(prev.message);
      const got = (await getReport(hekou, prev.reportId, t.db))!;
      const content = { ...got.content, cells: { ...got.content.cells, "t3.carryover.natural": "4", "t3.carryover.legal": "1" } };
      expect(await replaceReportContent(hekou, { reportId: prev.reportId, baseVersion: got.version, content }, t.db)).toMatchObject({ ok: true });
      const next = await createReport(hekou, { year: 2022 }, t.db);
      if (!next.ok) throw new Error(next.message);
      const cells = (await getReport(hekou, next.reportId, t.db))!.content.cells;
      expect(cells["t3.carried.natural"]).toBe("4");
      expect(cells["t3.carried.legal"]).toBe("1");
      expect(cells["t3.carried.commercial"]).toBe("");
      expect(cells["t3.carryover.natural"]).toBe("");
    });

    it("getPreviousYearReport finds last year's report in scope only", async () => {
      const prev = await createReport(chengguan, { year: YEAR - 1 }, t.db);
      expect(prev.ok).toBe(true);
      expect((await getPreviousYearReport(chengguan, chengguan.organId!, YEAR, t.db))?.year).toBe(YEAR - 1);
      expect(await getPreviousYearReport(qingshan, chengguan.organId!, YEAR, t.db)).toBeNull();
      expect(await getPreviousYearReport(qingshan, qingshan.organId!, YEAR, t.db)).toBeNull();
    });

    it("the rule context of a clerk's own report (one SQL statement) is the general path's: last year's report and the deadline", async () => {
      const organ = await t.db.organ.findUniqueOrThrow({ where: { id: chengguan.organId! }, select: { id: true, kind: true, fullName: true } });
      const target = { organId: organ.id, organKind: organ.kind, organName: organ.fullName, year: YEAR, kind: "ORGAN" };
      await createReport(chengguan, { year: YEAR - 1 }, t.db); // (or already there: the test above)
      // the county's supervisor takes the general path (Prisma queries with the scope)
      const own = await ruleContextFor(chengguan, target, t.db);
      expect(own.previous?.year).toBe(YEAR - 1);
      expect(own.previous?.content.header.organName).toBeTruthy();
      expect(own).toEqual(await ruleContextFor(shencha, target, t.db));
      await t.db.deadlineSetting.create({ data: { organId: organ.id, year: YEAR, key: "ORGAN", month: 2, day: 3 } });
      try {
        expect((await ruleContextFor(chengguan, target, t.db)).deadline).toEqual({ year: YEAR + 1, month: 2, day: 3 });
        expect(await ruleContextFor(chengguan, target, t.db)).toEqual(await ruleContextFor(shencha, target, t.db));
      } finally {
        await t.db.deadlineSetting.deleteMany({ where: { organId: organ.id, year: YEAR } });
      }
      expect((await ruleContextFor(chengguan, target, t.db)).deadline).toEqual({ year: YEAR + 1, month: 1, day: 31 });
    });
  });

  describe("save (field-by-field merge)", () => {
    const S5 = "text.s5";
    const COERCION = "t2.coercion.decisions";
    const change = (ref: string, base: FieldValue, value: FieldValue) => ({ ref, base, value });
    const stored = async (id: string) => (await getReport(qingshan, id, t.db))!;

    it("two editors of different fields: both edits are kept, without a conflict", async () => {
      const start = await stored(ids.qingshan!);
      const v = start.version;
      // tab A saves 一（二）
      const a = await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: v, changes: [change("text.s1.request", "", "甲窗口写的依申请公开")] }, t.db);
      expect(a).toMatchObject({ ok: true, version: v + 1, content: null, conflicts: [], rejected: [] });
      // tab B, opened before A saved, changes only 表二「行政强制」
      const b = await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: v, changes: [change(COERCION, "", "3")] }, t.db);
      if (!b.ok) throw new Error(b.message);
      expect(b).toMatchObject({ version: v + 2, conflicts: [], rejected: [] });
      // B learns A's field with the answer
      expect(b.content?.text["s1.request"]).toBe("甲窗口写的依申请公开");
      const now = await stored(ids.qingshan!);
      expect(now.content.text["s1.request"]).toBe("甲窗口写的依申请公开");
      expect(now.content.cells[COERCION]).toBe("3");
      expect(now.updatedBy?.id).toBe(qingshan.id);
    });

    it("a field changed on both sides is a conflict with both values; nothing else is lost; keeping mine needs the other value as base", async () => {
      const start = await stored(ids.qingshan!);
      const v = start.version;
      const base = start.content.text.s5 ?? "";
      expect((await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: v, changes: [change(S5, base, "甲的问题")] }, t.db)).ok).toBe(true);
      const b = await saveReport(
        qingshan,
        { reportId: ids.qingshan!, baseVersion: v, changes: [change(S5, base, "乙的问题"), change("t2.penalty.decisions", "", "12")] },
        t.db,
      );
      if (!b.ok) throw new Error(b.message);
      expect(b.conflicts).toEqual([{ ref: S5, base, mine: "乙的问题", theirs: "甲的问题" }]);
      let now = await stored(ids.qingshan!);
      expect(now.content.text.s5).toBe("甲的问题"); // not overwritten
      expect(now.content.cells["t2.penalty.decisions"]).toBe("12"); // the other field of the same save is kept
      // 保留我的: the editor now saves against the value it was shown
      const keep = await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: b.version, changes: [change(S5, "甲的问题", "乙的问题")] }, t.db);
      expect(keep).toMatchObject({ ok: true, conflicts: [] });
      now = await stored(ids.qingshan!);
      expect(now.content.text.s5).toBe("乙的问题");
      expect(now.content.cells["t2.penalty.decisions"]).toBe("12");
    });

    it("the same change made on both sides is no conflict", async () => {
      const start = await stored(ids.qingshan!);
      const x = change("t2.permit.decisions", start.content.cells["t2.permit.decisions"] ?? "", "55");
      expect((await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: start.version, changes: [x] }, t.db)).ok).toBe(true);
      expect(await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: start.version, changes: [x] }, t.db)).toMatchObject({ ok: true, conflicts: [] });
    });

    it("a save's time is the same instant through plain SQL and Prisma, whatever the server's time zone", async () => {
      const zone = process.env.TZ;
      process.env.TZ = "Asia/Shanghai"; // a server set to China time: pg would send and read local times
      try {
        const start = (await getReport(chengguan, ids.chengguan!, t.db))!;
        const before = Date.now();
        const r = await saveReport(chengguan, { reportId: ids.chengguan!, baseVersion: start.version, changes: [change("t3.new.legal", start.content.cells["t3.new.legal"] ?? "", "9")] }, t.db);
        if (!r.ok) throw new Error(r.message);
        const savedAt = new Date(r.savedAt).getTime();
        expect(Math.abs(savedAt - before)).toBeLessThan(60_000);
        const row = await t.db.report.findUniqueOrThrow({ where: { id: ids.chengguan! }, select: { updatedAt: true, version: true } });
        expect(row).toEqual({ updatedAt: new Date(r.savedAt), version: r.version });
        const ev = await t.db.reportEvent.findFirstOrThrow({ where: { reportId: ids.chengguan!, action: "report.save" }, orderBy: { createdAt: "desc" } });
        expect(Math.abs(ev.createdAt.getTime() - savedAt)).toBeLessThan(5_000);
        expect(JSON.parse(ev.detail)).toMatchObject({ fromVersion: start.version, toVersion: r.version, fields: 1 });
        // and read back by the next save's plain-SQL read as the same instant
        const again = await saveReport(chengguan, { reportId: ids.chengguan!, baseVersion: r.version, changes: [] }, t.db);
        expect(again).toMatchObject({ ok: true, version: r.version, savedAt: r.savedAt });
      } finally {
        if (zone === undefined) delete process.env.TZ;
        else process.env.TZ = zone;
      }
    });

    it("of two concurrent saves from the same version of different fields both are stored", async () => {
      const start = (await getReport(hekou, ids.hekou!, t.db))!;
      const results = await Promise.all(
        (["t3.new.natural", "t3.new.commercial", "t3.new.research", "t3.new.legal"] as const).map((ref, i) =>
          saveReport(hekou, { reportId: ids.hekou!, baseVersion: start.version, changes: [change(ref, "", String(i + 1))] }, t.db),
        ),
      );
      expect(results.every((r) => r.ok && r.conflicts.length === 0)).toBe(true);
      const now = (await getReport(hekou, ids.hekou!, t.db))!;
      expect(now.version).toBe(start.version + 4);
      expect([now.content.cells["t3.new.natural"], now.content.cells["t3.new.commercial"], now.content.cells["t3.new.research"], now.content.cells["t3.new.legal"]]).toEqual(["1", "2", "3", "4"]);
    });

    it("many concurrent saves of one report from the same version, each of its own field, are all stored (the last attempt waits for the row)", async () => {
      const start = (await getReport(qingshan, ids.qingshan!, t.db))!;
      const refs = INPUT_CELLS.filter((c) => c.table === "t4").slice(0, 12).map((c) => c.id);
      expect(refs).toHaveLength(12);
      const results = await Promise.all(
        refs.map((ref, i) =>
          saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: start.version, changes: [change(ref, start.content.cells[ref] ?? "", String(100 + i))] }, t.db),
        ),
      );
      expect(results.filter((r) => !r.ok)).toEqual([]);
      const now = (await getReport(qingshan, ids.qingshan!, t.db))!;
      expect(now.version).toBe(start.version + refs.length);
      expect(refs.map((ref) => now.content.cells[ref])).toEqual(refs.map((_, i) => String(100 + i)));
      const events = await t.db.reportEvent.count({ where: { reportId: ids.qingshan!, action: "report.save", createdAt: { gte: start.updatedAt } } });
      expect(events).toBeGreaterThanOrEqual(refs.length);
    });

    it("a text over the format's limit is saved (rule E8 blocks submitting); beyond the storage ceiling only that field is refused", async () => {
      const start = await stored(ids.qingshan!);
      const long = "字".repeat(50_000);
      const r = await saveReport(
        qingshan,
        { reportId: ids.qingshan!, baseVersion: start.version, changes: [change(S5, start.content.text.s5 ?? "", long), change("t2.rules.issued", start.content.cells["t2.rules.issued"] ?? "", "2")] },
        t.db,
      );
      expect(r).toMatchObject({ ok: true, rejected: [] });
      let now = await stored(ids.qingshan!);
      expect(now.content.text.s5).toBe(long);
      expect(now.content.cells["t2.rules.issued"]).toBe("2");
      const row = await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! }, select: { errorCount: true } });
      expect(row.errorCount).toBeGreaterThan(0);

      const huge = "字".repeat(TEXT_STORE_MAX_CHARS + 5);
      const r2 = await saveReport(
        qingshan,
        { reportId: ids.qingshan!, baseVersion: now.version, changes: [change(S5, long, huge), change("t2.rules.repealed", now.content.cells["t2.rules.repealed"] ?? "", "1")] },
        t.db,
      );
      if (!r2.ok) throw new Error(r2.message);
      expect(r2.rejected).toHaveLength(1);
      expect(r2.rejected[0]!.ref).toBe(S5);
      expect(r2.rejected[0]!.message).toContain(`超过可保存的上限 ${TEXT_STORE_MAX_CHARS} 个字符（多 5 个）`);
      now = await stored(ids.qingshan!);
      expect(now.content.text.s5).toBe(long); // the refused value did not replace the stored one
      expect(now.content.cells["t2.rules.repealed"]).toBe("1"); // every other field saved
    });

    it("refuses malformed changes and unknown fields without writing; non-editable reports are read-only", async () => {
      const r = (await getReport(chengguan, ids.chengguan!, t.db))!;
      expect(await saveReport(chengguan, { reportId: r.id, baseVersion: r.version, changes: "nope" }, t.db)).toMatchObject({ ok: false, code: "INVALID" });
      const unknown = await saveReport(chengguan, { reportId: r.id, baseVersion: r.version, changes: [change("no-such-cell", "", "1")] }, t.db);
      expect(unknown).toMatchObject({ ok: true, rejected: [{ ref: "no-such-cell" }] });
      expect((await getReport(chengguan, r.id, t.db))?.version).toBe(r.version);
      await t.db.report.update({ where: { id: r.id }, data: { status: "SUBMITTED" } });
      try {
        expect(
          await saveReport(chengguan, { reportId: r.id, baseVersion: r.version, changes: [change(S5, "", "x")] }, t.db),
        ).toMatchObject({ ok: false, code: "READ_ONLY" });
      } finally {
        await t.db.report.update({ where: { id: r.id }, data: { status: "DRAFT" } });
      }
      expect((await getReport(chengguan, r.id, t.db))?.version).toBe(r.version);
    });

    it("the state endpoint's service reports the version, and the content only when it moved on", async () => {
      const now = await stored(ids.qingshan!);
      const same = await getReportState(qingshan, { reportId: ids.qingshan!, knownVersion: now.version }, t.db);
      expect(same).toMatchObject({ version: now.version, status: "DRAFT", content: null });
      const older = await getReportState(qingshan, { reportId: ids.qingshan!, knownVersion: now.version - 1 }, t.db);
      expect(older?.content).toEqual(now.content);
      expect(await getReportState(chengguan, { reportId: ids.qingshan!, knownVersion: 1 }, t.db)).toBeNull();
    });
  });

  describe("audit", () => {
    it("records create and each save that wrote, one version step each, not refused ones", async () => {
      const events = await t.db.reportEvent.findMany({ where: { reportId: ids.qingshan! }, orderBy: { createdAt: "asc" } });
      const version = (await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! } })).version;
      expect(events.filter((e) => e.action === "report.create")).toHaveLength(1);
      const saves = events.filter((e) => e.action === "report.save").map((e) => JSON.parse(e.detail) as Record<string, number>);
      expect(saves).toHaveLength(version - 1); // the same-change save and the refused ones wrote nothing
      expect(saves.map((d) => d.toVersion! - d.fromVersion!)).toEqual(saves.map(() => 1));
      expect(saves.every((d) => d.fields! >= 1)).toBe(true);
      expect(saves.some((d) => d.conflicts === 1)).toBe(true); // the save that kept its other field
      expect(events.every((e) => e.actorId === qingshan.id)).toBe(true);
      // chengguan's failed attempt on qingshan's report left no trace
      expect(await t.db.reportEvent.count({ where: { reportId: ids.qingshan!, actorId: chengguan.id } })).toBe(0);
    });
  });
});
