import { rollupExportResponse } from "@/lib/server/rollup-export";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return rollupExportResponse(req, "csv");
}
