/**
 * Draw the pages of a PDF as images with pdf.js (browser only). Parsing runs in pdf.js's worker; the
 * drawing yields to the browser between pages so that typing stays smooth.
 */
import type * as Pdfjs from "pdfjs-dist";

export type PageImage = {
  /** object URL of a PNG; revoke with releasePages() */
  url: string;
  /** page size in PDF points */
  width: number;
  height: number;
};

let pdfjsPromise: Promise<typeof Pdfjs> | null = null;

/** pdf.js, loaded on first use, its worker served by the preview route (see pdf-worker/route.ts). */
function loadPdfjs(workerUrl: (version: string) => string): Promise<typeof Pdfjs> {
  pdfjsPromise ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = workerUrl(pdfjs.version);
    return pdfjs;
  });
  pdfjsPromise.catch(() => {
    pdfjsPromise = null;
  });
  return pdfjsPromise;
}

const yieldToBrowser = () =>
  new Promise<void>((resolve) => {
    if (typeof window.requestIdleCallback === "function") window.requestIdleCallback(() => resolve(), { timeout: 200 });
    else setTimeout(resolve, 0);
  });

export class Aborted extends Error {
  constructor() {
    super("aborted");
    this.name = "Aborted";
  }
}

/**
 * Render every page of `data` at `cssWidth` CSS pixels wide (sharper on high-DPI screens).
 * Rejects with Aborted when `signal` fires; images already made are released then.
 */
export async function renderPdfPages(
  data: ArrayBuffer,
  cssWidth: number,
  workerUrl: (version: string) => string,
  signal: AbortSignal,
): Promise<PageImage[]> {
  const pdfjs = await loadPdfjs(workerUrl);
  const task = pdfjs.getDocument({ data: new Uint8Array(data), isEvalSupported: false });
  const out: PageImage[] = [];
  try {
    const doc = await task.promise;
    for (let n = 1; n <= doc.numPages; n++) {
      if (signal.aborted) throw new Aborted();
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      const viewport = page.getViewport({ scale: (cssWidth / base.width) * ratio });
      const canvas = document.createElement("canvas");
      canvas.width = Math.ceil(viewport.width);
      canvas.height = Math.ceil(viewport.height);
      await page.render({ canvas, viewport }).promise;
      const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
      page.cleanup();
      if (!blob) throw new Error("canvas.toBlob failed");
      out.push({ url: URL.createObjectURL(blob), width: base.width, height: base.height });
      await yieldToBrowser();
    }
    if (signal.aborted) throw new Aborted();
    return out;
  } catch (e) {
    releasePages(out);
    throw e;
  } finally {
    void task.destroy();
  }
}

export function releasePages(pages: PageImage[]): void {
  for (const p of pages) URL.revokeObjectURL(p.url);
}
