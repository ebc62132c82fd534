import "server-only";
import { getDb, getDbProvider, type Db } from "../db-core";

/** What GET /api/health answers: 200 when the database answers a trivial query, else 503. */
export type Health =
  | { status: 200; body: { ok: true; database: "sqlite" | "postgres"; ms: number } }
  | { status: 503; body: { ok: false; database: "sqlite" | "postgres"; message: string } };

/** How long the database may take to answer before the instance is reported unhealthy. */
export const HEALTH_TIMEOUT_MS = 5000;

/**
 * Checks that this instance reaches its database (SELECT 1). For a load balancer or an orchestrator:
 * no session needed, and nothing but the provider's name is told — no URL, host, error text or version.
 */
export async function checkHealth(
  db: Db = getDb(),
  provider: "sqlite" | "postgres" = getDbProvider(),
  timeoutMs = HEALTH_TIMEOUT_MS,
): Promise<Health> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await Promise.race([
      db.$queryRawUnsafe("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error("timeout")), timeoutMs);
      }),
    ]);
    return { status: 200, body: { ok: true, database: provider, ms: Math.round((performance.now() - started) * 10) / 10 } };
  } catch (e) {
    // the reason goes to the server log only: a driver error can name hosts and users
    console.error("health check: database unavailable", e instanceof Error ? e.message : e);
    const timedOut = e instanceof Error && e.message === "timeout";
    return {
      status: 503,
      body: {
        ok: false,
        database: provider,
        message: timedOut
          ? `数据库在 ${timeoutMs / 1000} 秒内没有响应 (database did not answer in time)`
          : "无法连接数据库 (database unavailable)",
      },
    };
  } finally {
    clearTimeout(timer);
  }
}
