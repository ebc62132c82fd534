import type { Browser, Page } from "@playwright/test";
import { ACCOUNTS, DEMO_PASSWORD, expect, login, pageAs, test } from "./fixtures";

// Login limits (lib/server/services/login-limits.ts) with the sign-in rate limit on, as in production.
// The e2e server trusts one proxy (NIANBAO_TRUST_PROXY=1), so a browser plays another address by sending
// X-Forwarded-For. This spec creates its own accounts (per-run suffix) in 示范县河口乡人民政府; no reports.
const RUN = Date.now().toString(36).slice(-5);
const PASS = "limits-pass-1";
const ORGAN = "示范县河口乡人民政府";

async function formsReady(page: Page) {
  await expect(page.locator("form[data-admin-form]").first()).toBeVisible();
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
}

/** Creates clerks through the admin's form (one page, one submission each). */
async function createClerks(page: Page, usernames: readonly string[]) {
  await page.goto("/admin/users");
  await formsReady(page);
  const organ = await page.locator("#user-organId option", { hasText: ORGAN }).first().getAttribute("value");
  for (const username of usernames) {
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("姓名").fill(`学员${username.slice(-3)}`);
    await page.getByLabel("角色").selectOption("CLERK");
    await page.selectOption("#user-organId", organ!);
    await page.getByLabel("初始密码").fill(PASS);
    await page.getByRole("button", { name: "新建账号" }).click();
    await expect(page.getByTestId("user-form-message")).toContainText(`已新建账号“${username}”`);
  }
}

/** A browser at `address` (as the proxy reports it). */
function browserAt(browser: Browser, address: string) {
  return browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": address } });
}

test("a training room: 30 people log in from one address within a minute", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const created = Array.from({ length: 30 - Object.keys(ACCOUNTS).length }, (_, i) => `room${RUN}${String(i).padStart(2, "0")}`);
  const admin = await pageAs(browser, "admin");
  await createClerks(admin.page, created);
  await admin.context.close();

  const ROOM = "10.88.0.1"; // the training room's NAT
  const people = [...Object.keys(ACCOUNTS).map((u) => ({ username: u, password: DEMO_PASSWORD })), ...created.map((u) => ({ username: u, password: PASS }))];
  expect(people).toHaveLength(30);
  const contexts = [];
  for (const p of people) {
    const context = await browserAt(browser, ROOM);
    contexts.push(context);
    const res = await context.request.post("/api/auth/sign-in/username", {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { username: p.username, password: p.password },
    });
    expect(res.status(), `${p.username}: ${await res.text()}`).toBe(200);
  }
  // each of them is signed in: their session opens the reports page
  for (const [i, context] of contexts.entries()) {
    const res = await context.request.get("/reports");
    expect(res.url(), people[i]!.username).toMatch(/\/reports$/);
    expect(res.status()).toBe(200);
  }
  // and one more through the login page, from the same room
  const last = await browserAt(browser, ROOM);
  const page = await last.newPage();
  await login(page, "qingshan");
  await expect(page.getByTestId("current-user")).toBeVisible();
  await last.close();
  for (const c of contexts) await c.close();
});

test("a stranger's failures at another address do not lock the clerk out of their own; the admin sees and clears the lock", async ({
  browser,
  baseURL,
}) => {
  const clerk = `office${RUN}`;
  const OFFICE = "198.51.100.23";
  const STRANGER = "203.0.113.9";
  const admin = await pageAs(browser, "admin");
  await createClerks(admin.page, [clerk]);

  // the clerk works at the office
  const office = await browserAt(browser, OFFICE);
  const officePage = await office.newPage();
  await login(officePage, clerk, PASS);
  await expect(officePage).toHaveURL(/\/reports$/);

  // a stranger guesses the clerk's password from elsewhere
  const stranger = await browserAt(browser, STRANGER);
  const signIn = (password: string) =>
    stranger.request.post("/api/auth/sign-in/username", {
      headers: { origin: baseURL!, "content-type": "application/json" },
      data: { username: clerk, password },
    });
  for (let i = 0; i < 10; i++) expect((await signIn(`guess-${i}`)).status()).toBe(401);
  const refused = await signIn(PASS); // even the right password, from there
  expect(refused.status()).toBe(429);
  expect((await refused.json()).code).toBe("ACCOUNT_LOCKED");
  const strangerPage = await stranger.newPage();
  await strangerPage.goto("/login");
  await strangerPage.getByLabel("用户名").fill(clerk);
  await strangerPage.getByLabel("密码").fill(PASS);
  await strangerPage.getByRole("button", { name: "登录" }).click();
  await expect(strangerPage.getByTestId("login-error")).toContainText("该账号在当前网络地址已临时锁定");
  await expect(strangerPage).toHaveURL(/\/login/);

  // the clerk signs out and in again at the office: not locked out
  await officePage.getByRole("button", { name: "退出登录" }).click();
  await officePage.waitForURL(/\/login/);
  await login(officePage, clerk, PASS);
  await expect(officePage).toHaveURL(/\/reports$/);

  // the admin sees the lock (the list and the account's page) and clears it
  const a = admin.page;
  await a.goto("/admin/users");
  const lockRow = a.getByTestId("login-locks").locator("tr", { hasText: clerk });
  await expect(lockRow).toContainText(STRANGER);
  await expect(lockRow).toContainText("同一账号在同一地址失败过多");
  await expect(a.locator(`tr[data-username="${clerk}"]`).getByTestId("locked-badge")).toBeVisible();
  await a.locator(`tr[data-username="${clerk}"]`).getByRole("link", { name: "管理" }).click();
  await formsReady(a);
  await expect(a.getByTestId("login-locks").locator("tr", { hasText: STRANGER })).toBeVisible();
  await a.getByRole("button", { name: "解除该账号的锁定" }).click();
  await expect(a.getByTestId("login-locks-empty")).toHaveText("该账号当前未被锁定。"); // the page reloads without the lock
  expect((await signIn(PASS)).status()).toBe(200);
  // audited in words
  await a.goto("/audit?action=auth.login_locked");
  await expect(a.getByTestId("audit-table").locator("tr", { hasText: clerk }).first()).toContainText("锁定规则同一账号在同一地址失败过多");
  await a.goto("/audit?action=account.unlock");
  await expect(a.getByTestId("audit-table").locator("tr", { hasText: clerk }).first()).toContainText("解除登录锁定");

  await stranger.close();
  await office.close();
  await admin.context.close();
});
