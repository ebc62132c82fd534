/**
 * A text field that starts with its own heading — 「（一）主动公开。本年度…」 or 「（一）主动公开」 on a line of
 * its own, as pasted from last year's Word file — would print the heading twice (the template prints it
 * before the field). The editor removes such a heading when it is pasted or typed, with a note; the
 * exports skip it in content already stored (imports, old drafts).
 */
import { TEXT_FIELDS, sectionByKey, sectionHeading, textFieldsOf } from "@/lib/template";

/** A numeral in the forms headings use: （一） (一) 一、 一． 一. — any of 一…十, since pasted texts renumber. */
const NUMERAL = String.raw`(?:[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]|[一二三四五六七八九十]{1,3}\s*[、．.])`;
/** What may follow a heading: the end, a line break, punctuation ending a heading, or a space before the text. */
const AFTER = String.raw`(?:\s*$|[ \t\u3000]*\r?\n\s*|\s*[。：:．.；;，,]\s*|[ \t\u3000]+)`;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

type FieldHeading = { printed: string; pattern: RegExp };

/**
 * The heading printed right before a field: its own sub-heading (「（一）主动公开」), or for the first field
 * of a section without sub-headings the section's heading (「五、存在的主要问题及改进情况」, with its variants).
 */
function fieldHeading(fieldId: string): FieldHeading | null {
  const field = TEXT_FIELDS.find((f) => f.id === fieldId);
  if (!field) return null;
  let printed: string;
  let topics: string[];
  if (field.heading) {
    printed = field.heading;
    // as last year's files word it too: 「（一）主动公开情况」「（一）主动公开政务信息情况」「（四）政府信息公开平台建设情况」
    const topic = escape(field.heading.replace(new RegExp(`^${NUMERAL}\\s*`), "").replace(/^(?:政府信息公开|政务公开)/, ""));
    topics = [`(?:政府信息公开|政务公开)?${topic}(?:(?:政府信息|政务信息)?(?:工作)?情况)?`];
  } else {
    if (textFieldsOf(field.section)[0]?.id !== field.id) return null;
    const section = sectionByKey(field.section);
    printed = sectionHeading(section);
    topics = [section.title, ...section.variants];
  }
  const alternatives = field.heading ? topics.join("|") : topics.map(escape).join("|");
  return { printed, pattern: new RegExp(`^\\s*${NUMERAL}\\s*(?:${alternatives})${AFTER}`) };
}

const HEADINGS = new Map(TEXT_FIELDS.map((f) => [f.id, fieldHeading(f.id)]));

/**
 * `text` without a leading copy of the heading printed before field `fieldId`, and that heading (as the
 * template prints it, for the note); null when the text does not start with it.
 */
export function stripLeadingHeading(fieldId: string, text: string): { text: string; heading: string } | null {
  const h = HEADINGS.get(fieldId);
  if (!h) return null;
  const m = h.pattern.exec(text);
  if (!m) return null;
  return { text: text.slice(m[0].length), heading: h.printed };
}

/** The field's text as it is printed: without a leading copy of its heading. */
export function printedFieldText(fieldId: string, text: string): string {
  return stripLeadingHeading(fieldId, text)?.text ?? text;
}
