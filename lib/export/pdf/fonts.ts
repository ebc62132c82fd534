/**
 * Fonts for the PDF export: registration with react-pdf, the Chinese line-breaking callback and
 * glyph coverage checks.
 *
 * The stand-ins for the official faces live in /fonts (see fonts/README.md). Every fontFamily used
 * in the document is an array ending with the fallback face, so characters missing from a Fandol
 * face (e.g. 堃喆昇镕赟) are drawn in Noto Serif SC instead of silently vanishing.
 */
import path from "node:path";
import { Font } from "@react-pdf/renderer";
import { openSync, type Font as FontkitFont } from "fontkit";

/** react-pdf family name → file in /fonts. */
export const FONT_FILES = {
  FangSong: "FandolFang-Regular.otf",
  Hei: "FandolHei-Regular.otf",
  Kai: "FandolKai-Regular.otf",
  Song: "FandolSong-Regular.otf",
  Title: "NotoSerifSC-Black.ttf",
  Fallback: "NotoSerifSC-Regular.ttf",
} as const;

export type FaceName = keyof typeof FONT_FILES;
/** A primary face; the fallback is appended automatically. */
export type PrimaryFace = Exclude<FaceName, "Fallback">;

/** The fontFamily arrays used in the document: primary face first, fallback last. */
export const FAMILY: Record<PrimaryFace, string[]> = {
  FangSong: ["FangSong", "Fallback"],
  Hei: ["Hei", "Fallback"],
  Kai: ["Kai", "Fallback"],
  Song: ["Song", "Fallback"],
  Title: ["Title", "Fallback"],
};

export function fontPath(face: FaceName): string {
  return path.join(process.cwd(), "fonts", FONT_FILES[face]);
}

let registered = false;

/** Register the fonts and the hyphenation callback with react-pdf. Idempotent (once per process). */
export function registerFonts(): void {
  if (registered) return;
  for (const face of Object.keys(FONT_FILES) as FaceName[]) {
    Font.register({ family: face, src: fontPath(face) });
  }
  Font.registerHyphenationCallback(chineseHyphenation);
  registered = true;
}

/** The faces every report draws with (the fallback is loaded by react-pdf only when needed). */
const PRIMED_FACES: PrimaryFace[] = ["FangSong", "Hei", "Kai", "Song", "Title"];

let prepared: Promise<void> | null = null;

/**
 * Register and load the faces, and make justification independent of what was rendered before.
 * Once per process; call before every render.
 *
 * Why: in these fonts the no-break space (which prepareText puts in place of every space) is the
 * space glyph, and fontkit caches each glyph with the characters of its first use, for the life of
 * the process. react-pdf stretches glyphs whose characters include U+0020 as word spaces: so a
 * "2023 年" line was justified evenly in a process's first render and with a 4 pt gap after the
 * number in every later one. Creating the glyph from U+00A0 first fixes it as a no-break space:
 * lines are always justified evenly, and the same view model always gives the same bytes.
 */
export function prepareFonts(): Promise<void> {
  registerFonts();
  prepared ??= (async () => {
    for (const face of PRIMED_FACES) {
      await Font.load({ fontFamily: face });
      const font = Font.getFont({ fontFamily: face })?.data as { glyphForCodePoint?: (cp: number) => unknown } | undefined;
      font?.glyphForCodePoint?.(0xa0);
    }
  })();
  return prepared;
}

// ---------------------------------------------------------------------------------------------
// Line breaking (避头尾)

/** Characters that must not start a line: they stick to the part before them. */
const CLOSING = new Set([..."，。、；：？！）》」』】〕〉’”…—·％‰,.;:?!)]}%\u00a0\u3000"]);
/** Characters that must not end a line: they stick to the part after them. */
const OPENING = new Set([..."（《「『【〔〈‘“([{"]);
/** Inside a long ASCII run (URL, e-mail), a break is allowed after these. */
const ASCII_BREAK_AFTER = new Set([..."/.-_?&=@#:"]);
/** ASCII runs up to this length are never broken (numbers, phone numbers, short codes). */
const ASCII_KEEP_WHOLE = 16;

