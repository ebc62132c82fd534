/**
 * Cell values: normalising what a clerk typed or pasted, and reading it as a number.
 * Values are stored as strings exactly as normalised; nothing here rounds or converts a fee to a float.
 */
import type { CellKind } from "@/lib/template";

/**
 * Longest count we accept: 12 digits. A total adds up to a few dozen cells, and the totals are JS numbers:
 * with 15-digit cells (the old limit) a total passed 2^53 and came out one off (seen in a sweep).
 */
export const MAX_COUNT_DIGITS = 12;
export const MAX_CELL_CHARS = 40;

const FULL_WIDTH_DIGIT = /[０-９]/g;

/** Full-width digits (０–９, as a Chinese input method types them) to ASCII; nothing else changes. */
export function asciiDigits(raw: string): string {
  return raw.replace(FULL_WIDTH_DIGIT, (d) => String.fromCharCode(d.charCodeAt(0) - 0xff10 + 0x30));
}

/**
 * A whole number typed into a form field (年度, 排序…): full-width digits and surrounding (also
 * full-width) space accepted, leading zeros ignored. Null when it is not a plain non-negative integer.
 */
export function parseWholeNumber(raw: string): number | null {
  const s = asciiDigits(raw).replace(/[\u00a0\u3000]/g, " ").trim();
  if (!/^\d{1,15}$/.test(s)) return null;
  return Number(s);
}

/**
 * Normalise raw input: full-width digits and punctuation to ASCII, surrounding space trimmed,
 * thousands separators inside a number removed, leading zeros of a number dropped (「007」 → 「7」,
 * 「00.5」 → 「0.5」; 「0.5」 and 「0」 stay). Anything else is kept so that it can be shown as an error.
 */
export function normalizeCellInput(raw: string): string {
  let s = asciiDigits(raw)
    .replace(/[．。]/g, ".")
    .replace(/[－−—–]/g, "-")
    .replace(/[＋]/g, "+")
    .replace(/[\u00a0\u3000]/g, " ")
    .trim();
  if (/^[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?$/.test(s)) s = s.replace(/[,，]/g, "");
  if (/^[+-]?\d+(\.\d*)?$/.test(s)) s = s.replace(/^([+-]?)0+(?=\d)/, "$1");
  return s;
}

const BLANK: CellReading = { state: "blank" };
/** ASCII digits without a leading zero (or 0 itself): valid as they are for either kind. */
const PLAIN_NUMBER = /^(?:0|[1-9][0-9]*)$/;

export type CellReading =
  | { state: "blank" }
  | { state: "valid"; value: number }
  | { state: "invalid"; message: string };

/** Read a stored or typed value for a cell of the given kind. Messages are Chinese and name the problem. */
export function readCell(raw: string | undefined, kind: CellKind): CellReading {
  // the common case, read on every keystroke for every total it feeds: nothing or plain digits
  if (raw === undefined || raw === "") return BLANK;
  if (raw.length <= MAX_COUNT_DIGITS && PLAIN_NUMBER.test(raw)) return { state: "valid", value: Number(raw) };
  const s = normalizeCellInput(raw);
  if (s === "") return { state: "blank" };
  if (kind === "count") {
    if (/^-\d+(\.\d+)?$/.test(s)) return { state: "invalid", message: "不能为负数" };
    if (/^\+?\d+\.\d*$/.test(s)) {
      if (/^\+?\d+\.0*$/.test(s)) return readCell(s.replace(/^\+/, "").replace(/\.0*$/, ""), kind);
      return { state: "invalid", message: "件数须为整数，不能有小数" };
    }
    if (!/^\+?\d+$/.test(s)) return { state: "invalid", message: "须为非负整数" };
    const digits = s.replace(/^\+/, "").replace(/^0+(?=\d)/, "");
    if (digits.length > MAX_COUNT_DIGITS) return { state: "invalid", message: `数字过大（最多${MAX_COUNT_DIGITS}位）` };
    return { state: "valid", value: Number(digits) };
  }
  if (/^-/.test(s)) return { state: "invalid", message: "金额不能为负数" };
  if (!/^\+?(\d+(\.\d*)?|\.\d+)$/.test(s)) return { state: "invalid", message: "须为非负数（单位：万元）" };
  if (s.replace(/\D/g, "").length > 20) return { state: "invalid", message: "数字过长" };
  return { state: "valid", value: Number(s) };
}

/** The canonical stored form of a value: what readCell accepts, as typed but normalised. */
export function canonicalCellValue(raw: string): string {
  return normalizeCellInput(raw).slice(0, MAX_CELL_CHARS);
}
