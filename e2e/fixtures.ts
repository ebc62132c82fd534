import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Page } from "@playwright/test";

/** Demo accounts seeded by scripts/seed.ts (see README). */
export const DEMO_PASSWORD = "nianbao2024";
export const ACCOUNTS = {
  chengguan: "示范县城关镇人民政府",
  qingshan: "示范县青山镇人民政府",
  hekou: "示范县河口乡人民政府",
  zhangliang: "示范县张良镇人民政府",
  shencha: "示范县人民政府",
  xianban: "示范县人民政府",
  shishencha: "示范市人民政府",
  admin: "示范市人民政府",
  // the second county of the demo city, and its office
  dongshan: "东山县东山镇人民政府",
  xiling: "东山县西岭乡人民政府",
  nanhu: "东山县南湖镇人民政府",
  beipo: "东山县北坡乡人民政府",
  dsshencha: "东山县人民政府",
  dsban: "东山县人民政府",
  // a city department
  caizheng: "示范市财政局",
} as const;
export type DemoUser = keyof typeof ACCOUNTS;

export async function login(page: Page, username: DemoUser | string, password = DEMO_PASSWORD) {
  await page.goto("/login");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"));
}

/** Per worker: each demo account's browser state (its session cookie) as it was right after signing in. */
const signedIn = new Map<string, Awaited<ReturnType<BrowserContext["storageState"]>>>();

/**
 * A fresh browser context signed in as `username`, on the account's start page. The first call for an account
 * in a worker signs in through the login page; later ones open a new context with that session's cookie (as a
 * second tab or window of the same browser would) — signing in is itself tested where it is the subject
 * (skeleton, start-pages, security, login-limits, keyboard). A session that is gone (signed out, revoked) is
 * noticed on the start page, and the account signs in again.
 */
export async function pageAs(browser: Browser, username: DemoUser) {
  const state = signedIn.get(username);
  const context = await browser.newContext(state ? { storageState: state } : {});
  const page = await context.newPage();
  if (state) {
    await page.goto("/"); // signed in: redirected to the start page; else the visitors' home page
    const user = page.getByTestId("current-user");
    await expect(user.or(page.getByRole("link", { name: "工作人员登录" }))).toBeVisible();
    if (await user.isVisible()) return { context, page };
  }
  await login(page, username);
  signedIn.set(username, await context.storageState());
  return { context, page };
}

/** The import page, interactive: its file input and paste box stay disabled until the page has hydrated. */
export async function openImport(page: Page) {
  await page.goto("/reports/import");
  await expect(page.locator("#import-file")).toBeEnabled();
}

/**
 * Opens (creating it if needed) the report of the logged-in clerk's organ for `year`, and returns its URL.
 * Each spec uses its own year so that specs running in parallel never share a report.
 */
export async function openReport(page: Page, year: number): Promise<string> {
  await page.goto("/reports");
  const link = page.getByRole("link", { name: new RegExp(`${year}年度`) });
  if ((await link.count()) === 0) {
    await page.getByLabel("年度").fill(String(year));
    await page.getByRole("button", { name: "新建报告" }).click();
  } else {
    await link.first().click();
  }
  await page.waitForURL(/\/reports\/[^/]+$/);
  return page.url();
}

const field = (page: Page, ref: string) => page.locator(`[data-field="${ref}"]`);

/** Fills a complete report (no errors left): every blank cell 0, the text sections, fee 未收取, sign date. */
export async function fillComplete(page: Page, year: number) {
  for (const s of ["s2", "s3", "s4"]) await page.locator(`#section-${s}`).getByRole("button", { name: "空白单元格填 0" }).click();
  const texts: Record<string, string> = {
    "text.s1.active": "本年度主动公开政府信息 88 条，涵盖财政预决算、惠民政策等内容。",
    "text.s1.request": "依申请公开工作依法依规办理，答复及时。",
    "text.s1.management": "健全政府信息公开审查机制，动态更新公开目录。",
    "text.s1.platform": "依托政府网站和公开栏做好信息发布。",
    "text.s1.oversight": "将政务公开纳入年度考核，组织业务培训。",
    "text.s5": "一是公开内容还不够全面；二是解读回应有待加强。下一步将完善制度。",
    "text.s6": "无其他需要报告的事项。",
  };
  for (const [ref, text] of Object.entries(texts)) await field(page, ref).fill(text);
  await field(page, "fee").getByLabel("未收取").check();
  await field(page, "header.signDate").fill(`${year + 1}年1月20日`);
  await fillContact(page);
  await expect(page.getByTestId("error-count")).toHaveText("0 项错误");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
}

