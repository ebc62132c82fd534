/**
 * The statement reader: the figures a report's text states — counts, amounts and rates with their subject
 * («上年结转政府信息公开申请3件», «收到政府信息公开申请共计171件», «共收到申请185件（含上年结转15件）»,
 * «行政处罚 1 起», «办结率100%», «未发生行政复议、行政诉讼») — and what the tables say of the same subject.
 *
 * The subjects are built from the template's own row and column labels (lib/template) plus ONE reviewed
 * list of synonyms below (SYNONYMS); the grammar is one place: a subject word, then only filler words
 * (FILLER), then a number with its unit. Anything else between subject and number (「公开行政许可信息56条」,
 * 「同比增长5件」, 「热线事项185件」) is not a statement of that subject and is not read. A sentence about
 * another year, or about hotline calls, letters and suggestions, is not read for the application rows.
 *
 * Rule T1 checks every statement against the tables; when a sentence can be read two ways, a statement
 * holds when any reading the sentence supports holds. Pure.
 */
import {
  CELLS,
  T2_BLOCKS,
  T3_COLUMNS,
  T3_INPUT_COLUMNS,
  T3_ORG_COLUMNS,
  T3_ORG_HEADER,
  T3_RESULT_GROUPS,
  T3_ROWS,
  T4_GROUPS,
  T4_LITIGATION_HEADER,
  T4_RESULTS,
  t2CellId,
  t3CellId,
  t4CellId,
  type ReportContent,
} from "@/lib/template";
import { readCell } from "./values";
import { cellNumber, type Totals } from "./totals";

// ---- subjects ---------------------------------------------------------------------------------

type SubjectClass = "application" | "case" | "t2" | "fee";

export type Subject = {
  id: string;
  /** Name used in messages (the template's label). */
  label: string;
  cls: SubjectClass;
  /** The cells whose sum the subject is. */
  cells: string[];
  /** Words that name it in a sentence (template label first, then the reviewed synonyms). */
  words: string[];
  /** Unit kind: counts (件/条/起…) or amounts (元/万元). */
  unit: "count" | "yuan" | "wanyuan";
};

/** Strip 「（一）」「1.」 numbering and a parenthetical note from a template label: 「（二）部分公开（区分…）」 → 部分公开. */
const bare = (label: string) =>
  label
    .replace(/^（[一二三四五六七八九十]+）/, "")
    .replace(/^[一二三四五六七八九十]+、/, "")
    .replace(/^\d+\./, "")
    .replace(/（[^）]*）$/, "");

const t3Row = (id: string) => T3_ROWS.find((r) => r.id === id)!;
const t3RowCells = (rowIds: string[]) => rowIds.map((r) => t3CellId(r, "total"));
const groupItems = (gid: string) => {
  const g = T3_RESULT_GROUPS.find((x) => x.id === gid)!;
  return g.items.length ? g.items.map((i) => i.id) : [g.id];
};

/**
 * The reviewed synonym list: every word besides the template's own labels that names a subject.
 * Keep it short and specific; a word here is read everywhere.
 */
export const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  new: ["本年新收", "新收", "收到", "共收到", "受理", "接收", "接到", "依申请公开"],
  carried: ["上年结转", "上年度结转", "上一年度结转", "上年度遗留", "往年结转"],
  carryover: [
    "结转下年度",
    "结转至下年度",
    "结转到下年度",
    "结转下一年度",
    "结转至下一年度",
    "结转到下一年度",
    "结转至下年",
    "结转下年",
    "转入下年度",
  ],
  done: ["办结", "已办结", "办理完毕", "办理完结", "答复完毕"],
  open: ["同意公开", "全部公开"],
  partial: [],
  deny: [],
  unable: [],
  noproc: [],
  review: ["被申请行政复议", "复议案件"],
  litigation: ["被提起行政诉讼", "提起行政诉讼", "诉讼案件"],
  normative: ["规范性文件"],
  t2fee: ["收费金额"],
  infoFee: ["信息处理费"],
};

