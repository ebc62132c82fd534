import type { Browser, BrowserContext, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, fillComplete, login, openReport, pageAs, submitForReview, test } from "./fixtures";

// This spec creates its own organs and accounts (per-run suffix): a township 安全X镇 of 示范县 with
// a clerk whose 2023 report is approved, a neighbour county with its supervisor, a clerk who gets
// disabled, and an account that gets locked. No demo organ's report is touched.
const RUN = Date.now().toString(36).slice(-5);
const TOWN = `示范县安全${RUN}镇人民政府`;
const COUNTY = `邻县${RUN}人民政府`;
const YEAR = 2023;
const PASS = "security-pass-1";
const U = { clerk: `secclerk${RUN}`, neighbour: `secsup${RUN}`, old: `secold${RUN}`, locked: `seclock${RUN}` };

const ROLES = ["anon", "clerkOwn", "clerkOther", "supervisor", "supervisorOther", "admin", "disabled"] as const;
type Role = (typeof ROLES)[number];
/** ok: 200 (a page, or the file); 404; login: redirected to /login */
type Outcome = "ok" | "404" | "401" | "login";


async function formsReady(page: Page) {
  await expect(page.locator("form[data-admin-form]").first()).toBeVisible();
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
}

async function selectByText(page: Page, selector: string, label: string) {
  const value = await page
    .locator(`${selector} option`)
    .filter({ hasText: new RegExp(`^[\\s\\u3000]*${label}$`) })
    .first()
    .getAttribute("value");
  await page.selectOption(selector, value!);
}

