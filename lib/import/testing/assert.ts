/**
 * Accuracy assertions for an imported sample, shared by the text, DOCX and PDF tests (vitest only).
 */
import { expect } from "vitest";
import type { ImportResult } from "../types";
import { expectedCells, expectedTotals, type SampleExpectation } from "./samples";

const squeeze = (s: string) => s.replace(/\s+/g, "");

export type PathKind = "txt" | "docx" | "pdf";

/**
 * Every table cell in its labelled place, the printed totals, the sections' text, header and notes.
 * On the DOCX/PDF paths text is compared without whitespace (line breaks differ after reflow).
 */
export function expectSample(r: ImportResult, s: SampleExpectation, kind: PathKind) {
  expect(r.format).toBe(s.format);
  expect(r.year).toBe(s.year);
  expect(r.organName).toBe(s.organName);
  // Cells: compare the whole map so that a failure lists every wrong cell.
  expect(r.content.cells).toEqual(expectedCells(s));
  expect(r.content.sourceTotals).toEqual(expectedTotals(s));
  const exact = kind === "txt";
  for (const [id, want] of Object.entries(s.text)) {
    const got = r.content.text[id] ?? "";
    if (exact) expect(got, id).toBe(want);
    else expect(squeeze(got), id).toBe(squeeze(want!));
  }
  for (const [id, want] of Object.entries(s.textStarts)) {
    const got = r.content.text[id] ?? "";
    if (exact) expect(got.startsWith(want!), `${id}: ${got.slice(0, 80)}`).toBe(true);
    else expect(squeeze(got).startsWith(squeeze(want!)), `${id}: ${got.slice(0, 80)}`).toBe(true);
  }
  for (const id of s.emptyText) expect(r.content.text[id], id).toBe("");
  if (s.openingStarts) expect(squeeze(r.content.header.opening).startsWith(squeeze(s.openingStarts))).toBe(true);
  if (s.signature) {
    expect(r.content.header.organName).toBe(s.signature.organName);
    expect(r.content.header.signDate).toBe(s.signature.date);
  } else {
    expect(r.content.header.signDate).toBe("");
  }
  expect(r.content.fee.charged).toBe(s.feeCharged);
  const count = (k: string) => r.notes.filter((n) => n.kind === k).length;
  for (const [k, n] of Object.entries(s.notes)) expect(count(k), `notes of kind ${k}: ${JSON.stringify(r.notes)}`).toBe(n);
  for (const k of s.noNotes) expect(count(k), `unexpected ${k}: ${JSON.stringify(r.notes.filter((n) => n.kind === k))}`).toBe(0);
}
