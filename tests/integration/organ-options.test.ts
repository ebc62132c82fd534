import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/server/types";
import { createOrganRow } from "@/lib/server/organ-tree";
import { ORGAN_OPTIONS_MAX, searchOrganOptions } from "@/lib/server/services/admin-organ-options";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty } from "./fixtures";

// The users form's 所属机关 search (components/admin/organ-picker.tsx → /admin/organs/options).
describe.each(TEST_PROVIDERS)("organ options on %s", (provider) => {
  let t: TestDb;
  let admin: Actor, shencha: Actor, chengguan: Actor;
  let countyAdmin: Actor;
  let neighbourTown: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    [admin, shencha, chengguan] = (await Promise.all(["admin", "shencha", "chengguan"].map((u) => actor(t.db, u)))) as [Actor, Actor, Actor];
    // an admin of the county alone (its subtree), and a county outside the city
    countyAdmin = { id: "county-admin", role: "ADMIN", organId: shencha.organId };
    neighbourTown = (await addNeighbourCounty(t.db)).townId;
    for (let i = 1; i <= 30; i++)
      await createOrganRow(t.db, { fullName: `示范县第${i}号测试乡人民政府`, shortName: `测试${i}乡`, kind: "TOWNSHIP", parentId: shencha.organId, sortOrder: 100 + i });
    const gone = await createOrganRow(t.db, { fullName: "示范县已撤销测试乡人民政府", shortName: "撤销乡", kind: "TOWNSHIP", parentId: shencha.organId });
    await t.db.organ.update({ where: { id: gone.id }, data: { active: false, deactivatedAt: new Date() } });
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("finds active organs of the admin's subtree by part of the full or short name, with their parent", async () => {
    const { options, more } = await searchOrganOptions(admin, "河口", t.db);
    expect(options).toEqual([{ id: expect.any(String), name: "示范县河口乡人民政府", parentName: "示范县人民政府" }]);
    expect(more).toBe(false);
    // by the short name
    expect((await searchOrganOptions(admin, "测试7乡", t.db)).options.map((o) => o.name)).toEqual(["示范县第7号测试乡人民政府"]);
    // a deactivated organ gets no accounts: not offered
    expect((await searchOrganOptions(admin, "撤销", t.db)).options).toEqual([]);
  });

  it("shows at most ORGAN_OPTIONS_MAX, says there are more, and puts the exact name and leading matches first", async () => {
    const many = await searchOrganOptions(admin, "测试", t.db);
    expect(many.options).toHaveLength(ORGAN_OPTIONS_MAX);
    expect(many.more).toBe(true);
    // 第3号 exactly by its short name, then those starting with 测试3 (测试30乡), then the rest holding it (none here)
    const three = await searchOrganOptions(admin, "测试3乡", t.db);
    expect(three.options.map((o) => o.name)).toEqual(["示范县第3号测试乡人民政府"]);
    const lead = await searchOrganOptions(admin, "示范县第1", t.db);
    expect(lead.options[0]!.name).toBe("示范县第1号测试乡人民政府");
    const exact = await searchOrganOptions(admin, "示范县第2号测试乡人民政府", t.db);
    expect(exact.options.map((o) => o.name)).toEqual(["示范县第2号测试乡人民政府"]);
  });

  it("stays within the admin's subtree; answers nobody but admins; a blank search finds nothing", async () => {
    // the city's admin does not administer the neighbour county outside the city
    expect((await searchOrganOptions(admin, "东风镇", t.db)).options).toEqual([]);
    const root = { id: "root-admin", role: "ADMIN", organId: null } as Actor;
    expect((await searchOrganOptions(root, "东风镇", t.db)).options.map((o) => o.id)).toEqual([neighbourTown]);
    // a county's admin: its townships, not the city's other organs
    expect((await searchOrganOptions(countyAdmin, "河口", t.db)).options).toHaveLength(1);
    expect((await searchOrganOptions(countyAdmin, "示范市", t.db)).options).toEqual([]);
    expect((await searchOrganOptions(shencha, "河口", t.db)).options).toEqual([]);
    expect((await searchOrganOptions(chengguan, "城关", t.db)).options).toEqual([]);
    expect((await searchOrganOptions(admin, "   ", t.db)).options).toEqual([]);
  });
});
