import { unzipSync } from "fflate";
import { expect, fillComplete, openReport, pageAs, pdfText, publishReport, submitForReview, test } from "./fixtures";

// Years used by this spec (each spec owns its years; see fixtures.ts): hekou 2021 (published), 2022 (draft).
const PUBLISHED_YEAR = 2021;
const DRAFT_YEAR = 2022;
const HEKOU = "示范县河口乡人民政府";

test("visitors: the home page links to the public reports; /public needs no login", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/$/);
  await page.getByRole("link", { name: /查阅已公开的政府信息公开工作年度报告/ }).click();
  await expect(page).toHaveURL(/\/public$/);
  await expect(page.getByRole("heading", { name: "政府信息公开年报" })).toBeVisible();
  await expect(page.getByRole("link", { name: "工作人员登录" })).toBeVisible();
});

test("a draft is not public: 404 for the page and the PDF, absent from the list, even for staff", async ({ browser, page }) => {
  const clerk = await pageAs(browser, "hekou");
  const url = await openReport(clerk.page, DRAFT_YEAR);
  const id = url.split("/").pop()!;
  // logged-in staff are redirected from the home page to their reports
  await clerk.page.goto("/");
  await expect(clerk.page).toHaveURL(/\/reports$/);
  // the draft through the public routes: 404 for staff too
  expect((await clerk.page.goto(`/public/reports/${id}`))?.status()).toBe(404);
  await clerk.context.close();

  const res = await page.goto(`/public/reports/${id}`);
  expect(res?.status()).toBe(404);
  await expect(page.getByText("该报告不存在或尚未公开")).toBeVisible();
  expect((await page.request.get(`/public/reports/${id}/pdf`)).status()).toBe(404);
  expect((await page.request.get(`/public/reports/does-not-exist`)).status()).toBe(404);
  await page.goto("/public");
  await expect(page.getByRole("link", { name: `${HEKOU}${DRAFT_YEAR}年政府信息公开工作年度报告` })).toHaveCount(0);
});

