/**
 * The register's (台账) entries as plain data, their field labels and their validation. Applicant types are
 * table 三's input columns and results are table 三's result rows: both come from lib/template.
 */
import { T3_INPUT_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS, t3RowName } from "@/lib/template";
import { isDay, type Day } from "./days";
import { MAX_EXTENSION_WORKING_DAYS, type ClockSteps } from "./clock";

export const METHODS = ["in_person", "mail", "online", "fax", "other"] as const;
export type Method = (typeof METHODS)[number];
export const METHOD_LABELS: Record<Method, string> = {
  in_person: "当面",
  mail: "邮寄",
  online: "网络",
  fax: "传真",
  other: "其他",
};
/** 第三十一条: which day is the 收到日期, per 申请方式 (shown beside the field). */
export const RECEIPT_RULES: Record<Method, string> = {
  in_person: "当面提交的，以提交之日为收到申请之日",
  mail: "邮寄提交的，以签收之日为收到申请之日；平信等无需签收的，以与申请人确认之日为准",
  online: "通过互联网渠道提交的，以双方确认之日为收到申请之日",
  fax: "通过传真提交的，以双方确认之日为收到申请之日",
  other: "以实际收到申请之日为准",
};

/** Applicant types = table 三's six input columns. */
export const APPLICANT_TYPES = T3_INPUT_COLUMNS.map((c) => ({ id: c.id, label: c.label }));
/** Results = table 三's result rows （一）…（六）3. */
export const RESULT_ROWS = T3_ROWS.filter((r) => r.isResult).map((r) => ({ id: r.id, label: t3RowName(r) }));
const APPLICANT_IDS = new Set(APPLICANT_TYPES.map((a) => a.id));
const RESULT_IDS = new Set(RESULT_ROWS.map((r) => r.id));

export function applicantTypeLabel(id: string): string {
  return APPLICANT_TYPES.find((a) => a.id === id)?.label ?? id;
}
export function resultLabel(id: string | null | undefined): string {
  if (!id) return "";
  return RESULT_ROWS.find((r) => r.id === id)?.label ?? id;
}

/** Field labels for messages and the form. */
export const FIELD_LABELS: Record<string, string> = {
  receivedAt: "收到日期",
  method: "申请方式",
  applicantType: "申请人类别",
  applicantName: "申请人",
  contact: "联系方式",
  content: "申请内容",
  repliedAt: "答复日期",
  result: "处理结果",
  note: "备注",
  correctionNoticeAt: "补正告知日期",
  correctionReceivedAt: "收到补正日期",
  correctionExpiredAt: "补正逾期日期",
  consultFrom: "征求意见开始日期",
  consultTo: "征求意见结束日期",
  extensionApprovedAt: "延期批准日期",
  extensionDays: "延期工作日数",
  feeNoticeAt: "收费通知日期",
  feePaidAt: "缴费日期",
  feeExpiredAt: "缴费逾期日期",
};

/** An application as the forms and the import produce it (all dates YYYY-MM-DD or ""). */
export type ApplicationInput = {
  receivedAt: string;
  method: string;
  applicantType: string;
  applicantName: string;
  contact: string;
  content: string;
  repliedAt: string;
  result: string;
  note: string;
  correctionNoticeAt: string;
  correctionReceivedAt: string;
  correctionExpiredAt: string;
  consultFrom: string;
  consultTo: string;
  extensionApprovedAt: string;
  extensionDays: string;
  feeNoticeAt: string;
  feePaidAt: string;
  feeExpiredAt: string;
};

export const EMPTY_INPUT: ApplicationInput = {
  receivedAt: "",
  method: "in_person",
  applicantType: "natural",
  applicantName: "",
  contact: "",
  content: "",
  repliedAt: "",
  result: "",
  note: "",
  correctionNoticeAt: "",
  correctionReceivedAt: "",
  correctionExpiredAt: "",
  consultFrom: "",
  consultTo: "",
  extensionApprovedAt: "",
  extensionDays: "",
  feeNoticeAt: "",
  feePaidAt: "",
  feeExpiredAt: "",
};

