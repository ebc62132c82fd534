/**
 * Finding the six section headings: "一、总体情况" and its variants (no "、", full or half-width
 * punctuation, the longer wordings of 四 and 五, small typos), a wrong numeral (two 五 and no 六), a heading
 * that is repeated as a sub-heading inside 一.
 */
import { SECTIONS, type SectionDef, type SectionKey } from "@/lib/template";
import { editDistance, leadingNumber, norm } from "./normalize";
import type { Line } from "./lines";

export type HeadingHit = {
  line: number;
  key: SectionKey;
  /** The numeral as printed (1–6), or null for a heading printed without one. */
  number: number | null;
  exact: boolean;
  text: string;
};

const titleForms = (s: SectionDef) => [s.title, ...s.variants].map(norm);

/** The section a line is the heading of, if any. */
export function matchHeading(line: Line): HeadingHit | null {
  const nonEmpty = line.cells.filter(Boolean);
  if (nonEmpty.length !== 1) return null;
  let t = line.text.normalize("NFKC").replace(/\*\*/g, "").trim().replace(/[:：。]$/, "");
  if (t.length > 40) return null;
  let number: number | null = null;
  const ln = leadingNumber(t);
  if (ln) {
    // Top-level headings are "一、" / "一 " (or "1."), never "（一）".
    if (ln.style === "paren-cn" || ln.style === "paren-ar") return null;
    number = ln.value;
    t = ln.rest;
  } else {
    // "第一部分 总体情况", or a numeral run into the title ("二主动公开政府信息情况", a space lost in extraction).
    const m = /^第([一二三四五六])部分/.exec(t) ?? /^([一二三四五六])(?=\S)/.exec(t);
    if (m && (m[0].length > 1 || SECTIONS.some((s) => titleForms(s).includes(norm(t.slice(1)))))) {
      number = "一二三四五六".indexOf(m[1]!) + 1;
      t = t.slice(m[0].length);
    }
  }
  // 2019-format pages often say 「二、行政机关主动公开政府信息情况」「三、行政机关收到和处理政府信息公开申请情况」.
  const rest = norm(t).replace(/^行政机关(?=主动公开|收到和处理)/, "");
  if (!rest) return null;
  for (const s of SECTIONS) {
    if (titleForms(s).includes(rest)) return { line: line.i, key: s.key, number, exact: true, text: line.text };
  }
  if (number === null) return null;
  // A numbered line close to a title (typos, a missing or extra 的/工作): accept, but mark as inexact.
  let best: { s: SectionDef; d: number } | null = null;
  for (const s of SECTIONS) {
    for (const f of titleForms(s)) {
      const d = editDistance(rest, f);
      if (d <= Math.max(1, Math.floor(f.length * 0.2)) && (!best || d < best.d)) best = { s, d };
    }
  }
  return best ? { line: line.i, key: best.s.key, number, exact: false, text: line.text } : null;
}

/** Lines that look like the start of a table of the given section (used to pick between repeated headings). */
function looksLikeTable(lines: readonly Line[], from: number, key: SectionKey, labels: ReadonlyMap<SectionKey, string[]>): boolean {
  const want = labels.get(key) ?? [];
  let seen = 0;
  for (let i = from + 1; i < lines.length && seen < 6; i++) {
    const l = lines[i]!;
    if (l.blank) continue;
    seen++;
    const n = norm(l.text);
    if (want.some((w) => n.includes(w))) return true;
  }
  return false;
}

export type SectionPlan = {
  /** The chosen heading of each section found. */
  headings: HeadingHit[];
  /** Other lines that matched a heading but were not taken (repeats, stray titles). */
  rejected: { hit: HeadingHit; reason: "duplicate" | "stray" | "subheading" }[];
};

/**
 * Picks one heading per section. Repeats of a table section's heading are decided by what follows (a table);
 * a repeated text section keeps its first heading (the repeat is reported); an unnumbered title line is used
 * only when the section has no numbered heading.
 */
export function planSections(lines: readonly Line[], tableLabels: ReadonlyMap<SectionKey, string[]>): SectionPlan {
  const hits = lines.map(matchHeading).filter((h): h is HeadingHit => h !== null);
  const rejected: SectionPlan["rejected"] = [];
  const chosen: HeadingHit[] = [];
  for (const s of SECTIONS) {
    const mine = hits.filter((h) => h.key === s.key);
    if (mine.length === 0) continue;
    const numbered = mine.filter((h) => h.number !== null);
    const pool = numbered.length > 0 ? numbered : mine;
    for (const h of mine) if (!pool.includes(h)) rejected.push({ hit: h, reason: "stray" });
    let pick: HeadingHit;
    if (s.kind === "table" && pool.length > 1) {
      pick = pool.find((h) => looksLikeTable(lines, h.line, s.key, tableLabels)) ?? pool[pool.length - 1]!;
    } else {
      pick = pool.find((h) => h.exact) ?? pool[0]!;
    }
    chosen.push(pick);
    for (const h of pool) if (h !== pick) rejected.push({ hit: h, reason: s.kind === "table" ? "subheading" : "duplicate" });
  }
  chosen.sort((a, b) => a.line - b.line);
  return { headings: chosen, rejected };
}
