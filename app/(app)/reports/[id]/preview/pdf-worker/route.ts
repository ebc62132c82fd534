import { readFile } from "node:fs/promises";
import path from "node:path";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

let cached: Promise<Buffer> | null = null;

/**
 * pdf.js's worker script for the preview panel (components/report-preview), served as it ships in
 * pdfjs-dist: bundlers should not rewrite it, and it must be a separate file to run as a worker.
 * The client asks for it with ?v=<pdf.js version>, so it can be cached for good.
 */
export async function GET() {
  cached ??= readFile(path.join(process.cwd(), "node_modules", "pdfjs-dist", "build", "pdf.worker.min.mjs"));
  try {
    return new Response(new Uint8Array(await cached), {
      headers: {
        "content-type": "text/javascript; charset=utf-8",
        "cache-control": "public, max-age=31536000, immutable",
      },
    });
  } catch (e) {
    cached = null;
    console.error("pdf.js worker script missing", e);
    return new Response("pdf.js worker script missing", { status: 500 });
  }
}
