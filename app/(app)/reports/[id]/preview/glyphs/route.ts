import { missingGlyphsResponse } from "@/lib/server/export-report";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** { version, missingGlyphs, unrenderable }: characters of the stored report drawn in the fallback face / as □. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return missingGlyphsResponse((await params).id);
}