export type FieldError = { field: keyof ApplicationInput; message: string };

const DATE_FIELDS = [
  "receivedAt",
  "repliedAt",
  "correctionNoticeAt",
  "correctionReceivedAt",
  "correctionExpiredAt",
  "consultFrom",
  "consultTo",
  "extensionApprovedAt",
  "feeNoticeAt",
  "feePaidAt",
  "feeExpiredAt",
] as const;

/** Normalises a typed date: 2025-3-9, 2025/03/09, 2025.3.9, 2025年3月9日 → 2025-03-09; "" stays "". */
export function normalizeDay(raw: string): string {
  // NFKC: full-width digits and separators (２０２６－０５－０６, ／, ．) as typed with a Chinese input method
  const s = raw.normalize("NFKC").trim();
  if (!s) return "";
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (!m) return s;
  return `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}`;
}

/** 「收到日期」2026-02-29 不是有效日期（2026年2月没有29日）; or, not in the format, which format. */
function invalidDayMessage(label: string, v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return `「${label}」不是有效日期：${v}（请按 2025-03-09 的格式填写）`;
  const month = Number(m[2]);
  return month < 1 || month > 12
    ? `「${label}」${v} 不是有效日期（没有${month}月）`
    : `「${label}」${v} 不是有效日期（${Number(m[1])}年${month}月没有${Number(m[3])}日）`;
}

export type ValidationContext = {
  year: number;
  /** 上年结转: received last year, so 收到日期 may be before the year. */
  carried: boolean;
  /** Today (China time, YYYY-MM-DD): an application cannot have been received or answered later. */
  today?: string;
};

/**
 * Checks one application; every message names the field in Chinese. The dates are normalised first
 * (the normalised input is returned alongside).
 */
