import "server-only";
import type { ViewModel } from "@/lib/export/view-model";
import { getRenderPool, type RenderFormat, type RenderOutput } from "@/lib/export/worker/pool";

export { getRenderPool, RenderError, type RenderFormat, type RenderOutput } from "@/lib/export/worker/pool";

/**
 * Render a report view model to PDF or DOCX in the server's render worker pool, off the request
 * thread (a render blocks the thread it runs on). Rejects with a RenderError on failure.
 *
 *   const { bytes, missingGlyphs } = await renderExport("pdf", buildViewModel(report));
 */
export function renderExport(format: RenderFormat, vm: ViewModel): Promise<RenderOutput> {
  return getRenderPool().render(format, vm);
}
