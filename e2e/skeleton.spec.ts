import { expect, login, openReport, pageAs, test, pdfText } from "./fixtures";

// Years used by this spec (each spec owns its years; see fixtures.ts): chengguan 2024.
const YEAR = 2024;

test.describe("accounts", () => {
  test("wrong password, unknown user and empty fields get clear Chinese messages", async ({ page }) => {
    await page.goto("/login");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByText("请输入用户名")).toBeVisible();
    await page.getByLabel("用户名").fill("chengguan");
    await page.getByLabel("密码").fill("wrong-password");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toContainText("用户名或密码错误");
    await page.getByLabel("用户名").fill("nobody");
    await page.getByLabel("密码").fill("nianbao2024");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByTestId("login-error")).toContainText("用户名或密码错误");
    await expect(page).toHaveURL(/\/login/);
  });

  test("every demo account logs in", async ({ browser }) => {
    for (const user of ["chengguan", "qingshan", "hekou", "shencha", "admin"] as const) {
      const context = await browser.newContext(); // through the login page, not pageAs's kept session
      const page = await context.newPage();
      await login(page, user);
      await expect(page.getByTestId("current-user")).toBeVisible();
      await context.close();
    }
  });

  test("pages and the PDF route need a session; signing in comes back to the page asked for", async ({ page }) => {
    await page.goto("/reports");
    await expect(page).toHaveURL(/\/login/);
    const pdf = await page.request.get("/reports/anything/pdf");
    expect(pdf.status()).toBe(404);
    // a page with its query (a bookmark, or a login that expired there): back to it after signing in
    await page.goto("/dashboard?year=2023&status=PUBLISHED");
    await expect(page).toHaveURL(/\/login\?next=%2Fdashboard%3Fyear%3D2023%26status%3DPUBLISHED$/);
    await page.getByLabel("用户名").fill("shencha");
    await page.getByLabel("密码").fill("nianbao2024");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page).toHaveURL(/\/dashboard\?year=2023&status=PUBLISHED$/);
    await expect(page.getByRole("heading", { name: "审核工作台 · 2023年度" })).toBeVisible();
  });
});

test("the thin slice: a clerk writes, saves, sees totals and downloads the PDF; others are isolated", async ({ browser }) => {
  const clerk = await pageAs(browser, "chengguan");
  const page = clerk.page;
  const url = await openReport(page, YEAR);

  const cell = (id: string) => page.locator(`[data-cell="${id}"]`);
  await cell("t3.new.natural").fill("3");
  await cell("t3.new.commercial").fill("1");
  await cell("t3.open.natural").fill("2");
  await cell("t3.carryover.natural").fill("1");
  await page.locator('[data-field="text.s1.active"]').fill("本年度主动公开政府信息 153 条，涵盖财政预算、惠民政策等。");
  // computed totals show live
  await expect(cell("t3.new.total")).toHaveText("4");
  await expect(cell("t3.total.natural")).toHaveText("2");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  // saved: a reload shows the same values and totals
  await page.reload();
  await expect(cell("t3.new.natural")).toHaveValue("3");
  await expect(cell("t3.new.total")).toHaveText("4");
  await expect(page.locator('[data-field="text.s1.active"]')).toHaveValue(/153 条/);

  // bad input is kept and flagged, never saved as a number
  await cell("t3.deny1.legal").fill("-1");
  await expect(page.getByText("不能为负数").first()).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(cell("t3.deny1.legal")).toHaveValue("-1");

  // the PDF
  const pdfUrl = `${url}/pdf`;
  const res = await page.request.get(pdfUrl);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("application/pdf");
  expect(res.headers()["content-disposition"]).toContain(
    `filename*=UTF-8''${encodeURIComponent(`示范县城关镇人民政府${YEAR}年政府信息公开工作年度报告.pdf`)}`,
  );
  const text = pdfText(await res.body());
  expect(text).toContain("本年新收政府信息公开申请数量");
  expect(text).toContain("153");
  expect(text.replace(/\s/g, "")).toContain(`示范县城关镇人民政府${YEAR}年政府信息公开工作年度报告`);

  // the DOCX
  const docx = await page.request.get(`${url}/docx`);
  expect(docx.status()).toBe(200);
  expect((await docx.body()).subarray(0, 2).toString()).toBe("PK");

  // another township's clerk: 404 for the page and the PDF
  const other = await pageAs(browser, "qingshan");
  const denied = await other.page.goto(url);
  expect(denied?.status()).toBe(404);
  await expect(other.page.getByText("找不到该报告")).toBeVisible();
  expect((await other.page.request.get(pdfUrl)).status()).toBe(404);
  expect((await other.page.request.get(`${url}/docx`)).status()).toBe(404);
  await other.page.goto("/reports");
  await expect(other.page.getByText("示范县城关镇人民政府")).toHaveCount(0);

  // the supervisor sees it, read-only
  const supervisor = await pageAs(browser, "shencha");
  await supervisor.page.goto("/reports");
  await expect(supervisor.page.locator("tr", { hasText: "示范县城关镇人民政府" }).first()).toBeVisible();
  await supervisor.page.goto(url);
  await expect(supervisor.page.getByText("只读")).toBeVisible();
  await expect(supervisor.page.locator('[data-cell="t3.new.natural"]')).toHaveValue("3");
  await expect(supervisor.page.locator('[data-cell="t3.new.natural"]')).not.toBeEditable();
  expect((await supervisor.page.request.get(pdfUrl)).status()).toBe(200);

  for (const c of [clerk, other, supervisor]) await c.context.close();
});

test("a report id that does not exist is a 404", async ({ page }) => {
  await login(page, "chengguan");
  const res = await page.goto("/reports/does-not-exist");
  expect(res?.status()).toBe(404);
  await expect(page.getByText("找不到该报告")).toBeVisible();
});