const isAsciiVisible = (ch: string) => {
  const c = ch.charCodeAt(0);
  return c > 0x20 && c < 0x7f;
};

/** Longer pieces of an ASCII run are cut anyway (a part wider than the line would overflow). */
const ASCII_MAX_PIECE = 10;

/** Split a long ASCII run (URL etc.) after separator characters; short runs stay whole. */
function splitAsciiRun(run: string): string[] {
  if (run.length <= ASCII_KEEP_WHOLE) return [run];
  const pieces: string[] = [];
  let cur = "";
  for (let i = 0; i < run.length; i++) {
    const ch = run[i] as string;
    cur += ch;
    const next = run[i + 1];
    // break after a separator, but keep runs of separators ("//", "..") together
    if (ASCII_BREAK_AFTER.has(ch) && next !== undefined && !ASCII_BREAK_AFTER.has(next)) {
      pieces.push(cur);
      cur = "";
    }
  }
  if (cur) pieces.push(cur);
  return pieces.flatMap((p) => {
    if (p.length <= ASCII_MAX_PIECE) return [p];
    const out: string[] = [];
    for (let i = 0; i < p.length; i += ASCII_MAX_PIECE) out.push(p.slice(i, i + ASCII_MAX_PIECE));
    return out;
  });
}

/**
 * Split a space-free word into its unbreakable parts: every CJK character on its own, ASCII runs
 * whole (long ones split after '/', '.', '-' …), closing punctuation glued to the part before,
 * opening punctuation glued to the part after.
 */
export function breakParts(word: string): string[] {
  const units: string[] = [];
  const chars = [...word];
  for (let i = 0; i < chars.length; ) {
    const ch = chars[i] as string;
    if (isAsciiVisible(ch) && !OPENING.has(ch) && !CLOSING.has(ch)) {
      let j = i;
      let run = "";
      // an ASCII run may contain ASCII punctuation (e.g. "100%", "www.gov.cn", "0375-1234567")
      while (j < chars.length && isAsciiVisible(chars[j] as string)) {
        run += chars[j];
        j++;
      }
      // trailing closing punctuation of the run is handled as separate units below
      let k = run.length;
      while (k > 0 && CLOSING.has(run[k - 1] as string)) k--;
      units.push(...splitAsciiRun(run.slice(0, k)));
      for (const p of run.slice(k)) units.push(p);
      i = j;
    } else {
      units.push(ch);
      i++;
    }
  }
  const parts: string[] = [];
  let glueNext = false;
  for (const u of units) {
    if (u === "") continue;
    const last = parts.length - 1;
    if (last >= 0 && (glueNext || (u.length === 1 && CLOSING.has(u)))) {
      parts[last] += u;
    } else {
      parts.push(u);
    }
    glueNext = u.length === 1 && OPENING.has(u);
  }
  // A part made only of (non-breaking) spaces would become stretchable glue: attach it.
  if (parts.length > 1 && (parts[0] as string).trim() === "") {
    parts.splice(0, 2, (parts[0] as string) + (parts[1] as string));
  }
  return parts;
}

/**
 * react-pdf hyphenation callback for Chinese. react-pdf calls it for every space-separated word
 * and breaks lines only between the returned parts; empty strings between parts allow a break
 * without inserting a hyphen.
 */
