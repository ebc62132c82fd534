/** UI labels shared by pages (roles and organ kinds). */
export const ROLE_LABELS: Record<string, string> = {
  CLERK: "填报人",
  SUPERVISOR: "审核人",
  ADMIN: "管理员",
};

export const ORGAN_KIND_LABELS: Record<string, string> = {
  COUNTY: "县级政府",
  TOWNSHIP: "乡镇",
  DEPARTMENT: "部门",
};

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});
export function formatDateTime(d: Date | string): string {
  return dateTime.format(typeof d === "string" ? new Date(d) : d);
}

/** The year a clerk most likely writes now: last year until the reports are due, then the current one. */
export function defaultReportYear(now = new Date()): number {
  return now.getMonth() <= 2 ? now.getFullYear() - 1 : now.getFullYear();
}
