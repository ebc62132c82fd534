import type { Browser, BrowserContextOptions, Page } from "@playwright/test";
import { expect, login, openReport, test } from "./fixtures";

// Every time shown is China time, whatever the server's TZ (scripts/e2e-server.mjs runs it with TZ=UTC)
// and the browser's time zone. Years used by this spec (each spec owns its years; see fixtures.ts):
// zhangliang 2022.
const YEAR = 2022;

/** HH:MM in Beijing at `d`, computed here independently of the app. */
function chinaHM(d: Date): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone: "Asia/Shanghai", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(d);
}

async function clerk(browser: Browser, options: BrowserContextOptions) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  await login(page, "zhangliang");
  return { context, page };
}

/** Edits a text field, waits for the autosave, reloads; returns the HH:MM shown and the China HH:MM before and after. */
async function saveAndReload(page: Page, text: string) {
  const before = chinaHM(new Date());
  await page.locator('[data-field="text.s6"]').fill(text);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  const state = page.getByTestId("save-state");
  await expect(state).toHaveAttribute("data-state", "saved");
  const shown = /已保存\s*(\d{2}):(\d{2}):\d{2}/.exec((await state.textContent()) ?? "");
  const after = chinaHM(new Date());
  expect(shown, (await state.textContent()) ?? "").not.toBeNull();
  return { shown: `${shown![1]}:${shown![2]}`, expected: [...new Set([before, after])] };
}

test("after a save and F5 the editor shows the China time of the save (server TZ=UTC; browser in Beijing and in UTC)", async ({
  browser,
}) => {
  // a browser in Beijing
  const beijing = await clerk(browser, { timezoneId: "Asia/Shanghai" });
  const url = await openReport(beijing.page, YEAR);
  const a = await saveAndReload(beijing.page, `无其他需要报告的事项。（北京 ${Date.now()}）`);
  expect(a.expected).toContain(a.shown);
  // the report list's 最后修改 too
  await beijing.page.goto("/reports");
  const row = beijing.page.locator("tr", { hasText: `${YEAR}年度报告` });
  const listed = /(\d{2}):(\d{2})\s*$/.exec(((await row.locator("td").nth(3).textContent()) ?? "").trim());
  expect(listed).not.toBeNull();
  expect(a.expected).toContain(`${listed![1]}:${listed![2]}`);
  await beijing.context.close();

  // a browser whose clock is in UTC: still China time, before and after the reload
  const utc = await clerk(browser, { timezoneId: "UTC" });
  expect(await utc.page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe("UTC");
  await utc.page.goto(url);
  const before = chinaHM(new Date());
  await utc.page.locator('[data-field="text.s6"]').fill(`无其他需要报告的事项。（UTC ${Date.now()}）`);
  await expect(utc.page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  const live = /(\d{2}):(\d{2}):\d{2}/.exec((await utc.page.getByTestId("save-state").textContent()) ?? "");
  expect([before, chinaHM(new Date())]).toContain(`${live![1]}:${live![2]}`); // rendered in the browser
  const b = await saveAndReload(utc.page, `无其他需要报告的事项。（UTC 重载 ${Date.now()}）`);
  expect(b.expected).toContain(b.shown); // rendered by the server, kept by the browser
  await utc.context.close();
});
