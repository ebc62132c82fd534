import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { createAuth, type Auth } from "@/lib/server/auth-core";
import type { Actor } from "@/lib/server/types";
import { createOrgan } from "@/lib/server/services/admin-create-organ";
import { setOrganActive, updateOrgan } from "@/lib/server/services/admin-update-organ";
import { organScope } from "@/lib/server/scope";
import { rebuildClosure } from "@/lib/server/organ-tree";
import { listOrgansForAdmin } from "@/lib/server/services/admin-list-organs";
import { createUser } from "@/lib/server/services/admin-create-user";
import { updateUser } from "@/lib/server/services/admin-update-user";
import { resetPassword } from "@/lib/server/services/admin-reset-password";
import { setUserDisabled } from "@/lib/server/services/admin-set-user-disabled";
import { countUsersForAdmin, getUserForAdmin, listUsersForAdmin } from "@/lib/server/services/admin-list-users";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "@/lib/server/services/audit";
import { DEMO_PASSWORD } from "@/scripts/seed";
import { resolveSessionUser } from "@/lib/server/services/session-user";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor } from "./fixtures";
import { listLoginLocksForAdmin } from "@/lib/server/services/admin-list-login-locks";
import { clearLoginLock } from "@/lib/server/services/admin-clear-login-lock";
import { LOGIN_MAX_FAILURES, recordLoginOutcome } from "@/lib/server/services/login-limits";
import { recordLoginAttempt } from "@/lib/server/services/audit";
import { createReport } from "@/lib/server/services/create-report";
import { ruleContextFor } from "@/lib/server/services/rule-context";
import { parseStoredContent } from "@/lib/server/services/report-row";
import { validateReport } from "@/lib/report";

async function signInError(auth: Auth, username: string, password: string): Promise<APIError> {
  try {
    await auth.api.signInUsername({ body: { username, password } });
  } catch (e) {
    if (e instanceof APIError) return e;
    throw e;
  }
  throw new Error("sign-in unexpectedly succeeded");
}

/** Cookie header of a fresh session for `username`. */
async function sessionCookie(auth: Auth, username: string, password = DEMO_PASSWORD): Promise<string> {
  const { headers } = await auth.api.signInUsername({ body: { username, password }, returnHeaders: true });
  return (headers.get("set-cookie") ?? "")
    .split(/,(?=\s*[\w.-]+=)/)
    .map((c) => c.split(";")[0]?.trim())
    .join("; ");
}

const SECRET = "integration-test-secret-0123456789abcdef";