function t3Subject(id: string, rowIds: string[], label: string, words: string[]): Subject {
  return { id, label, cls: "application", cells: t3RowCells(rowIds), words: [...words, ...(SYNONYMS[id] ?? [])], unit: "count" };
}

const litigationCells = (result: string) => T4_GROUPS.filter((g) => g.id !== "review").map((g) => t4CellId(g.id, result));

export const SUBJECTS: readonly Subject[] = [
  t3Subject("new", ["new"], t3Row("new").label, [bare(t3Row("new").label).replace(/数量$/, "")]),
  t3Subject("carried", ["carried"], t3Row("carried").label, [bare(t3Row("carried").label).replace(/数量$/, "")]),
  t3Subject("carryover", ["carryover"], t3Row("carryover").label, [bare(t3Row("carryover").label)]),
  t3Subject("done", ["total"], "（七）总计（本年度办理结果）", []),
  ...(["open", "partial", "deny", "unable", "noproc"] as const).map((gid) => {
    const g = T3_RESULT_GROUPS.find((x) => x.id === gid)!;
    return t3Subject(gid, groupItems(gid), g.label.replace(/（[^）]*）$/, ""), [bare(g.label)]);
  }),
  {
    id: "review",
    label: `表四「${T4_GROUPS[0]!.label}」`,
    cls: "case",
    cells: [t4CellId("review", "total")],
    words: [T4_GROUPS[0]!.label, ...SYNONYMS.review!],
    unit: "count",
  },
  {
    id: "litigation",
    label: `表四「${T4_LITIGATION_HEADER}」`,
    cls: "case",
    cells: litigationCells("total"),
    words: [T4_LITIGATION_HEADER, ...SYNONYMS.litigation!],
    unit: "count",
  },
  ...T2_BLOCKS.filter((b) => b.id === "item5" || b.id === "item6").flatMap((b) =>
    b.rows.map(
      (r): Subject => ({
        id: r.id,
        label: `表二「${r.label}」${b.columns[0]!.label}`,
        cls: "t2",
        cells: [t2CellId(r.id, b.columns[0]!.id)],
        words: [r.label],
        unit: "count",
      }),
    ),
  ),
  ...T2_BLOCKS.filter((b) => b.id === "item1").flatMap((b) =>
    b.rows.flatMap((r) =>
      b.columns.map(
        (c): Subject => ({
          id: `${r.id}.${c.id}`,
          label: `表二「${r.label}」${c.label}`,
          cls: "t2",
          cells: [t2CellId(r.id, c.id)],
          words: [r.label, ...(SYNONYMS[r.id] ?? [])],
          unit: "count",
        }),
      ),
    ),
  ),
  {
    id: "t2fee",
    label: CELLS.get(t2CellId("fee", "amount"))!.name,
    cls: "t2",
    cells: [t2CellId("fee", "amount")],
    words: [T2_BLOCKS.find((b) => b.id === "item8")!.rows[0]!.label, ...SYNONYMS.t2fee!],
    unit: "wanyuan",
  },
  { id: "infoFee", label: "信息处理费", cls: "fee", cells: [], words: [...SYNONYMS.infoFee!], unit: "yuan" },
];

/** Columns of table 二 item 1 as verbs in a sentence: 「制发规范性文件3件」「废止规章1件」「现行有效规章5件」. */
const T2_VERBS: readonly { column: string; words: readonly string[] }[] = [
  { column: "issued", words: ["本年制发", "制发", "印发", "出台", "制定"] },
  { column: "repealed", words: ["本年废止", "废止", "清理废止"] },
  { column: "valid", words: ["现行有效"] },
];

