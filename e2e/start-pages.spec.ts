import { expect, login, newTownshipClerk, pageAs, test, yearBeingWritten } from "./fixtures";

// Where people land, the year 新建报告 proposes, the browser tab's icon. This spec creates its own
// township and clerk (newTownshipClerk: per-run suffix) and reports of that township only.
test("the supervisor lands on the review dashboard; a clerk on the reports; ?next= is honoured", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, "shencha");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: /审核工作台/ }).first()).toBeVisible();
  await page.goto("/");
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.getByRole("link", { name: "年报通" }).first().click();
  await expect(page).toHaveURL(/\/dashboard$/);
  await context.close();

  const clerk = await browser.newContext();
  const c = await clerk.newPage();
  await login(c, "qingshan");
  await expect(c).toHaveURL(/\/reports$/);
  await clerk.close();

  const deep = await browser.newContext();
  const d = await deep.newPage();
  await d.goto("/login?next=/reports");
  await d.getByLabel("用户名").fill("shencha");
  await d.getByLabel("密码").fill("nianbao2024");
  await d.getByRole("button", { name: "登录" }).click();
  await expect(d).toHaveURL(/\/reports$/);
  await deep.close();
});

test("新建报告 proposes the most recent year without a report and names the years that exist", async ({ browser }) => {
  const { context, page } = await newTownshipClerk(browser, "新年");
  await expect(page).toHaveURL(/\/reports$/);
  const year = yearBeingWritten();
  const box = page.getByLabel("年度");
  await expect(box).toHaveValue(String(year));
  await expect(page.getByTestId("existing-years")).toHaveCount(0);

  // create the proposed year's report
  await page.getByRole("button", { name: "新建报告" }).click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  await page.goto("/reports");
  // the next proposal is the year before; the existing year is named
  await expect(box).toHaveValue(String(year - 1));
  await expect(page.getByTestId("existing-years")).toContainText(`已有报告的年度：${year}`);
  // typing an existing year says so before submitting
  await box.fill(String(year));
  await expect(page.getByTestId("year-exists")).toContainText(`${year}年度的报告已存在`);
  await box.fill(String(year - 1));
  await expect(page.getByTestId("year-exists")).toHaveCount(0);
  // and the year before that once this one exists
  await page.getByRole("button", { name: "新建报告" }).click();
  await page.waitForURL(/\/reports\/[^/]+$/);
  await page.goto("/reports");
  await expect(box).toHaveValue(String(year - 2));
  await expect(page.getByTestId("existing-years")).toContainText(`已有报告的年度：${year - 1}、${year}`);
  await context.close();
});

test("the browser tab has an icon: /favicon.ico and /icon.svg are served and linked", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/icon/);
  const bytes = new Uint8Array(await ico.body());
  expect([...bytes.subarray(0, 4)]).toEqual([0, 0, 1, 0]); // an ICO file
  const svg = await request.get("/icon.svg");
  expect(svg.status()).toBe(200);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");

  await page.goto("/login");
  const links = page.locator('head link[rel="icon"]');
  await expect(links).toHaveCount(2);
  const hrefs = await links.evaluateAll((els) => els.map((e) => e.getAttribute("href")));
  expect(hrefs.map((h) => h?.split("?")[0])).toEqual(["/favicon.ico", "/icon.svg"]);
  // both decode as images in the browser
  const sizes = await page.evaluate(async () => {
    const load = (src: string) =>
      new Promise<number>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth);
        img.onerror = () => resolve(0);
        img.src = src;
      });
    return [await load("/favicon.ico"), await load("/icon.svg")];
  });
  expect(sizes[0]).toBeGreaterThan(0);
  expect(sizes[1]).toBeGreaterThan(0);
});

test("a government's clerk: 新建报告 proposes and names years per report — a year with a 汇总 report may still need its 本级 report; its own reports are listed apart from those below it", async ({ browser }) => {
  // 东山县's office (dsban): the seed's 汇总 report of the year being written, no 本级 report; its list also
  // holds its townships' reports of that year (read only here)
  const { context, page } = await pageAs(browser, "dsban");
  await page.goto("/reports");
  await expect(page.locator("form[data-hydrated]")).toHaveCount(1);
  const year = yearBeingWritten();
  const box = page.getByLabel("年度");
  const kind = page.locator('select[name="kind"]');
  await expect(kind).toHaveValue("ORGAN");
  await expect(box).toHaveValue(String(year));
  await expect(page.getByTestId("existing-years").filter({ hasText: String(year) })).toHaveCount(0);
  // the 汇总 report: that year exists
  await kind.selectOption("ROLLUP");
  await expect(page.getByTestId("existing-years")).toContainText(`已有汇总报告的年度：`);
  await expect(page.getByTestId("existing-years")).toContainText(String(year));
  await expect(box).not.toHaveValue(String(year));
  await box.fill(String(year));
  await expect(page.getByTestId("year-exists")).toContainText(`${year}年度的汇总报告已存在`);
  // back to the 本级 report: the typed year is kept, and it does not exist for this report
  await kind.selectOption("ORGAN");
  await expect(box).toHaveValue(String(year));
  await expect(page.getByTestId("year-exists")).toHaveCount(0);
  // its own reports, and apart from them the approved and published reports of the organs below it
  const own = page.getByRole("region", { name: "本机关的报告" });
  const below = page.getByRole("region", { name: "下级机关的报告" });
  await expect(own.getByRole("link", { name: `${year}年度汇总报告` })).toBeVisible();
  await expect(own).not.toContainText("东山县东山镇人民政府");
  await expect(below.locator("tr", { hasText: "东山县东山镇人民政府" }).first()).toContainText("已发布");
  await context.close();
});

test("a reviewer finds an organ's reports by name on 年度报告, and the public finds a published report by name", async ({ browser, page }) => {
  const sup = await pageAs(browser, "dsshencha");
  const s = sup.page;
  await s.goto("/reports");
  await s.getByLabel("按机关名称查找报告").fill("南湖");
  await s.getByRole("button", { name: "查找", exact: true }).click();
  await expect(s).toHaveURL(/\/reports\?q=/);
  await expect(s.getByTestId("report-count")).toContainText("名称含“南湖”的共");
  const rows = s.locator("tr[data-report-id]");
  await expect(rows.first()).toBeVisible();
  for (const text of await rows.allTextContents()) expect(text).toContain("南湖镇");
  await sup.context.close();

  // the public portal: the name box narrows the list (a province publishes thousands a year)
  await page.goto("/public");
  await page.getByLabel("按机关名称查询").fill("东山镇");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByTestId("public-count")).toBeVisible();
  const links = page.locator('a[href^="/public/reports/"]');
  await expect(links.first()).toBeVisible();
  for (const text of await links.allTextContents()) expect(text).toContain("东山镇");
});
