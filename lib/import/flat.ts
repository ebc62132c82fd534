/**
 * Text without line structure → lines the section and table readers understand.
 *
 * Text copied from a web page often arrives as one or a few long lines: the headings inline, the table cells
 * run together ("行政许可17第二十条第（六）项…", "一、本年新收政府信息公开申请数量801000081"), or one cell per line
 * with "|" separators. Here
 *   - crawler chrome before the title (breadcrumbs, 发布时间, 字号, 打印…) is dropped;
 *   - the title and the six section headings (lib/template) are put on lines of their own, wherever they are;
 *   - a table section without tab-separated rows is read as a stream: the template's labels (block titles,
 *     column headers, row labels, group labels — never typed here) are found wherever they are, and each row
 *     becomes "label<TAB>value<TAB>value…", the values being what stands between its label and the next
 *     label (a digit run stays one token: the table readers decode it with the 勾稽 rules).
 * Text that already has its structure passes through unchanged.
 */
import {
  SECTIONS,
  T2_BLOCKS,
  T2_CONTENT_LABEL,
  T3_APPLICANT_HEADER,
  T3_COLUMNS,
  T3_CORNER,
  T3_ORG_HEADER,
  T3_RESULT_GROUPS,
  T3_RESULTS_LABEL,
  T3_ROWS,
  T4_GROUPS,
  T4_LITIGATION_HEADER,
  T4_RESULTS,
  type SectionKey,
} from "@/lib/template";
import { cnNumber, leadingNumber, stripNumbering } from "./normalize";

// ---------------------------------------------------------------------------------------------
// A compact view of a text: normalised characters without whitespace or "|", mapped back to the source
// ---------------------------------------------------------------------------------------------

const QUOTE = /["'“”‘’「」『』]/;

/** One character as labels are compared: NFKC, quotes dropped (""), "它" of "其它" as "他". */
function normChar(text: string, i: number): string {
  const c = text[i]!;
  if (QUOTE.test(c)) return "";
  if (c === "它" && text[i - 1] === "其") return "他";
  if (c === "〔" || c === "【") return "[";
  if (c === "〕" || c === "】") return "]";
  return c.normalize("NFKC");
}

type Compact = { s: string; at: number[] };

function compact(text: string): Compact {
  let s = "";
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (/[\s|\u00a0\u3000]/.test(c)) continue;
    const n = normChar(text, i);
    for (const ch of n) {
      s += ch;
      at.push(i);
    }
  }
  return { s, at };
}

/** A label as compared: NFKC, no whitespace, no quotes, 其它 → 其他. */
function key(label: string): string {
  const c = compact(label);
  return c.s;
}

// ---------------------------------------------------------------------------------------------
// Anchors: the template's labels, per table
// ---------------------------------------------------------------------------------------------

type AnchorKind = "title" | "header" | "row" | "group" | "corner";
type Anchor = { kind: AnchorKind; forms: string[]; text: string; numbering: string[] };

/** The forms a numbering is printed in: "三、" "三." "(三)" for Chinese numerals, "3." "3、" "(3)" for digits. */
function numberingForms(label: string): string[] {
  const ln = leadingNumber(label);
  if (!ln) return [];
  const cn = "一二三四五六七八九十"[ln.value - 1];
  if (ln.style === "cn" || ln.style === "paren-cn") return cn ? [`(${cn})`, `${cn}、`, `${cn}.`, `${cn},`] : [];
  return [`${ln.value}.`, `${ln.value}、`, `(${ln.value})`, `${ln.value},`];
}

function anchor(kind: AnchorKind, label: string, extraForms: string[] = []): Anchor {
  // A block title ("第二十条第（一）项") is all label; other labels lose their list number.
  const bare = kind === "title" || kind === "corner" ? label : stripNumbering(label);
  const forms = [key(bare), ...extraForms.map(key)];
  // A trailing parenthetical ("（区分处理的，…）") may be left out in print.
  const core = key(bare.replace(/[（(][^（()）]*[)）]\s*$/, ""));
  if (core.length >= 2 && !forms.includes(core)) forms.push(core);
  return { kind, forms, text: label, numbering: numberingForms(label) };
}

