import type { APIResponse, BrowserContext, Page, Response } from "@playwright/test";
import { expect, openReport, pageAs, test } from "./fixtures";

// Issue 12 item 6: every response carries the security headers, and the main pages run under the nonce-based
// Content-Security-Policy without a single violation (the pdf.js preview and its worker included).
// Reports written by this spec (each spec owns its pairs; see fixtures.ts): nanhu 2022. Everything else is only read.
const YEAR = 2022;

type Violation = { directive: string; blocked: string; source: string; page: string };

/** Collects `securitypolicyviolation` events and CSP console errors of every page (and worker) of `context`. */
async function watchCsp(context: BrowserContext) {
  const violations: Violation[] = [];
  await context.exposeBinding("__nianbaoCspViolation", ({ page }, v: Omit<Violation, "page">) => {
    violations.push({ ...v, page: page?.url() ?? "?" });
  });
  await context.addInitScript(() => {
    const report = (e: SecurityPolicyViolationEvent) =>
      (window as unknown as { __nianbaoCspViolation: (v: object) => void }).__nianbaoCspViolation({
        directive: e.violatedDirective,
        blocked: e.blockedURI,
        source: `${e.sourceFile}:${e.lineNumber}`,
      });
    document.addEventListener("securitypolicyviolation", report);
  });
  const onConsole = (page: Page) =>
    page.on("console", (msg) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(msg.text())) {
        violations.push({ directive: "console", blocked: msg.text(), source: msg.location().url, page: page.url() });
      }
    });
  for (const p of context.pages()) onConsole(p);
  context.on("page", onConsole);
  return violations;
}

function expectSecurityHeaders(res: Response | APIResponse | null, what: string) {
  expect(res, what).not.toBeNull();
  const h = res!.headers();
  const csp = h["content-security-policy"] ?? "";
  expect(csp, what).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp, what).not.toContain("unsafe-eval");
  expect(csp, what).toContain("frame-ancestors 'none'");
  expect(csp, what).toContain("object-src 'none'");
  expect(csp, what).toMatch(/worker-src 'self'/);
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["permissions-policy"], what).toContain("camera=()");
  expect(h["permissions-policy"], what).toContain("microphone=()");
  expect(h["permissions-policy"], what).toContain("geolocation=()");
  // served over plain HTTP here: no HSTS (it would be ignored, and would pin a host that has no TLS)
  expect(h["strict-transport-security"], what).toBeUndefined();
  return csp;
}

/** Visits `path`, asserts its headers, and that the page settled (network idle) with Next's scripts nonced. */
async function visit(page: Page, path: string) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBeLessThan(400);
  const csp = expectSecurityHeaders(res, path);
  await page.waitForLoadState("networkidle");
  const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
  // every <script> the server rendered carries this response's nonce
  const tags = (await res!.text()).match(/<script\b[^>]*>/g) ?? [];
  expect(tags.length, path).toBeGreaterThan(0);
  for (const t of tags) expect(/\snonce="([^"]+)"/.exec(t)?.[1], `${path} ${t.slice(0, 160)}`).toBe(nonce);
  // and in the page (the DOM hides the nonce from attribute reads: .nonce), every script carries it but the
  // chunks Next's own runtime loaded on demand (the checks' rules), which 'strict-dynamic' trusts
  const scripts = await page.evaluate(() => [...document.scripts].map((s) => ({ src: s.src, nonce: s.nonce })));
  const origin = new URL(page.url()).origin;
  for (const s of scripts)
    if (s.nonce !== nonce) expect(s.src, `${path}: a script without the nonce that is not one of Next's chunks`).toMatch(new RegExp(`^${origin}/_next/static/chunks/[\\w.-]+\\.js$`));
  return res!;
}

