/**
 * What to know before submitting or publishing a report on `today` (China's date): the year it reports on
 * is not over yet (its statistical period runs to 12月31日), or its 成文日期 is still to come. Neither stops
 * the action — an organ may finish early, a date may be set ahead — but the confirmation says so.
 */
import { dayLabel, type Day } from "./organ-levels";
import { parseChineseDate } from "./text";

const compare = (a: Day, b: Day) => a.year - b.year || a.month - b.month || a.day - b.day;

export function timingCaveats(report: { year: number; signDate: string }, today: Day): string[] {
  const out: string[] = [];
  if (today.year <= report.year)
    out.push(`${report.year}年度尚未结束：报告的统计期至${report.year}年12月31日，此后收到和办结的申请不在表中。`);
  const sign = parseChineseDate(report.signDate);
  if (sign && compare(sign, today) > 0) out.push(`成文日期为${dayLabel(sign)}，晚于今天（${dayLabel(today)}）。`);
  return out;
}
