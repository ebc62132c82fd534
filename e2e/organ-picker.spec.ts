// 所属机关 at a province's size: with more organs than a select lists (components/ui/paging.tsx SELECT_MAX),
// the users form searches them by name (components/admin/organ-picker.tsx). On a server of its own (the shared
// e2e server's organ count must not change under the other specs), with 320 more townships in its database.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { test, expect } from "@playwright/test";
import { login } from "./fixtures";
import { axe, axeDetails } from "../bench/a11y-pages";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 7;
const BASE = `http://127.0.0.1:${PORT}`;
const RUN = Date.now().toString(36).slice(-5);

let server: ChildProcess | null = null;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(path.join(tmpdir(), "nianbao-e2e-picker-"));
  server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: { ...process.env, E2E_PORT: String(PORT), E2E_DATA_DIR: dir },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let i = 0; ; i++) {
    const up = await fetch(`${BASE}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (i > 600 || server.exitCode !== null) throw new Error("the spec's own server did not start");
    await new Promise((r) => setTimeout(r, 250));
  }
  const added = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "e2e/support/add-organs.ts", "320"], {
    env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "e2e.db")}` },
    encoding: "utf8",
  });
  expect(added.status, added.stderr).toBe(0);
});

test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("a province's admin finds 所属机关 by name: keyboard, mouse, a name typed but not chosen, editing", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ baseURL: BASE });
  const page = await context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await login(page, "admin");
  await page.goto("/admin/users");
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
  const form = page.getByRole("form", { name: "新建账号" });
  // no select of 340 organs: a search box
  await expect(form.locator("select#user-organId")).toHaveCount(0);
  const box = form.getByRole("combobox", { name: "所属机关" });
  await expect(box).toBeVisible();

  // typed, not chosen: the error says so and the text stays
  await form.getByLabel("用户名").fill(`picker${RUN}`);
  await form.getByLabel("姓名").fill("查找测试");
  await form.getByLabel("初始密码").fill("picker-pass-1");
  await box.fill("测试");
  await expect(page.getByRole("listbox", { name: "机关" })).toBeVisible();
  await expect(form.getByTestId("organ-picker-status")).toContainText("只列出前几个");
  // the open list, as a screen reader meets it
  const open = await axe(page, "users: 所属机关 search open", "admin");
  expect([...open.serious, ...open.critical], (await axeDetails(page)).join("\n")).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(page.getByRole("listbox", { name: "机关" })).toBeHidden();
  await form.getByRole("button", { name: "新建账号" }).click();
  await expect(form.locator("#user-organId-error")).toHaveText("请从查找结果中选定所属机关（“测试”尚未选定）");
  await expect(form.getByRole("combobox", { name: "所属机关" })).toHaveValue("测试");
  await expect(form.getByLabel("用户名")).toHaveValue(`picker${RUN}`);
  const refused = await axe(page, "users: 所属机关 not chosen", "admin");
  expect([...refused.serious, ...refused.critical], (await axeDetails(page)).join("\n")).toEqual([]);

  // by keyboard: narrow, ↓ ↓, Enter chooses (does not submit)
  const again = form.getByRole("combobox", { name: "所属机关" });
  await again.fill("测试12");
  const options = page.getByRole("listbox", { name: "机关" }).getByRole("option");
  // 测试12乡 and 测试120乡 … 测试129乡 by their short names, in the tree's order, each with its parent
  await expect(options).toHaveCount(11);
  await expect(options.first()).toHaveAccessibleName(/^示范县第12号测试乡人民政府\s*，上级机关：\s*示范县人民政府$/);
  await expect(form.getByTestId("organ-picker-status")).toHaveText("找到 11 个，用 ↑ ↓ 选择、回车选定");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await expect(options.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(again).toHaveAttribute("aria-activedescendant", (await options.nth(1).getAttribute("id"))!);
  const second = "示范县第120号测试乡人民政府";
  await page.keyboard.press("Enter");
  await expect(again).toHaveValue(second);
  await expect(form.getByTestId("organ-picker-status")).toHaveText(`已选定：${second}`);
  // Enter chose; it did not submit the form (that would have answered for the organ now chosen)
  await expect(form.locator("#user-organId-error")).toHaveText("请从查找结果中选定所属机关（“测试”尚未选定）");
  // the password is re-typed (a password is never sent back)
  await form.getByLabel("初始密码").fill("picker-pass-1");
  await form.getByRole("button", { name: "新建账号" }).click();
  await expect(page.getByTestId("user-form-message")).toContainText(`已新建账号“picker${RUN}”`);

  // editing the account: the box names its organ; a click on an option changes it
  await page.goto(`/admin/users?q=picker${RUN}`);
  await page.getByRole("row", { name: new RegExp(`picker${RUN}`) }).getByRole("link", { name: "管理" }).click();
  const edit = page.getByRole("form", { name: "编辑账号" });
  await expect(page.locator("form[data-admin-form]:not([data-hydrated])")).toHaveCount(0);
  const editBox = edit.getByRole("combobox", { name: "所属机关" });
  await expect(editBox).toHaveValue(second);
  await editBox.fill("河口");
  await page.getByRole("option", { name: /示范县河口乡人民政府/ }).click();
  await expect(editBox).toHaveValue("示范县河口乡人民政府");
  await edit.getByRole("button", { name: "保存" }).click();
  await expect(page.getByTestId("user-form-message")).toHaveText("已保存账号信息。");
  await page.reload();
  await expect(page.getByRole("form", { name: "编辑账号" }).getByRole("combobox", { name: "所属机关" })).toHaveValue("示范县河口乡人民政府");

  // the search answers admins only
  const clerk = await browser.newContext({ baseURL: BASE });
  const clerkPage = await clerk.newPage();
  await login(clerkPage, "chengguan");
  const res = await clerkPage.request.get("/admin/organs/options?q=河口");
  expect(res.status()).toBe(403);
  await clerk.close();
  await context.close();
});