/** Fills the opening's empty 地址/电话 placeholders (an error, E9, until filled). */
export async function fillContact(page: Page) {
  const opening = field(page, "header.opening");
  const text = await opening.inputValue();
  await opening.fill(text.replace(/（地址：\s*；电话：\s*）/, "（地址：人民路1号；电话：0371-60000000）"));
}

/** 提交审核 as the clerk: the button asks first (to whom it goes, that editing stops); confirm. */
export async function submitForReview(page: Page) {
  await page.getByTestId("submit-button").click();
  const dialog = page.getByTestId("submit-confirm");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("confirm-submit").click();
  await expect(dialog).toHaveCount(0);
}

/** 发布 as the supervisor: the button asks first (what becomes public); confirm. */
export async function publishReport(page: Page) {
  await page.getByTestId("review-publish").click();
  const dialog = page.getByTestId("publish-confirm");
  await expect(dialog).toBeVisible();
  await dialog.getByTestId("confirm-publish").click();
  await expect(dialog).toHaveCount(0);
}

/** The text of a PDF (pdftotext, poppler-utils): from its bytes or from a file path. */
export function pdfText(pdf: Uint8Array | string): string {
  let file = pdf;
  if (typeof file !== "string") {
    file = path.join(mkdtempSync(path.join(tmpdir(), "nianbao-pdf-")), "r.pdf");
    writeFileSync(file, pdf);
  }
  return execFileSync("pdftotext", ["-enc", "UTF-8", file, "-"], { encoding: "utf8" });
}

export const test = base;
export { expect };

/** The year being written now, China time: last year until the end of March (computed here, not by the app). */
export function yearBeingWritten(now = new Date()): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: "Asia/Shanghai", year: "numeric", month: "numeric" }).formatToParts(now);
  const year = Number(parts.find((p) => p.type === "year")!.value);
  const month = Number(parts.find((p) => p.type === "month")!.value);
  return month <= 3 ? year - 1 : year;
}

/**
 * A township of its own under 示范县, with its clerk, made through the admin's pages (names carry a per-run
 * suffix): for a spec that needs years no other spec's organ can spare. Returns the clerk's signed-in page.
 */
export async function newTownshipClerk(browser: Browser, name: string) {
  const run = Date.now().toString(36).slice(-5);
  const fullName = `示范县${name}${run}镇人民政府`;
  const username = `t${run}${Math.floor(Math.random() * 1e4)}`;
  const password = "township-pass-1";
  const admin = await pageAs(browser, "admin");
  const a = admin.page;
  const ready = async () => {
    await expect(a.locator("form[data-admin-form]").first()).toBeVisible();
    await expect(a.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
  };
  const pick = async (selector: string, label: string) => {
    const value = await a.locator(`${selector} option`).filter({ hasText: new RegExp(`^[\\s\\u3000]*${label}$`) }).first().getAttribute("value");
    await a.selectOption(selector, value!);
  };
  await a.goto("/admin/organs");
  await ready();
  await a.getByLabel("机关全称").fill(fullName);
  await a.getByLabel("机关简称").fill(`${name}${run}镇`);
  await a.getByLabel("机关类型").selectOption("TOWNSHIP");
  await pick("#organ-parentId", "示范县人民政府");
  await a.getByRole("button", { name: "新建机关" }).click();
  await expect(a.getByTestId("organ-form-message")).toContainText("已新建机关");
  await a.goto("/admin/users");
  await ready();
  await a.getByLabel("用户名").fill(username);
  await a.getByLabel("姓名").fill(`${name}镇填报员`);
  await a.getByLabel("角色").selectOption("CLERK");
  await pick("#user-organId", fullName);
  await a.getByLabel("初始密码").fill(password);
  await a.getByRole("button", { name: "新建账号" }).click();
  await expect(a.getByTestId("user-form-message")).toContainText("已新建账号");
  await admin.context.close();
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, username, password);
  return { context, page, fullName, username, password };
}
