/**
 * Comparing two versions of a report's content, field by field (for the restore dialog and for
 * deciding whether a local backup holds anything new). Fields, labels and display from lib/report.
 */
import type { ReportContent } from "@/lib/template";
import { changedFields, fieldDisplay, fieldLabel, isLongField } from "@/lib/report/client";

export type ContentDiff = {
  /** Finding-style ref: a cell id, text.<id>, header.<name>, fee, ack.<key> or source.<id>. */
  ref: string;
  label: string;
  mine: string;
  theirs: string;
  /** Long text (shown as paragraphs) or a short value. */
  long: boolean;
};

/** Every field in which the two versions differ, in the order of the report. */
export function diffContent(mine: ReportContent, theirs: ReportContent): ContentDiff[] {
  return changedFields(theirs, mine).map((c) => ({
    ref: c.ref,
    label: fieldLabel(c.ref),
    mine: fieldDisplay(c.ref, c.after),
    theirs: fieldDisplay(c.ref, c.before),
    long: isLongField(c.ref),
  }));
}

export function contentEquals(a: ReportContent, b: ReportContent): boolean {
  return a === b || changedFields(a, b).length === 0;
}
