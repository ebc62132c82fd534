/**
 * Render a report view model to PDF bytes.
 *
 * A render blocks the event loop for its whole duration (≈0.1 s warm for a full report): in the
 * server, call it from a worker thread, not on the request thread.
 */
import { createElement } from "react";
import { Font, renderToBuffer } from "@react-pdf/renderer";
import type { Block, TableRow, ViewModel } from "../view-model";
import { ReportDocument } from "./document";
import { drawableText, missingGlyphs, prepareFonts } from "./fonts";
import { planDocument, type DocumentPlan } from "./layout";

export type RenderResult = { pdf: Buffer; plan: DocumentPlan };

/** The view model with every character no face can draw replaced by □ (see drawableText). */
export function drawableViewModel(vm: ViewModel): ViewModel {
  const t = drawableText;
  const row = (r: TableRow): TableRow =>
    r.kind === "title" ? { ...r, text: t(r.text) } : { ...r, cells: r.cells.map((c) => ({ ...c, text: t(c.text) })) };
  const block = (b: Block): Block =>
    b.kind === "table"
      ? { ...b, table: { ...b.table, header: b.table.header.map(row), body: b.table.body.map(row) } }
      : { ...b, text: t(b.text) };
  return {
    ...vm,
    title: vm.title.map(t),
    opening: vm.opening.map(t),
    blocks: vm.blocks.map(block),
    signature: { organName: t(vm.signature.organName), date: t(vm.signature.date) },
  };
}

/**
 * Tables are painted directly with react-pdf's loaded fonts (table-drawing.ts), so the fallback
 * face must be loaded before a render whose tables need it (react-pdf loads it by itself only for
 * its own text).
 */
async function loadFallbackForTables(plan: DocumentPlan): Promise<void> {
  const needs = plan.items.some(
    (item) =>
      item.kind === "table" &&
      [item.header, item.chunk.grid].some((grid) =>
        grid.cells.some((cell) => missingGlyphs(cell.text, cell.bold ? "Hei" : item.geometry.face).length > 0),
      ),
  );
  if (needs) await Font.load({ fontFamily: "Fallback" });
}

/** Render and also return the pagination plan (predicted pages, table chunks). */
export async function renderPdfWithPlan(vm: ViewModel): Promise<RenderResult> {
  // also loads 宋体, which the page numbers are painted with (see PageNumbers in document.tsx)
  await prepareFonts();
  vm = drawableViewModel(vm);
  const plan = planDocument(vm);
  await loadFallbackForTables(plan);
  // renderToBuffer is typed for a <Document> element; ReportDocument returns one.
  const element = createElement(ReportDocument, { vm, plan }) as unknown as Parameters<typeof renderToBuffer>[0];
  const pdf = await renderToBuffer(element);
  return { pdf, plan };
}

export async function renderPdf(vm: ViewModel): Promise<Buffer> {
  return (await renderPdfWithPlan(vm)).pdf;
}
