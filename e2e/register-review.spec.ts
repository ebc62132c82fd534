import type { Page } from "@playwright/test";
import { expect, fillComplete, newTownshipClerk, openReport, pageAs, submitForReview, test, yearBeingWritten } from "./fixtures";

// The register changes while its report is under review (submitted: the report cannot follow). Returned, the
// report takes the register's figures in as the clerk opens it — it never goes up again with figures the
// register no longer gives. Its own township (newTownshipClerk), the year being written.

const cell = (page: Page, id: string) => page.locator(`[data-cell="${id}"]`);

test("registered while the report is under review: returned, the report takes the register's figures in as the clerk opens it", async ({ browser }) => {
  test.setTimeout(180_000);
  const year = yearBeingWritten();
  const clerk = await newTownshipClerk(browser, "台账审");
  const c = clerk.page;
  const url = await openReport(c, year);
  await fillComplete(c, year);
  await expect(cell(c, "t3.new.legal")).toHaveValue("0");
  await submitForReview(c);
  await expect(c.getByTestId("report-status")).toHaveText("待审核");

  // registered meanwhile: 一 application of a 法律服务机构, answered 予以公开
  await c.goto(`/register?year=${year}`);
  await c.getByRole("button", { name: "登记新申请" }).click();
  const form = c.getByTestId("entry-form");
  await form.locator('[name="applicantType"]').selectOption("legal");
  await form.locator('[name="receivedAt"]').fill(`${year}-01-05`);
  await form.locator('[name="applicantName"]').fill("某律师事务所");
  await form.locator('[name="content"]').fill("征收补偿方案");
  await form.locator('[name="repliedAt"]').fill(`${year}-01-20`);
  await form.locator('[name="result"]').selectOption("open");
  await form.getByRole("button", { name: "登记", exact: true }).click();
  await expect(c.getByRole("status").filter({ hasText: "已登记第" })).toBeVisible();
  // the submitted report stays as it went up, and the banner says so (not 台账变动时自动更新)
  await c.goto(url);
  await expect(cell(c, "t3.new.legal")).toHaveValue("0");
  await expect(c.getByTestId("register-banner")).toContainText("报告待审核，不再随台账变动（退回修改或撤回后，填报人打开报告时按台账更新）。");
  await expect(c.getByTestId("register-differences")).toContainText("报告待审核后台账有变动，以下");

  const sup = await pageAs(browser, "shencha");
  await sup.page.goto(url);
  await sup.page.getByTestId("review-return").click();
  await sup.page.getByTestId("return-dialog").getByLabel("退回意见（必填）").fill("请核对表三。");
  await sup.page.getByTestId("return-dialog").getByTestId("confirm-return").click();
  await expect(sup.page.getByTestId("review-status")).toHaveText("已退回");
  await sup.context.close();

  // returned: the clerk's page has the register's figures, balanced, nothing said to differ
  await c.goto(url);
  await expect(cell(c, "t3.new.legal")).toHaveValue("1");
  await expect(cell(c, "t3.open.legal")).toHaveValue("1");
  await expect(cell(c, "t3.total.total")).toHaveText("1");
  await expect(c.getByTestId("register-differences")).toHaveCount(0);
  await expect(c.getByTestId("error-count")).toHaveText("0 项错误");
  await submitForReview(c);
  await expect(c.getByTestId("report-status")).toHaveText("待审核");
  await clerk.context.close();
});

test("the register keeps what is typed when the login expires: the message says to log in in another tab, leaving the page asks first", async ({ browser }) => {
  const year = yearBeingWritten();
  const clerk = await newTownshipClerk(browser, "台账登");
  const c = clerk.page;
  await c.goto(`/register?year=${year}`);
  await c.getByRole("button", { name: "登记新申请" }).click();
  const form = c.getByTestId("entry-form");
  await form.locator('[name="receivedAt"]').fill(`${year}-01-06`);
  await form.locator('[name="applicantName"]').fill("离线登记的申请人");
  await form.locator('[name="content"]').fill("离线登记的申请内容");

  // the login expires (the cookie gone): 登记 is refused, the form keeps everything and offers a login in a new tab
  await clerk.context.clearCookies();
  await form.getByRole("button", { name: "登记", exact: true }).click();
  await expect(form.getByTestId("save-state")).toContainText("登录已过期：请在新标签页中重新登录");
  await expect(form.getByTestId("login-new-tab")).toHaveAttribute("target", "_blank");
  await expect(form.locator('[name="applicantName"]')).toHaveValue("离线登记的申请人");

  // a reload would drop it: the browser asks first; staying keeps it
  const asked = new Promise<string>((resolve) =>
    c.once("dialog", (d) => {
      resolve(d.type());
      void d.dismiss();
    }),
  );
  await c.reload({ timeout: 3_000 }).catch(() => {});
  expect(await asked).toBe("beforeunload");
  await expect(form.locator('[name="content"]')).toHaveValue("离线登记的申请内容");
  await clerk.context.close();
});
