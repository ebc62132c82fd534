// The admin forms' length limits are said, not silent: each hint gives 「最多 N 个字」 (the server's numbers,
// lib/admin/field-limits.ts), and a paste longer than the field takes is cut with a message naming the field.
import type { Locator, Page } from "@playwright/test";
import { expect, pageAs, test } from "./fixtures";

/** Pastes `text` into `input` as the browser would on Ctrl+V: a paste event carrying the text. */
async function paste(input: Locator, text: string) {
  await input.focus();
  await input.evaluate((el, t) => {
    const data = new DataTransfer();
    data.setData("text/plain", t);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

async function formsReady(page: Page) {
  await expect(page.locator("form[data-admin-form]").first()).toBeVisible();
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
}

test("新建机关: 机关全称 and 机关简称 say their limits, and a long paste is cut with a message", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/admin/organs");
  await formsReady(page);
  const form = page.getByRole("form", { name: "新建机关" });
  await expect(form.getByText("最多 60 个字")).toBeVisible();
  await expect(form.getByText("最多 20 个字")).toBeVisible();

  const fullName = form.getByLabel("机关全称");
  const long = "示范县河口乡人民政府".repeat(40) + "办公室办公室"; // 406 characters
  await paste(fullName, long);
  await expect(form.getByTestId("organ-fullName-cut")).toHaveText("机关全称最多 60 个字，粘贴的内容已截去 346 个字。");
  await expect(fullName).toHaveValue(long.slice(0, 60));
  await expect(fullName).toHaveAttribute("maxlength", "60");

  // into a field already holding text: what is left of the 20 is kept
  const shortName = form.getByLabel("机关简称");
  await shortName.fill("河口");
  await paste(shortName, "乡".repeat(25));
  await expect(form.getByTestId("organ-shortName-cut")).toHaveText("机关简称最多 20 个字，粘贴的内容已截去 7 个字。");
  await expect(shortName).toHaveValue("河口" + "乡".repeat(18));
  // typing it shorter clears the message; a paste that fits says nothing
  await shortName.press("Backspace");
  await expect(form.getByTestId("organ-shortName-cut")).toHaveCount(0);
  await shortName.fill("");
  await paste(shortName, "河口乡");
  await expect(form.getByTestId("organ-shortName-cut")).toHaveCount(0);
  await context.close();
});

test("新建账号: 用户名 in 字符 and 姓名 in 字 say their limits, and a long paste is cut with a message", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await page.goto("/admin/users");
  await formsReady(page);
  const form = page.getByRole("form", { name: "新建账号" });
  await expect(form.getByText("最多 32 个字符")).toBeVisible();
  await expect(form.getByText("最多 30 个字")).toBeVisible();

  const username = form.getByLabel("用户名");
  await paste(username, "a".repeat(40));
  await expect(form.getByTestId("user-username-cut")).toHaveText("用户名最多 32 个字符，粘贴的内容已截去 8 个字符。");
  await expect(username).toHaveValue("a".repeat(32));

  const displayName = form.getByLabel("姓名");
  await paste(displayName, "张".repeat(45));
  await expect(form.getByTestId("user-displayName-cut")).toHaveText("姓名最多 30 个字，粘贴的内容已截去 15 个字。");
  await expect(displayName).toHaveValue("张".repeat(30));
  await context.close();
});

test("a real Ctrl+V from the clipboard is cut the same way, and Ctrl+Z takes the paste back", async ({ browser }) => {
  const { context, page } = await pageAs(browser, "admin");
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.goto("/admin/organs");
  await formsReady(page);
  const form = page.getByRole("form", { name: "新建机关" });
  await page.evaluate(() => navigator.clipboard.writeText("乡".repeat(25)));
  const shortName = form.getByLabel("机关简称");
  await shortName.focus();
  await page.keyboard.press("ControlOrMeta+V");
  await expect(form.getByTestId("organ-shortName-cut")).toHaveText("机关简称最多 20 个字，粘贴的内容已截去 5 个字。");
  await expect(shortName).toHaveValue("乡".repeat(20));
  await page.keyboard.press("ControlOrMeta+Z");
  await expect(shortName).toHaveValue("");
  await context.close();
});
