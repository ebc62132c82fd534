/**
 * The legal clock of a 政府信息公开申请 (《中华人民共和国政府信息公开条例》, 2019 revision). Pure.
 *
 * Our reading of the 条例:
 * - 第三十一条 (the day of receipt, 收到申请之日) depends on how the application came:
 *   当面 — the day it was handed in; 邮寄 — the day the organ signed for it (a letter needing no signature:
 *   the day the office confirmed it with the applicant, which it must try on the day it arrives);
 *   网络 (互联网渠道) and 传真 — the day both sides confirmed receipt (in practice the day the system or the
 *   office confirms it); 其他 — the day the office actually received it. The clerk records that legal day as
 *   收到日期; RECEIPT_RULES gives the hint shown beside the field. The clock itself starts from that day.
 * - 第三十三条: reply within 20 working days from the day of receipt. Chinese time limits do not count the
 *   first day (the day of receipt; cf. 民法典第二百零一条), so the due date is the 20th working day AFTER the
 *   start day. One extension of at most 20 working days, approved by the head of the office. The time taken
 *   to consult third parties and other organs (征求第三方和其他机关意见) is not counted: every day from the
 *   consultation's first to its last day (inclusive) is skipped.
 * - 第三十条: a 补正 notice within 7 working days of receipt; the reply period then runs from the day the
 *   corrected application arrives (that day again not counted). While a notice is out and nothing came back,
 *   the clock stands still; if the applicant lets the 补正 period pass, the application is not processed
 *   further (table 三 （六）1).
 * - 信息处理费 (《政府信息公开信息处理费管理办法》): the days from the 收费通知 to the payment are not counted, like
 *   a consultation; a fee not paid in time ends the application (table 三 （六）2).
 */
import type { Calendar } from "./calendar";
import { dayNumber, fromNumber, type Day } from "./days";

export const REPLY_WORKING_DAYS = 20;
export const MAX_EXTENSION_WORKING_DAYS = 20;
export const CORRECTION_NOTICE_WORKING_DAYS = 7;
/** Working days left at or below which an open application is "due soon". */
export const DUE_SOON_WORKING_DAYS = 5;

export type ClockSteps = {
  /** 补正告知 sent */
  correctionNoticeAt?: Day | null;
  /** corrected application received */
  correctionReceivedAt?: Day | null;
  /** the 补正 period passed without a correction */
  correctionExpiredAt?: Day | null;
  /** 征求第三方和其他机关意见: each from–to (to null = still waiting) */
  consultations?: readonly { from: Day; to: Day | null }[];
  /** 延期 approved on, and by how many working days (≤ 20; default 20) */
  extensionApprovedAt?: Day | null;
  extensionDays?: number | null;
  /** 收费通知 sent / paid / expired */
  feeNoticeAt?: Day | null;
  feePaidAt?: Day | null;
  feeExpiredAt?: Day | null;
};

export type ClockInput = { receivedAt: Day; repliedAt?: Day | null; steps?: ClockSteps };

export type ClockState =
  | "open" // running, due date known
  | "awaiting_correction" // 补正 notice out, nothing back yet
  | "consulting" // a consultation without an end
  | "awaiting_fee" // 收费通知 out, not paid
  | "ended" // 补正 or fee expired: nothing more to do but record the result
  | "replied";

export type Deadline = {
  state: ClockState;
  /** The day the reply period runs from (receipt, or the corrected application's arrival). */
  start: Day;
  /** The last day of the 补正 notice period (7 working days after receipt). */
  correctionNoticeDue: Day;
  /** The last day to reply; null while the clock stands still. */
  due: Day | null;
  /** The working days allowed (20, + the extension). */
  allowed: number;
};

type Interval = { from: Day; to: Day };

/** The `n`th working day after `start` (start itself not counted), skipping days inside `paused`. */
export function addWorkingDays(cal: Calendar, start: Day, n: number, paused: readonly Interval[] = []): Day {
  const ps = paused.map((p) => [dayNumber(p.from), dayNumber(p.to)] as const);
  let day = dayNumber(start);
  let counted = 0;
  // 4000 calendar days is far beyond any 40-working-day period plus a year of pauses; guards a runaway loop.
  for (let guard = 0; counted < n && guard < 4000; guard++) {
    day++;
    if (!cal.isWorkdayN(day)) continue;
    if (ps.length && ps.some(([a, b]) => day >= a && day <= b)) continue;
    counted++;
  }
  return fromNumber(day);
}

/** Working days from `from` (exclusive) to `to` (inclusive); negative when `to` is before `from`. */
export function workingDaysBetween(cal: Calendar, from: Day, to: Day): number {
  const f = dayNumber(from);
  const t = dayNumber(to);
  if (f === t) return 0;
  const [a, b, sign] = t > f ? [f, t, 1] : [t, f, -1];
  let n = 0;
  for (let d = a + 1; d <= b; d++) if (cal.isWorkdayN(d)) n++;
  return sign * n;
}

export function computeDeadline(cal: Calendar, input: ClockInput): Deadline {
  const s = input.steps ?? {};
  const correctionNoticeDue = addWorkingDays(cal, input.receivedAt, CORRECTION_NOTICE_WORKING_DAYS);
  const extension = s.extensionApprovedAt
    ? Math.min(MAX_EXTENSION_WORKING_DAYS, Math.max(0, s.extensionDays ?? MAX_EXTENSION_WORKING_DAYS))
    : 0;
  const allowed = REPLY_WORKING_DAYS + extension;
  const start = s.correctionNoticeAt && s.correctionReceivedAt ? s.correctionReceivedAt : input.receivedAt;
  const base = { start, correctionNoticeDue, allowed };

  const paused: Interval[] = [];
  let waiting: ClockState | null = null;
  if (s.correctionNoticeAt && !s.correctionReceivedAt) waiting = s.correctionExpiredAt ? "ended" : "awaiting_correction";
  for (const c of s.consultations ?? []) {
    if (c.to) paused.push({ from: c.from, to: c.to });
    else waiting ??= "consulting";
  }
  if (s.feeNoticeAt) {
    if (s.feePaidAt) paused.push({ from: s.feeNoticeAt, to: s.feePaidAt });
    else if (s.feeExpiredAt) waiting = "ended";
    else waiting ??= "awaiting_fee";
  }
  if (input.repliedAt) {
    const due = waiting && waiting !== "ended" ? null : addWorkingDays(cal, start, allowed, paused);
    return { ...base, state: "replied", due };
  }
  if (waiting) return { ...base, state: waiting, due: null };
  return { ...base, state: "open", due: addWorkingDays(cal, start, allowed, paused) };
}

/** Working days left until `due` as seen on `today` (0 = due today, negative = overdue by that many). */
export function workingDaysLeft(cal: Calendar, today: Day, due: Day): number {
  return workingDaysBetween(cal, today, due);
}

export type Urgency = "overdue" | "due_soon" | "ok" | "none";

export function urgency(cal: Calendar, d: Deadline, today: Day): Urgency {
  if (d.state !== "open" || !d.due) return "none";
  const left = workingDaysLeft(cal, today, d.due);
  if (left < 0 || (left === 0 && today > d.due)) return "overdue";
  if (left <= DUE_SOON_WORKING_DAYS) return "due_soon";
  return "ok";
}
