import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, pageAs, test } from "./fixtures";

// This spec creates its own organs under 示范县 and the city (names carry a per-run suffix); it never counts
// organs it did not create (the e2e database is shared by the specs running side by side).
const RUN = Date.now().toString(36).slice(-5);
const HEADER = "机关全称,机关简称,机关类型,上级机关,排序";
const BUREAU = `示范县${RUN}局`;
const TOWN = `示范县${RUN}新村镇人民政府`;
const ZONE = `示范${RUN}新区管委会`;
const FILE = `机关${RUN}.csv`;

function csvFile(rows: string[]) {
  // with a BOM and CRLF, as Excel saves 「CSV UTF-8」
  return { name: FILE, mimeType: "text/csv", buffer: Buffer.from("\uFEFF" + [HEADER, ...rows].join("\r\n") + "\r\n") };
}

async function fileField(page: Page) {
  const field = page.getByLabel("机关文件（CSV 或 XLSX）");
  await expect(field).toBeEnabled(); // disabled until the page has hydrated
  return field;
}

test("admin imports organs from a file: template, a problem named by row and column with nothing created, then the fixed file", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto(`/admin/organs?q=${RUN}`);
  const section = page.getByRole("form", { name: "批量导入机关" });
  await expect(section).toBeVisible();

  // the template: the header by label and two example rows, UTF-8 with a BOM
  const [download] = await Promise.all([page.waitForEvent("download"), section.getByRole("link", { name: "下载模板（CSV）" }).click()]);
  expect(download.suggestedFilename()).toBe("机关导入模板.csv");
  const template = readFileSync((await download.path())!, "utf8");
  expect(template.startsWith("\uFEFF")).toBe(true);
  const lines = template.slice(1).trim().split(/\r\n/);
  expect(lines[0]).toBe(HEADER);
  expect(lines).toHaveLength(3);

  // a file with an unknown kind in row 3 (its town's parent is defined below it)
  const bad = [`${BUREAU},${RUN}局,政府部门,示范县人民政府,1`, `${TOWN},${RUN}新村镇,乡村,${ZONE},2`, `${ZONE},${RUN}新区,县级人民政府,示范市人民政府,3`];
  await (await fileField(page)).setInputFiles(csvFile(bad));
  await expect(page.getByTestId("organ-import-message")).toHaveText("文件中有 1 处问题（涉及 1 行），请在文件中改正后重新上传；尚未导入任何机关。");
  const problem = page.getByTestId("organ-import-problems").locator("tbody tr");
  await expect(problem).toHaveCount(1);
  await expect(problem.locator("td")).toHaveText([
    "第 3 行",
    "机关类型",
    "「乡村」不是机关类型，应为以下之一：省级人民政府、地市级人民政府、县级人民政府、政府部门、乡镇（街道）",
  ]);
  await expect(section.getByTestId("organ-import-confirm")).toHaveCount(0);
  // the chosen file stays chosen; nothing was created
  expect(await page.locator("#organ-import-file").evaluate((el: HTMLInputElement) => el.files?.[0]?.name)).toBe(FILE);
  await page.reload();
  await expect(page.getByTestId("organ-count")).toContainText(`名称含“${RUN}”的机关共 0 个`);

  // fixed: checked, then imported in one go
  const good = bad.map((row) => row.replace(",乡村,", ",乡镇（街道）,"));
  await (await fileField(page)).setInputFiles(csvFile(good));
  await expect(page.getByTestId("organ-import-message")).toHaveText("文件检查无误：将新建 3 个机关。");
  await expect(page.getByTestId("organ-import-sample")).toContainText(TOWN);
  await section.getByRole("button", { name: "导入 3 个机关" }).click();
  await expect(page.getByTestId("organ-import-message")).toHaveText("已导入 3 个机关。");
  await expect(page.getByTestId("organ-count")).toContainText(`名称含“${RUN}”的机关共 3 个`);
  // each organ's row (its first cell is its full name), with its kind and parent
  const row = (name: string) => page.getByTestId("organs-table").locator("tr").filter({ has: page.locator("td:first-child", { hasText: name }) });
  await expect(row(TOWN)).toContainText(ZONE);
  await expect(row(TOWN)).toContainText("乡镇（街道）");
  await expect(row(BUREAU)).toContainText("示范县人民政府");
  await expect(row(ZONE)).toContainText("示范市人民政府");
  // the field is emptied after the import
  expect(await page.locator("#organ-import-file").evaluate((el: HTMLInputElement) => el.files?.length ?? 0)).toBe(0);

  // the same file again: every row is there, nothing to import
  await (await fileField(page)).setInputFiles(csvFile(good));
  await expect(page.getByTestId("organ-import-message")).toHaveText("文件中的机关都已存在，没有需要导入的机关。");
  await expect(page.getByTestId("organ-import-skipped")).toContainText("已存在，跳过 3 行");

  // in the audit log, in Chinese
  await page.goto("/audit?action=organ.import");
  const event = page.getByRole("row").filter({ hasText: FILE });
  await expect(event.getByRole("cell", { name: "批量导入机关", exact: true })).toBeVisible();
  await expect(event).toContainText("数量3");
  await context.close();
});
