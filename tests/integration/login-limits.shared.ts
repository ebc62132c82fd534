// The login limits suite (lib/server/services/login-limits.ts) through Better Auth's sign-in, addresses as the
// app reads them (X-Forwarded-For, rewritten by scripts/client-address.cjs in production): run on SQLite by
// login-limits.test.ts and on PostgreSQL by login-limits-postgres.test.ts, so that the two run side by side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { createAuth, type Auth } from "@/lib/server/auth-core";
import type { Actor } from "@/lib/server/types";
import { createUser } from "@/lib/server/services/admin-create-user";
import { resetPassword } from "@/lib/server/services/admin-reset-password";
import { setUserDisabled } from "@/lib/server/services/admin-set-user-disabled";
import { clearLoginLock } from "@/lib/server/services/admin-clear-login-lock";
import {
  LOGIN_MAX_FAILURES,
  LOGIN_MAX_FAILURES_ADDRESS,
  LOGIN_MAX_FAILURES_USERNAME,
  LOGIN_WINDOW_MS,
  checkLogin,
  listLoginLocks,
} from "@/lib/server/services/login-limits";
import { actor } from "./fixtures";
import type { DbProvider } from "@/lib/server/db-url";
import { createTestDb, type TestDb } from "./test-db";

export const PASS = "right-pass-123";
export const SECRET = "integration-test-secret-0123456789abcdef";

