/**
 * Geometry, fonts and pure helpers of the DOCX export (GB/T 9704-2012 公文 layout, see
 * shared/spec/official-format.md §9 and shared/spec/pdf-docx-fonts.md).
 *
 * All lengths are in twips (1/20 pt) unless a name says otherwise; run sizes are in half-points.
 */
import type { Align } from "../view-model";

// ---------------------------------------------------------------------------------------------
// Fonts: the OFFICIAL names. A clerk's Word/WPS has these faces; LibreOffice maps them to the
// committed stand-ins through fonts/fontconfig/fonts.conf.

export const FONT = {
  /** 2号小标宋: the title */
  title: "方正小标宋简体",
  /** 3号黑体: "一、" headings, bold table cells */
  hei: "黑体",
  /** 3号楷体: "（一）" headings */
  kai: "楷体_GB2312",
  /** 3号仿宋: body text, signature */
  fangSong: "仿宋_GB2312",
  /** 宋体: page numbers, tables */
  song: "宋体",
} as const;

export type FontName = (typeof FONT)[keyof typeof FONT];

/** One face in every font slot: Word picks the East Asian slot for hanzi, the others for digits/Latin. */
export const fontSlots = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

// ---------------------------------------------------------------------------------------------
// Page (A4) and text block (156 × 225 mm)

export const PAGE = { width: 11906, height: 16838 } as const;
export const MARGIN = { top: 2098, bottom: 1984, left: 1587, right: 1474 } as const;
export const TEXT_W = PAGE.width - MARGIN.left - MARGIN.right; // 8845 twips = 156 mm
export const TEXT_H = PAGE.height - MARGIN.top - MARGIN.bottom; // 12756 twips = 225 mm

const MM = 1440 / 25.4;

/** Body: 3号 (16 pt), exact line pitch 28.95 pt, two-character first-line indent, 28 × 22 per page. */
export const BODY = {
  /** half-points */
  size: 32,
  /** exact line spacing */
  line: 579,
  indent: 632,
  /** run character spacing (twips): 28 characters per line in LibreOffice */
  charSpacing: -5,
} as const;
/** Advance of one full-width body character, spacing included. */
export const BODY_CHAR = BODY.size * 10 + BODY.charSpacing;

/** Title: 2号 (22 pt), centred; followed by one blank body line. */
export const TITLE = { size: 44, line: 720, after: BODY.line } as const;

/** Page number "— n —": 4号 (14 pt) 宋体, its top 7 mm below the text block, indented one character. */
export const FOLIO = {
  size: 28,
  line: 360,
  indent: 280,
  /** footer distance from the page's bottom edge to the bottom of the footer paragraph */
  footer: Math.round(MARGIN.bottom - 7 * MM - 360),
  header: 851,
} as const;

/** Tables: 0.5 pt black rules, 2 pt side padding, lines at 1.3 × the text size. */
export const TABLE = {
  /** border size in eighths of a point */
  border: 4,
  padH: 40,
  padV: 30,
  lineFactor: 1.3,
  /** default text size in pt */
  fontSize: 10.5,
  /** space above the paragraph that follows a table */
  after: Math.round(BODY.line / 2),
} as const;

export const ALIGN: Record<Align, "left" | "center" | "right"> = { left: "left", center: "center", right: "right" };

// ---------------------------------------------------------------------------------------------
// Text

/**
 * Characters XML 1.0 does not allow (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
 * one of these in a w:t makes Word refuse the file as corrupt.
 */
const XML_INVALID = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/** Text safe for a w:t: invalid XML characters dropped, tabs as spaces, CR/LF normalised to "\n". */
export function cleanText(text: string): string {
  return text.replace(/\r\n?/g, "\n").replace(XML_INVALID, "").replace(/\t/g, " ");
}

/** Paragraphs of a text: split at line breaks, trimmed, empty ones dropped. */
export function splitParagraphs(text: string): string[] {
  return cleanText(text)
    .split("\n")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** Full-width characters (hanzi, CJK punctuation, full-width forms, emoji) take one em; the rest half. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    cp === 0x2014 ||
    cp === 0x2026 ||
    cp >= 0x1f000
  );
}

/** Estimated width of a line of body text in twips (hanzi one em, digits and Latin half an em). */
export function bodyTextWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += (isWide(ch.codePointAt(0) ?? 0) ? BODY.size * 10 : BODY.size * 5) + BODY.charSpacing;
  return w;
}

/**
 * Right indents of the signature lines (§9): the organ name 2 characters from the right margin and
 * the date starting 2 characters right of the name's first character; a date longer than that is
 * itself indented 2 characters and the name moves left so that it still starts 2 characters before
 * the date. Both lines are right-aligned, so only the estimate of the widths matters, never the page.
 */
export function signatureIndents(organName: string, date: string): { name: number; date: number } {
  const indent = BODY.indent;
  const nameW = bodyTextWidth(organName);
  const dateW = bodyTextWidth(date);
  if (date === "" || indent + dateW <= nameW) {
    return { name: indent, date: Math.max(0, nameW - dateW) };
  }
  return { name: Math.max(0, 2 * indent + dateW - nameW), date: indent };
}

// ---------------------------------------------------------------------------------------------
// Tables

/**
 * Column widths in twips from fractions of the text width: normalised (the fractions need not sum
 * to exactly 1), rounded so that they add up to the text width exactly.
 */
export function columnWidths(fractions: readonly number[], total = TEXT_W): number[] {
  const clean = fractions.map((f) => (Number.isFinite(f) && f > 0 ? f : 0));
  let sum = clean.reduce((a, b) => a + b, 0);
  const fr = sum > 0 ? clean : clean.map(() => 1);
  sum = fr.reduce((a, b) => a + b, 0);
  const out: number[] = [];
  let acc = 0;
  let prev = 0;
  for (const f of fr) {
    acc += f;
    const edge = Math.round((acc / sum) * total);
    out.push(edge - prev);
    prev = edge;
  }
  return out;
}