test("public pages and the login: headers on every response, zero CSP violations, an injected script is blocked", async ({ browser }) => {
  const context = await browser.newContext();
  const violations = await watchCsp(context);
  const page = await context.newPage();

  await visit(page, "/");
  await visit(page, "/login");
  await visit(page, "/public");
  const link = page.locator('a[href^="/public/reports/"]').first();
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href"))!;
  await visit(page, href);
  expectSecurityHeaders(await page.request.get(`${href}/pdf`), "public PDF");
  // a 404 page is rendered per request too (a prerendered page would carry no nonce)
  const missing = await page.goto("/public/reports/does-not-exist");
  expect(missing?.status()).toBe(404);
  expectSecurityHeaders(missing, "404 page");
  expectSecurityHeaders(await page.request.get("/api/auth/get-session"), "API route");
  expectSecurityHeaders(await page.request.get("/favicon.ico"), "public file");

  // each response has its own nonce
  const a = (await page.request.get("/login")).headers()["content-security-policy"];
  const b = (await page.request.get("/login")).headers()["content-security-policy"];
  expect(a).not.toBe(b);

  // HSTS only over HTTPS: the e2e server trusts one reverse proxy, which says so in X-Forwarded-Proto
  const overHttps = await page.request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(overHttps.headers()["strict-transport-security"]).toMatch(/max-age=\d{7,}/);
  expect(overHttps.headers()["content-security-policy"]).toContain("upgrade-insecure-requests");

  expect(violations).toEqual([]);

  // the policy is enforced and the watcher sees it: injected markup with an inline handler does not run, and is reported
  await page.goto("/public");
  const ran = await page.evaluate(async () => {
    const w = window as unknown as { __injected?: boolean };
    const div = document.createElement("div");
    div.innerHTML = '<img src="data:," onerror="window.__injected = true" onload="window.__injected = true">';
    document.body.appendChild(div);
    await new Promise((r) => setTimeout(r, 300));
    return w.__injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => violations.filter((v) => v.directive.startsWith("script-src")).length).toBeGreaterThan(0);
  await context.close();
});

test("the clerk's pages: report list, editor with the pdf.js preview, history, import, downloads — zero CSP violations", async ({ browser }) => {
  test.setTimeout(120_000);
  const { context, page } = await pageAs(browser, "nanhu");
  const violations = await watchCsp(context);

  await visit(page, "/reports");
  const url = await openReport(page, YEAR);
  const path = new URL(url).pathname;
  await visit(page, path);
  // the live preview: pdf.js parses in its worker (served by our route) and draws the pages
  await page.getByTestId("preview-toggle").click();
  const panel = page.getByTestId("preview-panel");
  await expect(panel.getByTestId("preview-page").first()).toBeVisible({ timeout: 60_000 });
  await expect(panel).toHaveAttribute("data-state", "ready");
  // typing saves (a server action under the policy)
  await page.locator('[data-field="text.s6"]').fill("无其他需要报告的事项。");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  await visit(page, `${path}/history`);
  await visit(page, "/reports/import");
  expectSecurityHeaders(await page.request.get(`${path}/pdf`), "PDF download");
  expectSecurityHeaders(await page.request.get(`${path}/docx`), "DOCX download");
  expectSecurityHeaders(await page.request.get(`${path}/preview/pdf-worker?v=1`), "pdf.js worker script");

  expect(violations).toEqual([]);
  await context.close();
});

test("the supervisor's and the admin's pages: dashboard, roll-up, review, admin, audit — zero CSP violations", async ({ browser }) => {
  test.setTimeout(120_000);
  const sup = await pageAs(browser, "dsshencha");
  const supViolations = await watchCsp(sup.context);
  await visit(sup.page, "/dashboard");
  expectSecurityHeaders(await sup.page.request.get("/dashboard/xlsx"), "dashboard XLSX");
  await visit(sup.page, "/rollup");
  // a township's submitted report, as the reviewer sees it (only read)
  await sup.page.goto("/dashboard");
  const reportLink = sup.page.locator('a[href^="/reports/"]').first();
  await expect(reportLink).toBeVisible();
  await visit(sup.page, (await reportLink.getAttribute("href"))!);
  expect(supViolations).toEqual([]);
  await sup.context.close();

  const admin = await pageAs(browser, "admin");
  const adminViolations = await watchCsp(admin.context);
  for (const p of ["/admin", "/admin/organs", "/admin/users", "/admin/deadlines", "/audit"]) await visit(admin.page, p);
  await admin.page.goto("/admin/users");
  const userLink = admin.page.locator('a[href^="/admin/users/"]').first();
  await visit(admin.page, (await userLink.getAttribute("href"))!);
  expect(adminViolations).toEqual([]);
  await admin.context.close();
});