/** Applicant columns of table 三 as qualifiers: 「其中自然人8件」「法人或其他组织2件」. */
const COLUMN_WORDS: readonly { words: string[]; columns: string[] }[] = [
  ...T3_INPUT_COLUMNS.filter((c) => c.id !== "otherOrg").map((c) => ({ words: [c.label], columns: [c.id] })),
  { words: [T3_ORG_HEADER, "法人和其他组织", "法人及其他组织"], columns: T3_ORG_COLUMNS.map((c) => c.id) },
];

/** Table 四's results as qualifiers of a case statement: 「行政复议1件，结果维持1件」. */
const RESULT_WORDS: readonly { words: string[]; result: string }[] = T4_RESULTS.filter((r) => !r.computed).map((r) => ({
  result: r.id,
  words: [r.label, r.label.replace(/^结果/, ""), ...(r.id === "pending" ? ["未审结", "审理中"] : []), ...(r.id === "corrected" ? ["被纠错"] : [])],
}));

/** Words that may stand between a subject and its number without changing what the number counts. */
const FILLER = [
  "政府信息公开申请", "政府信息公开", "信息公开申请", "依申请公开", "政府信息", "信息公开", "公开申请", "申请件", "申请",
  "总数", "总量", "金额", "数量", "件数", "案件", "决定书", "决定", "共计", "合计", "累计", "总计", "一共", "共", "计",
  "继续办理", "办理", "继续", "其中", "分别", "均", "已", "为", "达到", "达", "了", "有", "的", "各类", "类", "案",
  "本年度", "本年", "全年", "年度", "被", "起诉",
];
const QUANTIFIERS = ["共计", "合计", "累计", "总计", "一共", "共"];

const BLOCKERS = /热线|12345|留言|信访|来信|来访|建议|提案|诉求|投诉|咨询|意见/;

const UNIT_RE = "件|条|起|项|宗|个|份|次|万元|元";
const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 十二 → 12, 一百七十一 → 171, 两千零五 → 2005, 三〇五 → 305; null when not a numeral. */
export function chineseNumber(s: string): number | null {
  if (!s || !/^[零〇一二两三四五六七八九十百千万]+$/.test(s)) return null;
  if (!/[十百千万]/.test(s)) {
    // digit by digit: 三〇五
    return Number([...s].map((c) => CN_DIGITS[c]).join(""));
  }
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const c of s) {
    if (c in CN_DIGITS) digit = CN_DIGITS[c]!;
    else if (c === "万") {
      section = (section + digit) * 10000;
      total += section;
      section = 0;
      digit = 0;
    } else {
      const u = CN_UNITS[c]!;
      section += (digit === 0 && u === 10 ? 1 : digit) * u;
      digit = 0;
    }
  }
  return total + section + digit;
}

// ---- statements --------------------------------------------------------------------------------

export type Statement = {
  /** The text field it is in (ReportContent.text key). */
  field: string;
  /** The sentence, as written. */
  sentence: string;
  /** What the text says, e.g. 「上年结转政府信息公开申请3件」. */
  phrase: string;
  subject: string;
  kind: "count" | "amount" | "rate" | "none";
  /** The figure in the unit of the subject's table (元 for 信息处理费, 万元 for 行政事业性收费, % for a rate). */
  value: number;
  /** The readings the sentence supports: each a set of cells whose sum (or, for a rate, formula) the value should be. */
  readings: Reading[];
  /** Cells the statement is about (the first reading's), for pinning the finding. */
  cells: string[];
  /** Quantifiers and qualifiers as written: 共计, 其中, 含上年结转, … */
  qualifiers: string[];
};

type Reading = { cells: string[]; describe: string } | { rate: RateFormula; describe: string };
type RateFormula = { num: string[]; den: string[] } | { share: string[] };

type Sentence = { text: string; start: number };

function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  const re = /[^。；;！？!?\n]+[。；;！？!?]?/g;
  for (const m of text.matchAll(re)) if (m[0].trim()) out.push({ text: m[0], start: m.index! });
  return out;
}

type WordHit = { start: number; end: number; word: string; what: "subject" | "verb" | "column" | "result" | "negation"; ref: string };

