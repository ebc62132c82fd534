import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db-core";
import type { Actor } from "@/lib/server/types";
import { checkOrganImport, importOrgans } from "@/lib/server/services/admin-import-organs";
import { listAuditEvents } from "@/lib/server/services/audit";
import { rebuildClosure } from "@/lib/server/organ-tree";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty } from "./fixtures";

const HEADER = "机关全称,机关简称,机关类型,上级机关,排序";
const csv = (...rows: string[]) => ({ name: "机关名单.csv", bytes: new TextEncoder().encode("\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n") });

/**
 * `db` whose transactions fail on writing the closure rows, after the organs themselves are written (a lost
 * connection, a full disk): the import's earlier writes must be rolled back with it.
 */
function failingDb(db: Db): Db {
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
      return (fn: (tx: unknown) => Promise<unknown>, opts?: unknown) =>
        (target.$transaction as (f: (tx: unknown) => Promise<unknown>, o?: unknown) => Promise<unknown>)(
          (tx) =>
            fn(
              new Proxy(tx as object, {
                get(t, p) {
                  const v = Reflect.get(t, p) as unknown;
                  if (p !== "organClosure") return v;
                  const closure = v as Record<string, (...a: unknown[]) => unknown>;
                  return new Proxy(closure, {
                    get(o, q) {
                      if (q !== "createMany") return Reflect.get(o, q);
                      return () => {
                        throw new Error("connection lost");
                      };
                    },
                  });
                },
              }),
            ),
          opts,
        );
    },
  }) as Db;
}

