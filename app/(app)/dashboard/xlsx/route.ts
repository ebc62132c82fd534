import { dashboardExportResponse } from "@/lib/server/dashboard-export";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request) {
  return dashboardExportResponse(req, "xlsx");
}
