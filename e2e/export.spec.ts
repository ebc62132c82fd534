import { readFileSync } from "node:fs";
import { ACCOUNTS, expect, openReport, pageAs, test, pdfText } from "./fixtures";

// Years used by this spec (each spec owns its years; see fixtures.ts): hekou 2025.
const YEAR = 2025;
const BASE_NAME = `${ACCOUNTS.hekou}${YEAR}年政府信息公开工作年度报告`;

test("exports: download buttons with progress and errors, the page preview, the glyph notice; the supervisor downloads too", async ({
  browser,
}) => {
  test.setTimeout(150_000);
  const clerk = await pageAs(browser, "hekou");
  const page = clerk.page;
  const url = await openReport(page, YEAR);

  await page.locator('[data-field="text.s1.active"]').fill("本年度主动公开政府信息 88 条。联系人：王堃、李喆。满意度👍。");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  // characters missing from the body face are named near the export buttons
  await expect(page.getByTestId("missing-glyphs")).toContainText("以下字符将以备用字体显示：堃喆", { timeout: 20_000 });
  await expect(page.getByTestId("unrenderable-glyphs")).toContainText("以下字符无法显示，PDF 中以 □ 代替：👍");

  // 下载 PDF: busy while rendering (the response is held back a moment), then saved under the server's name
  await page.route("**/pdf", async (route) => {
    await new Promise((r) => setTimeout(r, 800));
    await route.continue();
  });
  const pdfButton = page.getByTestId("export-pdf");
  const pdfDownload = page.waitForEvent("download", { timeout: 60_000 });
  await pdfButton.click();
  await expect(pdfButton).toHaveText("正在生成…");
  await expect(pdfButton).toBeDisabled();
  await expect(page.getByTestId("export-docx")).toBeDisabled();
  const pdf = await pdfDownload;
  expect(pdf.suggestedFilename()).toBe(`${BASE_NAME}.pdf`);
  const pdfPath = await pdf.path();
  expect(readFileSync(pdfPath).subarray(0, 5).toString("latin1")).toBe("%PDF-");
  const text = pdfText(pdfPath).replace(/\s/g, "");
  expect(text).toContain(BASE_NAME);
  expect(text).toContain("王堃、李喆。满意度□。");
  // a draft carries the 草稿 watermark on every page (drawn diagonally, so its characters come out apart)
  expect((text.match(/草/g) ?? []).length).toBeGreaterThanOrEqual(3);
  expect((text.match(/稿/g) ?? []).length).toBeGreaterThanOrEqual(3);
  await expect(pdfButton).toHaveText("下载 PDF");
  await expect(pdfButton).toBeEnabled();
  await page.unroute("**/pdf");

  // 下载 Word
  const [docx] = await Promise.all([page.waitForEvent("download", { timeout: 60_000 }), page.getByTestId("export-docx").click()]);
  expect(docx.suggestedFilename()).toBe(`${BASE_NAME}.docx`);
  expect(readFileSync(await docx.path()).subarray(0, 2).toString("latin1")).toBe("PK");

  // failures are told in Chinese, and the buttons come back
  const errors: [string, (r: import("@playwright/test").Route) => Promise<void>, string][] = [
    ["**/pdf", (r) => r.fulfill({ status: 500, body: "x" }), "生成 PDF 失败（服务器错误 500）"],
    ["**/docx", (r) => r.fulfill({ status: 404, body: "x" }), "找不到该报告"],
    ["**/pdf", (r) => r.abort("failed"), "网络错误"],
  ];
  for (const [glob, handler, message] of errors) {
    await page.route(glob, handler);
    await page.getByTestId(glob.endsWith("pdf") ? "export-pdf" : "export-docx").click();
    await expect(page.getByTestId("export-error")).toContainText(message);
    await page.unroute(glob);
  }
  await expect(page.getByTestId("export-pdf")).toBeEnabled();

  // the preview: page images in the official layout, refreshed after a save
  await page.getByTestId("preview-toggle").click();
  const panel = page.getByTestId("preview-panel");
  await expect(panel).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  const images = panel.getByTestId("preview-page");
  expect(await images.count()).toBeGreaterThanOrEqual(3);
  const natural = await images.first().evaluate((img: HTMLImageElement) => img.naturalWidth);
  expect(natural).toBeGreaterThan(300);
  const before = await images.first().getAttribute("src");
  const previewRequests: string[] = [];
  page.on("request", (r) => {
    if (/\/preview$/.test(new URL(r.url()).pathname)) previewRequests.push(r.url());
  });
  await page.locator('[data-field="text.s1.active"]').fill("本年度主动公开政府信息 99 条。联系人：王堃、李喆。满意度👍。");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await expect.poll(async () => images.first().getAttribute("src"), { timeout: 60_000 }).not.toBe(before);
  await expect(panel).toHaveAttribute("data-state", "ready", { timeout: 60_000 });
  expect(previewRequests.length).toBeGreaterThanOrEqual(1);
  await panel.getByRole("button", { name: "关闭预览" }).click();
  await expect(panel).toHaveCount(0);

  // the preview route: scoped, cached by version
  const preview = await page.request.get(`${url}/preview`);
  expect(preview.status()).toBe(200);
  expect(preview.headers()["content-type"]).toBe("application/pdf");
  expect(decodeURIComponent(preview.headers()["x-missing-glyphs"] ?? "")).toBe("堃喆👍");
  expect(preview.headers()["x-render-via"]).toBe("worker"); // the production server renders off its event loop
  const etag = preview.headers()["etag"] ?? "";
  expect(etag).not.toBe("");
  expect((await page.request.get(`${url}/preview`, { headers: { "if-none-match": etag } })).status()).toBe(304);

  const other = await pageAs(browser, "qingshan");
  expect((await other.page.request.get(`${url}/preview`)).status()).toBe(404);
  expect((await other.page.request.get(`${url}/preview/glyphs`)).status()).toBe(404);

  // the supervisor's read-only view has the same buttons
  const supervisor = await pageAs(browser, "shencha");
  await supervisor.page.goto(url);
  await expect(supervisor.page.getByTestId("report-editor")).toHaveAttribute("data-readonly", "true");
  const [supPdf] = await Promise.all([
    supervisor.page.waitForEvent("download", { timeout: 60_000 }),
    supervisor.page.getByTestId("export-pdf").click(),
  ]);
  expect(supPdf.suggestedFilename()).toBe(`${BASE_NAME}.pdf`);
  const [supDocx] = await Promise.all([
    supervisor.page.waitForEvent("download", { timeout: 60_000 }),
    supervisor.page.getByTestId("export-docx").click(),
  ]);
  expect(supDocx.suggestedFilename()).toBe(`${BASE_NAME}.docx`);
  await supervisor.page.getByTestId("preview-toggle").click();
  await expect(supervisor.page.getByTestId("preview-page").first()).toBeVisible({ timeout: 60_000 });

  for (const c of [clerk, other, supervisor]) await c.context.close();
});