/** The login limits through Better Auth's sign-in on one database (a file per provider: they run side by side). */
export function loginLimitsSuite(provider: DbProvider) {
  describe(`login limits on ${provider}`, { timeout: 120_000 }, () => {
    let t: TestDb;
    let auth: Auth;
    let admin: Actor, clerk: Actor;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      t = await createTestDb(provider);
      auth = createAuth({ db: t.db, provider, secret: SECRET, rateLimit: false });
      admin = await actor(t.db, "admin");
      clerk = await actor(t.db, "hekou");
      for (const name of ["stranger1", "known2", "known3", "newbie4", "locked5", "reset6", "ghostly7", "ipv6user8", "clears9", "fresh10"]) {
        const res = await createUser(admin, { username: name, displayName: name, role: "CLERK", organId: clerk.organId!, password: PASS }, t.db);
        if (!res.ok) throw new Error(res.message);
        ids[name] = res.userId;
      }
    }, 180_000);

    afterAll(async () => {
      await t?.cleanup();
    }, 60_000);

    /** Signs in from `ip`; the error (code, status, message) or "ok". */
    async function signIn(username: string, password: string, ip: string): Promise<"ok" | { status: number; code?: string; message?: string }> {
      try {
        await auth.api.signInUsername({ body: { username, password }, headers: new Headers({ "x-forwarded-for": ip }) });
        return "ok";
      } catch (e) {
        if (!(e instanceof APIError)) throw e;
        return { status: e.statusCode, code: e.body?.code, message: e.body?.message };
      }
    }
    const fail = async (username: string, ip: string, times: number) => {
      for (let i = 0; i < times; i++) expect(await signIn(username, `wrong-${i}`, ip)).toMatchObject({ status: 401 });
    };

    it("username + address: a stranger's failures lock the username at the stranger's address only", async () => {
      await fail("stranger1", "203.0.113.5", LOGIN_MAX_FAILURES);
      const locked = await signIn("stranger1", PASS, "203.0.113.5"); // even the right password
      expect(locked).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
      expect((locked as { message: string }).message).toMatch(/当前网络地址已临时锁定，请在 \d{2}:\d{2} 后再试/);
      // the clerk at their office, and from any other address
      expect(await signIn("stranger1", PASS, "198.51.100.10")).toBe("ok");
      expect(await signIn("stranger1", PASS, "198.51.100.99")).toBe("ok");
      // still locked at the stranger's address; audited with the rule
      expect(await signIn("stranger1", PASS, "203.0.113.5")).toMatchObject({ status: 429 });
      const lockedEvents = await t.db.reportEvent.findMany({ where: { action: "auth.login_locked", detail: { contains: '"stranger1"' } } });
      expect(lockedEvents.map((e) => JSON.parse(e.detail))).toContainEqual({ username: "stranger1", ip: "203.0.113.5", rule: "USERNAME_ADDRESS" });
    });

    it("username: failures from many strange addresses stop those addresses and any that fails, never the clerk's known address nor a clean new one", async () => {
      expect(await signIn("known2", PASS, "198.51.100.20")).toBe("ok"); // the office: known from now on
      const strangers = ["192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"];
      const perAddress = LOGIN_MAX_FAILURES_USERNAME / strangers.length;
      expect(perAddress).toBeLessThan(LOGIN_MAX_FAILURES); // no per-address lock: only the username-wide rule
      expect(Number.isInteger(perAddress)).toBe(true);
      for (const ip of strangers) await fail("known2", ip, perAddress);
      // the strangers' addresses: refused, even with the right password
      const atStranger = await signIn("known2", PASS, "192.0.2.1");
      expect(atStranger).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
      expect((atStranger as { message: string }).message).toContain("在您平时登录的电脑上仍可登录");
      // a new address that fails once: refused from then on (a guesser gets one try per fresh address)
      await fail("known2", "192.0.2.98", 1);
      expect(await signIn("known2", PASS, "192.0.2.98")).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
      // the clerk from a new address (a changed dynamic address, home) with the right password: in — the
      // strangers cannot keep them out
      expect(await signIn("known2", PASS, "192.0.2.99")).toBe("ok");
      // the clerk's office
      expect(await signIn("known2", PASS, "198.51.100.20")).toBe("ok");
      // the clerk's own typos at the office do not count towards the username-wide rule
      expect(await checkLogin(t.db, { username: "known2", ip: "198.51.100.20" })).toEqual({ allowed: true });
    });

    it("username: a clerk who never logged in (a new account) is not kept out by strangers either", async () => {
      for (const ip of ["192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14"]) await fail("fresh10", ip, LOGIN_MAX_FAILURES_USERNAME / 4);
      expect(await signIn("fresh10", PASS, "192.0.2.11")).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
      expect(await signIn("fresh10", PASS, "198.51.100.55")).toBe("ok");
    });

    it("address: a hundred failures from one address (password spraying) stop it for usernames not known there", async () => {
      const room = "192.0.2.200";
      expect(await signIn("known3", PASS, room)).toBe("ok");
      for (let i = 0; i < LOGIN_MAX_FAILURES_ADDRESS; i++) {
        expect(await signIn(`sprayed${i}`, "spring2024", room)).toMatchObject({ status: 401 });
      }
      const sprayed = await signIn("newbie4", PASS, room);
      expect(sprayed).toMatchObject({ status: 429, code: "ADDRESS_LOCKED" });
      expect((sprayed as { message: string }).message).toContain("当前网络地址登录失败次数过多");
      expect(await signIn("known3", PASS, room)).toBe("ok"); // known there
      expect(await signIn("newbie4", PASS, "198.51.100.40")).toBe("ok"); // elsewhere
    });

    it("a success from an address clears that username's failures there; failures age out of the window", async () => {
      const ip = "198.51.100.70";
      await fail("clears9", ip, LOGIN_MAX_FAILURES - 1);
      expect(await signIn("clears9", PASS, ip)).toBe("ok");
      await fail("clears9", ip, LOGIN_MAX_FAILURES - 1);
      expect(await signIn("clears9", PASS, ip)).toBe("ok");
      await fail("clears9", ip, LOGIN_MAX_FAILURES);
      expect(await signIn("clears9", PASS, ip)).toMatchObject({ status: 429 });
      await t.db.loginAttempt.updateMany({
        where: { username: "clears9", ok: false },
        data: { createdAt: new Date(Date.now() - LOGIN_WINDOW_MS - 60_000) },
      });
      expect(await signIn("clears9", PASS, ip)).toBe("ok");
    });

    it("unknown usernames lock like real ones (nothing tells them apart)", async () => {
      await fail("ghostnobody", "198.51.100.80", LOGIN_MAX_FAILURES);
      expect(await signIn("ghostnobody", "x", "198.51.100.80")).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
      await fail("ghostly7", "198.51.100.80", LOGIN_MAX_FAILURES);
      expect(await signIn("ghostly7", PASS, "198.51.100.80")).toMatchObject({ status: 429, code: "ACCOUNT_LOCKED" });
    });

    it("IPv6: the hosts of one /64 count as one address", async () => {
      for (let i = 1; i <= LOGIN_MAX_FAILURES; i++) {
        expect(await signIn("ipv6user8", "wrong", `2001:db8:1:2::${i.toString(16)}`)).toMatchObject({ status: 401 });
      }
      expect(await signIn("ipv6user8", PASS, "2001:db8:1:2::ff")).toMatchObject({ status: 429 });
      expect(await signIn("ipv6user8", PASS, "2001:db8:1:3::1")).toBe("ok");
    });

    it("the admin sees the locks and clears them (username or address), audited; others cannot", async () => {
      await fail("locked5", "203.0.113.50", LOGIN_MAX_FAILURES);
      const before = Date.now();
      const mine = await listLoginLocks(t.db, { username: "locked5" });
      expect(mine).toEqual([
        expect.objectContaining({ rule: "USERNAME_ADDRESS", username: "locked5", ip: "203.0.113.50", failures: LOGIN_MAX_FAILURES }),
      ]);
      expect(mine[0]!.until.getTime()).toBeGreaterThan(before);
      expect(mine[0]!.until.getTime()).toBeLessThanOrEqual(before + LOGIN_WINDOW_MS);
      const all = await listLoginLocks(t.db);
      expect(all).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ rule: "USERNAME_ADDRESS", username: "locked5" }),
          expect.objectContaining({ rule: "USERNAME", username: "known2" }),
          expect.objectContaining({ rule: "ADDRESS", ip: "192.0.2.200" }),
        ]),
      );

      expect(await clearLoginLock(clerk, { username: "locked5" }, t.db)).toMatchObject({ ok: false, code: "FORBIDDEN" });
      expect(await signIn("locked5", PASS, "203.0.113.50")).toMatchObject({ status: 429 });
      expect(await clearLoginLock(admin, { username: "LOCKED5" }, t.db)).toEqual({ ok: true, cleared: LOGIN_MAX_FAILURES });
      expect(await listLoginLocks(t.db, { username: "locked5" })).toEqual([]);
      expect(await signIn("locked5", PASS, "203.0.113.50")).toBe("ok");

      expect(await clearLoginLock(admin, { ip: "no-address" }, t.db)).toMatchObject({ ok: false, code: "INVALID" });
      expect(await clearLoginLock(admin, { ip: "192.0.2.200" }, t.db)).toMatchObject({ ok: true, cleared: LOGIN_MAX_FAILURES_ADDRESS });
      expect(await signIn("newbie4", PASS, "192.0.2.200")).toBe("ok");
      const unlocks = await t.db.reportEvent.findMany({ where: { action: "account.unlock" }, orderBy: { createdAt: "asc" } });
      expect(unlocks.map((e) => [e.actorId, JSON.parse(e.detail)])).toEqual([
        [admin.id, { username: "locked5", scope: "username", cleared: LOGIN_MAX_FAILURES }],
        [admin.id, { ip: "192.0.2.200", scope: "address", cleared: LOGIN_MAX_FAILURES_ADDRESS }],
      ]);
    });

    it("a password reset and re-enabling the account lift the username's locks", async () => {
      await fail("reset6", "203.0.113.60", LOGIN_MAX_FAILURES);
      expect(await signIn("reset6", PASS, "203.0.113.60")).toMatchObject({ status: 429 });
      expect(await resetPassword(admin, ids.reset6!, { password: "new-pass-456" }, t.db)).toMatchObject({ ok: true });
      expect(await signIn("reset6", "new-pass-456", "203.0.113.60")).toBe("ok");

      await fail("reset6", "203.0.113.61", LOGIN_MAX_FAILURES);
      expect(await setUserDisabled(admin, ids.reset6!, true, t.db)).toMatchObject({ ok: true });
      // a disabled account's right password is refused as disabled, and is not counted as a guess
      expect(await signIn("reset6", "new-pass-456", "198.51.100.61")).toMatchObject({ status: 403, code: "ACCOUNT_DISABLED" });
      expect(await setUserDisabled(admin, ids.reset6!, false, t.db)).toMatchObject({ ok: true });
      expect(await signIn("reset6", "new-pass-456", "203.0.113.61")).toBe("ok");
    });
  });
}
