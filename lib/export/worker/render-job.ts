/**
 * One export job, as a render worker runs it (and as the pool runs it in-thread when no worker
 * can start). Framework-free and free of "@/" imports: the worker loads it through tsx.
 */
import { renderDocx } from "../docx/render";
import { missingGlyphs, unrenderableGlyphs } from "../pdf/fonts";
import { renderPdf } from "../pdf/render";
import { viewModelText, type ViewModel } from "../view-model";

export type RenderFormat = "pdf" | "docx";

/** "glyphs" only checks the glyph coverage (no document). */
export type JobKind = RenderFormat | "glyphs";

export type RenderJob = { format: JobKind; vm: ViewModel };

export type RenderJobResult = {
  bytes: Uint8Array;
  /** Characters the primary body face lacks (drawn in the fallback face), in order of appearance. */
  missingGlyphs: string[];
  /** Those of missingGlyphs that no face can draw (emoji…): the PDF shows □ instead. */
  unrenderable: string[];
  /** Time spent rendering, in ms. */
  ms: number;
};

/** Throws a plain Error with a readable message when the view model is not usable. */
function checkViewModel(vm: unknown): asserts vm is ViewModel {
  const v = vm as Partial<ViewModel> | null;
  if (!v || typeof v !== "object") throw new Error("invalid view model: not an object");
  if (!Array.isArray(v.title) || !Array.isArray(v.opening) || !Array.isArray(v.blocks))
    throw new Error("invalid view model: title, opening and blocks must be arrays");
  if (!v.signature || typeof v.signature !== "object") throw new Error("invalid view model: no signature");
}

export async function runRenderJob(job: RenderJob): Promise<RenderJobResult> {
  checkViewModel(job.vm);
  const t = performance.now();
  let out: Buffer;
  if (job.format === "glyphs") out = Buffer.alloc(0);
  else if (job.format === "pdf") out = await renderPdf(job.vm);
  else if (job.format === "docx") out = await renderDocx(job.vm);
  else throw new Error(`unknown export format: ${String(job.format)}`);
  const ms = performance.now() - t;
  // A fresh, exactly sized copy: Buffers may be views of a larger (pooled) ArrayBuffer.
  const bytes = new Uint8Array(out.byteLength);
  bytes.set(out);
  const text = viewModelText(job.vm);
  return { bytes, missingGlyphs: missingGlyphs(text), unrenderable: unrenderableGlyphs(text), ms };
}

/** A small document using every face, rendered once when a worker starts (fonts, JIT). */
export function warmUpViewModel(): ViewModel {
  const cell = (text: string) => ({ text, colSpan: 1, align: "center" as const });
  return {
    title: ["预热", "年度报告"],
    opening: ["根据《中华人民共和国政府信息公开条例》，编制本报告。"],
    blocks: [
      { kind: "heading1", text: "一、总体情况" },
      { kind: "heading2", text: "（一）主动公开" },
      { kind: "paragraph", text: "本年度主动公开政府信息 153 条。" },
      {
        kind: "table",
        table: {
          id: "warmup",
          columns: [0.5, 0.5],
          header: [{ cells: [cell("信息内容"), cell("数量")] }],
          body: [{ cells: [cell("规章"), cell("0")] }],
          face: "Song",
          fontSize: 9,
        },
      },
    ],
    signature: { organName: "预热", date: "2024年1月1日" },
    draft: true,
    meta: { creationDate: new Date(0) },
  };
}