const NEGATIONS = [
  "未收到", "没有收到", "未接到", "未受理", "没有受理", "未发生", "没有发生", "未出现", "没有出现", "未被", "没有被", "没有",
  "未收取", "没有收取", "不收取", "无",
];

/** Every subject, verb, column and result word of a sentence, longest first, not overlapping. */
function wordHits(s: string): WordHit[] {
  const cands: WordHit[] = [];
  const push = (word: string, what: WordHit["what"], ref: string) => {
    let i = s.indexOf(word);
    while (i >= 0) {
      cands.push({ start: i, end: i + word.length, word, what, ref });
      i = s.indexOf(word, i + 1);
    }
  };
  for (const subj of SUBJECTS) {
    if (subj.id.includes(".")) continue; // table 二 item 1: the row word once (below)
    for (const w of subj.words) push(w, "subject", subj.id);
  }
  for (const b of T2_BLOCKS.filter((x) => x.id === "item1"))
    for (const r of b.rows) for (const w of [r.label, ...(SYNONYMS[r.id] ?? [])]) push(w, "subject", `item1:${r.id}`);
  for (const v of T2_VERBS) for (const w of v.words) push(w, "verb", v.column);
  for (const c of COLUMN_WORDS) for (const w of c.words) push(w, "column", c.columns.join(","));
  for (const r of RESULT_WORDS) for (const w of r.words) push(w, "result", r.result);
  for (const w of NEGATIONS) push(w, "negation", w);
  cands.sort((a, b) => a.start - b.start || b.end - b.start - (a.end - a.start));
  const out: WordHit[] = [];
  let end = -1;
  for (const c of cands) {
    if (c.start < end) continue;
    out.push(c);
    end = c.end;
  }
  return out;
}

