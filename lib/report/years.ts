// Which years a report can be created for, and which one the 新建报告 form proposes.
import { defaultReportYear } from "@/lib/labels";

/** The 2021 format applies from the 2021 report on. */
export const MIN_REPORT_YEAR = 2021;

/**
 * The year the create form proposes: the most recent year without a report for the organ, from the
 * year being written now (China time: last year until the end of March) back to MIN_REPORT_YEAR; null
 * when every one of them has a report.
 */
export function suggestReportYear(existingYears: Iterable<number>, now: Date = new Date()): number | null {
  const existing = new Set(existingYears);
  for (let year = defaultReportYear(now); year >= MIN_REPORT_YEAR; year--) {
    if (!existing.has(year)) return year;
  }
  return null;
}
