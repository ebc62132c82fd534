import { expect, it } from "vitest";
import { contentDisposition } from "./content-disposition";

it("gives an ASCII fallback and the UTF-8 name", () => {
  const h = contentDisposition("张良镇2023年政府信息公开工作年度报告.pdf");
  expect(h).toContain('filename="report-2023.pdf"');
  expect(h).toContain(`filename*=UTF-8''${encodeURIComponent("张良镇2023年政府信息公开工作年度报告.pdf")}`);
  expect(contentDisposition("张良镇.pdf")).toContain('filename="report.pdf"');
  expect(contentDisposition("register-2026.xlsx")).toContain('filename="register-2026.xlsx"');
  expect(contentDisposition("审核工作台 2026 年度.csv")).toContain('filename="report-2026.csv"');
});
