import { checkHealth } from "@/lib/server/services/health";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * GET /api/health: 200 {"ok":true,…} when this instance reaches its database, else 503 {"ok":false,"message":…}.
 * No login needed (for the reverse proxy's or the orchestrator's health check); tells no secret.
 */
export async function GET(): Promise<Response> {
  const { status, body } = await checkHealth();
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" },
  });
}
