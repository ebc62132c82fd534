// UI labels shared by pages, and THE formatting of dates and times. Pure (server and client).
//
// Every time shown to a user is China time (Asia/Shanghai), whatever the server's TZ and the browser's
// time zone: format dates and times ONLY through the functions below (never toLocale*String, getHours…).
import { ORGAN_KIND_INFO, ORGAN_KINDS } from "@/lib/report/organ-levels";

/** Roles (User.role). */
export const ROLE_LABELS: Record<string, string> = {
  CLERK: "填报人",
  SUPERVISOR: "审核人",
  ADMIN: "管理员",
};

/** Organ kinds (Organ.kind). */
/** Report kinds (Report.kind): an organ's own report (a government's 本级 report) or a government's 汇总 report. */
export const REPORT_KIND_LABELS: Record<string, string> = { ORGAN: "本级（本机关）报告", ROLLUP: "汇总报告" };

/** Organ kinds: the labels of the reporting chain (lib/report/organ-levels.ts). */
export const ORGAN_KIND_LABELS: Record<string, string> = Object.fromEntries(
  ORGAN_KINDS.map((k) => [k, ORGAN_KIND_INFO[k].label]),
);

/** The fields of an organ, as the form and the import file name them (lib/admin/organ-import-columns.ts). */
export const ORGAN_FIELD_LABELS = {
  fullName: "机关全称",
  shortName: "机关简称",
  kind: "机关类型",
  parentId: "上级机关",
  sortOrder: "排序",
} as const;

/**
 * Why a sign-in failed (the `reason` of auth.login_failed: Better Auth's error code, ours, or an HTTP status).
 * lib/server/auth-core.ts and lib/server/services/login-limits.ts write them.
 */
export const LOGIN_FAILURE_LABELS: Record<string, string> = {
  INVALID_USERNAME_OR_PASSWORD: "用户名或密码错误",
  ACCOUNT_DISABLED: "账号已停用",
  ACCOUNT_LOCKED: "登录失败次数过多，已临时锁定",
  ADDRESS_LOCKED: "该地址登录失败次数过多，已临时锁定",
  INVALID_ORIGIN: "来源不受信任（跨站登录请求）",
  INVALID_USERNAME: "用户名格式不正确",
  USERNAME_TOO_SHORT: "用户名过短",
  USERNAME_TOO_LONG: "用户名过长",
  PASSWORD_TOO_LONG: "密码过长",
  EMAIL_NOT_VERIFIED: "账号未验证",
  VALIDATION_ERROR: "请求格式不正确",
  UNEXPECTED_ERROR: "服务器出错",
  "400": "请求格式不正确",
  "401": "用户名或密码错误",
  "403": "拒绝访问",
  "422": "请求格式不正确",
  "429": "请求过于频繁",
  "500": "服务器出错",
};

/** The rule that refused a sign-in (lib/server/services/login-limits.ts). */
export const LOGIN_LOCK_RULE_LABELS: Record<string, string> = {
  USERNAME_ADDRESS: "同一账号在同一地址失败过多",
  USERNAME: "同一账号在多个陌生地址失败过多",
  ADDRESS: "同一地址失败过多",
};

/** File formats of exports and imports. */
export const FILE_FORMAT_LABELS: Record<string, string> = {
  pdf: "PDF",
  docx: "Word（DOCX）",
  txt: "文本（TXT）",
  html: "网页（HTML）",
  xlsx: "Excel（XLSX）",
  csv: "CSV",
  // an imported report's template (lib/import ImportFormat)
  "2021": "2021年格式",
  "2019": "2019年旧版格式",
  unknown: "未能识别的格式",
};

/** Report.source */
export const REPORT_SOURCE_LABELS: Record<string, string> = {
  EDITOR: "在线填报",
  IMPORT: "导入文件",
};

/** The label of `code` in `labels`; an unknown code is shown as “其他（CODE）”, never bare. */
export function codeLabel(labels: Record<string, string>, code: unknown): string {
  if (code === null || code === undefined || code === "") return "—";
  const key = String(code);
  return labels[key] ?? `其他（${key}）`;
}

// ---- China time ------------------------------------------------------------------------------

export const CHINA_TIME_ZONE = "Asia/Shanghai";
/** China has kept UTC+8 without daylight saving since 1991. */
const CHINA_OFFSET_MS = 8 * 3600_000;

type DateInput = Date | string | number;

function toDate(d: DateInput): Date | null {
  const date = d instanceof Date ? d : new Date(d);
  return Number.isNaN(date.getTime()) ? null : date;
}

function formatter(options: Intl.DateTimeFormatOptions): (d: DateInput) => string {
  const f = new Intl.DateTimeFormat("zh-CN", { timeZone: CHINA_TIME_ZONE, hourCycle: "h23", ...options });
  return (d) => {
    const date = toDate(d);
    return date ? f.format(date) : "";
  };
}

/** 2026/01/20 15:18 (China time); "" for an invalid date. */
export const formatDateTime = formatter({ year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
/** 2026/01/20 15:18:05 (China time). */
export const formatDateTimeSeconds = formatter({
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
});
/** 2026/01/20 (China time). */
export const formatDate = formatter({ year: "numeric", month: "2-digit", day: "2-digit" });
/** 15:18:05 (China time). */
export const formatTime = formatter({ hour: "2-digit", minute: "2-digit", second: "2-digit" });
/** 15:18 (China time). */
export const formatHourMinute = formatter({ hour: "2-digit", minute: "2-digit" });

export type ChinaDateParts = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The calendar date and wall-clock time in China at `d` (month 1–12). */
export function chinaDateParts(d: DateInput = new Date()): ChinaDateParts {
  const date = toDate(d) ?? new Date(0);
  const c = new Date(date.getTime() + CHINA_OFFSET_MS);
  return {
    year: c.getUTCFullYear(),
    month: c.getUTCMonth() + 1,
    day: c.getUTCDate(),
    hour: c.getUTCHours(),
    minute: c.getUTCMinutes(),
    second: c.getUTCSeconds(),
  };
}

/** The current year in China. */
export function chinaYear(now: DateInput = new Date()): number {
  return chinaDateParts(now).year;
}

/**
 * A Date whose *local* fields (getFullYear, getHours…) are China's wall-clock time at `d`, for APIs that
 * only read local time (e.g. the DOS timestamps of zip entries).
 */
export function chinaWallClock(d: DateInput = new Date()): Date {
  const p = chinaDateParts(d);
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The year a clerk most likely writes now (China time): last year until the end of March, then the current one. */
export function defaultReportYear(now: DateInput = new Date()): number {
  const { year, month } = chinaDateParts(now);
  return month <= 3 ? year - 1 : year;
}
