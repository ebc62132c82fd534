/**
 * Reading the clerk's text: what the editor shows as it is typed (character counts, the 落款 date) and the
 * rules check. Its own module, so that the editor's first load does not carry the rules
 * (lib/report/rules.ts, loaded when the checks first run).
 */

/** Characters as a reader counts them: everything but white space. */
export function countChars(text: string): number {
  return [...text.replace(/\s/g, "")].length;
}

/** "2024年1月19日" → {2024, 1, 19}; null when not a valid date in that form (leading zeros rejected). */
export function parseChineseDate(s: string): { year: number; month: number; day: number } | null {
  const m = s.trim().match(/^(\d{4})年([1-9]\d?)月([1-9]\d?)日$/);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return { year, month, day };
}
