import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, pageAs, test, openImport } from "./fixtures";

// Issue 11: a government imports last year's 汇总 report (its other report is the 本级 one).
// Years used by this spec (each spec owns its years; see fixtures.ts): xianban (示范县人民政府) 2020 汇总
// (the imported file) and 2021 汇总 (started from it).
const IMPORTED_YEAR = 2020;
const NEXT_YEAR = IMPORTED_YEAR + 1;
const SOURCE = path.resolve(import.meta.dirname, "../tests/fixtures/import/corpus/dianjiang-town-2022/source.txt");

/** A county's 汇总 report as plain text: a real report whose opening says it was 汇总…编制而成. */
const countyRollupText = () =>
  Buffer.from(
    readFileSync(SOURCE, "utf8").replace("结合工作实际,编制本报告。", "由示范县人民政府办公室汇总本县各有关单位政府信息公开工作情况编制而成。"),
    "utf8",
  );

test("a county office imports its 汇总 report of 2020 and starts the 2021 汇总 report from it", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await pageAs(browser, "xianban");
  await openImport(page);
  await page.locator("#import-file").setInputFiles({ name: "示范县2020年报告.txt", mimeType: "text/plain", buffer: countyRollupText() });
  const review = page.getByTestId("import-review");
  await expect(review).toBeVisible({ timeout: 30_000 });

  // the file's opening says 汇总: the 汇总 report is chosen; the 本级 report is the other choice
  const kind = page.getByTestId("import-report-kind");
  await expect(kind.getByRole("radio", { name: /汇总报告/ })).toBeChecked();
  await expect(kind.getByRole("radio", { name: /本级报告/ })).not.toBeChecked();
  await page.locator('input[name="year"]').fill(String(IMPORTED_YEAR));
  await page.getByTestId("ack-year").getByRole("checkbox").check();
  await expect(page.getByTestId("target-import")).toContainText(`作为${IMPORTED_YEAR}年度汇总报告存档`);
  await expect(page.getByTestId("target-next")).toContainText(`以此为底稿新建${NEXT_YEAR}年度汇总报告`);
  await expect(page.getByTestId("target-next")).toContainText("取自下级机关");
  // switching to 本级 changes the targets, switching back restores them
  await kind.getByRole("radio", { name: /本级报告/ }).check();
  await expect(page.getByTestId("target-next")).toContainText(`以此为底稿新建${NEXT_YEAR}年度本级报告`);
  await kind.getByRole("radio", { name: /汇总报告/ }).check();
  await page.getByRole("button", { name: "确认导入" }).click();

  // the new 汇总 draft: linked to the roll-up (its banner), the text carried over
  await page.waitForURL(/\/reports\/(?!import$)[^/]+$/, { timeout: 30_000 });
  await expect(page.getByTestId("rollup-banner")).toBeVisible();
  await expect(page.locator('[data-field="text.s1.lead"]')).toHaveValue(/.+/);

  // the list: the 2020 汇总 import (read-only, not linked to a roll-up) beside the 2021 汇总 draft
  await page.goto("/reports");
  const imported = page.locator("tr", { has: page.getByRole("link", { name: `${IMPORTED_YEAR}年度汇总报告` }) });
  await expect(imported.getByTestId("imported-badge")).toHaveText("已导入");
  await expect(page.getByRole("link", { name: `${NEXT_YEAR}年度汇总报告` })).toBeVisible();
  await imported.getByRole("link", { name: `${IMPORTED_YEAR}年度汇总报告` }).click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  await expect(page.getByTestId("report-status")).toHaveText("已导入");
  await expect(page.getByTestId("editor-status")).toHaveText("已导入");
  await expect(page.getByTestId("rollup-banner")).toHaveCount(0);
  await context.close();
});
