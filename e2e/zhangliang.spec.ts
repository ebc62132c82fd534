import { zhangliangContent } from "@/lib/demo/zhangliang-2023";
import { CELLS, INPUT_CELLS, TEXT_FIELDS } from "@/lib/template";
import { computeTotals, validateReport } from "@/lib/report";
import { expect, openReport, pageAs, test } from "./fixtures";

// Issue 3's "done means": the full content of shared/samples/zhangliang-town-2023.txt entered by hand in the
// browser, every total and finding shown, and a reload loses no character. Uses hekou 2023.
test("a clerk enters the whole zhangliang 2023 report by hand and reloads without losing a character", async ({ browser }) => {
  test.setTimeout(180_000);
  const content = zhangliangContent("示范县河口乡人民政府");
  const { context, page } = await pageAs(browser, "hekou");
  await openReport(page, 2023);

  // the opening with its contact (the template's empty 地址/电话 would be an error, E9)
  await page.locator('[data-field="header.opening"]').fill(content.header.opening);
  for (const f of TEXT_FIELDS) {
    const text = content.text[f.id] ?? "";
    if (text) await page.locator(`[data-field="text.${f.id}"]`).fill(text);
  }
  for (const c of INPUT_CELLS) await page.locator(`[data-cell="${c.id}"]`).fill(content.cells[c.id]!);

  // every computed total as lib/report computes it
  const totals = computeTotals(content.cells);
  for (const [id, v] of Object.entries(totals)) {
    expect(CELLS.get(id)!.computed).toBe(true);
    await expect(page.locator(`[data-cell="${id}"]`)).toHaveText(String(v));
  }

  // the findings the sample really has: no error; T3 (no fee statement), T4 (cases without applications), T6 (no date)
  const expected = validateReport(content, { year: 2023, organKind: "TOWNSHIP" });
  expect(expected.map((f) => f.rule).sort()).toEqual(["T3", "T4", "T6"]);
  await expect(page.getByTestId("error-count")).toContainText("0");
  for (const f of expected) await expect(page.locator(`[data-finding="${f.key}"]`)).toBeVisible();

  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 20_000 });
  await page.reload();
  await expect(page.locator('[data-field="header.opening"]')).toHaveValue(content.header.opening);
  for (const f of TEXT_FIELDS)
    await expect(page.locator(`[data-field="text.${f.id}"]`)).toHaveValue(content.text[f.id] ?? "");
  for (const c of INPUT_CELLS) await expect(page.locator(`[data-cell="${c.id}"]`)).toHaveValue(content.cells[c.id]!);
  await context.close();
});
