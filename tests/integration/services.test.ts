import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emptyContent, INPUT_CELLS, TEXT_FIELDS, type ReportContent } from "@/lib/template";
import { reportScope } from "@/lib/server/scope";
import { can } from "@/lib/server/permissions";
import type { Actor } from "@/lib/server/types";
import { createReport } from "@/lib/server/services/create-report";
import { saveReport } from "@/lib/server/services/save-report";
import { getPreviousYearReport, getReport } from "@/lib/server/services/get-report";
import { listReports } from "@/lib/server/services/list-reports";
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
      expect(await visible(admin)).toEqual([...town, ids.dongfeng!].sort());
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
      const res = await saveReport(
        chengguan,
        { reportId: ids.qingshan!, baseVersion: before.version, content: edited(emptyContent("x", YEAR), "入侵") },
        t.db,
      );
      expect(res).toMatchObject({ ok: false, code: "NOT_FOUND" });
      const after = await t.db.report.findUniqueOrThrow({ where: { id: ids.qingshan! } });
      expect(after.version).toBe(before.version);
      expect(after.content).toBe(before.content);
    });

    it("lists: clerk sees own, county supervisor sees the three townships, admin sees all", async () => {
      expect((await listReports(chengguan, {}, t.db)).map((r) => r.organShortName)).toEqual(["城关镇"]);
      const sup = await listReports(shencha, {}, t.db);
      expect(sup.map((r) => r.organShortName)).toEqual(["城关镇", "青山镇", "河口乡"]); // organ sortOrder
      expect(sup.every((r) => r.year === YEAR && r.status === "DRAFT")).toBe(true);
      expect((await listReports(admin, {}, t.db)).map((r) => r.id).sort()).toEqual(Object.values(ids).sort());
      expect(await listReports(shencha, { year: YEAR - 1 }, t.db)).toEqual([]);
    });

    it("the county supervisor reads every township's report but cannot edit, nor see the neighbour county", async () => {
      for (const name of ["chengguan", "qingshan", "hekou"]) {
        expect(await getReport(shencha, ids[name]!, t.db)).not.toBeNull();
      }
      expect(await getReport(shencha, ids.dongfeng!, t.db)).toBeNull();
      const r = await getReport(shencha, ids.hekou!, t.db);
      const res = await saveReport(shencha, { reportId: ids.hekou!, baseVersion: r!.version, content: r!.content }, t.db);
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
      expect(await saveReport(hekou, { reportId: prev.reportId, baseVersion: got.version, content }, t.db)).toMatchObject({ ok: true });
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
  });

  describe("save (optimistic concurrency)", () => {
    it("saves with the current version, refuses a stale one without overwriting", async () => {
      const start = await getReport(qingshan, ids.qingshan!, t.db);
      expect(start).not.toBeNull();
      const v = start!.version;
      const first = edited(start!.content, "第一次保存");
      const ok = await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: v, content: first }, t.db);
      expect(ok).toMatchObject({ ok: true, version: v + 1 });

      const stale = edited(start!.content, "过期的副本");
      const conflict = await saveReport(qingshan, { reportId: ids.qingshan!, baseVersion: v, content: stale }, t.db);
      expect(conflict).toMatchObject({ ok: false, code: "CONFLICT", serverVersion: v + 1 });
      if (conflict.ok || conflict.code !== "CONFLICT") throw new Error("expected CONFLICT");
      expect(conflict.serverContent).toEqual(first);

      const now = await getReport(qingshan, ids.qingshan!, t.db);
      expect(now?.version).toBe(v + 1);
      expect(now?.content).toEqual(first);
      expect(now?.updatedBy?.id).toBe(qingshan.id);
    });

    it("of two concurrent saves from the same version exactly one wins", async () => {
      const start = (await getReport(hekou, ids.hekou!, t.db))!;
      const results = await Promise.all(
        ["甲", "乙"].map((m) =>
          saveReport(hekou, { reportId: ids.hekou!, baseVersion: start.version, content: edited(start.content, m) }, t.db),
        ),
      );
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok && r.code === "CONFLICT")).toHaveLength(1);
      expect((await getReport(hekou, ids.hekou!, t.db))?.version).toBe(start.version + 1);
    });

    it("rejects invalid content and non-editable reports without writing", async () => {
      const r = (await getReport(chengguan, ids.chengguan!, t.db))!;
      const bad = { ...r.content, cells: { ...r.content.cells, "no-such-cell": "1" } };
      expect(await saveReport(chengguan, { reportId: r.id, baseVersion: r.version, content: bad }, t.db)).toMatchObject({
        ok: false,
        code: "INVALID",
      });
      await t.db.report.update({ where: { id: r.id }, data: { status: "SUBMITTED" } });
      try {
        expect(
          await saveReport(chengguan, { reportId: r.id, baseVersion: r.version, content: edited(r.content, "x") }, t.db),
        ).toMatchObject({ ok: false, code: "READ_ONLY" });
      } finally {
        await t.db.report.update({ where: { id: r.id }, data: { status: "DRAFT" } });
      }
      expect((await getReport(chengguan, r.id, t.db))?.version).toBe(r.version);
    });
  });

  describe("audit", () => {
    it("records create and each successful save, not refused ones", async () => {
      const events = await t.db.reportEvent.findMany({ where: { reportId: ids.qingshan! } });
      expect(events.map((e) => e.action).sort()).toEqual(["report.create", "report.save"]);
      expect(events.every((e) => e.actorId === qingshan.id)).toBe(true);
      const save = events.find((e) => e.action === "report.save");
      expect(JSON.parse(save!.detail)).toEqual({ fromVersion: 1, toVersion: 2 });
      // chengguan's failed attempt on qingshan's report and the conflicting save left no trace
      expect(await t.db.reportEvent.count({ where: { reportId: ids.qingshan!, actorId: chengguan.id } })).toBe(0);
    });
  });
});
