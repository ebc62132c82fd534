import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuth, type Auth } from "@/lib/server/auth-core";
import type { Db } from "@/lib/server/db-core";
import type { Actor } from "@/lib/server/types";
import { checkUserImport, importUsers } from "@/lib/server/services/admin-import-users";
import { listAuditEvents } from "@/lib/server/services/audit";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";
import { actor, addNeighbourCounty } from "./fixtures";

const HEADER = "用户名,姓名,角色,所属机关,初始密码";
const csv = (...rows: string[]) => ({ name: "新账号.csv", bytes: new TextEncoder().encode("\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n") });
const SECRET = "integration-test-secret-0123456789abcdef";

/** `db` whose transactions fail on writing the credentials, after the accounts themselves are written (a lost connection). */
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
                  if (p !== "account") return v;
                  return new Proxy(v as object, {
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

describe.each(TEST_PROVIDERS)("account import on %s", (provider) => {
  let t: TestDb;
  let auth: Auth;
  let admin: Actor, countyAdmin: Actor, clerk: Actor;
  let countyId: string;

  beforeAll(async () => {
    t = await createTestDb(provider);
    auth = createAuth({ db: t.db, provider, secret: SECRET, rateLimit: false });
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

  const userCount = () => t.db.user.count();
  const importEvents = () => t.db.reportEvent.findMany({ where: { action: "account.import" } });
  const signIn = async (username: string, password: string) => (await auth.api.signInUsername({ body: { username, password } }))?.user;

  it("checks first: every problem with row and column, nothing written; a clerk may not", async () => {
    const before = await userCount();
    const file = csv("xinren1,新人一,填报人,示范县城关镇人民政府,", "chengguan,重名,填报人,示范县城关镇人民政府,", "xinren3,新人三,审核人,示范县城关镇人民政府,abc");
    const res = await checkUserImport(admin, file, t.db);
    expect(res).toMatchObject({ ok: false, code: "INVALID", message: "文件中有 3 处问题（涉及 2 行），请在文件中改正后重新上传；尚未导入任何账号。" });
    if (res.ok) return;
    expect(res.preview?.problems).toEqual([
      { row: 3, column: "用户名", message: "用户名“chengguan”已被使用" },
      { row: 4, column: "所属机关", message: "审核人须属于人民政府（其政务公开主管部门），审核其下级机关的报告" },
      { row: 4, column: "初始密码", message: "密码至少 8 位" },
    ]);
    // the import re-checks: still nothing
    expect(await importUsers(admin, file, null, t.db)).toMatchObject({ ok: false, code: "INVALID" });
    expect(await userCount()).toBe(before);
    expect(await importEvents()).toHaveLength(0);
    expect(await checkUserImport(clerk, file, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await importUsers(clerk, file, null, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await checkUserImport(admin, { name: "账号.doc", bytes: new Uint8Array([1, 2]) }, t.db)).toMatchObject({
      ok: false,
      preview: { problems: [{ row: null, column: null, message: "只能导入 CSV 或 XLSX 文件" }] },
    });
  });

  it("keeps a county's admin within the county", async () => {
    const before = await userCount();
    const file = csv("linxin,邻新,填报人,邻县东风镇人民政府,", "shixin,市新,管理员,示范市人民政府,", "xianxin,县新,填报人,示范县青山镇人民政府,");
    const res = await importUsers(countyAdmin, file, null, t.db);
    expect(res).toMatchObject({ ok: false });
    if (res.ok) return;
    expect(res.preview?.problems).toEqual([
      { row: 2, column: "所属机关", message: "所属机关“邻县东风镇人民政府”不在您的管理范围内（您只能管理本机关及下级机关的账号）" },
      { row: 3, column: "所属机关", message: "所属机关“示范市人民政府”不在您的管理范围内（您只能管理本机关及下级机关的账号）" },
    ]);
    expect(await userCount()).toBe(before);
    // within the county it may
    const ok = await importUsers(countyAdmin, csv("xianxin,县新,填报人,示范县青山镇人民政府,"), null, t.db);
    expect(ok).toMatchObject({ ok: true, created: 1 });
    const made = await t.db.user.findUniqueOrThrow({ where: { username: "xianxin" }, select: { organ: { select: { fullName: true } }, role: true } });
    expect(made).toEqual({ organ: { fullName: "示范县青山镇人民政府" }, role: "CLERK" });
  });

  it("imports a clean file in one transaction with one audit event in Chinese, without passwords; the accounts sign in with theirs", async () => {
    const file = csv("XinRen1,新人一,填报人,示范县城关镇人民政府,", "xinren2,新人二,审核人,示范县人民政府,given-pass-2", "xinren3,新人三,管理员,示范市人民政府,");
    const check = await checkUserImport(admin, file, t.db);
    expect(check).toMatchObject({ ok: true, preview: { create: 3, generated: 2, problemCount: 0 } });
    const res = await importUsers(admin, file, 3, t.db);
    expect(res).toMatchObject({ ok: true, created: 3 });
    if (!res.ok) return;
    expect(res.accounts).toMatchObject([
      { username: "xinren1", displayName: "新人一", organ: "示范县城关镇人民政府", generated: true },
      { username: "xinren2", displayName: "新人二", organ: "示范县人民政府", generated: false },
      { username: "xinren3", displayName: "新人三", organ: "示范市人民政府", generated: true },
    ]);
    const [p1, p2, p3] = res.accounts.map((a) => a.password);
    expect(p2).toBe("given-pass-2");
    expect(p1).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
    expect(p3).not.toBe(p1);

    const made = await t.db.user.findUniqueOrThrow({ where: { username: "xinren2" }, include: { accounts: true, organ: true } });
    expect(made).toMatchObject({ role: "SUPERVISOR", displayName: "新人二", name: "新人二", email: "xinren2@nianbao.local", disabled: false, organ: { id: countyId } });
    expect(made.accounts).toHaveLength(1);
    expect(made.accounts[0]!.password).not.toContain("given-pass-2");

    // each signs in with its password (the generated ones included); not with another's
    expect((await signIn("xinren1", p1!))?.id).toBeTruthy();
    expect((await signIn("xinren2", p2!))?.id).toBe(made.id);
    expect((await signIn("xinren3", p3!))?.id).toBeTruthy();
    await expect(signIn("xinren1", p3!)).rejects.toThrow();

    // one audit event: file name and counts, never a password
    const events = (await importEvents()).filter((e) => e.actorId === admin.id); // the county admin's import above is the other
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0]!.detail)).toEqual({ fileName: "新账号.csv", count: 3, generated: 2 });
    for (const p of [p1, p2, p3]) expect(events[0]!.detail).not.toContain(p);
    const page = await listAuditEvents(admin, { action: "account.import" }, t.db);
    expect(page.events[0]).toMatchObject({ actionLabel: "批量导入账号" });
    expect(page.events[0]!.details.map((d) => `${d.label} ${d.text}`)).toEqual(["文件名 新账号.csv", "数量 3", "自动生成密码数 2"]);

    // the same file again: every username is taken now
    const again = await importUsers(admin, file, null, t.db);
    expect(again).toMatchObject({ ok: false, code: "INVALID" });
    if (!again.ok) expect(again.preview?.problems.map((p) => p.message)).toEqual(["用户名“xinren1”已被使用", "用户名“xinren2”已被使用", "用户名“xinren3”已被使用"]);
  });

  it("all or nothing: a failure after the accounts are written (at their credentials) leaves none; a count that changed since the check is refused", async () => {
    const before = await userCount();
    const events = (await importEvents()).length;
    const file = csv(...["jia", "yi", "bing", "ding"].map((x) => `rb${x},回滚${x},填报人,示范县城关镇人民政府,`));
    await expect(importUsers(admin, file, null, failingDb(t.db))).rejects.toThrow("connection lost");
    expect(await userCount()).toBe(before);
    expect(await t.db.user.count({ where: { username: { startsWith: "rb" } } })).toBe(0);
    expect(await importEvents()).toHaveLength(events);
    const changed = await importUsers(admin, file, 5, t.db);
    expect(changed).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringContaining("现在要新建 4 个账号（检查时为 5 个）") });
    expect(await userCount()).toBe(before);
    // a username taken between the check and the write (another admin's form): nothing of the file is written
    const race = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop !== "$transaction") return Reflect.get(target, prop, receiver);
        return async (...args: unknown[]) => {
          await target.user.create({ data: { id: "test-rbding", name: "抢先", email: "rbding@nianbao.local", username: "rbding" } });
          return (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args);
        };
      },
    }) as Db;
    const raced = await importUsers(admin, file, 4, race);
    expect(raced).toMatchObject({ ok: false, code: "INVALID", preview: { problems: [{ row: 5, column: "用户名", message: "用户名“rbding”已被使用" }] } });
    expect(await t.db.user.count({ where: { username: { startsWith: "rb" } } })).toBe(1);
  });

  it("imports 20 accounts (hashed before the transaction) in one go", async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `pl${i},批量${i},填报人,示范县城关镇人民政府,`);
    const started = Date.now();
    const res = await importUsers(admin, csv(...rows), 20, t.db);
    expect(res).toMatchObject({ ok: true, created: 20 });
    expect(await t.db.user.count({ where: { username: { startsWith: "pl" } } })).toBe(20);
    expect(await t.db.account.count({ where: { user: { username: { startsWith: "pl" } } } })).toBe(20);
    if (res.ok) expect(new Set(res.accounts.map((a) => a.password)).size).toBe(20);
    console.log(`${provider}: 20 accounts imported in ${Date.now() - started} ms`);
  }, 300_000);
});
