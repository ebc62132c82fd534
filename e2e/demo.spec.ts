import { expect, openReport, pageAs, test, pdfText } from "./fixtures";

// The demo content seeded on a fresh database (scripts/seed-content.ts): 张良镇's 2023 report, published.
// Years used by this spec: zhangliang 2023 (seeded, read only) and 2024 (created here).
const ORGAN = "示范县张良镇人民政府";
const TITLE = `${ORGAN}2023年政府信息公开工作年度报告`;

test("a visitor reads the seeded 张良镇 2023 report on the public portal, as HTML and as a PDF without watermark", async ({ page }) => {
  await page.goto("/public");
  await page.getByRole("link", { name: TITLE }).click();
  const report = page.getByTestId("public-report");
  await expect(report.getByRole("heading", { level: 1 })).toContainText(TITLE);
  await expect(report).toContainText("办理市长热线事项 356 件");
  await expect(report.locator("table").first()).toContainText("17");
  const id = page.url().split("/").pop()!;
  const pdf = await page.request.get(`/public/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  const text = pdfText(new Uint8Array(await pdf.body()));
  expect(text.replace(/\s/g, "")).toContain("办理市长热线事项356件");
  expect(text.replace(/\s/g, "")).toContain("2024年1月19日");
  expect(text).not.toMatch(/[草稿]/);
});

test("the 张良镇 clerk finds the published report read-only with its history, and next year's report carries over", async ({ browser }) => {
  const { page, context } = await pageAs(browser, "zhangliang");
  await page.goto("/reports");
  await page.getByRole("link", { name: /2023年度/ }).click();
  await expect(page.getByTestId("report-status")).toHaveText("已发布");
  await expect(page.locator('[data-field="text.s1.active"]')).toHaveValue(/办理市长热线事项 356 件/);
  await expect(page.locator('[data-cell="t2.permit.decisions"]')).toHaveValue("17");
  await expect(page.locator('[data-cell="t2.permit.decisions"]')).not.toBeEditable();
  await page.goto(`${page.url()}/history`);
  await expect(page.getByTestId("submissions").locator("tbody tr")).toHaveCount(1);

  await openReport(page, 2024);
  // last year's 结转下年度继续办理 (all 0 in the real report) prefilled as this year's 上年结转
  await expect(page.locator('[data-cell="t3.carried.natural"]')).toHaveValue("0");
  await expect(page.locator('[data-cell="t3.new.natural"]')).toHaveValue("");
  await expect(page.getByTestId("no-previous-report")).toHaveCount(0); // 2023 is there
  await context.close();
});

test("the supervisor's dashboard and the roll-up count 北坡乡's open errors as its clerk's editor does: a table's blank cells are one", async ({ browser }) => {
  // 北坡乡's seeded draft of the demo year (read only here): blank cells in table 三 and more
  const supervisor = await pageAs(browser, "dsshencha");
  await supervisor.page.goto("/dashboard");
  const year = (await supervisor.page.getByRole("heading", { level: 1 }).textContent())!.match(/(\d{4})年度/)![1]!;
  const row = supervisor.page.locator('tr[data-organ="东山县北坡乡人民政府"]');
  const dashboardErrors = Number(await row.locator("td").nth(4).textContent());
  await supervisor.page.goto(`/rollup?year=${year}`);
  const member = supervisor.page.locator('tr[data-member="东山县北坡乡人民政府"]');
  await expect(member).toContainText(`${dashboardErrors} 项错误`);

  const clerk = await pageAs(browser, "beipo");
  await clerk.page.goto("/reports");
  await clerk.page.getByRole("link", { name: new RegExp(`${year}年度`) }).first().click();
  // the checks have run (they load after the page): the blank cells are listed
  await expect(clerk.page.getByText(/表三有 \d+ 个单元格未填写/)).toBeVisible();
  const shown = Number((await clerk.page.getByTestId("error-count").textContent())!.match(/\d+/)![0]);
  expect(shown).toBeGreaterThan(0);
  expect(dashboardErrors).toBe(shown);
  await supervisor.context.close();
  await clerk.context.close();
});
