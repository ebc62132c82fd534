/**
 * The parts around the sections: the title (organ name and year), the 署名 and 成文日期 at the end,
 * the 信息处理费 statement in 六, and the 2019-format fingerprints.
 */
import { norm } from "./normalize";
import type { Line } from "./lines";

const CN_DIGIT: Record<string, string> = {
  "〇": "0", 零: "0", "○": "0", Ｏ: "0", 一: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9",
};

/** "二〇二四" → "2024"; "十九" → "19". */
function cnToArabic(s: string): string {
  if (/^\d+$/.test(s)) return String(Number(s));
  if (/^[〇零○Ｏ一二三四五六七八九]{4}$/.test(s)) return [...s].map((c) => CN_DIGIT[c] ?? "").join("");
  // 1–31 written with 十
  const m = /^([一二三])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return String((m[1] ? Number(CN_DIGIT[m[1]]) : 1) * 10 + (m[2] ? Number(CN_DIGIT[m[2]]) : 0));
  if (s.length === 1 && CN_DIGIT[s]) return CN_DIGIT[s]!;
  return "";
}

const DATE = /^(\d{4}|[〇零○Ｏ一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,2})月(\d{1,2}|[一二三四五六七八九十]{1,3})日$/;

/** "2024 年 01 月 19 日" / "二〇二四年一月十九日" → "2024年1月19日"; null if the text is not a date. */
export function parseDate(text: string): string | null {
  const t = text.normalize("NFKC").replace(/\s+/g, "");
  const m = DATE.exec(t);
  if (!m) return null;
  const y = cnToArabic(m[1]!);
  const mo = cnToArabic(m[2]!);
  const d = cnToArabic(m[3]!);
  if (!y || !mo || !d || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31) return null;
  return `${y}年${Number(mo)}月${Number(d)}日`;
}

export type Title = { lines: number[]; text: string; organName: string | null; year: number | null };

/**
 * The title: the first short lines, up to the one that completes "…年度报告" (a following "2023 年度" line
 * belongs to it). Lines before `limit` (the first heading) only.
 */
export function findTitle(lines: readonly Line[], limit: number): Title | null {
  const cand = lines.slice(0, limit).filter((l) => !l.blank).slice(0, 4);
  const taken: Line[] = [];
  for (const l of cand) {
    const t = norm(l.text);
    if (t.length > 45 || /[。，]/.test(l.text)) break;
    const isYearLine = /^\d{4}年度?$/.test(t);
    const joined = norm(taken.map((x) => x.text).join(""));
    if (/年度报告|年报$/.test(joined) && !isYearLine) break;
    taken.push(l);
    if (taken.length >= 3) break;
  }
  while (taken.length > 0 && !/报告|年报/.test(norm(taken.map((x) => x.text).join("")))) taken.pop();
  // A line that is a whole title by itself ("XX镇2023年政府信息公开工作年度报告") starts the title: short lines
  // above it are the page's (a section name, a site title).
  const whole = taken.findIndex((l) => /\d{4}年.*(报告|年报)$/.test(norm(l.text)) && !/^\d{4}年/.test(norm(l.text)));
  if (whole > 0) taken.splice(0, whole);
  if (taken.length === 0) return null;
  // Drop trailing lines after the one that completes the title, unless they are a year line.
  const text = taken.map((x) => x.text).join("");
  const t = norm(text);
  const ym = /(\d{4}|[〇零○一二三四五六七八九]{4})年/.exec(t);
  const year = ym ? Number(cnToArabic(ym[1]!)) || null : null;
  // The organ name is what precedes the year or "政府信息公开…", whichever comes first.
  const cuts = [ym?.index ?? -1, t.indexOf("政府信息公开")].filter((x) => x > 0);
  let organ: string | null = cuts.length > 0 ? t.slice(0, Math.min(...cuts)) : null;
  if (organ) organ = organ.replace(/(关于|的)$/, "") || null;
  // "2022年政府信息公开工作年度报告" with the organ on a line of its own below it (then often the title again).
  if (!organ || /^\d/.test(organ)) {
    const after = cand.slice(cand.indexOf(taken[taken.length - 1]!) + 1);
    const own = after.find((l) => {
      const n = norm(l.text);
      return n.length >= 3 && n.length <= 30 && !/[。，,]/.test(n) && ORGAN_END.test(n);
    });
    if (own) {
      organ = norm(own.text);
      const k = after.indexOf(own);
      const again = after[k + 1];
      const more = again && /报告|年报/.test(norm(again.text)) && norm(again.text).length <= 45 ? [again.i] : [];
      return { lines: [...taken.map((x) => x.i), own.i, ...more], text, organName: organ, year };
    }
    if (organ && /^\d/.test(organ)) organ = null;
  }
  return { lines: taken.map((x) => x.i), text, organName: organ, year };
}

