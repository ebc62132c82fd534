import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, login, pageAs, test } from "./fixtures";

// This spec creates its own accounts (usernames carry a per-run suffix); it never counts accounts it did not
// create (the e2e database is shared by the specs running side by side).
const RUN = Date.now().toString(36).slice(-5);
const HEADER = "用户名,姓名,角色,所属机关,初始密码";
const CLERK = `ui${RUN}a`;
const SUPERVISOR = `ui${RUN}b`;
const TOWN = "示范县城关镇人民政府";
const COUNTY = "示范县人民政府";
const FILE = `账号${RUN}.csv`;

function csvFile(rows: string[]) {
  // with a BOM and CRLF, as Excel saves 「CSV UTF-8」
  return { name: FILE, mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n") };
}

async function fileField(page: Page) {
  const field = page.getByLabel("账号文件（CSV 或 XLSX）");
  await expect(field).toBeEnabled(); // disabled until the page has hydrated
  return field;
}

test("admin imports accounts from a file: a problem named by row and column with nothing created, then the fixed file; the generated passwords are downloaded once and work", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto(`/admin/users?q=${RUN}`);
  const section = page.getByRole("form", { name: "批量导入账号" });
  await expect(section).toBeVisible();

  // the template: the header by label and two example rows, UTF-8 with a BOM, at a link outside /admin/users/
  const templateLink = section.getByRole("link", { name: "下载模板（CSV）" });
  await expect(templateLink).toHaveAttribute("href", "/admin/user-import-template");
  const [template] = await Promise.all([page.waitForEvent("download"), templateLink.click()]);
  expect(template.suggestedFilename()).toBe("账号导入模板.csv");
  const text = readFileSync((await template.path())!, "utf8");
  expect(text.startsWith("\uFEFF")).toBe(true);
  const lines = text.slice(1).trim().split(/\r\n/);
  expect(lines[0]).toBe(HEADER);
  expect(lines).toHaveLength(3);

  // a supervisor bound to a township (row 3): refused with the form's message, nothing created
  const bad = [`${CLERK},导入填报员,填报人,${TOWN},`, `${SUPERVISOR},导入审核员,审核人,${TOWN},`];
  await (await fileField(page)).setInputFiles(csvFile(bad));
  await expect(page.getByTestId("user-import-message")).toHaveText("文件中有 1 处问题（涉及 1 行），请在文件中改正后重新上传；尚未导入任何账号。");
  const problem = page.getByTestId("user-import-problems").locator("tbody tr");
  await expect(problem).toHaveCount(1);
  await expect(problem.locator("td")).toHaveText(["第 3 行", "所属机关", "审核人须属于人民政府（其政务公开主管部门），审核其下级机关的报告"]);
  await expect(section.getByTestId("user-import-confirm")).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("user-count")).toContainText(`含“${RUN}”的账号共 0 个`);

  // fixed: checked (the sample shows no password), then imported in one go
  const good = [bad[0]!, `${SUPERVISOR},导入审核员,审核人,${COUNTY},`];
  await (await fileField(page)).setInputFiles(csvFile(good));
  await expect(page.getByTestId("user-import-message")).toHaveText("文件检查无误：将新建 2 个账号，其中 2 个的初始密码将自动生成。");
  await expect(page.getByTestId("user-import-sample")).toContainText(CLERK);
  await expect(page.getByTestId("user-import-sample")).toContainText("自动生成");
  await section.getByRole("button", { name: "导入 2 个账号" }).click();
  await expect(page.getByTestId("user-import-message")).toHaveText("已导入 2 个账号。");
  await expect(page.getByTestId("user-count")).toContainText(`含“${RUN}”的账号共 2 个`);
  await expect(page.locator(`tr[data-username="${CLERK}"]`)).toContainText(TOWN);
  await expect(page.locator(`tr[data-username="${SUPERVISOR}"]`)).toContainText("审核人");
  // the field is emptied after the import
  expect(await page.locator("#user-import-file").evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);

  // the passwords, once: a note, a CSV made in the browser, a table
  const passwords = page.getByTestId("user-import-passwords");
  await expect(passwords).toContainText("初始密码只在此显示这一次");
  const [download] = await Promise.all([page.waitForEvent("download"), passwords.getByRole("button", { name: "下载初始密码（CSV）" }).click()]);
  expect(download.suggestedFilename()).toBe(`账号${RUN}-初始密码.csv`);
  const file = readFileSync((await download.path())!, "utf8");
  expect(file.startsWith("\uFEFF")).toBe(true);
  const rows = file.slice(1).trim().split(/\r\n/).map((l) => l.split(","));
  expect(rows[0]).toEqual(["用户名", "姓名", "所属机关", "初始密码"]);
  expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
    [CLERK, "导入填报员", TOWN],
    [SUPERVISOR, "导入审核员", COUNTY],
  ]);
  const password = rows[1]![3]!;
  expect(password).toMatch(/^[A-HJ-NP-Za-km-np-z2-9]{12}$/);
  await passwords.getByText("查看初始密码").click();
  await expect(page.getByTestId("user-import-password-table").locator(`tr`, { hasText: CLERK })).toContainText(password);
  // gone once the page is left
  await page.reload();
  await expect(page.getByTestId("user-import-passwords")).toHaveCount(0);

  // the clerk signs in with the generated password
  const clerkContext = await browser.newContext();
  const clerk = await clerkContext.newPage();
  await login(clerk, CLERK, password);
  await expect(clerk).toHaveURL(/\/reports$/);
  await expect(clerk.getByTestId("current-user")).toContainText("导入填报员");
  await clerkContext.close();

  // in the audit log, in Chinese, without a password
  await page.goto("/audit?action=account.import");
  const event = page.getByRole("row").filter({ hasText: FILE });
  await expect(event.getByRole("cell", { name: "批量导入账号", exact: true })).toBeVisible();
  await expect(event).toContainText("数量2");
  await expect(event).not.toContainText(password);
  await context.close();
});