describe.each(TEST_PROVIDERS)("organ import on %s", (provider) => {
  let t: TestDb;
  let admin: Actor, countyAdmin: Actor, clerk: Actor;
  let countyId: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    admin = await actor(t.db, "admin");
    clerk = await actor(t.db, "chengguan");
    countyId = (await actor(t.db, "shencha")).organId!;
    await t.db.user.create({ data: { id: "test-xianadmin", name: "县管理员", email: "xianadmin@nianbao.local", username: "xianadmin", role: "ADMIN", organId: countyId } });
    countyAdmin = { id: "test-xianadmin", role: "ADMIN", organId: countyId };
    await addNeighbourCounty(t.db);
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  const organCount = () => t.db.organ.count();
  const importEvents = () => t.db.reportEvent.findMany({ where: { action: "organ.import" } });

  it("checks first: every problem with row and column, nothing written; a clerk may not", async () => {
    const before = await organCount();
    const file = csv("示范县审计局,审计局,政府部门,示范县人民政府,1", "示范县某村,某村,村,示范县人民政府,", "示范县统计局,统计局,政府部门,示范县不存在局,");
    const res = await checkOrganImport(admin, file, t.db);
    expect(res).toMatchObject({ ok: false, code: "INVALID", message: "文件中有 2 处问题（涉及 2 行），请在文件中改正后重新上传；尚未导入任何机关。" });
    if (res.ok) return;
    expect(res.preview?.problems).toEqual([
      { row: 3, column: "机关类型", message: "「村」不是机关类型，应为以下之一：省级人民政府、地市级人民政府、县级人民政府、政府部门、乡镇（街道）" },
      { row: 4, column: "上级机关", message: "上级机关“示范县不存在局”不存在：它既不是已有的机关，也不是本文件中的机关全称" },
    ]);
    // the import re-checks: still nothing
    expect(await importOrgans(admin, file, null, t.db)).toMatchObject({ ok: false, code: "INVALID" });
    expect(await organCount()).toBe(before);
    expect(await importEvents()).toHaveLength(0);
    expect(await checkOrganImport(clerk, file, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await importOrgans(clerk, file, null, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await checkOrganImport(admin, { name: "机关.doc", bytes: new Uint8Array([1, 2]) }, t.db)).toMatchObject({
      ok: false,
      preview: { problems: [{ row: null, column: null, message: "只能导入 CSV 或 XLSX 文件" }] },
    });
  });

  it("imports a clean file in parent-before-child order, in the closure, with one audit event in Chinese; again it only skips", async () => {
    const file = csv(
      "示范县新区审计局,新区审计局,政府部门,示范县新区管委会,2", // its parent comes later in the file
      "示范县新区管委会,新区,县级人民政府,示范市人民政府,9",
      "示范县城关镇人民政府,城关镇,乡镇（街道）,示范县人民政府,", // exists: skipped
    );
    const check = await checkOrganImport(admin, file, t.db);
    expect(check).toMatchObject({ ok: true, preview: { create: 2, skippedCount: 1, problemCount: 0 } });
    const res = await importOrgans(admin, file, 2, t.db);
    expect(res).toEqual({ ok: true, created: 2, skipped: 1 });
    const zone = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范县新区管委会" } });
    const audit = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范县新区审计局" } });
    expect(zone).toMatchObject({ kind: "COUNTY", parentId: admin.organId, sortOrder: 9, shortName: "新区" });
    expect(audit).toMatchObject({ kind: "DEPARTMENT", parentId: zone.id, sortOrder: 2 });
    expect(await t.db.organClosure.count({ where: { organId: audit.id } })).toBe(3); // itself, the zone, the city
    const events = await importEvents();
    expect(events).toHaveLength(1);
    expect(events[0]!.actorId).toBe(admin.id);
    expect(JSON.parse(events[0]!.detail)).toEqual({ fileName: "机关名单.csv", count: 2, skipped: 1 });
    const page = await listAuditEvents(admin, { action: "organ.import" }, t.db);
    expect(page.events[0]).toMatchObject({ actionLabel: "批量导入机关" });
    expect(page.events[0]!.details.map((d) => `${d.label} ${d.text}`)).toEqual(["文件名 机关名单.csv", "数量 2", "已存在而跳过 1"]);
    // the same file again: every row is there now
    const again = await checkOrganImport(admin, file, t.db);
    expect(again).toMatchObject({ ok: true, preview: { create: 0, skippedCount: 3 } });
    expect(await importOrgans(admin, file, null, t.db)).toMatchObject({ ok: false, message: "文件中的机关都已存在，没有需要导入的机关。" });
    expect(await importEvents()).toHaveLength(1);
  });

  it("keeps a county's admin within the county", async () => {
    const before = await organCount();
    const file = csv("邻县西风镇人民政府,西风镇,乡镇（街道）,邻县人民政府,", "示范市审计局,市审计局,政府部门,示范市人民政府,", "另一县人民政府,另一县,县级人民政府,,");
    const res = await importOrgans(countyAdmin, file, null, t.db);
    expect(res).toMatchObject({ ok: false });
    if (res.ok) return;
    expect(res.preview?.problems).toEqual([
      { row: 2, column: "上级机关", message: "上级机关“邻县人民政府”不在您的管理范围内" },
      { row: 3, column: "上级机关", message: "上级机关“示范市人民政府”不在您的管理范围内" },
      { row: 4, column: "上级机关", message: "请填写上级机关（您只能在本机关之下新建或移动机关）" },
    ]);
    expect(await organCount()).toBe(before);
    // within the county it may
    expect(await importOrgans(countyAdmin, csv("示范县水利局,水利局,政府部门,示范县人民政府,"), null, t.db)).toEqual({ ok: true, created: 1, skipped: 0 });
    const made = await t.db.organ.findFirstOrThrow({ where: { fullName: "示范县水利局" } });
    expect(made.parentId).toBe(countyId);
  });

  it("all or nothing: a failure after the organs are written (at their closure rows) leaves none of the file; a count that changed since the check is refused", async () => {
    const before = await organCount();
    const events = (await importEvents()).length;
    const file = csv(...["甲", "乙", "丙", "丁"].map((x) => `示范县${x}局,${x}局,政府部门,示范县人民政府,`));
    await expect(importOrgans(admin, file, null, failingDb(t.db))).rejects.toThrow("connection lost");
    expect(await organCount()).toBe(before);
    expect(await t.db.organ.count({ where: { fullName: { in: ["示范县甲局", "示范县乙局"] } } })).toBe(0);
    expect(await importEvents()).toHaveLength(events);
    const changed = await importOrgans(admin, file, 5, t.db);
    expect(changed).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("现在要新建 4 个机关（检查时为 5 个）") });
    expect(await organCount()).toBe(before);
  });

  it("imports 3,000 organs (30 counties with their departments and townships) in one go", async () => {
    const rows: string[] = [];
    for (let c = 0; c < 30; c++) {
      const county = `大批${c}县人民政府`;
      // the county's organs first, the county itself last: parents may come later in the file
      for (let k = 0; k < 99; k++)
        rows.push(k % 2 ? `大批${c}县第${k}局,第${k}局,政府部门,${county},${k}` : `大批${c}县第${k}镇人民政府,第${k}镇,乡镇（街道）,${county},${k}`);
      rows.push(`${county},大批${c}县,县级人民政府,示范市人民政府,${c}`);
    }
    expect(rows).toHaveLength(3000);
    const file = csv(...rows);
    const check = await checkOrganImport(admin, file, t.db);
    expect(check).toMatchObject({ ok: true, preview: { create: 3000, problemCount: 0 } });
    expect(await importOrgans(admin, file, 3000, t.db)).toEqual({ ok: true, created: 3000, skipped: 0 });
    expect(await t.db.organ.count({ where: { fullName: { startsWith: "大批" } } })).toBe(3000);
    const town = await t.db.organ.findFirstOrThrow({ where: { fullName: "大批29县第98镇人民政府" }, select: { id: true, parent: { select: { fullName: true } } } });
    expect(town.parent?.fullName).toBe("大批29县人民政府");
    // the closure written with the import is the one rebuilt from the tree
    const closure = async () =>
      (await t.db.organClosure.findMany({ select: { ancestorId: true, organId: true, depth: true } })).map((r) => `${r.ancestorId}>${r.organId}@${r.depth}`).sort();
    const kept = await closure();
    await rebuildClosure(t.db);
    expect(await closure()).toEqual(kept);
  }, 300_000);
});
