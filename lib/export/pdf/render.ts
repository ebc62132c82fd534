/**
 * Render a report view model to PDF bytes.
 *
 * A render blocks the event loop for its whole duration (≈0.5 s warm for a full report): in the
 * server, call it from a worker thread, not on the request thread.
 */
import { createElement } from "react";
import { renderToBuffer } from "@react-pdf/renderer";
import type { ViewModel } from "../view-model";
import { ReportDocument } from "./document";
import { prepareFonts } from "./fonts";
import { planDocument, type DocumentPlan } from "./layout";

export type RenderResult = { pdf: Buffer; plan: DocumentPlan };

/** Render and also return the pagination plan (predicted pages, table chunks). */
export async function renderPdfWithPlan(vm: ViewModel): Promise<RenderResult> {
  // also loads 宋体, which the page numbers are painted with (see PageNumbers in document.tsx)
  await prepareFonts();
  const plan = planDocument(vm);
  // renderToBuffer is typed for a <Document> element; ReportDocument returns one.
  const element = createElement(ReportDocument, { vm, plan }) as unknown as Parameters<typeof renderToBuffer>[0];
  const pdf = await renderToBuffer(element);
  return { pdf, plan };
}

export async function renderPdf(vm: ViewModel): Promise<Buffer> {
  return (await renderPdfWithPlan(vm)).pdf;
}
