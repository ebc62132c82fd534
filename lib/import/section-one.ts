/**
 * Section 一 into its text fields: the lead (text before the first sub-heading) and the five topics
 * 主动公开 / 依申请公开 / 政府信息管理 / 政府信息公开平台建设 / 监督保障. Sub-headings are recognised by their
 * numbering family ("（一）", "二 " — zhangliang reuses the top-level numerals — or "1.") and by their topic,
 * never by position alone: a family is used only when most of its items name a topic.
 */
import { SECTION_ONE_TOPIC_NAMES, TEXT_FIELDS } from "@/lib/template";
import { leadingNumber, norm } from "./normalize";
import type { ImportNote } from "./types";

const TOPIC_FIELDS = TEXT_FIELDS.filter((f) => f.section === "s1" && f.heading !== null).map((f) => f.id);
const LEAD_FIELD = TEXT_FIELDS.find((f) => f.section === "s1" && f.heading === null)!.id;

/** Keywords of each topic: its name and the name's last four characters ("平台建设", "信息管理", "申请公开"). */
const TOPIC_KEYS: string[][] = SECTION_ONE_TOPIC_NAMES.map((t) => {
  const n = norm(t);
  return [...new Set([n, n.slice(-4)])];
});

export function topicOf(heading: string): number {
  const h = norm(heading);
  let best = -1;
  let bestAt = Infinity;
  TOPIC_KEYS.forEach((keys, i) => {
    for (const k of keys) {
      const at = h.indexOf(k);
      if (at >= 0 && at < bestAt) {
        best = i;
        bestAt = at;
      }
    }
  });
  return best;
}

type Item = { para: number; value: number; family: "cn" | "ar"; heading: string; rest: string; whole: boolean };

/** The heading part of a numbered paragraph: the whole short paragraph, or the phrase before "。"/"：". */
function headingPart(rest: string): { heading: string; body: string; whole: boolean } {
  const t = rest.trim();
  const m = /^(.{1,24}?)[。：:；;]/.exec(t);
  if (t.length <= 30 && !/[。；;]./.test(t)) return { heading: t, body: "", whole: true };
  if (m) return { heading: m[1]!, body: t.slice(m[0].length).trim(), whole: false };
  return { heading: t.slice(0, 12), body: t, whole: false };
}

export type SectionOneResult = { text: Record<string, string>; notes: ImportNote[] };

export function splitSectionOne(paras: readonly string[]): SectionOneResult {
  const text: Record<string, string> = Object.fromEntries([LEAD_FIELD, ...TOPIC_FIELDS].map((id) => [id, ""]));
  const notes: ImportNote[] = [];
  const items: Item[] = [];
  paras.forEach((p, i) => {
    const ln = leadingNumber(p);
    if (!ln || ln.value < 1 || ln.value > 5) return;
    const hp = headingPart(ln.rest);
    const family = ln.style === "cn" || ln.style === "paren-cn" ? "cn" : "ar";
    items.push({ para: i, value: ln.value, family, heading: hp.heading, rest: hp.body, whole: hp.whole });
  });

  // The family whose items name the most distinct topics.
  let chosen: { family: "cn" | "ar"; items: Item[]; topics: number[] } | null = null;
  for (const family of ["cn", "ar"] as const) {
    const fam = items.filter((it) => it.family === family);
    const topics = fam.map((it) => topicOf(it.heading));
    const distinct = new Set(topics.filter((t) => t >= 0)).size;
    if (distinct >= 3 && (!chosen || distinct > new Set(chosen.topics.filter((t) => t >= 0)).size)) {
      chosen = { family, items: fam, topics };
    }
  }

  const join = (id: string, s: string) => {
    if (!s) return;
    text[id] = text[id] ? `${text[id]}\n${s}` : s;
  };

  if (!chosen) {
    for (const p of paras) join(LEAD_FIELD, p);
    if (paras.length > 0) {
      notes.push({
        kind: "other",
        message: `「总体情况」没有按${SECTION_ONE_TOPIC_NAMES.join("、")}五个方面分项（或分项标题无法识别），全部内容已放入「总体情况（导语）」，请按五个方面整理。`,
      });
    }
    return { text, notes };
  }

  // Topic of each item: its keyword, else its number when that topic is not named by another item.
  const named = new Set(chosen.topics.filter((t) => t >= 0));
  const topicByPara = new Map<number, number>();
  chosen.items.forEach((it, k) => {
    let t = chosen.topics[k]!;
    if (t < 0 && !named.has(it.value - 1)) t = it.value - 1;
    if (t >= 0) topicByPara.set(it.para, t);
  });
  // Items must be in order: a number that goes back (a nested "1." list) is not a sub-heading.
  let field = LEAD_FIELD;
  const seen = new Set<number>();
  paras.forEach((p, i) => {
    const t = topicByPara.get(i);
    if (t !== undefined && !seen.has(t)) {
      seen.add(t);
      field = TOPIC_FIELDS[t]!;
      const it = chosen.items.find((x) => x.para === i)!;
      if (!it.whole) join(field, it.rest);
      return;
    }
    join(field, p);
  });
  const missing = SECTION_ONE_TOPIC_NAMES.filter((_, k) => !seen.has(k));
  if (missing.length > 0) {
    notes.push({
      kind: "missing-section",
      message: `「总体情况」中没有找到以下方面：${missing.join("、")}，请补写。`,
    });
  }
  return { text, notes };
}
