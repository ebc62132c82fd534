import { describe, expect, it } from "vitest";
import { MIN_REPORT_YEAR, suggestReportYear } from "./years";

// 20 January 2027 in Beijing: the 2026 reports are being written; 10 June 2026: the 2026 report.
const JANUARY = new Date("2027-01-20T02:00:00Z");
const JUNE = new Date("2026-06-10T02:00:00Z");

describe("suggestReportYear", () => {
  it("proposes the year being written when the organ has no report for it", () => {
    expect(suggestReportYear([], JANUARY)).toBe(2026);
    expect(suggestReportYear([2024, 2025], JANUARY)).toBe(2026);
    expect(suggestReportYear([], JUNE)).toBe(2026);
  });
  it("skips the years that exist, down to 2021", () => {
    expect(suggestReportYear([2026], JANUARY)).toBe(2025);
    expect(suggestReportYear([2026, 2025, 2023], JANUARY)).toBe(2024);
    expect(suggestReportYear([2026, 2025, 2024, 2023, 2022], JANUARY)).toBe(MIN_REPORT_YEAR);
  });
  it("proposes nothing when every year has a report", () => {
    expect(suggestReportYear([2021, 2022, 2023, 2024, 2025, 2026], JANUARY)).toBeNull();
  });
  it("never proposes a year after the current one (China time) nor before 2021", () => {
    // 31 Dec 2026 16:30 UTC is already 1 January 2027 in Beijing: still the 2026 report
    expect(suggestReportYear([], new Date("2026-12-31T16:30:00Z"))).toBe(2026);
    expect(suggestReportYear([2021], new Date("2021-06-01T00:00:00Z"))).toBeNull();
  });
});