export function chineseHyphenation(word: string | null): string[] {
  if (!word) return [];
  if (word.trim() === "") return [word];
  const parts = breakParts(word);
  const out: string[] = [];
  parts.forEach((p, i) => {
    if (i > 0) out.push("");
    out.push(p);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------
// Glyph coverage and metrics (fontkit)

const fontkitCache = new Map<FaceName, FontkitFont>();

/** The parsed font (fontkit) for a face; cached per process. */
export function fontkitFont(face: FaceName): FontkitFont {
  let f = fontkitCache.get(face);
  if (!f) {
    f = openSync(fontPath(face));
    fontkitCache.set(face, f);
  }
  return f;
}

const coverCache = new Map<string, boolean>();

/** Whether the face draws this character itself (else the fallback face does). */
function faceHas(face: PrimaryFace, ch: string): boolean {
  const key = face + ch;
  let ok = coverCache.get(key);
  if (ok === undefined) {
    ok = fontkitFont(face).hasGlyphForCodePoint(ch.codePointAt(0) as number);
    coverCache.set(key, ok);
  }
  return ok;
}

/**
 * Characters of `text` that the primary body face (FandolFang, for 仿宋) does not contain, in
 * order of first appearance, without duplicates. They are drawn in the fallback face (Noto Serif
 * SC), which looks different: tell the author.
 */
export function missingGlyphs(text: string, face: PrimaryFace = "FangSong"): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const ch of text) {
    if (seen.has(ch)) continue;
    seen.add(ch);
    const cp = ch.codePointAt(0) as number;
    if (cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || ch === "\u200b") continue;
    if (!faceHas(face, ch)) out.push(ch);
  }
  return out;
}

/** Characters that no registered face can draw (not even the fallback). */
export function unrenderableGlyphs(text: string): string[] {
  return missingGlyphs(text, "FangSong").filter((ch) => !drawable(ch.codePointAt(0) as number));
}

/** What stands in for a character no face can draw (emoji, most symbols outside CJK). */
export const UNDRAWABLE_MARK = "□";

const drawableCache = new Map<number, boolean>();
/** Joiners and selectors that belong to the character before them; never drawn on their own. */
const isCombiningControl = (cp: number) => cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff);

function drawable(cp: number): boolean {
  if (cp <= 0x20 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x200b) return true;
  let ok = drawableCache.get(cp);
  if (ok === undefined) {
    ok = fontkitFont("FangSong").hasGlyphForCodePoint(cp) || fontkitFont("Fallback").hasGlyphForCodePoint(cp);
    drawableCache.set(cp, ok);
  }
  return ok;
}

/**
 * The text with every character no face can draw replaced by □ — one per user-perceived character,
 * so "👍🏻" or a ZWJ family is one □. Without this react-pdf draws them in a non-embedded Latin font
 * as garbage (and may garble what follows). The author is told which (unrenderableGlyphs).
 */
export function drawableText(text: string): string {
  let needed = false;
  for (const ch of text) {
    if (!drawable(ch.codePointAt(0) as number)) {
      needed = true;
      break;
    }
  }
  if (!needed) return text;
  let out = "";
  for (const { segment } of new Intl.Segmenter("zh", { granularity: "grapheme" }).segment(text)) {
    const bad = [...segment].some((ch) => {
      const cp = ch.codePointAt(0) as number;
      return !isCombiningControl(cp) && !drawable(cp);
    });
    out += bad ? UNDRAWABLE_MARK : segment.replace(/[\u200d\ufe00-\ufe0f]/g, "");
  }
  return out;
}

const advanceCache = new Map<string, number>();

/**
 * Advance width of one character in em units, as react-pdf will draw it: from the primary face,
 * or from the fallback when the primary face lacks the glyph.
 */
export function advanceEm(face: PrimaryFace, ch: string): number {
  const key = face + ch;
  const cached = advanceCache.get(key);
  if (cached !== undefined) return cached;
  const font = fontkitFont(faceHas(face, ch) ? face : "Fallback");
  const em = font.glyphForCodePoint(ch.codePointAt(0) as number).advanceWidth / font.unitsPerEm;
  advanceCache.set(key, em);
  return em;
}

/**
 * Text cut into runs drawn by one face each: the primary face, or the fallback for the characters
 * it lacks (as react-pdf's font substitution does), with each run's advance width in em.
 */
export function faceRuns(text: string, face: PrimaryFace): { face: FaceName; text: string; widthEm: number }[] {
  const runs: { face: FaceName; text: string; widthEm: number }[] = [];
  let last: (typeof runs)[number] | undefined;
  for (const ch of text) {
    const f: FaceName = faceHas(face, ch) ? face : "Fallback";
    const w = advanceEm(face, ch);
    if (last && last.face === f) {
      last.text += ch;
      last.widthEm += w;
    } else {
      last = { face: f, text: ch, widthEm: w };
      runs.push(last);
    }
  }
  return runs;
}

/** A face's ascent in em: where react-pdf puts the baseline below the top of a line. */
export function fontAscentEm(face: FaceName): number {
  const f = fontkitFont(face);
  return f.ascent / f.unitsPerEm;
}
