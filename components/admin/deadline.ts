/** The deadline a kind of organ publishes its yearly report by (see lib/server/services/dashboard.ts deadlineOf). */
export function deadlineHint(kind: string): string {
  return kind === "COUNTY" ? "县级政府（汇总）：次年2月20日前公开年度报告" : "乡镇、部门：次年1月31日前公开年度报告";
}