async function createOrgan(page: Page, fullName: string, shortName: string, kind: string, parent: string | null) {
  await page.goto("/admin/organs");
  await formsReady(page);
  await page.getByLabel("机关全称").fill(fullName);
  await page.getByLabel("机关简称").fill(shortName);
  await page.getByLabel("机关类型").selectOption(kind);
  if (parent) await selectByText(page, "#organ-parentId", parent);
  await page.getByRole("button", { name: "新建机关" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("已新建机关");
}

async function createUser(page: Page, username: string, role: string, organ: string) {
  await page.goto("/admin/users");
  await formsReady(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("姓名").fill(username);
  await page.getByLabel("角色").selectOption(role);
  await selectByText(page, "#user-organId", organ);
  await page.getByLabel("初始密码").fill(PASS);
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText("已新建账号");
}

async function contextAs(browser: Browser, username: string, password: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  return { context, page };
}

test.describe.serial("route × role", () => {
  const ctx = {} as Record<Role, { context: BrowserContext; page: Page }>;
  let reportId = "";
  let spareUserId = "";
  let spareOrganId = "";
  let countyId = "";

  test.beforeAll(async ({ browser }) => {
    test.setTimeout(180_000);
    const admin = await pageAs(browser, "admin");
    const a = admin.page;
    await createOrgan(a, TOWN, `安全${RUN}镇`, "TOWNSHIP", "示范县人民政府");
    await createOrgan(a, COUNTY, `邻县${RUN}`, "COUNTY", "示范市人民政府"); // a sibling county under the same city
    await createUser(a, U.clerk, "CLERK", TOWN);
    await createUser(a, U.neighbour, "SUPERVISOR", COUNTY);
    await createUser(a, U.old, "CLERK", TOWN);
    await createUser(a, U.locked, "CLERK", TOWN);
    await a.goto("/admin/users");
    spareUserId = (await a.locator(`tr[data-username="${U.locked}"] a`).getAttribute("href"))!.split("/").pop()!;
    await a.goto("/admin/organs");
    spareOrganId = (await a.locator(`tr:has-text("${COUNTY}") a`).first().getAttribute("href"))!.split("/").pop()!;
    countyId = (await a.locator("tr[data-organ-id]", { has: a.locator("td:first-child", { hasText: /^\s*示范县人民政府/ }) }).getAttribute("data-organ-id"))!;

    // the township's clerk writes and submits the report, the county supervisor approves it
    const clerk = await contextAs(browser, U.clerk, PASS);
    const url = await openReport(clerk.page, YEAR);
    reportId = url.split("/").pop()!;
    await fillComplete(clerk.page, YEAR);
    await submitForReview(clerk.page);
    await expect(clerk.page.getByTestId("report-status")).toHaveText("待审核");
    const sup = await pageAs(browser, "shencha");
    await sup.page.goto(url);
    await sup.page.getByTestId("review-approve").click();
    await expect(sup.page.getByTestId("review-status")).toHaveText("已通过");

    ctx.anon = { context: await browser.newContext(), page: undefined as unknown as Page };
    ctx.anon.page = await ctx.anon.context.newPage();
    ctx.clerkOwn = clerk;
    ctx.clerkOther = await pageAs(browser, "qingshan");
    ctx.supervisor = sup;
    ctx.supervisorOther = await contextAs(browser, U.neighbour, PASS);
    ctx.admin = admin;
    // signed in, then disabled by the admin: the browser still holds its (now deleted) session cookie
    ctx.disabled = await contextAs(browser, U.old, PASS);
    await a.goto("/admin/users");
    await a.locator(`tr[data-username="${U.old}"]`).getByRole("link", { name: "管理" }).click();
    await formsReady(a);
    await a.getByRole("button", { name: "停用账号" }).click();
    await a.getByTestId("confirm-disable-user").getByRole("button", { name: "停用账号" }).click();
    await expect(a.getByTestId("disable-user-message")).toContainText("已停用该账号");
    expect((await ctx.disabled.context.cookies()).some((c) => c.name === "nianbao.session_token")).toBe(true);
  });

  test.afterAll(async () => {
    for (const r of ROLES) await ctx[r]?.context.close();
  });

  const READ: Record<Role, Outcome> = { anon: "login", clerkOwn: "ok", clerkOther: "404", supervisor: "ok", supervisorOther: "404", admin: "ok", disabled: "login" };
  const READ_FILE: Record<Role, Outcome> = { ...READ, anon: "404", disabled: "404" };
  const ANY_USER: Record<Role, Outcome> = { anon: "login", clerkOwn: "ok", clerkOther: "ok", supervisor: "ok", supervisorOther: "ok", admin: "ok", disabled: "login" };
  const REVIEWERS: Record<Role, Outcome> = { anon: "login", clerkOwn: "404", clerkOther: "404", supervisor: "ok", supervisorOther: "ok", admin: "ok", disabled: "login" };
  const ADMIN: Record<Role, Outcome> = { anon: "login", clerkOwn: "404", clerkOther: "404", supervisor: "404", supervisorOther: "404", admin: "ok", disabled: "login" };
  const EVERYONE: Record<Role, Outcome> = { anon: "ok", clerkOwn: "ok", clerkOther: "ok", supervisor: "ok", supervisorOther: "ok", admin: "ok", disabled: "ok" };
  const NOBODY: Record<Role, Outcome> = { anon: "404", clerkOwn: "404", clerkOther: "404", supervisor: "404", supervisorOther: "404", admin: "404", disabled: "404" };

  const ROUTES: { path: () => string; kind: "page" | "file"; expect: Record<Role, Outcome>; type?: string }[] = [
    { path: () => "/reports", kind: "page", expect: ANY_USER },
    { path: () => `/reports/${reportId}`, kind: "page", expect: READ },
    { path: () => `/reports/${reportId}/history`, kind: "page", expect: READ },
    { path: () => `/reports/${reportId}/pdf`, kind: "file", expect: READ_FILE, type: "application/pdf" },
    { path: () => `/reports/${reportId}/docx`, kind: "file", expect: READ_FILE, type: "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
    { path: () => `/dashboard?year=${YEAR}`, kind: "page", expect: REVIEWERS },
    // the zip holds the approved report: the neighbour county's supervisor has nothing to export (404)
    {
      path: () => `/dashboard/export?year=${YEAR}`,
      kind: "file",
      type: "application/zip",
      expect: { anon: "404", clerkOwn: "404", clerkOther: "404", supervisor: "ok", supervisorOther: "404", admin: "ok", disabled: "404" },
    },
    // the editor's poll: JSON for whoever may read the report
    {
      path: () => `/reports/${reportId}/state?v=1`,
      kind: "file",
      type: "application/json; charset=utf-8",
      expect: { anon: "401", clerkOwn: "ok", clerkOther: "404", supervisor: "ok", supervisorOther: "404", admin: "ok", disabled: "401" },
    },
    // the county's roll-up as a spreadsheet: its supervisor and the admin above; not the sibling county's supervisor
    {
      path: () => `/rollup/xlsx?organ=${countyId}&year=${YEAR}`,
      kind: "file",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      expect: { anon: "404", clerkOwn: "404", clerkOther: "404", supervisor: "ok", supervisorOther: "404", admin: "ok", disabled: "404" },
    },
    {
      path: () => `/rollup/csv?organ=${countyId}&year=${YEAR}`,
      kind: "file",
      type: "text/csv; charset=utf-8",
      expect: { anon: "404", clerkOwn: "404", clerkOther: "404", supervisor: "ok", supervisorOther: "404", admin: "ok", disabled: "404" },
    },
    // every supervisor's own dashboard as a spreadsheet
    {
      path: () => `/dashboard/xlsx?year=${YEAR}`,
      kind: "file",
      type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      expect: { anon: "404", clerkOwn: "404", clerkOther: "404", supervisor: "ok", supervisorOther: "ok", admin: "ok", disabled: "404" },
    },
    // the register import's template holds no data: anyone signed in
    {
      path: () => `/register/template?year=${YEAR}`,
      kind: "file",
      type: "text/csv; charset=utf-8",
      expect: { anon: "404", clerkOwn: "ok", clerkOther: "ok", supervisor: "ok", supervisorOther: "ok", admin: "ok", disabled: "404" },
    },
    { path: () => "/admin", kind: "page", expect: ADMIN },
    { path: () => "/admin/deadlines", kind: "page", expect: ADMIN },
    { path: () => "/admin/organs", kind: "page", expect: ADMIN },
    { path: () => `/admin/organs/${spareOrganId}`, kind: "page", expect: ADMIN },
    { path: () => "/admin/users", kind: "page", expect: ADMIN },
    { path: () => `/admin/users/${spareUserId}`, kind: "page", expect: ADMIN },
    { path: () => "/audit", kind: "page", expect: ADMIN },
    { path: () => "/public", kind: "page", expect: EVERYONE },
    { path: () => `/public/reports/${reportId}`, kind: "page", expect: NOBODY }, // approved, not published
    { path: () => `/public/reports/${reportId}/pdf`, kind: "file", expect: NOBODY },
  ];

  for (const role of ROLES) {
    test(`every route as ${role}`, async () => {
      test.setTimeout(120_000);
      const { page, context } = ctx[role];
      for (const route of ROUTES) {
        const url = route.path();
        const want = route.expect[role];
        let got: Outcome;
        if (route.kind === "file") {
          const res = await context.request.get(url, { maxRedirects: 0 });
          got = res.status() === 200 ? "ok" : res.status() === 404 ? "404" : (`${res.status()}` as Outcome);
          if (got === "ok" && route.type) expect(res.headers()["content-type"], url).toBe(route.type);
        } else {
          const res = await page.goto(url);
          const path = new URL(page.url()).pathname;
          got = path === "/login" ? "login" : res?.status() === 200 ? "ok" : res?.status() === 404 ? "404" : (`${res?.status()}` as Outcome);
        }
        expect.soft(got, `${role} ${url}`).toBe(want);
      }
    });
  }

  test("the disabled clerk's session is gone and signing in is refused", async () => {
    const { page } = ctx.disabled;
    await page.goto("/login");
    await page.getByLabel("用户名").fill(U.old);
    await page.getByLabel("密码").fill(PASS);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toContainText("账号已停用");
  });
});

test("session cookies are HttpOnly and SameSite=Lax; signing out ends the session", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill("chengguan");
  await page.getByLabel("密码").fill(DEMO_PASSWORD);
  const [signIn] = await Promise.all([
    page.waitForResponse((r) => r.url().includes("/api/auth/sign-in/username")),
    page.getByRole("button", { name: "登录" }).click(),
  ]);
  expect(signIn.status()).toBe(200);
  const setCookie = (await signIn.headerValue("set-cookie")) ?? "";
  expect(setCookie).toMatch(/nianbao\.session_token=/);
  expect(setCookie).toMatch(/HttpOnly/i);
  expect(setCookie).toMatch(/SameSite=Lax/i);
  await page.waitForURL(/\/reports$/);
  const session = (await context.cookies()).filter((c) => c.name.startsWith("nianbao."));
  expect(session.length).toBeGreaterThan(0);
  for (const c of session) {
    expect(c.httpOnly, c.name).toBe(true);
    expect(c.sameSite, c.name).toBe("Lax");
  }
  // the session cookie is invisible to scripts
  expect(await page.evaluate(() => document.cookie)).not.toContain("nianbao.session_token");

  await page.getByRole("button", { name: "退出登录" }).click();
  await page.waitForURL(/\/login/);
  await page.goto("/reports");
  await expect(page).toHaveURL(/\/login/);
  await context.close();
});

test("failed logins lock the username (in the database, whatever the rate-limit flag); an admin's password reset unlocks it", async ({
  browser,
  baseURL,
}) => {
  const username = `seclock2${RUN}`;
  const admin = await pageAs(browser, "admin");
  await createUser(admin.page, username, "CLERK", "示范县河口乡人民政府");

  const visitor = await browser.newContext();
  const api = visitor.request;
  const signIn = (password: string, name = username) =>
    api.post("/api/auth/sign-in/username", {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { username: name, password },
    });
  for (let i = 0; i < 10; i++) expect((await signIn(`wrong-${i}`)).status()).toBe(401);
  const locked = await signIn(PASS);
  expect(locked.status()).toBe(429);
  expect((await locked.json()).code).toBe("ACCOUNT_LOCKED");
  // the login form says so too, and stays on the login page
  const page = await visitor.newPage();
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(PASS);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByTestId("login-error")).toContainText((await locked.json()).message);
  await expect(page).toHaveURL(/\/login/);
  // another account is not affected
  expect((await signIn(DEMO_PASSWORD, "qingshan")).status()).toBe(200);

  // the admin sees the attempts in the audit log, resets the password: unlocked
  const a = admin.page;
  await a.goto("/audit?action=auth.login_failed");
  await expect(a.getByTestId("audit-table").locator("tr", { hasText: username })).toHaveCount(10);
  await a.goto("/admin/users");
  await a.locator(`tr[data-username="${username}"]`).getByRole("link", { name: "管理" }).click();
  await formsReady(a);
  await a.getByLabel("新密码", { exact: true }).fill("unlocked-pass-2");
  await a.getByLabel("确认新密码").fill("unlocked-pass-2");
  await a.getByRole("button", { name: "重置密码" }).click();
  await expect(a.getByTestId("reset-password-message")).toContainText("已重置密码");
  expect((await signIn("unlocked-pass-2")).status()).toBe(200);

  await visitor.close();
  await admin.context.close();
});