const OLD_T2_HEADERS = ["本年新", "本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "本年增/减", "处理决定数量", "采购项目数量", "采购总金额"];
// "其他主动公开文件": a row some 2019-format pages (湖北) add to 第二十条第（一）项; it has no place in 2021.
const OLD_T2_ROWS = ["规范性文件", "其他对外管理服务事项", "政府集中采购", "其他主动公开文件"];
const OLD_T2_TITLE = "第二十条第（九）项";

const T2_ANCHORS: Anchor[] = [
  ...T2_BLOCKS.map((b) => anchor("title", b.title)),
  anchor("title", OLD_T2_TITLE),
  anchor("header", T2_CONTENT_LABEL),
  ...[...new Set(T2_BLOCKS.flatMap((b) => b.columns.map((c) => c.label)))].map((l) => anchor("header", l)),
  ...OLD_T2_HEADERS.map((l) => anchor("header", l)),
  ...T2_BLOCKS.flatMap((b) => b.rows.map((r) => anchor("row", r.label))),
  ...OLD_T2_ROWS.map((l) => anchor("row", l)),
];

const T3_ANCHORS: Anchor[] = [
  anchor("corner", T3_CORNER, [T3_CORNER.replace(/^[（(]|[)）]$/g, "")]),
  anchor("header", T3_APPLICANT_HEADER),
  anchor("header", T3_ORG_HEADER),
  ...T3_COLUMNS.map((c) => anchor("header", c.label)),
  anchor("group", T3_RESULTS_LABEL),
  ...T3_RESULT_GROUPS.filter((g) => g.items.length > 0).map((g) => anchor("group", g.label)),
  ...T3_ROWS.map((r) => anchor("row", r.label)),
];

const T4_ANCHORS: Anchor[] = [
  ...T4_GROUPS.map((g) => anchor("header", g.label)),
  anchor("header", T4_LITIGATION_HEADER),
  ...T4_RESULTS.map((r) => anchor("header", r.label)),
];

const ANCHORS: Partial<Record<SectionKey, Anchor[]>> = { s2: T2_ANCHORS, s3: T3_ANCHORS, s4: T4_ANCHORS };

type Hit = { anchor: Anchor; start: number; end: number; numbered: boolean };

/** Anchors in a compact stream: at each position the longest form; a numbering right before it is absorbed. */
function findAnchors(c: Compact, anchors: readonly Anchor[]): Hit[] {
  const forms = anchors
    .flatMap((a) => a.forms.map((f) => ({ a, f })))
    .filter((x) => x.f.length > 0)
    .sort((x, y) => y.f.length - x.f.length);
  const hits: Hit[] = [];
  let i = 0;
  while (i < c.s.length) {
    const first = forms.find((x) => c.s.startsWith(x.f, i));
    if (!first) {
      i++;
      continue;
    }
    // Labels printed alike ("其他" the column, "3.其他" the row): the one whose numbering stands before it.
    const prevEnd = hits.length ? hits[hits.length - 1]!.end : 0;
    const numberingAt = (a: Anchor) => a.numbering.find((n) => i - n.length >= prevEnd && c.s.slice(i - n.length, i) === n);
    const same = forms.filter((x) => x.f.length === first.f.length && c.s.startsWith(x.f, i));
    const m = same.find((x) => numberingAt(x.a)) ?? first;
    const n = numberingAt(m.a);
    hits.push({ anchor: m.a, start: n ? i - n.length : i, end: i + m.f.length, numbered: !!n });
    i += m.f.length;
  }
  return hits;
}

/** The value tokens of a stretch of source text: numbers, digit runs and blank markers, split at spaces/pipes. */
function tokens(text: string): { values: string[]; prose: string[] } {
  const values: string[] = [];
  const prose: string[] = [];
  for (const raw of text.split(/[\s|\u00a0\u3000]+/)) {
    let t = raw.trim();
    if (!t) continue;
    // Digits run into text that is no label (a label cut off where the stored page ends, "0000000二、上年结转政府信息";
    // "00000006.属于四类过程性信"): the digits are values, a list number before the text goes with the text.
    const run = /^(\d+(?:\.\d+)?)(?:\d{1,2}[.、．])?(?=[\p{Script=Han}(（])/u.exec(t.normalize("NFKC"));
    if (/^\d{1,2}[.、．](?=[\p{Script=Han}])/u.test(t.normalize("NFKC"))) {
      prose.push(t);
      continue;
    }
    if (run && !/^\d+(?:\.\d+)?万元$/.test(t.normalize("NFKC"))) {
      values.push(run[1]!);
      t = t.normalize("NFKC").slice(run[0].length);
    }
    const n = t.normalize("NFKC").replace(/万元$/, "");
    if (/^[+-]?[\d.,]+$/.test(n) || /^(?:[/\\]|[-—–―－─]{1,2}|无)$/.test(n)) values.push(n);
    else prose.push(t);
  }
  return { values, prose };
}

/**
 * One table section as a stream → rows. T3's header labels come before its first row; after it a bare
 * "其他"/"总计" is the row "3.其他" / "（七）总计".
 */
function streamRows(source: string, key: SectionKey): string[] | null {
  const anchors = ANCHORS[key];
  if (!anchors) return null;
  // An explanation in parentheses after a table 二 row label (「规范性文件（行政机关制定发布的决定、公告…一般情况
  // 下属于规范性文件）」) is not part of the label, and the row words inside it are no rows.
  const region = key === "s2" ? source.replace(/(规章|规范性文件|其他主动公开文件)\s*[（(][^（()）]*[)）]/g, "$1") : source;
  const c = compact(region);
  let hits = findAnchors(c, anchors);
  if (hits.filter((h) => h.anchor.kind !== "header").length + hits.length < 3) return null;
  if (key === "s3") {
    const firstRow = hits.findIndex((h) => h.anchor.kind === "row");
    hits = hits.map((h, k) => {
      if (firstRow < 0 || k < firstRow || h.anchor.kind !== "header") return h;
      const label = h.anchor.text;
      const row = T3_ROWS.find((r) => key3(r.label) === key3(label) || (label === T3_COLUMNS[T3_COLUMNS.length - 1]!.label && r.computed));
      return row ? { ...h, anchor: T3_ANCHORS.find((a) => a.kind === "row" && a.text === row.label)! } : h;
    });
  }
  const src = (from: number, to: number) => {
    const a = from < c.at.length ? c.at[from]! : region.length;
    const b = to < c.at.length ? c.at[to]! : region.length;
    return region.slice(a, b);
  };
  const lines: string[] = [];
  const head = hits.length ? src(0, hits[0]!.start) : region;
  for (const l of head.split("\n")) if (l.replace(/[\s|]+/g, "")) lines.push(l.replace(/\s*\|\s*/g, " ").trim());
  let header: string[] = [];
  let pending: string[] = [];
  const flushHeader = () => {
    if (header.length) lines.push(header.join("\t"));
    header = [];
  };
  hits.forEach((h, k) => {
    const next = hits[k + 1];
    const label = src(h.start, h.end).replace(/[\s|]+/g, "");
    const { values, prose } = tokens(src(h.end, next ? next.start : c.s.length));
    if (h.anchor.kind === "header" || h.anchor.kind === "corner") {
      header.push(label);
      if (values.length) {
        flushHeader();
        lines.push(["", ...values].join("\t"));
      }
    } else if (h.anchor.kind === "group") {
      flushHeader();
      pending.push(label);
      if (values.length) {
        lines.push([...pending, ...values].join("\t"));
        pending = [];
      }
    } else {
      flushHeader();
      lines.push([...pending, label, ...values].join("\t"));
      pending = [];
    }
    for (const p of prose) lines.push(p);
  });
  flushHeader();
  if (pending.length) lines.push(pending.join("\t"));
  return lines;
}

const key3 = (label: string) => key(stripNumbering(label));

// ---------------------------------------------------------------------------------------------
// Headings, title and chrome
// ---------------------------------------------------------------------------------------------

const NUMERALS = "一二三四五六";
const flexible = (s: string) =>
  [...s].map((ch) => (ch === "、" ? "[、,，]" : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("\\s*");

/**
 * "二、主动公开政府信息情况" (any numeral, 、 or . after it, spaces anywhere) inside a line; 2019-format pages may
 * say "二、行政机关主动公开政府信息情况".
 */
const HEADING = new RegExp(
  `([${NUMERALS}])\\s*[、.．,，]\\s*(?:行\\s*政\\s*机\\s*关\\s*)?(?:${SECTIONS.flatMap((s) => [s.title, ...s.variants])
    .sort((a, b) => b.length - a.length)
    .map(flexible)
    .join("|")})`,
  "g",
);

const TITLE = /([\p{Script=Han}（）()·]{2,40}?)?\s*(?:(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年度?\s*(?:的)?\s*政府信息公开(?:工作)?\s*(?:年度)?\s*(?:报告|年报)/u;

/** Words of a web page's frame, never of a report. */
const CHROME_LINE =
  /^(?:首页|当前位置|您当前的位置|您现在的位置|网站首页|索\s*引\s*号|发布机构|发文机关|发文字号|文\s*号|成文日期|发布日期|发布时间|生成日期|来源|信息来源|字号|【?\s*字体|浏览次数|阅读次数|点击|分享|打印|关闭|今天是|简体|繁体|标\s*题|主题分类|分\s*类|有效性|公文时效|\d{4}-\d{2}-\d{2})/;
const CHROME_WORDS =
  /(?:当前位置|您当前的位置|发布时间|发布日期|成文日期|索\s*引\s*号|字号|【?\s*[大中小]\s*】?\s*[大中小]|打印本页|关闭窗口|浏览次数|来源\s*[:：])/;

/** Lines (or a line's start) before the title that belong to the page, not the report. */
function dropChrome(lines: string[]): string[] {
  // The title: the first line (among the first 40) that reads "…YYYY年…政府信息公开…报告/年报" and is not a sentence.
  const limit = Math.min(lines.length, 40);
  let title = -1;
  for (let k = 0; k < limit; k++) {
    const l = lines[k]!;
    const m = TITLE.exec(l);
    if (m && !/[。；]/.test(l.slice(0, m.index + m[0].length))) {
      title = k;
      break;
    }
    if (HEADING.test(l)) {
      HEADING.lastIndex = 0;
      break;
    }
    HEADING.lastIndex = 0;
  }
  if (title < 0) return lines.filter((l, k) => k >= limit || !(CHROME_LINE.test(l.trim()) || /\s[>»/]\s/.test(l) && CHROME_WORDS.test(l)));
  const before = lines.slice(0, title).filter((l) => {
    const t = l.trim();
    if (!t) return true;
    if (CHROME_LINE.test(t) || CHROME_WORDS.test(t) || /[>»]/.test(t) || /^[^。，]{0,30}\/[^。，]{0,30}\//.test(t)) return false;
    return true;
  });
  return [...before, ...lines.slice(title)];
}

/** The title inside a long first line: put on a line of its own; what stood before it on that line goes. */
function splitTitle(line: string): string[] {
  const m = TITLE.exec(line);
  if (!m || m.index > 400 || /[。；]/.test(line.slice(0, m.index))) return [line];
  let start = m.index + (m[0].length - m[0].trimStart().length);
  // The organ name: Han characters right before the year, without a chrome word ("正文", "大中小") in front.
  let organ = m[1] ?? "";
  const cut = Math.max(organ.lastIndexOf("正文"), organ.lastIndexOf("详情"), organ.search(/[大中小]{3}$/) >= 0 ? -1 : -1);
  if (cut >= 0) {
    start += cut + 2;
    organ = organ.slice(cut + 2);
  }
  const beforeTitle = line.slice(0, start).trim();
  const out: string[] = [];
  if (beforeTitle && !CHROME_WORDS.test(beforeTitle) && !/[>»/]/.test(beforeTitle)) out.push(beforeTitle);
  out.push(line.slice(start, m.index + m[0].length).trim());
  const rest = line.slice(m.index + m[0].length).trim();
  if (rest) out.push(rest);
  return out;
}

/** Section headings put on lines of their own. */
function splitHeadings(line: string): string[] {
  const out: string[] = [];
  let last = 0;
  HEADING.lastIndex = 0;
  for (const m of line.matchAll(HEADING)) {
    const before = line.slice(last, m.index).trim();
    // A heading starts a line; in the middle of a sentence ("…见附件二、…") it is not a heading.
    if (m.index! > 0 && /[，,的和及与或]$/.test(line.slice(0, m.index).trimEnd())) continue;
    if (before) out.push(before);
    out.push(m[0].trim());
    last = m.index! + m[0].length;
  }
  const rest = line.slice(last).trim();
  if (rest || out.length === 0) out.push(last === 0 ? line : rest);
  return out;
}

export type Restored = { text: string; restored: boolean };

/** Lines for the readers; `restored` when anything was re-cut (the caller may say so in a note). */
export function restoreStructure(text: string): Restored {
  const src = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n");
  let lines = src.split("\n");
  let restored = false;

  // 1. Chrome before the title; a title inside a long line.
  const chromeless = dropChrome(lines);
  if (chromeless.length !== lines.length) restored = true;
  lines = chromeless;
  const firstText = lines.findIndex((l) => l.trim() !== "");
  if (firstText >= 0 && lines[firstText]!.length > 60) {
    const cut = splitTitle(lines[firstText]!);
    if (cut.length > 1) {
      lines.splice(firstText, 1, ...cut);
      restored = true;
    }
  }

  // 2. Headings on lines of their own.
  const cut: string[] = [];
  for (const l of lines) {
    const parts = l.includes("\t") ? [l] : splitHeadings(l);
    if (parts.length > 1) restored = true;
    cut.push(...parts);
  }
  lines = cut;

  // 3. Table sections without tab-separated rows: read as streams.
  const sectionOf = (l: string): SectionKey | null => {
    const t = l.trim();
    HEADING.lastIndex = 0;
    const m = HEADING.exec(t);
    HEADING.lastIndex = 0;
    if (!m || m.index !== 0 || m[0].length !== t.replace(/[:：。]$/, "").length) return null;
    const n = cnNumber(m[1]!);
    const rest = key(t.slice(m[0].indexOf(m[1]!) + 1).replace(/^[、.．,，\s]+/, "")).replace(/^行政机关/, "");
    const s = SECTIONS.find((x) => [x.title, ...x.variants].some((f) => key(f) === rest)) ?? SECTIONS[n - 1];
    return s?.key ?? null;
  };
  const out: string[] = [];
  let k = 0;
  while (k < lines.length) {
    const s = sectionOf(lines[k]!);
    out.push(lines[k]!);
    k++;
    if (!s || !ANCHORS[s]) continue;
    let end = k;
    while (end < lines.length && sectionOf(lines[end]!) === null) end++;
    const region = lines.slice(k, end);
    const tabbed = region.some((l) => /\S\t|\t\S/.test(l));
    const rows = tabbed ? null : streamRows(region.join("\n"), s);
    // Reading a table as a stream is a way of reading (one cell per line, "|" separators), not a repair.
    if (rows) out.push(...rows);
    else out.push(...region);
    k = end;
  }
  return { text: out.join("\n"), restored };
}
