import { previewReportResponse } from "@/lib/server/export-report";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** The report's PDF for the editor's preview panel (scoped, not audited, ETag by version). */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  return previewReportResponse(req, (await params).id);
}
