import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APIError } from "better-auth/api";
import { ACCOUNT_DISABLED, createAuth, type Auth } from "@/lib/server/auth-core";
import { loadSessionUser, resolveSessionUser } from "@/lib/server/services/session-user";
import { SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S } from "@/lib/server/session-cookie";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@/scripts/seed";
import { createTestDb, TEST_PROVIDERS, type TestDb } from "./test-db";

async function signInError(auth: Auth, username: string, password: string): Promise<APIError> {
  try {
    await auth.api.signInUsername({ body: { username, password } });
  } catch (e) {
    if (e instanceof APIError) return e;
    throw e;
  }
  throw new Error("sign-in unexpectedly succeeded");
}

describe.each(TEST_PROVIDERS)("login on %s", (provider) => {
  let t: TestDb;
  let auth: Auth;

  beforeAll(async () => {
    t = await createTestDb(provider);
    auth = createAuth({ db: t.db, provider, secret: "integration-test-secret-0123456789abcdef", rateLimit: false });
  }, 120_000);

  afterAll(async () => {
    await t?.cleanup();
  }, 60_000);

  it("the session user (one SQL statement): role and organ as stored; disabled, unknown or of an unknown role: none", async () => {
    for (const a of DEMO_ACCOUNTS) {
      const u = await t.db.user.findUniqueOrThrow({
        where: { username: a.username },
        select: { id: true, username: true, displayName: true, name: true, role: true, organId: true, organ: { select: { fullName: true, shortName: true, kind: true } } },
      });
      expect(await loadSessionUser(t.db, u.id)).toEqual({
        id: u.id,
        username: u.username,
        displayName: u.displayName || u.name,
        role: u.role,
        organId: u.organId,
        organName: u.organ?.fullName ?? "",
        organShortName: u.organ?.shortName ?? "",
        organKind: u.organ?.kind ?? "",
      });
    }
    const { id } = await t.db.user.findUniqueOrThrow({ where: { username: DEMO_ACCOUNTS[0]!.username }, select: { id: true } });
    expect(await loadSessionUser(t.db, "no-such-user")).toBeNull();
    await t.db.user.update({ where: { id }, data: { disabled: true } });
    expect(await loadSessionUser(t.db, id)).toBeNull();
    await t.db.user.update({ where: { id }, data: { disabled: false, role: "JANITOR" } });
    expect(await loadSessionUser(t.db, id)).toBeNull();
    await t.db.user.update({ where: { id }, data: { role: DEMO_ACCOUNTS[0]!.role } });
    expect((await loadSessionUser(t.db, id))?.role).toBe(DEMO_ACCOUNTS[0]!.role);
  });

  it.each(DEMO_ACCOUNTS.map((a) => [a.username, a.role] as const))("seeded %s (%s) signs in", async (username, role) => {
    const res = await auth.api.signInUsername({ body: { username, password: DEMO_PASSWORD } });
    expect(res?.token).toBeTruthy();
    expect(res?.user).toMatchObject({ username, role });
  });

  it("the session cookie is HttpOnly, SameSite=Lax, and resolves to the user", async () => {
    const { headers } = await auth.api.signInUsername({
      body: { username: "qingshan", password: DEMO_PASSWORD },
      returnHeaders: true,
    });
    const setCookie = headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/nianbao\.session_token=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    const cookie = setCookie
      .split(/,(?=\s*[\w.-]+=)/)
      .map((c) => c.split(";")[0]?.trim())
      .join("; ");
    const session = await auth.api.getSession({ headers: new Headers({ cookie }) });
    expect(session?.user).toMatchObject({ username: "qingshan", role: "CLERK", disabled: false });
  });

  it("the app reads Better Auth's session cookie itself: signed, stored and current; an old session is extended by Better Auth", async () => {
    const SECRET = "integration-test-secret-0123456789abcdef";
    const { headers } = await auth.api.signInUsername({ body: { username: "qingshan", password: DEMO_PASSWORD }, returnHeaders: true });
    const cookie = (headers.get("set-cookie") ?? "").split(";")[0]!;
    let fallbacks = 0;
    const viaBetterAuth = (h: Headers) => {
      fallbacks++;
      return auth.api.getSession({ headers: h });
    };
    const resolve = (c: string, secret = SECRET) => resolveSessionUser(t.db, new Headers({ cookie: c }), secret, viaBetterAuth);
    const { id } = await t.db.user.findUniqueOrThrow({ where: { username: "qingshan" }, select: { id: true } });
    // a fresh session: read directly, no Better Auth call
    expect(await resolve(cookie)).toEqual(await loadSessionUser(t.db, id));
    expect(await resolve(`other=1; ${cookie}; more=2`)).toMatchObject({ id });
    expect(fallbacks).toBe(0);
    // a tampered signature, another secret, a token without its signature, no cookie: nobody
    const [name, value] = [cookie.slice(0, cookie.indexOf("=")), decodeURIComponent(cookie.slice(cookie.indexOf("=") + 1))];
    const token = value.slice(0, value.lastIndexOf("."));
    const sig = value.slice(value.lastIndexOf(".") + 1);
    const flipped = (sig[0] === "A" ? "B" : "A") + sig.slice(1);
    expect(await resolve(`${name}=${encodeURIComponent(`${token}.${flipped}`)}`)).toBeNull();
    expect(await resolve(cookie, "another-secret-0123456789abcdef0123")).toBeNull();
    expect(await resolve(`${name}=${token}`)).toBeNull();
    expect(await resolve("")).toBeNull();
    // a session last extended more than a day ago goes through Better Auth, which extends it
    const session = await t.db.session.findUniqueOrThrow({ where: { token } });
    const old = new Date(Date.now() + (SESSION_EXPIRES_IN_S - SESSION_UPDATE_AGE_S - 60) * 1000);
    await t.db.session.update({ where: { token }, data: { expiresAt: old } });
    expect(await resolve(cookie)).toMatchObject({ id });
    expect(fallbacks).toBe(1);
    const extended = await t.db.session.findUniqueOrThrow({ where: { token } });
    expect(extended.expiresAt.getTime()).toBeGreaterThan(old.getTime() + 3600_000);
    expect(await resolve(cookie)).toMatchObject({ id });
    expect(fallbacks).toBe(1);
    // expired: nobody (Better Auth deletes it); a deleted session (sign-out, reset, disabled): nobody at once
    await t.db.session.update({ where: { token }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await resolve(cookie)).toBeNull();
    expect(await t.db.session.count({ where: { token } })).toBe(0);
    const again = await auth.api.signInUsername({ body: { username: "qingshan", password: DEMO_PASSWORD }, returnHeaders: true });
    const cookie2 = (again.headers.get("set-cookie") ?? "").split(";")[0]!;
    expect(await resolve(cookie2)).toMatchObject({ id });
    await t.db.user.update({ where: { id }, data: { disabled: true } });
    expect(await resolve(cookie2)).toBeNull();
    await t.db.user.update({ where: { id }, data: { disabled: false } });
    await t.db.session.deleteMany({ where: { userId: id } });
    expect(await resolve(cookie2)).toBeNull();
    expect(session.userId).toBe(id);
  });

  it("wrong password and unknown user fail alike", async () => {
    const wrong = await signInError(auth, "chengguan", "wrong-password");
    const unknown = await signInError(auth, "nobody", DEMO_PASSWORD);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body?.code).toBe("INVALID_USERNAME_OR_PASSWORD");
    expect(unknown.body?.code).toBe("INVALID_USERNAME_OR_PASSWORD");
  });

  it("a disabled account gets no session", async () => {
    await t.db.user.update({ where: { username: "hekou" }, data: { disabled: true } });
    try {
      const before = await t.db.session.count();
      const err = await signInError(auth, "hekou", DEMO_PASSWORD);
      expect(err.statusCode).toBe(403);
      expect(err.body?.code).toBe(ACCOUNT_DISABLED);
      expect(await t.db.session.count()).toBe(before);
      // the wrong password still reads as a wrong password (no account-state leak)
      expect((await signInError(auth, "hekou", "wrong-password")).body?.code).toBe("INVALID_USERNAME_OR_PASSWORD");
    } finally {
      await t.db.user.update({ where: { username: "hekou" }, data: { disabled: false } });
    }
  });

  it("accepts same-origin sign-in on any host and port, refuses cross-site", async () => {
    const signIn = (host: string, headers: Record<string, string>) =>
      auth.handler(
        new Request(`http://${host}/api/auth/sign-in/username`, {
          method: "POST",
          headers: { "content-type": "application/json", host, ...headers },
          body: JSON.stringify({ username: "shencha", password: DEMO_PASSWORD }),
        }),
      );
    for (const host of ["localhost:3000", "127.0.0.1:4567", "192.168.1.20:8080", "nianbao.example.gov.cn"]) {
      const ok = await signIn(host, { origin: `http://${host}` });
      expect(ok.status, host).toBe(200);
      const cookie = ok.headers.get("set-cookie") ?? "";
      expect(cookie).toMatch(/^nianbao\.session_token=/); // not __Secure-: plain-HTTP intranets must work
      expect(cookie).not.toMatch(/;\s*Secure/i);
    }
    expect((await signIn("localhost:3000", { origin: "http://evil.example" })).status).toBe(403);
    expect((await signIn("localhost:3000", { "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await signIn("localhost:3000", { origin: "http://localhost:3001" })).status).toBe(403);
  });

  it("over HTTP only the login form's endpoints: no e-mail sign-in (past the login limits), no renaming oneself, no username directory", async () => {
    const host = "localhost:3000";
    const post = (endpoint: string, body: unknown, cookie = "") =>
      auth.handler(
        new Request(`http://${host}/api/auth${endpoint}`, {
          method: "POST",
          headers: { "content-type": "application/json", host, origin: `http://${host}`, ...(cookie ? { cookie } : {}) },
          body: JSON.stringify(body),
        }),
      );
    const signedIn = await post("/sign-in/username", { username: "hekou", password: DEMO_PASSWORD });
    expect(signedIn.status).toBe(200);
    const cookie = (signedIn.headers.get("set-cookie") ?? "").split(";")[0]!;
    const user = await t.db.user.findUniqueOrThrow({ where: { username: "hekou" }, select: { email: true, name: true } });
    // the right password through the e-mail endpoint: no session (it would skip the login limits and the audit)
    const email = await post("/sign-in/email", { email: user.email, password: DEMO_PASSWORD });
    expect(email.status).toBe(404);
    expect(email.headers.get("set-cookie") ?? "").not.toMatch(/session_token=/);
    // a signed-in clerk cannot rename their own login name or display name
    expect((await post("/update-user", { username: "hekou2", name: "示范市人民政府管理员" }, cookie)).status).toBe(404);
    expect(await t.db.user.findUniqueOrThrow({ where: { email: user.email }, select: { username: true, name: true } })).toEqual({ username: "hekou", name: user.name });
    expect((await post("/is-username-available", { username: "admin" })).status).toBe(404);
    expect((await post("/change-password", { currentPassword: DEMO_PASSWORD, newPassword: "another-pass-1" }, cookie)).status).toBe(404);
    // what the app uses still works
    const session = await auth.handler(new Request(`http://${host}/api/auth/get-session`, { headers: { host, cookie } }));
    expect(session.status).toBe(200);
    expect(((await session.json()) as { user?: { username?: string } } | null)?.user?.username).toBe("hekou");
    expect((await post("/sign-out", {}, cookie)).status).toBe(200);
  });

  it("public sign-up is disabled", async () => {
    await expect(
      auth.api.signUpEmail({ body: { email: "x@nianbao.local", password: "password123", name: "x" } }),
    ).rejects.toThrow();
    expect(await t.db.user.count({ where: { email: "x@nianbao.local" } })).toBe(0);
  });
});
