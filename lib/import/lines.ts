/**
 * The text of a report as lines (table rows keep their tab-separated cells) and as paragraphs.
 */
import { leadingNumber } from "./normalize";

export type Line = {
  /** Index in the document's line list. */
  i: number;
  /** The line as given (tabs kept). */
  raw: string;
  /** Cells: the line split at tabs, each trimmed. A line without tabs has one cell. */
  cells: string[];
  /** The line's text with tabs as single spaces, trimmed, markdown emphasis removed. */
  text: string;
  /** Nothing but whitespace (tabs count as nothing). */
  blank: boolean;
};

export function toLines(text: string): Line[] {
  const src = text.replace(/^\ufeff/, "").replace(/\r\n?/g, "\n").replace(/\f/g, "\n");
  return src.split("\n").map((raw, i) => {
    const cells = raw.split("\t").map((c) => c.trim());
    const t = cleanText(cells.filter(Boolean).join(" "));
    return { i, raw, cells, text: t, blank: t === "" };
  });
}

/** Markdown artefacts of text extraction: `**bold**`, `<http://autolinks>`. */
export function cleanText(s: string): string {
  return s
    .replace(/\*\*/g, "")
    .replace(/<((?:https?:\/\/|www\.)[^<>\s]+)>/g, "$1")
    .replace(/[\u00a0]/g, " ")
    .trim();
}

/** Ends a sentence or a heading: a paragraph ending with one of these is complete. */
const TERMINAL = /[。！？!?；;：:…」』”"）)\]】》]$/;

/**
 * Lines of running text to paragraphs: a paragraph broken by text extraction (a page break inside a
 * sentence: "…网络泄" / "密和形式主义…"; a line ending with "，") is joined again. Headings and list items
 * start new paragraphs.
 */
export function joinBrokenParagraphs(lines: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line) continue;
    const prev = out[out.length - 1];
    if (prev !== undefined && continues(prev, line)) {
      out[out.length - 1] = prev + line;
    } else {
      out.push(line);
    }
  }
  return out;
}

function continues(prev: string, next: string): boolean {
  if (TERMINAL.test(prev)) return false;
  if (leadingNumber(next)) return false;
  const numbered = leadingNumber(prev) !== null;
  if (/[，、,]$/.test(prev)) return !numbered || prev.length > 40;
  if (prev.length < 15) return false;
  if (numbered && prev.length <= 40) return false;
  // A complete-looking short line followed by a new sentence is a heading, not a broken line.
  return /[\p{Script=Han}\w“（(]$/u.test(prev);
}