describe.each(TEST_PROVIDERS)("administration on %s", (provider) => {
  let t: TestDb;
  let auth: Auth;
  const appSession = (cookie: string) =>
    resolveSessionUser(t.db, new Headers({ cookie }), SECRET, (h) => auth.api.getSession({ headers: h }));
  let admin: Actor, shencha: Actor, chengguan: Actor;
  let countyId: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    auth = createAuth({ db: t.db, provider, secret: SECRET, rateLimit: false });
    [admin, shencha, chengguan] = (await Promise.all(["admin", "shencha", "chengguan"].map((u) => actor(t.db, u)))) as [
      Actor,
      Actor,
      Actor,
    ];
    countyId = shencha.organId!;
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  const events = (action: string) => t.db.reportEvent.findMany({ where: { action }, orderBy: { createdAt: "asc" } });

  describe("organs", () => {
    it("creates a township under the county, audited, in the closure; the county supervisor's scope includes it", async () => {
      const res = await createOrgan(admin, { fullName: "示范县石桥镇人民政府", shortName: "石桥镇", kind: "TOWNSHIP", parentId: countyId, sortOrder: 5 }, t.db);
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      const organ = await t.db.organ.findUniqueOrThrow({ where: { id: res.organId } });
      expect(organ).toMatchObject({ fullName: "示范县石桥镇人民政府", shortName: "石桥镇", kind: "TOWNSHIP", parentId: countyId, sortOrder: 5, active: true });
      const ev = (await events("organ.create")).at(-1)!;
      expect(ev.actorId).toBe(admin.id);
      expect(ev.reportId).toBeNull();
      expect(JSON.parse(ev.detail)).toMatchObject({ organId: res.organId, fullName: "示范县石桥镇人民政府", kind: "TOWNSHIP" });
      // the admin (示范市) sees it two levels down
      const list = await listOrgansForAdmin(admin, t.db);
      expect(list.find((o) => o.id === res.organId)).toMatchObject({ parentName: "示范县人民政府", depth: 2 });
      expect(await t.db.organClosure.count({ where: { organId: res.organId } })).toBe(3); // itself, the county, the city
      expect(await t.db.organ.count({ where: { AND: [{ id: res.organId }, organScope(shencha)] } })).toBe(1);
    });

    it("names the field in every validation message; the tree's shape is checked", async () => {
      const empty = await createOrgan(admin, { fullName: " ", shortName: "", kind: "TOWNSHIP", parentId: countyId }, t.db);
      expect(empty).toMatchObject({ ok: false, code: "INVALID" });
      if (empty.ok) return;
      expect(empty.fieldErrors).toMatchObject({ fullName: "请填写机关全称", shortName: "请填写机关简称" });
      const noParent = await createOrgan(admin, { fullName: "某乡人民政府", shortName: "某乡", kind: "TOWNSHIP", parentId: null }, t.db);
      expect(noParent).toMatchObject({ ok: false, fieldErrors: { parentId: "乡镇（街道）须选择所属的人民政府作为上级机关" } });
      const countyUnderCounty = await createOrgan(admin, { fullName: "某县人民政府", shortName: "某县", kind: "COUNTY", parentId: countyId }, t.db);
      expect(countyUnderCounty).toMatchObject({ ok: false, fieldErrors: { parentId: "县级人民政府的上级机关须为地市级人民政府或省级人民政府" } });
      const townAsParent = await createOrgan(admin, { fullName: "某村", shortName: "某村", kind: "DEPARTMENT", parentId: chengguan.organId! }, t.db);
      expect(townAsParent).toMatchObject({ ok: false, fieldErrors: { parentId: "政府部门的上级机关须为省级人民政府或地市级人民政府或县级人民政府" } });
      const badKind = await createOrgan(admin, { fullName: "甲", shortName: "甲", kind: "VILLAGE" as never, parentId: null }, t.db);
      expect(badKind).toMatchObject({ ok: false, fieldErrors: { kind: expect.stringContaining("机关类型") } });
      // an admin bound to an organ does not create top-level organs
      const root = await createOrgan(admin, { fullName: "某省人民政府", shortName: "某省", kind: "PROVINCE", parentId: null }, t.db);
      expect(root).toMatchObject({ ok: false, fieldErrors: { parentId: expect.stringContaining("您只能在本机关之下") } });
      const dup = await createOrgan(admin, { fullName: "示范县城关镇人民政府", shortName: "城关", kind: "TOWNSHIP", parentId: countyId }, t.db);
      expect(dup).toMatchObject({ ok: false, code: "DUPLICATE", fieldErrors: { fullName: expect.stringContaining("已存在") } });
    });

    it("edits an organ with the changes audited; a government with children keeps a kind they fit under", async () => {
      const created = await createOrgan(admin, { fullName: "示范县财政局", shortName: "财政局", kind: "DEPARTMENT", parentId: countyId }, t.db);
      if (!created.ok) throw new Error(created.message);
      const res = await updateOrgan(admin, created.organId, { fullName: "示范县财政局", shortName: "县财政局", kind: "DEPARTMENT", parentId: countyId }, t.db);
      expect(res.ok).toBe(true);
      const ev = (await events("organ.update")).at(-1)!;
      expect(JSON.parse(ev.detail).changes).toEqual({ shortName: { from: "财政局", to: "县财政局" } });
      const cityId = admin.organId!;
      const county = await updateOrgan(admin, countyId, { fullName: "示范县人民政府", shortName: "示范县", kind: "DEPARTMENT", parentId: cityId }, t.db);
      expect(county).toMatchObject({ ok: false, fieldErrors: { kind: expect.stringContaining("下级机关") } });
      expect(await updateOrgan(admin, "missing", { fullName: "x", shortName: "x", kind: "COUNTY" }, t.db)).toMatchObject({ code: "NOT_FOUND" });
    });

    it("moves an organ with its subtree (closure and scopes follow); never under its own descendant", async () => {
      const cityId = admin.organId!;
      const second = await createOrgan(admin, { fullName: "示范市第二县人民政府", shortName: "第二县", kind: "COUNTY", parentId: cityId }, t.db);
      if (!second.ok) throw new Error(second.message);
      const town = await createOrgan(admin, { fullName: "第二县甲镇人民政府", shortName: "甲镇", kind: "TOWNSHIP", parentId: second.organId }, t.db);
      if (!town.ok) throw new Error(town.message);
      expect(await t.db.organ.count({ where: { AND: [{ id: town.organId }, organScope(shencha)] } })).toBe(0);
      // 甲镇 moves to 示范县: the county supervisor now sees it
      const moved = await updateOrgan(admin, town.organId, { fullName: "第二县甲镇人民政府", shortName: "甲镇", kind: "TOWNSHIP", parentId: countyId }, t.db);
      expect(moved.ok).toBe(true);
      expect(await t.db.organ.count({ where: { AND: [{ id: town.organId }, organScope(shencha)] } })).toBe(1);
      expect((await events("organ.move")).at(-1)).toBeDefined();
      // the county cannot go under its own township, nor the city under the county
      const loop = await updateOrgan(admin, countyId, { fullName: "示范县人民政府", shortName: "示范县", kind: "COUNTY", parentId: town.organId }, t.db);
      expect(loop).toMatchObject({ ok: false, code: "INVALID" });
      if (!loop.ok) expect(loop.fieldErrors?.parentId).toMatch(/上级机关须为|自己的下级机关/);
      const second2 = await updateOrgan(admin, second.organId, { fullName: "示范市第二县人民政府", shortName: "第二县", kind: "COUNTY", parentId: second.organId }, t.db);
      expect(second2).toMatchObject({ ok: false, fieldErrors: { parentId: "上级机关不能是本机关" } });
      const ownOrgan = await updateOrgan(admin, cityId, { fullName: "示范市人民政府", shortName: "示范市", kind: "CITY", parentId: countyId }, t.db);
      expect(ownOrgan).toMatchObject({ ok: false, code: "INVALID" });
      // the maintained closure equals the one rebuilt from parentId
      const maintained = await t.db.organClosure.findMany({ orderBy: [{ organId: "asc" }, { ancestorId: "asc" }] });
      await rebuildClosure(t.db);
      expect(await t.db.organClosure.findMany({ orderBy: [{ organId: "asc" }, { ancestorId: "asc" }] })).toEqual(maintained);
    });

    it("renaming an organ names its drafts still signed with the old name; their rule context has the new name (T6)", async () => {
      const organ = await t.db.organ.findUniqueOrThrow({ where: { id: chengguan.organId! } });
      const created = await createReport(chengguan, { year: 2022 }, t.db);
      if (!created.ok) throw new Error(created.message);
      const input = { fullName: "示范县城关街道办事处", shortName: organ.shortName, kind: "TOWNSHIP" as const, parentId: organ.parentId, sortOrder: organ.sortOrder };
      try {
        const renamed = await updateOrgan(admin, organ.id, input, t.db);
        expect(renamed).toMatchObject({ ok: true, notice: expect.stringContaining("2022年度报告") });
        expect(renamed.ok && renamed.notice).toContain("的署名仍为原名称：填报人打开报告时会看到提示，请其改为现名称。");
        const target = { organId: organ.id, organKind: organ.kind, organName: input.fullName, year: 2022, kind: "ORGAN" };
        const context = await ruleContextFor(chengguan, target, t.db);
        expect(context.signer).toBe("示范县城关街道办事处");
        const row = await t.db.report.findUniqueOrThrow({ where: { id: created.reportId }, select: { content: true } });
        const t6 = validateReport(parseStoredContent(row.content), context).filter((f) => f.rule === "T6" && f.cells[0] === "header.organName");
        expect(t6.map((f) => f.message)).toEqual([expect.stringContaining(`署名“${organ.fullName}”与系统中本机关现在的名称“示范县城关街道办事处”不一致`)]);
        // a change that leaves the name alone says nothing about 署名
        const again = await updateOrgan(admin, organ.id, { ...input, sortOrder: organ.sortOrder + 1 }, t.db);
        expect(again).toEqual({ ok: true });
      } finally {
        await updateOrgan(admin, organ.id, { ...input, fullName: organ.fullName }, t.db);
        await t.db.report.delete({ where: { id: created.reportId } });
      }
    });

    it("deactivates an organ (its reports stay; no new reports) and activates it again", async () => {
      const cityId = admin.organId!;
      const gov = await createOrgan(admin, { fullName: "示范市待撤县人民政府", shortName: "待撤县", kind: "COUNTY", parentId: cityId }, t.db);
      if (!gov.ok) throw new Error(gov.message);
      const town = await createOrgan(admin, { fullName: "待撤县乙乡人民政府", shortName: "乙乡", kind: "TOWNSHIP", parentId: gov.organId }, t.db);
      if (!town.ok) throw new Error(town.message);
      const blocked = await setOrganActive(admin, gov.organId, false, t.db);
      expect(blocked).toMatchObject({ ok: false, message: expect.stringContaining("还有 1 个未停用的下级机关") });
      // its clerk, created while it was active, keeps it on an edit; no new account gets it
      const clerk = await createUser(admin, { username: "yixiang", displayName: "乙乡填报员", role: "CLERK", organId: town.organId, password: "yixiang-pass-1" }, t.db);
      if (!clerk.ok) throw new Error(clerk.message);
      expect((await setOrganActive(admin, town.organId, false, t.db)).ok).toBe(true);
      expect(await t.db.organ.findUniqueOrThrow({ where: { id: town.organId } })).toMatchObject({ active: false });
      expect(await createUser(admin, { username: "yixiang2", displayName: "乙乡新人", role: "CLERK", organId: town.organId, password: "yixiang-pass-2" }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { organId: "“待撤县乙乡人民政府”已停用，不能再为它设置账号" },
      });
      expect(await updateUser(admin, clerk.userId, { displayName: "乙乡原填报员", role: "CLERK", organId: town.organId }, t.db)).toMatchObject({ ok: true });
      expect((await events("organ.deactivate")).length).toBeGreaterThan(0);
      expect(await setOrganActive(admin, admin.organId!, false, t.db)).toMatchObject({ ok: false, message: "不能停用您本人所属的机关。" });
      expect((await setOrganActive(admin, town.organId, true, t.db)).ok).toBe(true);
    });

    it("an admin bound to a county manages that county's subtree only", async () => {
      const countyAdmin = await createUser(admin, { username: "xianadmin", displayName: "县管理员", role: "ADMIN", organId: countyId, password: "county-admin-1" }, t.db);
      if (!countyAdmin.ok) throw new Error(countyAdmin.message);
      const ca = { id: countyAdmin.userId, role: "ADMIN" as const, organId: countyId };
      const list = await listOrgansForAdmin(ca, t.db);
      expect(list.some((o) => o.fullName === "示范市人民政府")).toBe(false);
      expect(list[0]).toMatchObject({ fullName: "示范县人民政府", depth: 0 });
      const outside = await createOrgan(ca, { fullName: "市里某局", shortName: "某局", kind: "DEPARTMENT", parentId: admin.organId! }, t.db);
      expect(outside).toMatchObject({ ok: false, fieldErrors: { parentId: expect.stringContaining("不在您的管理范围内") } });
      expect((await listUsersForAdmin(ca, t.db)).some((u) => u.username === "shishencha")).toBe(false);
      expect(await getUserForAdmin(ca, shencha.id, t.db)).not.toBeNull();

      // login locks: its own accounts' only — not another county's account, nor an address (every account's)
      for (let i = 0; i < LOGIN_MAX_FAILURES; i++) {
        await recordLoginOutcome(t.db, { username: "qingshan", ip: "198.51.100.7", ok: false });
        await recordLoginOutcome(t.db, { username: "dongshan", ip: "198.51.100.8", ok: false });
      }
      expect((await listLoginLocksForAdmin(admin, {}, t.db)).map((l) => l.username)).toEqual(expect.arrayContaining(["qingshan", "dongshan"]));
      const seen = await listLoginLocksForAdmin(ca, {}, t.db);
      expect(seen.map((l) => l.username)).toContain("qingshan");
      expect(seen.some((l) => l.username === "dongshan" || l.username === null)).toBe(false);
      expect(await listLoginLocksForAdmin(ca, { username: "dongshan" }, t.db)).toEqual([]);
      expect(await clearLoginLock(ca, { username: "dongshan" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await clearLoginLock(ca, { username: "admin" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await clearLoginLock(ca, { ip: "198.51.100.8" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect((await listLoginLocksForAdmin(admin, { username: "dongshan" }, t.db)).length).toBeGreaterThan(0);
      expect(await clearLoginLock(ca, { username: "QingShan" }, t.db)).toMatchObject({ ok: true });
      expect(await clearLoginLock(admin, { username: "dongshan" }, t.db)).toMatchObject({ ok: true });

      // the audit log: its subtree's reports and accounts; not the city admin's account events, not
      // failed logins (no actor), not other organs' clerks
      await recordLoginAttempt(t.db, { username: "nosuchuser", ok: false, reason: "INVALID_USERNAME_OR_PASSWORD", ip: "198.51.100.9" });
      const all = await listAuditEvents(admin, {}, t.db);
      expect(all.events.some((e) => e.actor === null)).toBe(true);
      const mine = await listAuditEvents(ca, {}, t.db);
      expect(mine.total).toBeGreaterThan(0);
      expect(mine.events.some((e) => e.actor === null && e.report === null)).toBe(false);
      expect(mine.events.some((e) => e.actor?.username === "admin" && e.report === null)).toBe(false);
      expect(mine.events.map((e) => e.actor?.username)).toContain("xianadmin");
    });
  });

  describe("accounts", () => {
    let newUserId = "";

    it("creates a clerk whose password works at sign-in (hashed), audited without the password", async () => {
      const res = await createUser(
        admin,
        { username: "  ShiQiao ", displayName: "石桥镇填报员", role: "CLERK", organId: chengguan.organId!, password: "initial-pass-1" },
        t.db,
      );
      expect(res.ok).toBe(true);
      if (!res.ok) return;
      newUserId = res.userId;
      const u = await t.db.user.findUniqueOrThrow({ where: { id: res.userId } });
      expect(u).toMatchObject({ username: "shiqiao", role: "CLERK", displayName: "石桥镇填报员", disabled: false });
      const account = await t.db.account.findFirstOrThrow({ where: { userId: res.userId, providerId: "credential" } });
      expect(account.password).not.toContain("initial-pass-1");
      const session = await auth.api.signInUsername({ body: { username: "shiqiao", password: "initial-pass-1" } });
      expect(session?.user).toMatchObject({ username: "shiqiao", role: "CLERK" });
      const ev = (await events("account.create")).at(-1)!;
      expect(ev.actorId).toBe(admin.id);
      expect(ev.detail).not.toContain("initial-pass-1");
      expect(JSON.parse(ev.detail)).toMatchObject({ username: "shiqiao", role: "CLERK", organ: "示范县城关镇人民政府" });
    });

    it("validates username, password, role and organ with field messages; refuses duplicates", async () => {
      const bad = await createUser(admin, { username: "x", displayName: "", role: "CLERK", organId: null, password: "short" }, t.db);
      expect(bad).toMatchObject({ ok: false, code: "INVALID" });
      if (bad.ok) return;
      expect(bad.fieldErrors).toMatchObject({
        username: expect.stringContaining("用户名"),
        displayName: "请填写姓名",
        password: "密码至少 8 位",
        // named with the others, not only once they are right
        organId: "填报人和审核人须选择所属机关",
      });
      expect(await createUser(admin, { username: "ok-name", displayName: "甲", role: "CLERK", organId: null, password: "long-enough" }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { organId: "填报人和审核人须选择所属机关" },
      });
      expect(await createUser(admin, { username: "ok-name", displayName: "甲", role: "ROOT" as never, organId: null, password: "long-enough" }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { role: expect.stringContaining("角色") },
      });
      expect(await createUser(admin, { username: "Chengguan", displayName: "甲", role: "CLERK", organId: chengguan.organId!, password: "long-enough" }, t.db)).toMatchObject({
        ok: false,
        code: "DUPLICATE",
        fieldErrors: { username: "用户名“chengguan”已被使用" },
      });
      expect(await t.db.user.count({ where: { username: "ok-name" } })).toBe(0);
    });

    it("edits role, organ and display name (audited); an admin cannot change their own role", async () => {
      const res = await updateUser(admin, newUserId, { displayName: "石桥审核员", role: "SUPERVISOR", organId: countyId }, t.db);
      expect(res.ok).toBe(true);
      expect(await t.db.user.findUniqueOrThrow({ where: { id: newUserId } })).toMatchObject({
        role: "SUPERVISOR",
        organId: countyId,
        displayName: "石桥审核员",
      });
      const ev = (await events("account.update")).at(-1)!;
      expect(JSON.parse(ev.detail).changes).toMatchObject({ role: { from: "CLERK", to: "SUPERVISOR" } });
      expect(await updateUser(admin, admin.id, { displayName: "系统管理员", role: "CLERK", organId: countyId }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { role: "不能修改自己的角色" },
      });
      await updateUser(admin, newUserId, { displayName: "石桥镇填报员", role: "CLERK", organId: chengguan.organId! }, t.db);
    });

    it("disabling deletes the user's sessions and blocks sign-in; enabling restores it", async () => {
      const cookie = await sessionCookie(auth, "shiqiao", "initial-pass-1");
      expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).not.toBeNull();
      expect(await appSession(cookie)).toMatchObject({ id: newUserId });
      const res = await setUserDisabled(admin, newUserId, true, t.db);
      expect(res).toMatchObject({ ok: true });
      if (!res.ok) return;
      expect(res.sessionsRevoked).toBeGreaterThanOrEqual(1);
      expect(await t.db.session.count({ where: { userId: newUserId } })).toBe(0);
      expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
      // the app's own session read (every request, lib/server/session.ts) refuses it at once too
      expect(await appSession(cookie)).toBeNull();
      expect((await signInError(auth, "shiqiao", "initial-pass-1")).body?.code).toBe("ACCOUNT_DISABLED");
      expect((await getUserForAdmin(admin, newUserId, t.db))?.disabled).toBe(true);
      expect((await events("account.disable")).at(-1)?.actorId).toBe(admin.id);

      expect(await setUserDisabled(admin, newUserId, false, t.db)).toMatchObject({ ok: true });
      expect((await auth.api.signInUsername({ body: { username: "shiqiao", password: "initial-pass-1" } }))?.user.id).toBe(newUserId);
      expect((await events("account.enable")).length).toBe(1);
      expect(await setUserDisabled(admin, admin.id, true, t.db)).toMatchObject({ ok: false, code: "CONFLICT" });
    });

    it("resetting a password replaces it and signs the user out", async () => {
      const cookie = await sessionCookie(auth, "shiqiao", "initial-pass-1");
      expect(await appSession(cookie)).toMatchObject({ id: newUserId });
      const res = await resetPassword(admin, newUserId, { password: "second-pass-2" }, t.db);
      expect(res).toMatchObject({ ok: true });
      expect(await auth.api.getSession({ headers: new Headers({ cookie }) })).toBeNull();
      expect(await appSession(cookie)).toBeNull();
      expect((await signInError(auth, "shiqiao", "initial-pass-1")).body?.code).toBe("INVALID_USERNAME_OR_PASSWORD");
      expect((await auth.api.signInUsername({ body: { username: "shiqiao", password: "second-pass-2" } }))?.user.id).toBe(newUserId);
      expect(await resetPassword(admin, newUserId, { password: "1234" }, t.db)).toMatchObject({
        ok: false,
        fieldErrors: { password: "密码至少 8 位" },
      });
      const ev = (await events("account.password_reset")).at(-1)!;
      expect(ev.detail).not.toContain("second-pass-2");
    });

    it("lists accounts with their last login", async () => {
      const users = await listUsersForAdmin(admin, t.db);
      expect(users.map((u) => u.username)).toEqual(expect.arrayContaining(["admin", "shencha", "chengguan", "shiqiao"]));
      expect(users.find((u) => u.username === "shiqiao")?.lastLoginAt).toBeInstanceOf(Date);
      // a page at a time, found by username, name or organ (a province has thousands), the last login still read
      expect(await countUsersForAdmin(admin, {}, t.db)).toBe(users.length);
      expect(await listUsersForAdmin(admin, t.db, { skip: 1, take: 2 })).toEqual(users.slice(1, 3));
      const found = await listUsersForAdmin(admin, t.db, { q: "shiqiao" });
      expect(found.map((u) => u.username)).toEqual(["shiqiao"]);
      expect(found[0]!.lastLoginAt).toBeInstanceOf(Date);
      const byOrgan = await listUsersForAdmin(admin, t.db, { q: "城关镇" });
      expect(byOrgan.length).toBeGreaterThan(0);
      expect(byOrgan.every((u) => u.organName?.includes("城关镇"))).toBe(true);
      expect(await countUsersForAdmin(shencha, {}, t.db)).toBe(0); // not an admin
    });

    it("only an admin manages: others are refused and nothing changes", async () => {
      for (const who of [shencha, chengguan]) {
        expect(await createOrgan(who, { fullName: "甲乡", shortName: "甲", kind: "TOWNSHIP", parentId: countyId }, t.db)).toMatchObject({ code: "FORBIDDEN" });
        expect(await createUser(who, { username: "evil", displayName: "x", role: "ADMIN", organId: null, password: "12345678" }, t.db)).toMatchObject({
          code: "FORBIDDEN",
        });
        expect(await updateUser(who, who.id, { displayName: "x", role: "ADMIN", organId: null }, t.db)).toMatchObject({ code: "FORBIDDEN" });
        expect(await resetPassword(who, admin.id, { password: "hijacked-1" }, t.db)).toMatchObject({ code: "FORBIDDEN" });
        expect(await setUserDisabled(who, admin.id, true, t.db)).toMatchObject({ code: "FORBIDDEN" });
        expect(await listUsersForAdmin(who, t.db)).toEqual([]);
        expect(await getUserForAdmin(who, admin.id, t.db)).toBeNull();
      }
      expect(await t.db.user.count({ where: { username: "evil" } })).toBe(0);
      expect((await t.db.user.findUniqueOrThrow({ where: { id: shencha.id } })).role).toBe("SUPERVISOR");
    });
  });

  describe("audit log", () => {
    it("records login, failed login (username, no password) and logout", async () => {
      const cookie = await sessionCookie(auth, "qingshan");
      await signInError(auth, "qingshan", "not-the-password-xyz");
      await signInError(auth, "ghost-user", "whatever-password");
      await auth.api.signOut({ headers: new Headers({ cookie }) });
      const qingshan = await actor(t.db, "qingshan");
      const mine = await t.db.reportEvent.findMany({ where: { actorId: qingshan.id }, orderBy: { createdAt: "asc" } });
      expect(mine.map((e) => e.action)).toEqual(["auth.login", "auth.login_failed", "auth.logout"]);
      const failed = mine[1]!;
      expect(JSON.parse(failed.detail)).toMatchObject({ username: "qingshan", reason: "INVALID_USERNAME_OR_PASSWORD" });
      expect(failed.detail).not.toContain("not-the-password");
      expect(mine.every((e) => e.reportId === null)).toBe(true);
      const ghost = (await events("auth.login_failed")).find((e) => e.detail.includes("ghost-user"));
      expect(ghost?.actorId).toBeNull();
    });

    it("lists newest first with labels; filters by action, user, organ and date; paginates; admin only", async () => {
      const all = await listAuditEvents(admin, {}, t.db);
      expect(all.total).toBeGreaterThan(10);
      const times = all.events.map((e) => e.createdAt.getTime());
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      const logins = await listAuditEvents(admin, { action: "auth.login_failed" }, t.db);
      expect(logins.events.every((e) => e.action === "auth.login_failed" && e.actionLabel === "登录失败")).toBe(true);
      const byAdmin = await listAuditEvents(admin, { actorId: admin.id }, t.db);
      expect(byAdmin.total).toBeGreaterThan(0);
      expect(byAdmin.events.every((e) => e.actor?.id === admin.id && e.actor.name === "系统管理员")).toBe(true);
      const byOrgan = await listAuditEvents(admin, { organId: chengguan.organId! }, t.db);
      expect(byOrgan.events.length).toBeGreaterThan(0);
      const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      expect((await listAuditEvents(admin, { from: today, to: today }, t.db)).total).toBe(all.total);
      expect((await listAuditEvents(admin, { to: "2000-01-01" }, t.db)).total).toBe(0);

      // pagination: add enough events for two pages
      await t.db.reportEvent.createMany({
        data: Array.from({ length: AUDIT_PAGE_SIZE }, (_, i) => ({ action: "test.bulk", actorId: admin.id, detail: JSON.stringify({ i }) })),
      });
      const p1 = await listAuditEvents(admin, { action: "test.bulk" }, t.db);
      const p2 = await listAuditEvents(admin, { action: "test.bulk", page: 2 }, t.db);
      expect(p1).toMatchObject({ total: AUDIT_PAGE_SIZE, pageCount: 1 });
      // a page past the end is the last page, not an empty one (「第 999 / 3 页」「没有符合条件的记录」)
      expect(p2).toMatchObject({ page: 1, pageCount: 1 });
      expect(p2.events.map((e) => e.id)).toEqual(p1.events.map((e) => e.id));
      const last = await listAuditEvents(admin, { page: 999 }, t.db);
      expect(last.pageCount).toBeGreaterThan(1);
      expect(last.page).toBe(last.pageCount);
      expect(last.events).toHaveLength(last.total - (last.pageCount - 1) * AUDIT_PAGE_SIZE);
      for (const page of [0, -5, Number.NaN, 1.5]) expect((await listAuditEvents(admin, { page }, t.db)).page, String(page)).toBe(1);
      const everything1 = await listAuditEvents(admin, { page: 1 }, t.db);
      const everything2 = await listAuditEvents(admin, { page: 2 }, t.db);
      expect(everything1.events).toHaveLength(AUDIT_PAGE_SIZE);
      expect(everything2.events.length).toBe(everything1.total - AUDIT_PAGE_SIZE);
      expect(everything2.events[0]!.createdAt.getTime()).toBeLessThanOrEqual(everything1.events.at(-1)!.createdAt.getTime());
      const ids1 = new Set(everything1.events.map((e) => e.id));
      expect(everything2.events.some((e) => ids1.has(e.id))).toBe(false);

      expect((await listAuditEvents(shencha, {}, t.db)).events).toEqual([]);
      expect((await listAuditEvents(chengguan, {}, t.db)).total).toBe(0);
    });
  });
});