export function validateApplication(
  raw: ApplicationInput,
  ctx: ValidationContext,
): { input: ApplicationInput; errors: FieldError[] } {
  const input: ApplicationInput = { ...raw };
  for (const f of DATE_FIELDS) input[f] = normalizeDay(input[f] ?? "");
  // full-width digits as typed with a Chinese input method (１０), as for the dates
  input.extensionDays = (input.extensionDays ?? "").normalize("NFKC").trim();
  const errors: FieldError[] = [];
  const err = (field: keyof ApplicationInput, message: string) => {
    if (!errors.some((e) => e.field === field)) errors.push({ field, message });
  };
  const L = FIELD_LABELS;
  const first = `${ctx.year}-01-01`;
  const last = `${ctx.year}-12-31`;
  for (const f of DATE_FIELDS) {
    const v = input[f];
    if (!v) continue;
    if (!isDay(v)) err(f, invalidDayMessage(L[f] ?? f, v));
    else if (ctx.today && (f === "receivedAt" || f === "repliedAt") && v > ctx.today)
      err(f, `「${L[f]}」${v} 晚于今天（${ctx.today}），请核对年份和日期`);
    else if (v > last) err(f, `「${L[f]}」${v} 不在 ${ctx.year} 年内（本台账只记到 ${ctx.year}年12月31日，之后的办理请记入下一年度的台账）`);
    else if (v < first && !(ctx.carried && v >= `${ctx.year - 1}-01-01`))
      err(f, `「${L[f]}」${v} 不在 ${ctx.year} 年内`);
  }
  if (!input.receivedAt) err("receivedAt", `请填写「${L.receivedAt}」`);
  if (!(METHODS as readonly string[]).includes(input.method)) err("method", `「${L.method}」只能是当面、邮寄、网络、传真或其他`);
  if (!APPLICANT_IDS.has(input.applicantType))
    err("applicantType", `「${L.applicantType}」「${input.applicantType}」不是表三的申请人类别（${APPLICANT_TYPES.map((a) => a.label).join("、")}）`);
  if (input.result && !RESULT_IDS.has(input.result))
    err("result", `「${L.result}」「${input.result}」不是表三的办理结果行（应为（一）至（六）中的一项）`);
  const ok = (f: keyof ApplicationInput) => !!input[f] && isDay(input[f]) && !errors.some((e) => e.field === f);
  const notBefore = (f: keyof ApplicationInput, g: keyof ApplicationInput) => {
    if (ok(f) && ok(g) && input[f] < input[g]) err(f, `「${L[f]}」${input[f]} 早于「${L[g]}」${input[g]}`);
  };
  notBefore("repliedAt", "receivedAt");
  notBefore("correctionNoticeAt", "receivedAt");
  notBefore("correctionReceivedAt", "correctionNoticeAt");
  notBefore("correctionExpiredAt", "correctionNoticeAt");
  notBefore("consultFrom", "receivedAt");
  notBefore("consultTo", "consultFrom");
  notBefore("extensionApprovedAt", "receivedAt");
  notBefore("feeNoticeAt", "receivedAt");
  notBefore("feePaidAt", "feeNoticeAt");
  notBefore("feeExpiredAt", "feeNoticeAt");
  if ((input.correctionReceivedAt || input.correctionExpiredAt) && !input.correctionNoticeAt)
    err("correctionNoticeAt", `请先填写「${L.correctionNoticeAt}」`);
  if (input.consultTo && !input.consultFrom) err("consultFrom", `请填写「${L.consultFrom}」`);
  if ((input.feePaidAt || input.feeExpiredAt) && !input.feeNoticeAt) err("feeNoticeAt", `请填写「${L.feeNoticeAt}」`);
  if (input.extensionDays.trim()) {
    const n = Number(input.extensionDays.trim());
    if (!Number.isInteger(n) || n < 1 || n > MAX_EXTENSION_WORKING_DAYS)
      err("extensionDays", `「${L.extensionDays}」应为 1 至 ${MAX_EXTENSION_WORKING_DAYS} 的整数（条例第三十三条：延长最长不超过20个工作日）`);
    else if (!input.extensionApprovedAt) err("extensionApprovedAt", `请填写「${L.extensionApprovedAt}」`);
  }
  if (input.result && !input.repliedAt) err("repliedAt", `已选「${L.result}」，请填写「${L.repliedAt}」`);
  if (input.repliedAt && !input.result && ok("repliedAt")) err("result", `已填「${L.repliedAt}」，请选择「${L.result}」`);
  for (const f of ["applicantName", "contact", "content", "note"] as const) {
    if (input[f].length > 2000) err(f, `「${L[f]}」超过 2000 字`);
  }
  return { input, errors };
}

export function stepsOf(input: ApplicationInput): ClockSteps {
  const d = (s: string): Day | null => (s && isDay(s) ? s : null);
  return {
    correctionNoticeAt: d(input.correctionNoticeAt),
    correctionReceivedAt: d(input.correctionReceivedAt),
    correctionExpiredAt: d(input.correctionExpiredAt),
    consultations: d(input.consultFrom) ? [{ from: input.consultFrom, to: d(input.consultTo) }] : [],
    extensionApprovedAt: d(input.extensionApprovedAt),
    extensionDays: input.extensionDays.trim() ? Number(input.extensionDays) : null,
    feeNoticeAt: d(input.feeNoticeAt),
    feePaidAt: d(input.feePaidAt),
    feeExpiredAt: d(input.feeExpiredAt),
  };
}

// ---- table 四: cases ------------------------------------------------------------------------------

export const CASE_KINDS = T4_GROUPS.map((g) => ({ id: g.id, label: g.label }));
export const CASE_RESULTS = T4_RESULTS.filter((r) => !r.computed).map((r) => ({ id: r.id, label: r.label }));
