import type { Browser, Page } from "@playwright/test";
import { expect, login, openReport, pageAs, test } from "./fixtures";

// This spec creates its own organs and accounts (names carry a per-run suffix), and one report of its own township.
const RUN = Date.now().toString(36).slice(-5);
const TOWN = `示范县石桥${RUN}乡人民政府`;
const CLERK = `shiqiao${RUN}`;

/** Selects the option whose text (ignoring the tree's indentation) is exactly `label`. */
async function selectByText(page: Page, selector: string, label: string) {
  const option = page.locator(`${selector} option`).filter({ hasText: new RegExp(`^[\\s\\u3000]*${label}$`) });
  const value = await option.first().getAttribute("value");
  if (!value) throw new Error(`no option ${label} in ${selector}`);
  await page.selectOption(selector, value);
}

/** Waits until React has hydrated the page's forms (a select changed earlier would be reset). */
async function formsReady(page: Page) {
  await expect(page.locator("form[data-admin-form]").first()).toBeVisible();
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
}

async function contextFor(browser: Browser, username: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  return { context, page };
}

test("admin creates a township and its clerk (validation keeps the input); the clerk logs in", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.getByRole("link", { name: "机关管理" }).first().click();
  await expect(page).toHaveURL(/\/admin\/organs$/);
  await formsReady(page);

  // a township without a parent county: the field is named, the typed input stays
  await page.getByLabel("机关全称").fill(TOWN);
  await page.getByLabel("机关简称").fill("");
  await page.getByLabel("机关类型").selectOption("TOWNSHIP");
  await page.getByRole("button", { name: "新建机关" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("请填写机关简称");
  await expect(page.locator("#organ-parentId-error")).toHaveText("乡镇（街道）须选择所属的人民政府作为上级机关");
  await expect(page.getByLabel("机关全称")).toHaveValue(TOWN);
  await expect(page.getByLabel("机关简称")).toHaveAttribute("aria-invalid", "true");
  // the form is drawn anew with the kept values: the focus is on the first field in error, not lost
  await expect(page.getByLabel("机关简称")).toBeFocused();

  await page.getByLabel("机关简称").fill(`石桥${RUN}乡`);
  await selectByText(page, "#organ-parentId", "示范县人民政府");
  await expect(page.getByRole("form", { name: "新建机关" }).getByText("政府部门、乡镇（街道）年度报告：次年1月31日前公开")).toBeVisible();
  await page.getByRole("button", { name: "新建机关" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText(`已新建机关“${TOWN}”`);
  const row = page.getByTestId("organs-table").locator("tr", { hasText: TOWN });
  await expect(row).toContainText("示范县人民政府");
  await expect(row).toContainText("次年1月31日");
  // found by part of its name (a province's tree has thousands of organs, shown 100 per page)
  await page.getByLabel("查找机关").fill(`石桥${RUN}`);
  await page.getByTestId("organ-finder").getByRole("button", { name: "查找" }).click();
  await expect(page.getByTestId("organ-count")).toContainText(`名称含“石桥${RUN}”的机关共 1 个`);
  await expect(page.getByTestId("organs-table").locator("tr[data-organ-id]")).toHaveCount(1);
  await expect(row).toBeVisible();
  await page.getByTestId("organ-finder").getByRole("link", { name: "清除" }).click();
  await expect(page.getByTestId("organ-count")).not.toContainText("名称含");

  // the clerk: a short password is refused with the field named, the rest is kept
  await page.getByRole("link", { name: "账号管理" }).first().click();
  await expect(page).toHaveURL(/\/admin\/users$/);
  await formsReady(page);
  await page.getByLabel("用户名").fill(CLERK);
  await page.getByLabel("姓名").fill("石桥乡填报员");
  await page.getByLabel("角色").selectOption("CLERK");
  await selectByText(page, "#user-organId", TOWN);
  await page.getByLabel("初始密码").fill("short");
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByText("密码至少 8 位").first()).toBeVisible();
  await expect(page.getByLabel("用户名")).toHaveValue(CLERK);
  await expect(page.getByLabel("姓名")).toHaveValue("石桥乡填报员");
  await expect(page.getByLabel("初始密码")).toHaveValue(""); // the password is never sent back
  await page.getByLabel("初始密码").fill("shiqiao-pass-1");
  await expect(page.getByLabel("初始密码")).toHaveValue("shiqiao-pass-1");
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText(`已新建账号“${CLERK}”`);
  await expect(page.locator(`tr[data-username="${CLERK}"]`)).toContainText(TOWN);
  // found by the organ's name (a province has thousands of accounts, listed 100 per page)
  await page.getByLabel("查找账号").fill(TOWN);
  await page.getByTestId("user-finder").getByRole("button", { name: "查找" }).click();
  await expect(page.getByTestId("user-count")).toContainText(`含“${TOWN}”的账号共 1 个`);
  await expect(page.locator("tr[data-username]")).toHaveCount(1);
  await expect(page.locator(`tr[data-username="${CLERK}"]`)).toBeVisible();
  // the same username again
  await page.getByLabel("用户名").fill(CLERK.toUpperCase());
  await page.getByLabel("姓名").fill("重复");
  await selectByText(page, "#user-organId", TOWN);
  await page.getByLabel("初始密码").fill("shiqiao-pass-1");
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText(`用户名“${CLERK}”已被使用`);

  // the clerk logs in and sees their organ
  const clerk = await contextFor(browser, CLERK, "shiqiao-pass-1");
  await expect(clerk.page).toHaveURL(/\/reports$/);
  await expect(clerk.page.getByTestId("current-user")).toContainText("石桥乡填报员");
  await expect(clerk.page.getByText(TOWN).first()).toBeVisible();
  // no admin links for a clerk
  await expect(clerk.page.getByRole("link", { name: "账号管理" })).toHaveCount(0);

  // the clerk starts a report; the admin then renames the township (乡 → 镇): the admin is told which
  // draft still carries the old name, and the clerk's editor names its 署名 (T6)
  const reportUrl = await openReport(clerk.page, 2024);
  await expect(clerk.page.locator('[data-field="header.organName"]')).toHaveValue(TOWN);
  const RENAMED = TOWN.replace("乡人民政府", "镇人民政府");
  await page.goto("/admin/organs");
  await page.getByTestId("organs-table").locator("tr", { hasText: TOWN }).getByRole("link", { name: "编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/organs\/[^/]+$/);
  await formsReady(page);
  await expect(page.getByLabel("机关全称")).toHaveValue(TOWN);
  await page.getByLabel("机关全称").fill(RENAMED);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("已保存机关信息。该机关尚未审核通过的2024年度报告的署名仍为原名称");
  await clerk.page.goto(reportUrl);
  await expect(clerk.page.getByTestId("validation-panel")).toContainText(`署名“${TOWN}”与系统中本机关现在的名称“${RENAMED}”不一致`);
  await clerk.page.locator('[data-field="header.organName"]').fill(RENAMED);
  await expect(clerk.page.getByTestId("validation-panel")).not.toContainText("不一致");

  // deactivating the organ asks in the app's dialog, naming it
  await page.getByTestId("organ-active-button").click();
  await page.getByRole("dialog", { name: `停用“${RENAMED}”？` }).getByRole("button", { name: "停用机关" }).click();
  await expect(page.getByTestId("organ-active-message")).toContainText("已停用");

  // the audit log shows the account creation and the clerk's login
  await page.goto(`/audit?action=account.create`);
  await expect(page.getByTestId("audit-table")).toContainText(CLERK);
  await expect(page.getByTestId("audit-table")).toContainText("新建账号");
  await page.goto(`/audit?action=auth.login`);
  await expect(page.getByTestId("audit-table").locator("tr", { hasText: CLERK }).first()).toContainText("登录");

  await clerk.context.close();
  await context.close();
});

test("disabling rejects the clerk's open session on the next request; a reset password replaces the old one", async ({ browser }) => {
  const user = `dis${RUN}`;
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/admin/users");
  await formsReady(page);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("姓名").fill("停用测试");
  await page.getByLabel("角色").selectOption("CLERK");
  await selectByText(page, "#user-organId", "示范县河口乡人民政府");
  await page.getByLabel("初始密码").fill("first-pass-1");
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText("已新建账号");

  const clerk = await contextFor(browser, user, "first-pass-1");
  await expect(clerk.page.getByTestId("current-user")).toContainText("停用测试");

  // disable
  await page.locator(`tr[data-username="${user}"]`).getByRole("link", { name: "管理" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  await formsReady(page);
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  await expect(page.getByText("当前登录会话 1 个")).toBeVisible();
  // the app's own dialog asks first: 取消 (focused, Esc too) leaves the account alone, focus back on the button
  const disable = page.getByRole("button", { name: "停用账号" });
  await disable.click();
  const ask = page.getByRole("dialog", { name: `停用账号“${user}”？` });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole("button", { name: "取消" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(ask).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(page.getByTestId("disable-user-message")).toHaveCount(0);
  await disable.click();
  await ask.getByRole("button", { name: "停用账号" }).click();
  await expect(page.getByTestId("disable-user-message")).toContainText("已停用该账号");

  // the clerk's open browser: the next request lands on the login page
  await clerk.page.goto("/reports");
  await expect(clerk.page).toHaveURL(/\/login/);
  // and logging in again is refused
  await clerk.page.getByLabel("用户名").fill(user);
  await clerk.page.getByLabel("密码").fill("first-pass-1");
  await clerk.page.getByRole("button", { name: "登录" }).click();
  await expect(clerk.page.getByTestId("login-error")).toContainText("账号已停用");

  // enable and reset the password (the confirmation must match)
  await page.reload();
  await formsReady(page);
  await page.getByRole("button", { name: "启用账号" }).click();
  await expect(page.getByTestId("disable-user-message")).toContainText("已启用该账号");
  await page.getByLabel("新密码", { exact: true }).fill("second-pass-2");
  await page.getByLabel("确认新密码").fill("second-pass-x");
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByTestId("reset-password-message")).toContainText("两次输入的新密码不一致");
  await page.getByLabel("新密码", { exact: true }).fill("second-pass-2");
  await page.getByLabel("确认新密码").fill("second-pass-2");
  await page.getByRole("button", { name: "重置密码" }).click();
  await expect(page.getByTestId("reset-password-message")).toContainText("已重置密码");

  // old password fails, the new one works
  await clerk.page.goto("/login");
  await clerk.page.getByLabel("用户名").fill(user);
  await clerk.page.getByLabel("密码").fill("first-pass-1");
  await clerk.page.getByRole("button", { name: "登录" }).click();
  await expect(clerk.page.getByTestId("login-error")).toContainText("用户名或密码错误");
  await login(clerk.page, user, "second-pass-2");
  await expect(clerk.page.getByTestId("current-user")).toContainText("停用测试");

  // audited
  await page.goto("/audit?action=account.disable");
  await expect(page.getByTestId("audit-table")).toContainText(user);
  await page.goto("/audit?action=auth.login_failed");
  const failed = page.getByTestId("audit-table").locator("tr", { hasText: user }).first();
  await expect(failed).toContainText("登录失败");
  await expect(failed).not.toContainText("first-pass-1");

  await clerk.context.close();
  await context.close();
});

test("admin edits an organ and an account's role; the change applies to the open session", async ({ browser }) => {
  const user = `role${RUN}`;
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/admin/users");
  await formsReady(page);
  await page.getByLabel("用户名").fill(user);
  await page.getByLabel("姓名").fill("角色测试");
  await page.getByLabel("角色").selectOption("CLERK");
  await selectByText(page, "#user-organId", "示范县河口乡人民政府");
  await page.getByLabel("初始密码").fill("role-pass-1");
  await page.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText("已新建账号");
  const other = await contextFor(browser, user, "role-pass-1");
  expect((await other.page.goto("/dashboard"))?.status()).toBe(404);

  await page.locator(`tr[data-username="${user}"]`).getByRole("link", { name: "管理" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/[^/]+$/);
  await formsReady(page);
  await page.getByLabel("角色").selectOption("SUPERVISOR");
  await selectByText(page, "#user-organId", "示范县人民政府");
  await page.getByLabel("姓名").fill("");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText("请填写姓名");
  await expect(page.getByLabel("角色")).toHaveValue("SUPERVISOR"); // kept after the error
  await page.getByLabel("姓名").fill("县审核员（测试）");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText("已保存账号信息");
  await expect(page.getByTestId("user-form-message")).toBeFocused();

  // the open session now has the supervisor's view
  const res = await other.page.goto("/dashboard");
  expect(res?.status()).toBe(200);
  await expect(other.page.getByTestId("current-user")).toContainText("审核人");

  // the settings pages are tabs of their own (节假日 showed as 机关管理)
  await page.goto("/admin/organs");
  const tabs = page.getByRole("navigation", { name: "系统管理" });
  await tabs.getByRole("link", { name: "节假日" }).click();
  await expect(page).toHaveURL(/\/admin\/holidays$/);
  await expect(tabs.getByRole("link", { name: "节假日" })).toHaveAttribute("aria-current", "page");
  await tabs.getByRole("link", { name: "公开期限" }).click();
  await expect(tabs.getByRole("link", { name: "公开期限" })).toHaveAttribute("aria-current", "page");

  // edit an organ's short name
  await page.goto("/admin/organs");
  await page.getByTestId("organs-table").locator("tr", { hasText: "示范县河口乡人民政府" }).getByRole("link", { name: "编辑" }).click();
  await expect(page).toHaveURL(/\/admin\/organs\/[^/]+$/);
  await formsReady(page);
  await expect(page.getByLabel("机关全称")).toHaveValue("示范县河口乡人民政府");
  await page.getByLabel("排序").fill("abc");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("排序须为 0 至 9999 之间的整数");
  await page.getByLabel("排序").fill("3");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("organ-form-message")).toContainText("已保存机关信息");

  await other.context.close();
  await context.close();
});
