import { describe, expect, it } from "vitest";
import { describeDetail } from "./audit-labels";

describe("audit details", () => {
  it("names every export and import format in Chinese, never 其他（…）", () => {
    for (const [format, text] of [
      ["xlsx", "Excel（XLSX）"],
      ["csv", "CSV"],
      ["pdf", "PDF"],
      ["docx", "Word（DOCX）"],
      ["html", "网页（HTML）"],
      ["2021", "2021年格式"],
      ["2019", "2019年旧版格式"],
    ]) {
      const d = describeDetail({ format });
      expect(d.map((x) => `${x.label} ${x.text}`)).toEqual([`格式 ${text}`]);
    }
  });
});
