import { exportReportResponse } from "@/lib/server/export-report";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  return exportReportResponse((await params).id, "docx");
}
