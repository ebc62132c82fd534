"use client";

import { chinaDateParts } from "@/lib/labels";
import { timingCaveats } from "@/lib/report/timing";

/**
 * In a confirmation (提交审核, 发布): the year not over yet, a 成文日期 still to come — as list items,
 * reckoned on the browser's clock in China time. Nothing when neither holds.
 */
export function TimingCaveats({ year, signDate }: { year: number; signDate: string }) {
  const { year: y, month, day } = chinaDateParts(new Date());
  return timingCaveats({ year, signDate }, { year: y, month, day }).map((text) => (
    <li key={text} className="font-medium text-amber-800" data-testid="timing-caveat">
      {text}
    </li>
  ));
}