test("published through the review flow: listed on /public, readable as HTML and PDF without login; in the supervisor's bulk zip", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  // the clerk writes and submits
  const clerk = await pageAs(browser, "hekou");
  const url = await openReport(clerk.page, PUBLISHED_YEAR);
  const id = url.split("/").pop()!;
  await fillComplete(clerk.page, PUBLISHED_YEAR);
  await submitForReview(clerk.page);
  await expect(clerk.page.getByTestId("report-status")).toHaveText("待审核");

  // before publication it is not public
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(404);

  // the supervisor approves: on the dashboard it is 已通过 and goes into the bulk zip
  const sup = await pageAs(browser, "shencha");
  const s = sup.page;
  await s.goto(url);
  await s.getByTestId("review-approve").click();
  await expect(s.getByTestId("review-status")).toHaveText("已通过");
  expect((await page.goto(`/public/reports/${id}`))?.status()).toBe(404); // approved is not published

  await s.goto(`/dashboard?year=${PUBLISHED_YEAR}`);
  const row = s.locator(`tr[data-organ="${HEKOU}"]`);
  await expect(row.locator("[data-status]").first()).toHaveText("已通过");
  const zipHref = await s.getByTestId("bulk-export").getAttribute("href");
  expect(zipHref).toContain(`year=${PUBLISHED_YEAR}`);
  const zipRes = await s.request.get(zipHref!);
  expect(zipRes.status()).toBe(200);
  expect(zipRes.headers()["content-type"]).toBe("application/zip");
  expect(zipRes.headers()["content-disposition"]).toContain(".zip");
  const files = unzipSync(new Uint8Array(await zipRes.body()));
  const name = `${HEKOU}${PUBLISHED_YEAR}年政府信息公开工作年度报告.pdf`;
  expect(Object.keys(files)).toContain(name);
  expect(pdfText(files[name]!).replace(/\s/g, "")).toContain(`${HEKOU}${PUBLISHED_YEAR}年政府信息公开工作年度报告`);
  // a filter without approved/published reports offers no zip
  await s.goto(`/dashboard?year=${PUBLISHED_YEAR}&status=DRAFT`);
  await expect(s.getByTestId("bulk-export-none")).toBeVisible();

  // publish
  await s.goto(url);
  await publishReport(s);
  await expect(s.getByTestId("review-status")).toHaveText("已发布");

  // a visitor (no session) finds it on /public and reads it
  await page.goto("/public");
  const link = page.getByRole("link", { name: `${HEKOU}${PUBLISHED_YEAR}年政府信息公开工作年度报告` });
  await expect(link).toBeVisible();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`/public/reports/${id}$`));
  const report = page.getByTestId("public-report");
  await expect(report.getByRole("heading", { level: 1 })).toContainText(`${HEKOU}${PUBLISHED_YEAR}年政府信息公开工作年度报告`);
  await expect(report.getByRole("heading", { name: "一、总体情况" })).toBeVisible();
  await expect(report).toContainText("本年度主动公开政府信息 88 条");
  await expect(report.locator("table")).toHaveCount(3);
  await expect(report.locator("table").nth(1)).toContainText("本年新收政府信息公开申请数量");
  await expect(report).toContainText(`${PUBLISHED_YEAR + 1}年1月20日`);
  const pdf = await page.request.get(`/public/reports/${id}/pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect(pdfText(new Uint8Array(await pdf.body()))).toContain("本年新收政府信息公开申请数量");
  // no cache may serve it without asking (a report returned after publishing is withdrawn at once); asked
  // again for the same publication, the server answers 304 without rendering it
  expect(pdf.headers()["cache-control"]).toBe("public, no-cache");
  const etag = pdf.headers()["etag"]!;
  expect(etag).toMatch(/^"pub-/);
  expect((await page.request.get(`/public/reports/${id}/pdf`, { headers: { "if-none-match": etag } })).status()).toBe(304);

  // filters: the year
  await page.goto(`/public?year=${PUBLISHED_YEAR + 50}`);
  await expect(page.getByTestId("public-empty")).toHaveText("所选年度或机关暂无已公开的年度报告。");
  // a name found nowhere is said so, with the name
  await page.goto(`/public?q=${encodeURIComponent("不存在的机关名")}`);
  await expect(page.getByTestId("public-empty")).toHaveText("没有找到机关名称或报告标题含“不存在的机关名”的年报，请换个名称再查。");
  await page.goto(`/public?year=${PUBLISHED_YEAR}`);
  await expect(page.getByRole("link", { name: `${HEKOU}${PUBLISHED_YEAR}年政府信息公开工作年度报告` })).toBeVisible();

  await clerk.context.close();
  await sup.context.close();
});

test("on a phone (390×844) tables 三 and 四 keep readable labels and scroll sideways in their box, which says so", async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  await page.goto("/public");
  await page.locator('a[href^="/public/reports/"]').first().click();
  await page.getByTestId("public-report").waitFor();
  for (const id of ["t3", "t4"]) {
    const box = page.locator(`[data-table="${id}"]`).locator("..");
    const { client, scroll } = await box.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
    expect(scroll, `table ${id} scrolls in its box`).toBeGreaterThan(client);
    await expect(box.locator("..").getByTestId("table-scroll-hint")).toBeVisible();
  }
  // the page itself does not scroll sideways
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  // the portal's name, its subtitle and 工作人员登录 each stay on one line (they wrapped inside themselves)
  for (const text of ["政府信息公开", "政府信息公开工作年度报告", "工作人员登录"]) {
    const el = page.locator("header").getByText(text, { exact: true });
    const lines = await el.evaluate((e) => Math.round(e.getBoundingClientRect().height / parseFloat(getComputedStyle(e).lineHeight)));
    expect(lines, `「${text}」 on one line`).toBe(1);
  }
  // a row label of table 三 keeps at least four characters a line (it had one or two)
  const label = page.locator('[data-table="t3"] th', { hasText: "1.属于国家秘密" });
  expect((await label.boundingBox())!.width).toBeGreaterThanOrEqual(4 * 13);
  await context.close();
  // at an office screen the tables fit and there is no hint
  const desk = await browser.newContext({ viewport: { width: 1366, height: 768 } });
  const p2 = await desk.newPage();
  await p2.goto("/public");
  await p2.locator('a[href^="/public/reports/"]').first().click();
  await p2.getByTestId("public-report").waitFor();
  await expect(p2.getByTestId("table-scroll-hint")).toHaveCount(2);
  await expect(p2.getByTestId("table-scroll-hint").first()).toBeHidden();
  await desk.close();
});
