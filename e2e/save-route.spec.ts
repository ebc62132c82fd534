import type { APIRequestContext } from "@playwright/test";
import { expect, pageAs, test } from "./fixtures";

// The autosave's route (POST /reports/<id>/save): same origin only, signed in, within the user's scope.
// It never writes here (every request is refused, or carries no change), so it uses the demo's existing
// reports and owns no (user, year) pair; the editor specs exercise its writes through the browser.

async function firstReportId(page: import("@playwright/test").Page, status?: string): Promise<string> {
  await page.goto("/reports");
  const rows = page.locator("tr[data-report-id]");
  const id = await (status ? rows.filter({ hasText: status }) : rows).first().getAttribute("data-report-id");
  expect(id).toBeTruthy();
  return id!;
}

const post = (api: APIRequestContext, reportId: string, opts: { origin?: string | null; type?: string; body?: string }) =>
  api.post(`/reports/${reportId}/save`, {
    headers: {
      ...(opts.origin === null ? {} : { origin: opts.origin! }),
      "content-type": opts.type ?? "application/json",
    },
    data: Buffer.from(opts.body ?? JSON.stringify({ baseVersion: 0, changes: [] })),
  });

test("the save route: same origin, signed in, only the clerk's own reports; every refusal is a SaveResult in Chinese", async ({ browser, baseURL }) => {
  // 北坡乡's demo draft (its clerk beipo) and 张良镇's reports
  const clerk = await pageAs(browser, "beipo");
  const other = await pageAs(browser, "zhangliang");
  const supervisor = await pageAs(browser, "dsshencha");
  const own = await firstReportId(clerk.page, "草稿");
  const foreign = await firstReportId(other.page);
  const api = clerk.context.request;

  // own report, no change: answered with the stored version, nothing written
  const ok = await post(api, own, { origin: baseURL! });
  expect(ok.status()).toBe(200);
  expect(ok.headers()["content-security-policy"]).toBeTruthy();
  const okBody = await ok.json();
  expect(okBody).toMatchObject({ ok: true, conflicts: [], rejected: [] });
  expect(okBody.version).toBeGreaterThan(0);

  // another organ's report: as if it did not exist
  expect(await (await post(api, foreign, { origin: baseURL! })).json()).toMatchObject({ ok: false, code: "NOT_FOUND" });
  // a supervisor may read it but not type into it
  expect(await (await post(supervisor.context.request, own, { origin: baseURL! })).json()).toMatchObject({ ok: false, code: "READ_ONLY" });

  // cross-site or without an Origin (a form or script elsewhere riding on the cookie): refused, nothing read
  for (const origin of ["http://evil.example", null]) {
    const r = await post(api, own, { origin });
    expect(r.status()).toBe(403);
    expect((await r.json()).message).toContain("来源不正确");
  }
  // not JSON, or broken JSON: refused with a message, never a crash
  const typed = await post(api, own, { origin: baseURL!, type: "text/plain" });
  expect(typed.status()).toBe(415);
  const broken = await post(api, own, { origin: baseURL!, body: '{"baseVersion":' });
  expect(broken.status()).toBe(400);
  expect(await broken.json()).toMatchObject({ ok: false, code: "INVALID" });
  expect(await (await post(api, own, { origin: baseURL!, body: JSON.stringify({ baseVersion: "x", changes: 5 }) })).json()).toMatchObject({
    ok: false,
    code: "INVALID",
  });

  // signed out: the editor is told to sign in again (its typing stays in the browser)
  const anon = await browser.newContext();
  const r = await post(anon.request, own, { origin: baseURL! });
  expect(await r.json()).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  await anon.close();
  for (const c of [clerk, other, supervisor]) await c.context.close();
});
