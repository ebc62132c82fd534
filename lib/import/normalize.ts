/**
 * Text normalisation for matching labels and headings: both sides (the template's official wording and
 * the file's text) go through the same functions, so no label is ever typed here.
 */

const QUOTES = /["'“”‘’「」『』]/g;
const NUMERAL = "一二三四五六七八九十";

/**
 * Canonical form for comparing: NFKC (full-width → half-width, "（" → "("), "其它" → "其他", markdown bold
 * markers and quotes removed, all whitespace removed.
 */
export function norm(s: string): string {
  return s
    .normalize("NFKC")
    .replace(/\*\*/g, "")
    .replace(/其它/g, "其他")
    .replace(QUOTES, "")
    .replace(/[﹐]/g, ",")
    .replace(/[〔【]/g, "[")
    .replace(/[〕】]/g, "]")
    .replace(/\s+/g, "");
}

const NUMBERING = new RegExp(
  String.raw`^\s*(?:\(\s*[${NUMERAL}\d]{1,3}\s*\)|[${NUMERAL}]{1,3}\s*[、.,]|\d{1,2}\s*[、.,)]|[${NUMERAL}]{1,3}\s+|\d{1,2}\s+|第[${NUMERAL}]{1,3}[、.,]?)\s*`,
);

/** Strips a leading list number: "（一）", "一、", "1.", "1、", "(1)", "二 " … (input NFKC-normalised or not). */
export function stripNumbering(s: string): string {
  return s.normalize("NFKC").replace(NUMBERING, "");
}

/** The leading list number of a line, if any, with its style; `rest` is the original text after it. */
export function leadingNumber(s: string): { value: number; style: "paren-cn" | "cn" | "paren-ar" | "ar"; rest: string } | null {
  const t = s.replace(/\*\*/g, "").trimStart();
  const digit = (d: string) => Number(d.normalize("NFKC"));
  let m = new RegExp(String.raw`^[(（]\s*([${NUMERAL}]{1,3})\s*[)）]\s*`).exec(t);
  if (m) return { value: cnNumber(m[1]!), style: "paren-cn", rest: t.slice(m[0].length) };
  m = new RegExp(String.raw`^([${NUMERAL}]{1,3})(?:\s*[、.,．，]\s*|\s+)`).exec(t);
  if (m) return { value: cnNumber(m[1]!), style: "cn", rest: t.slice(m[0].length) };
  m = /^[(（]\s*([0-9０-９]{1,2})\s*[)）]\s*/.exec(t);
  if (m) return { value: digit(m[1]!), style: "paren-ar", rest: t.slice(m[0].length) };
  m = /^([0-9０-９]{1,2})(?:\s*[、.,)．，）]\s*|\s+)(?=[^0-9０-９])/.exec(t);
  if (m) return { value: digit(m[1]!), style: "ar", rest: t.slice(m[0].length) };
  return null;
}

/** "一" → 1 … "十二" → 12 (enough for list numbers). */
export function cnNumber(s: string): number {
  const d = (c: string) => NUMERAL.indexOf(c) + 1;
  if (s.length === 1) return d(s);
  if (s.startsWith("十")) return 10 + (s.length > 1 ? d(s[1]!) : 0);
  if (s.length === 2 && s[1] === "十") return d(s[0]!) * 10;
  if (s.length === 3 && s[1] === "十") return d(s[0]!) * 10 + d(s[2]!);
  return NaN;
}

/** The core of a label: normalised, list number and a trailing parenthetical removed. */
export function core(label: string): string {
  let s = norm(stripNumbering(label));
  // A trailing parenthetical ("（区分处理的，…）", "（单位：万元）") is a qualifier, not the label.
  s = s.replace(/\([^()]*\)?$/, "");
  return s;
}

/** Levenshtein distance (short strings only). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[n]!;
}

/** Cell text that stands for "nothing": blank, "/", dashes, "无". */
export function isBlankMarker(cell: string): boolean {
  const t = cell.normalize("NFKC").replace(/\s+/g, "");
  return t === "" || /^(?:[/\\]|[-—–―－─]{1,2}|无)$/.test(t);
}

/** A cell that holds a number (count or decimal), possibly with thousands separators. */
export function isNumberCell(cell: string): boolean {
  const t = cell.normalize("NFKC").replace(/\s+/g, "");
  return /^[+-]?(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)$/.test(t);
}

/** A value cell: a number or a blank marker that is not empty. */
export function isValueCell(cell: string): boolean {
  const t = cell.trim();
  return t !== "" && (isNumberCell(t) || isBlankMarker(t));
}

/** Markdown horizontal rules and table separators ("---------", "---"). */
export function isRuleCell(cell: string): boolean {
  return /^\s*(?:-{3,}|:?-{3,}:?|={3,})\s*$/.test(cell);
}