/** Whether `gap` is only filler words (and spaces, quotes). */
function isFiller(gap: string, extra: readonly string[] = []): boolean {
  let g = gap.replace(/[\s“”"「」]/g, "");
  if (!g) return true;
  const words = [...extra, ...FILLER].sort((a, b) => b.length - a.length);
  let changed = true;
  while (g && changed) {
    changed = false;
    for (const w of words)
      if (g.startsWith(w)) {
        g = g.slice(w.length);
        changed = true;
        break;
      }
  }
  return g === "";
}

const NUMBER_RE = new RegExp(
  `(\\d+(?:\\.\\d+)?|[零〇一二两三四五六七八九十百千]+)\\s*(${UNIT_RE})|(\\d+(?:\\.\\d+)?)\\s*[%％]|百分之(百|\\d+(?:\\.\\d+)?|[零一二两三四五六七八九十]+)`,
  "g",
);

const RATE_WORDS: readonly { words: string[]; id: "doneRate" | "onTimeRate" | "openRate" }[] = [
  { id: "onTimeRate", words: ["按时答复率", "按时办结率", "按期答复率", "及时答复率", "答复率", "按时办理率"] },
  { id: "doneRate", words: ["办结率"] },
  { id: "openRate", words: ["公开率"] },
];


/** Whether the sentence speaks of another year than `year` before `pos` (「我局2020年主动公开…」「较上年…」). */
function otherYear(s: string, pos: number, year: number | undefined): boolean {
  const before = s.slice(0, pos);
  for (const m of before.matchAll(/(\d{4})\s*年/g)) if (year !== undefined && Number(m[1]) !== year) return true;
  const withoutCarried = before.replace(/上年(?:度)?结转|上一年度结转|结转(?:至|到)?下(?:一)?年度?/g, "");
  return /上年|去年|上一年|同比|较上|比上/.test(withoutCarried);
}

/**
 * The statements of one text. `year` is the report's year: a sentence speaking of another year is
 * not read.
 */
export function readStatements(field: string, text: string, year?: number): Statement[] {
  const out: Statement[] = [];
  for (const sent of sentences(text)) {
    const s = sent.text;
    const aboutApplications = /申请/.test(s) && !BLOCKERS.test(s);
    const hits = wordHits(s);
    let lastRowSubject: string | null = null; // for 其中自然人…
    let lastCaseSubject: string | null = null; // for 结果维持…
    // counts, amounts and rates
    for (const m of s.matchAll(NUMBER_RE)) {
      const pos = m.index!;
      const isRate = m[3] !== undefined || m[4] !== undefined;
      const raw = m[1] ?? m[3] ?? m[4]!;
      const value = /^\d/.test(raw) ? Number(raw) : raw === "百" ? 100 : chineseNumber(raw);
      if (value == null || !Number.isFinite(value)) continue;
      // the number must not be the tail of a longer token (「2023年」 is not matched: 年 is no unit)
      if (/[\d.]/.test(s[pos - 1] ?? "")) continue;
      const unit = m[2] ?? "%";
      const clauseStart = Math.max(s.lastIndexOf("，", pos), s.lastIndexOf(",", pos), s.lastIndexOf("：", pos), s.lastIndexOf("、", pos)) + 1;

      if (isRate) {
        const r = readRate(s, pos, value);
        if (r && aboutApplications) out.push({ ...r, field, sentence: s.trim(), phrase: s.slice(r.phraseStart, pos + m[0].length).trim() });
        continue;
      }
      // the nearest word before the number
      const before = hits.filter((h) => h.end <= pos && h.what !== "negation");
      const h = before[before.length - 1];
      if (!h) continue;
      const gap = s.slice(h.end, pos);
      const qualifiers = QUANTIFIERS.filter((q) => gap.includes(q) || s.slice(Math.max(0, h.start - 2), h.start).includes(q));
      if (s.slice(clauseStart, h.start).includes("其中") || gap.includes("其中")) qualifiers.push("其中");
      const phraseStart = h.start;
      const phrase = s.slice(phraseStart, pos + m[0].length).trim();
      const base = { field, sentence: s.trim(), phrase, qualifiers };

      if (h.what === "column") {
        if (!isFiller(gap) || !lastRowSubject || !aboutApplications) continue;
        const row = SUBJECTS.find((x) => x.id === lastRowSubject)!;
        const rows = row.cells.map((c) => c.split(".")[1]!);
        const cells = rows.flatMap((r) => h.ref.split(",").map((col) => t3CellId(r, col)));
        out.push({ ...base, subject: `${row.id}:${h.word}`, kind: "count", value, readings: [{ cells, describe: `${row.label}·${h.word}` }], cells });
        continue;
      }
      if (h.what === "result") {
        if (!isFiller(gap) || !lastCaseSubject) continue;
        const cells = lastCaseSubject === "review" ? [t4CellId("review", h.ref)] : litigationCells(h.ref);
        const label = RESULT_WORDS.find((r) => r.result === h.ref)!.words[0]!;
        out.push({
          ...base,
          subject: `${lastCaseSubject}:${h.ref}`,
          kind: "count",
          value,
          readings: [{ cells, describe: `${lastCaseSubject === "review" ? "行政复议" : "行政诉讼"}${label}` }],
          cells,
        });
        continue;
      }
      if (h.what === "verb") {
        // 「规范性文件制发3件」: the row word just before the verb
        const prev = hits.filter((x) => x.end <= h.start && x.what === "subject" && x.ref.startsWith("item1:")).pop();
        if (!prev || !isFiller(s.slice(prev.end, h.start)) || !isFiller(gap)) continue;
        if (otherYear(s, pos, year)) continue;
        pushT2Item1(out, base, prev.ref.slice(6), h.ref, value, unit);
        continue;
      }
      // a subject word
      if (h.ref.startsWith("item1:")) {
        // 「制发规范性文件3件」「现行有效规章5件」: the verb just before the row word
        const verb = hits.filter((x) => x.end <= h.start && x.what === "verb").pop();
        if (!verb || !isFiller(s.slice(verb.end, h.start), ["行政"]) || !isFiller(gap)) continue;
        if (otherYear(s, pos, year)) continue;
        pushT2Item1(out, { ...base, phrase: s.slice(verb.start, pos + m[0].length).trim() }, h.ref.slice(6), verb.ref, value, unit);
        continue;
      }
      const subj = SUBJECTS.find((x) => x.id === h.ref)!;
      if (!isFiller(gap)) continue;
      if (!unitFits(subj, unit)) continue;
      if (subj.id !== "carried" && otherYear(s, pos, year)) continue;
      if (subj.cls === "application") {
        // 办结 and 收到 also count hotline calls and letters: only in a sentence about applications
        if (BLOCKERS.test(s) || ((subj.id === "done" || subj.id === "new") && !aboutApplications)) continue;
        // 「收到…」「受理…」 count applications only when the phrase says 申请 (or 新收/依申请公开 does)
        if (subj.id === "new" && !/新收|依申请公开/.test(h.word) && !/申请/.test(gap)) continue;
        lastRowSubject = subj.id;
      }
      if (subj.cls === "t2") {
        // 「公开行政许可…」「公示行政处罚…」: published items, not decisions
        if (/公开|公示|发布|录入/.test(s.slice(Math.max(0, h.start - 2), h.start))) continue;
      }
      if (subj.cls === "case") lastCaseSubject = subj.id;
      const amount = subj.unit === "count" ? value : unit === "万元" ? (subj.unit === "yuan" ? value * 10000 : value) : subj.unit === "wanyuan" ? value / 10000 : value;
      const readings: Reading[] = [{ cells: subj.cells, describe: subj.label }];
      const after = s.slice(pos + m[0].length, pos + m[0].length + 12);
      if (subj.id === "new" && /^[（(]?\s*(?:含|包括|其中)(?:上年(?:度)?结转|上一年度结转)/.test(after)) {
        // 「共收到申请185件（含上年结转15件）」: 一 + 二
        qualifiers.push("含上年结转");
        readings.splice(0, 1, {
          cells: [...subj.cells, ...t3RowCells(["carried"])],
          describe: `${t3Row("new").label}与${t3Row("carried").label}之和`,
        });
      }
      out.push({ ...base, subject: subj.id, kind: subj.unit === "count" ? "count" : "amount", value: amount, readings, cells: "cells" in readings[0]! ? readings[0].cells : [] });
    }
    // zero statements: 「未收到政府信息公开申请」「未发生因政府信息公开引起的行政复议、行政诉讼」
    for (const neg of hits.filter((x) => x.what === "negation")) {
      const rest = hits.filter((x) => x.start >= neg.end);
      let cursor = neg.end;
      const named: WordHit[] = [];
      for (const w of rest) {
        const gap = s.slice(cursor, w.start);
        const joiner = named.length ? /^[、和及或与\s]*$/.test(gap) || isFiller(gap.replace(/[、和及或与]/g, ""), ["提起", "申请", "因", "引起", "而", "工作"]) : isFiller(gap, ["因", "引起", "而", "工作", "提起", "产生", "行政机关", "本机关", "我镇", "我局", "我乡"]);
        if (w.what !== "subject" || !joiner) break;
        named.push(w);
        cursor = w.end;
      }
      // 「未收到政府信息公开申请」: the verb names the subject
      if (named.length === 0 && /收到|接到|受理/.test(neg.word)) {
        const m = s.slice(neg.end).match(/^(?:任何)?(?:政府信息公开申请|依申请公开(?:政府信息)?申请|信息公开申请|依申请公开)/);
        if (m) named.push({ start: neg.end, end: neg.end + m[0].length, word: m[0], what: "subject", ref: "new" });
      }
      for (const w of named) {
        const subj = SUBJECTS.find((x) => x.id === w.ref);
        if (!subj || (subj.cls !== "case" && subj.id !== "new" && subj.id !== "infoFee")) continue;
        if (subj.id === "infoFee" && !/收取/.test(neg.word)) continue;
        if (subj.id !== "infoFee" && /收取/.test(neg.word)) continue;
        if (subj.id === "new" && !(/申请/.test(s.slice(neg.end, neg.end + 20)) && aboutApplications)) continue;
        if (neg.word === "无" && subj.id === "new" && !/^无(?:政府信息公开|依申请)/.test(s.slice(neg.start))) continue;
        if (otherYear(s, neg.start, year)) continue;
        // a number right after (「未发生行政复议0件」 is read above)
        if (new RegExp(`^[^，。；]{0,8}?(\\d|[零一二两三四五六七八九十])+\\s*(${UNIT_RE})`).test(s.slice(w.end))) continue;
        out.push({
          field,
          sentence: s.trim(),
          phrase: s.slice(neg.start, w.end).trim(),
          subject: subj.id,
          kind: "none",
          value: 0,
          readings: [{ cells: subj.cells, describe: subj.label }],
          cells: subj.cells,
          qualifiers: [neg.word],
        });
      }
    }
  }
  return out;
}

function unitFits(subj: Subject, unit: string): boolean {
  if (subj.unit === "count") return unit !== "元" && unit !== "万元";
  return unit === "元" || unit === "万元";
}

function pushT2Item1(out: Statement[], base: Omit<Statement, "subject" | "kind" | "value" | "readings" | "cells">, row: string, column: string, value: number, unit: string) {
  if (unit === "元" || unit === "万元") return;
  const subj = SUBJECTS.find((x) => x.id === `${row}.${column}`)!;
  out.push({ ...base, subject: subj.id, kind: "count", value, readings: [{ cells: subj.cells, describe: subj.label }], cells: subj.cells });
}

function readRate(s: string, pos: number, value: number): (Omit<Statement, "field" | "sentence" | "phrase"> & { phraseStart: number }) | null {
  // the rate word right before: 「办结率100%」「按时答复率达到100%」
  let best: { start: number; end: number; id: (typeof RATE_WORDS)[number]["id"] } | null = null;
  for (const r of RATE_WORDS)
    for (const w of r.words) {
      const i = s.lastIndexOf(w, pos);
      if (i >= 0 && i + w.length <= pos && (!best || i + w.length > best.end || (i + w.length === best.end && i < best.start)))
        best = { start: i, end: i + w.length, id: r.id };
    }
  if (!best || !isFiller(s.slice(best.end, pos), ["达到", "为", "均为", "保持"])) return null;
  const total = t3RowCells(["total"]);
  const received = t3RowCells(["new"]);
  const both = t3RowCells(["new", "carried"]);
  const open = t3RowCells(["open"]);
  const openPartial = t3RowCells(["open", "partial"]);
  let readings: Reading[];
  if (best.id === "doneRate")
    readings = [
      { rate: { num: total, den: both }, describe: "（七）总计 ÷（一 + 二）" },
      { rate: { num: total, den: received }, describe: "（七）总计 ÷ 一" },
    ];
  else if (best.id === "openRate")
    readings = [
      { rate: { num: open, den: total }, describe: "予以公开 ÷（七）总计" },
      { rate: { num: openPartial, den: total }, describe: "（予以公开 + 部分公开）÷（七）总计" },
      { rate: { num: open, den: received }, describe: "予以公开 ÷ 一" },
      { rate: { num: openPartial, den: received }, describe: "（予以公开 + 部分公开）÷ 一" },
    ];
  // 按时答复率: the table does not say which answers were on time; a share of the answers it counts
  else readings = [{ rate: { share: total }, describe: "（七）总计中按时答复的比例" }];
  return {
    subject: best.id,
    kind: "rate",
    value,
    readings,
    cells: best.id === "openRate" ? [...openPartial, ...total] : best.id === "doneRate" ? [...total, ...both] : total,
    qualifiers: [],
    phraseStart: best.start,
  };
}

// ---- checking ---------------------------------------------------------------------------------

export type StatementCheck = {
  statement: Statement;
  /** Whether some reading the sentence supports holds. null when the tables cannot tell (blank or invalid cells). */
  holds: boolean | null;
  /** What the table says under the first reading (a sum, or a rate in %). */
  table: number | null;
};

/** The input cells a cell is made of (itself when it is one). */
function inputsOf(id: string): string[] {
  const def = CELLS.get(id);
  if (!def) return [];
  return def.computed ? def.sum.flatMap(inputsOf) : [id];
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;

/** Checks one statement against the tables (and the 信息处理费 statement). */
export function checkStatement(st: Statement, content: ReportContent, totals: Totals): StatementCheck {
  const num = (id: string) => cellNumber(content.cells, totals, id);
  const blank = (ids: string[]) => ids.flatMap(inputsOf).every((i) => readCell(content.cells[i], CELLS.get(i)!.kind).state === "blank");
  if (st.subject === "infoFee") {
    const fee = content.fee;
    if (fee.charged === null) return { statement: st, holds: null, table: null };
    if (!fee.charged) return { statement: st, holds: st.value === 0, table: 0 };
    const r = readCell(fee.amount, "decimal");
    if (r.state !== "valid") return { statement: st, holds: null, table: null };
    return { statement: st, holds: Math.abs(r.value - st.value) < 0.005, table: r.value };
  }
  let first: number | null = null;
  let known = false;
  for (const reading of st.readings) {
    if ("cells" in reading) {
      if (blank(reading.cells)) continue;
      const vals = reading.cells.map(num);
      if (vals.some((v) => v == null)) continue;
      const sum = vals.reduce<number>((a, b) => a + b!, 0);
      known = true;
      if (first == null) first = sum;
      const ok = st.kind === "amount" ? Math.abs(sum - st.value) < 0.00005 + 1e-9 * sum : sum === st.value;
      if (ok) return { statement: st, holds: true, table: sum };
    } else {
      const f = reading.rate;
      const sumOf = (ids: string[]) => {
        const v = ids.map(num);
        return v.some((x) => x == null) ? null : v.reduce<number>((a, b) => a + b!, 0);
      };
      const decimals = (String(st.value).split(".")[1] ?? "").length;
      const tol = 0.5 * 10 ** -decimals + 1e-9;
      if ("share" in f) {
        if (blank(f.share)) continue;
        const d = sumOf(f.share);
        if (d == null) continue;
        known = true;
        if (first == null) first = 100;
        if (d === 0) return { statement: st, holds: true, table: null };
        for (let k = d; k >= 0; k--) {
          const r = (k / d) * 100;
          if (Math.abs(r - st.value) <= tol || round(Math.floor(r * 10 ** decimals) / 10 ** decimals, decimals) === st.value)
            return { statement: st, holds: true, table: r };
        }
        continue;
      }
      if (blank([...f.num, ...f.den])) continue;
      const n = sumOf(f.num);
      const d = sumOf(f.den);
      if (n == null || d == null) continue;
      known = true;
      // no applications: any rate is vacuous
      if (d === 0) return { statement: st, holds: true, table: null };
      const r = (n / d) * 100;
      if (first == null) first = round(r, 2);
      if (Math.abs(r - st.value) <= tol || Math.floor(r * 10 ** decimals) / 10 ** decimals === st.value)
        return { statement: st, holds: true, table: r };
    }
  }
  return { statement: st, holds: known ? false : null, table: first };
}

/** Every statement of every text field of a report. */
export function reportStatements(content: ReportContent, fields: readonly string[], year?: number): Statement[] {
  return fields.flatMap((f) => readStatements(f, content.text[f] ?? "", year));
}

/** The label of a column of table 三 by id (for messages). */
export const t3ColumnLabel = (id: string) => T3_COLUMNS.find((c) => c.id === id)?.label ?? id;
