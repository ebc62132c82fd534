/**
 * Reading the clerk's text: what the editor shows as it is typed (character counts, the 落款 date) and the
 * rules check. Its own module, so that the editor's first load does not carry the rules
 * (lib/report/rules.ts, loaded when the checks first run).
 */

import { asciiDigits } from "./values";

/** Characters as a reader counts them: everything but white space. */
export function countChars(text: string): number {
  return [...text.replace(/\s/g, "")].length;
}

/** A day that exists in the calendar (2月30日 does not). */
function isRealDay(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** A date typed in another common form: 2025-01-20, 2025/1/20, 2025.1.20, 2025年01月20日 (digits ASCII). */
const LOOSE_DATE = /^(\d{4})\s*[年\-/.．]\s*(\d{1,2})\s*[月\-/.．]\s*(\d{1,2})\s*日?$/;

/**
 * The 成文日期 as the format writes it, when the clerk typed a real date another common way
 * (「2025-01-20」「2025/1/20」「2025年01月20日」 → 「2025年1月20日」); anything else is returned as it is
 * (trimmed), for the rules to name.
 */
export function normalizeSignDate(raw: string): string {
  const s = asciiDigits(raw).trim();
  const m = s.match(LOOSE_DATE);
  if (!m) return s;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDay(year, month, day) ? `${year}年${month}月${day}日` : s;
}

/**
 * What is wrong with a 成文日期 that is not empty, in Chinese, or null when it is a date written as the
 * format writes it (「2025年1月20日」). `example` is such a date, shown in the message.
 */
export function signDateProblem(raw: string, example: string): string | null {
  const s = raw.trim();
  if (s === "" || parseChineseDate(s)) return null;
  const m = s.match(LOOSE_DATE);
  if (m && !isRealDay(Number(m[1]), Number(m[2]), Number(m[3]))) return `成文日期“${s}”不存在，请核对年、月、日。`;
  return `成文日期“${s}”无法识别，格式应为“${example}”（月、日不加 0）。`;
}

/** "2024年1月19日" → {2024, 1, 19}; null when not a valid date in that form (leading zeros rejected). */
export function parseChineseDate(s: string): { year: number; month: number; day: number } | null {
  const m = s.trim().match(/^(\d{4})年([1-9]\d?)月([1-9]\d?)日$/);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return isRealDay(year, month, day) ? { year, month, day } : null;
}