/** The statistical period's year in the opening ("统计数据从 2023 年 1 月 1 日至…"), or the most frequent year. */
export function yearFromText(text: string): number | null {
  const t = norm(text);
  const m = /(\d{4})年1月1日/.exec(t);
  if (m) return Number(m[1]);
  const counts = new Map<number, number>();
  for (const x of t.matchAll(/(20\d{2})年/g)) counts.set(Number(x[1]), (counts.get(Number(x[1])) ?? 0) + 1);
  let best: number | null = null;
  for (const [y, c] of counts) if (best === null || c > (counts.get(best) ?? 0)) best = y;
  return best;
}

const ORGAN_END = /(人民政府|政府|镇|乡|街道办事处|办事处|局|委员会|办公室|中心|委|办|厅|院|所|队)$/;

export type Signature = { lines: number[]; organName: string | null; date: string | null };

/** The 署名 and 成文日期 at the end of the document (the last one or two lines). */
export function findSignature(lines: readonly Line[], from: number, titleOrgan: string | null): Signature {
  const tail = lines.slice(from).filter((l) => !l.blank);
  const last = tail[tail.length - 1];
  const prev = tail[tail.length - 2];
  const sig: Signature = { lines: [], organName: null, date: null };
  if (!last) return sig;
  const looksOrgan = (l: Line | undefined) => {
    if (!l) return false;
    const t = norm(l.text);
    return t.length >= 3 && t.length <= 30 && !/[。，,；;：:]/.test(t) && (ORGAN_END.test(t) || (!!titleOrgan && t.includes(titleOrgan)));
  };
  const date = parseDate(last.text);
  if (date) {
    sig.date = date;
    sig.lines.push(last.i);
    if (looksOrgan(prev)) {
      sig.organName = prev!.text.replace(/\s+/g, "");
      sig.lines.push(prev!.i);
    }
    return sig;
  }
  // Name and date on one line.
  const m = /^(.{3,30}?)\s+(\S+年\S+月\S+日)$/.exec(last.text.trim());
  if (m && parseDate(m[2]!)) {
    const fake = { ...last, text: m[1]! };
    if (looksOrgan(fake)) {
      sig.organName = m[1]!.replace(/\s+/g, "");
      sig.date = parseDate(m[2]!);
      sig.lines.push(last.i);
      return sig;
    }
  }
  if (looksOrgan(last)) {
    sig.organName = last.text.replace(/\s+/g, "");
    sig.lines.push(last.i);
  }
  return sig;
}

export type FeeFinding = {
  charged: boolean | null;
  /** The recognised sentence, trimmed. */
  sentence: string | null;
  /** Where the sentence (untrimmed, with its closing punctuation) sits in the text: [start, end). */
  start: number;
  end: number;
  /** Fees charged: the number of applications and the amount in 元, when the sentence states them. */
  pieces: string;
  amount: string;
};

/** "3件" → "3"; "共计300元" / "300.5 元" → "300.5" (元 only: an amount in 万元 is left to the clerk). */
function feeFigures(text: string): { pieces: string; amount: string } {
  const t = text.replace(/(\d),(?=\d{3})/g, "$1");
  const pieces = /(\d+)件/.exec(t)?.[1] ?? "";
  const amount = /(\d+(?:\.\d+)?)(?<!万)元/.exec(t.replace(/万元/g, "万"))?.[1] ?? "";
  return { pieces, amount };
}

/** What section 六 says about the 信息处理费 (国办函〔2020〕109号), and where the sentence saying it is. */
export function feeFromText(text: string): FeeFinding {
  const sentences = text.split(/(?<=[。！？\n])/);
  let at = 0;
  for (const s of sentences) {
    const start = at;
    at += s.length;
    const t = norm(s);
    if (!t.includes("处理费")) continue;
    const found = { sentence: s.trim(), start, end: at, pieces: "", amount: "" };
    if (
      /(未|没有|不|无|暂未|均未|从未)(收取|产生|发生|收费|涉及|征收)/.test(t) ||
      /处理费(为|是|共计|合计)?(0|零|无)(?![\d.])/.test(t) ||
      /(收取|收费)[^。]{0,12}(?<![\d.,])(0|零)(\.0+)?(元|万元)/.test(t)
    ) {
      return { ...found, charged: false };
    }
    if (/收取[^。]{0,30}\d/.test(t)) return { ...found, charged: true, ...feeFigures(t) };
  }
  return { charged: null, sentence: null, start: -1, end: -1, pieces: "", amount: "" };
}

/** 2019 trial-format fingerprints (spec §7), as printed in such reports. */
export const OLD_FORMAT_MARKERS: readonly string[] = [
  "本年新制作数量",
  "本年新公开数量",
  "对外公开总数量",
  "上一年项目数量",
  "本年增/减",
  "其他对外管理服务事项",
  "第二十条第（九）项",
  "政府集中采购",
  "国办公开办函〔2019〕60号",
];

export function oldFormatMarkers(text: string): string[] {
  const t = norm(text);
  return OLD_FORMAT_MARKERS.filter((m) => t.includes(norm(m)));
}
