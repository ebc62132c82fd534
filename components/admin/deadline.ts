import { DEFAULT_DEADLINES, deadlineKeyOf, isGovernment } from "@/lib/report/client";

/** What a kind of organ publishes, and by when (the format's dates; an admin may set others for a year). */
export function deadlineHint(kind: string): string {
  const own = DEFAULT_DEADLINES[deadlineKeyOf(kind, "ORGAN")];
  if (!isGovernment(kind)) return `${own.label}：次年${own.month}月${own.day}日前公开`;
  const rollup = DEFAULT_DEADLINES[deadlineKeyOf(kind, "ROLLUP")];
  return `汇总报告次年${rollup.month}月${rollup.day}日前、本级报告次年${own.month}月${own.day}日前公开`;
}
