/**
 * Shared by bench/load.ts and bench/crash.ts (not a bench itself): start a production instance
 * (`next start` with scripts/client-address.cjs preloaded, as `npm start` runs it), sign in as the login
 * page does (Better Auth POST /api/auth/sign-in/username), and call the editor's autosave — its route
 * POST /reports/<id>/save (app/(app)/reports/[id]/save/route.ts), posted as the browser posts it.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { nextStartArgs } from "../scripts/next-start.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export const quantile = (sorted: number[], q: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]! : 0;
export const round = (x: number) => Math.round(x * 10) / 10;

/** Builds the app when there is no production build (the benches never build otherwise). */
export function ensureBuild(): void {
  if (existsSync(path.join(ROOT, ".next", "BUILD_ID"))) return;
  console.log("no production build (.next/BUILD_ID): running next build first");
  const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: ROOT, stdio: "inherit" });
  if (r.status !== 0) throw new Error("next build failed");
}

export type Instance = { port: number; base: string; proc: ChildProcess; stop: () => Promise<void>; kill9: () => Promise<void> };

export async function waitForHealth(base: string, ms = 120_000, proc?: ChildProcess): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (proc && proc.exitCode !== null) throw new Error(`server exited (${proc.exitCode}) before it answered ${base}`);
    try {
      const r = await fetch(`${base}/api/health`);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not answer ${base}/api/health`);
}

/** BENCH_CPU_PROF=<dir>: each instance writes a V8 CPU profile there when it stops (node --cpu-prof). */
const cpuProfArgs = (): string[] => (process.env.BENCH_CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(process.env.BENCH_CPU_PROF)}`] : []);

/** `next start` on `port` (127.0.0.1), as scripts/start.mjs runs it; resolves once /api/health answers 200. */
export async function startInstance(port: number, env: Record<string, string>, opts: { log?: boolean } = {}): Promise<Instance> {
  const proc = spawn(
    process.execPath,
    [...cpuProfArgs(), ...nextStartArgs(port, "127.0.0.1")],
    { cwd: ROOT, env: { ...process.env, ...env, PORT: String(port) }, stdio: ["ignore", opts.log ? "inherit" : "ignore", "inherit"] },
  );
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((r) => proc.once("exit", () => r()));
  const instance: Instance = {
    port,
    base,
    proc,
    stop: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGTERM");
      await exited;
    },
    kill9: async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
      await exited;
    },
  };
  try {
    await waitForHealth(base, 120_000, proc);
  } catch (e) {
    await instance.kill9();
    throw e;
  }
  return instance;
}

/** Signs in through Better Auth's endpoint (what components/login-form.tsx calls); returns the Cookie header. */
export async function signIn(base: string, username: string, password: string): Promise<string> {
  const r = await fetch(`${base}/api/auth/sign-in/username`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify({ username, password }),
  });
  if (!r.ok) throw new Error(`sign-in ${username} failed: ${r.status} ${await r.text()}`);
  const cookies = r.headers.getSetCookie().map((c) => c.split(";")[0]!);
  if (!cookies.length) throw new Error(`sign-in ${username}: no session cookie`);
  return cookies.join("; ");
}

export type SaveChange = { ref: string; base: unknown; value: unknown };
export type SaveResponse = {
  ok: boolean;
  code?: string;
  message?: string;
  version?: number;
  conflicts?: unknown[];
  rejected?: unknown[];
};

/**
 * Calls the editor's autosave as the browser does (components/report-editor postSave): POST
 * /reports/<id>/save with the JSON body { baseVersion, changes }; the answer is the SaveResult as JSON.
 */
export async function callSave(
  base: string,
  cookie: string,
  input: { reportId: string; baseVersion: number; changes: SaveChange[] },
  signal?: AbortSignal,
): Promise<{ status: number; result: SaveResponse | null; ms: number; bytes: number }> {
  const t = performance.now();
  const r = await fetch(`${base}/reports/${input.reportId}/save`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base, cookie },
    body: JSON.stringify({ baseVersion: input.baseVersion, changes: input.changes }),
    signal,
  });
  const text = await r.text();
  const ms = performance.now() - t;
  let result: SaveResponse | null = null;
  try {
    result = JSON.parse(text) as SaveResponse;
  } catch {
    result = null;
  }
  return { status: r.status, result, ms, bytes: text.length };
}

/**
 * The PostgreSQL server the benches use: TEST_POSTGRES_URL, else the local default. Null when the default
 * is not reachable (then the bench skips PostgreSQL, as bench:rollup does); an explicit
 * TEST_POSTGRES_URL that does not answer is an error.
 */
export async function postgresServer(): Promise<string | null> {
  const url = process.env.TEST_POSTGRES_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const { default: pg } = await import("pg");
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await c.connect();
    return url;
  } catch (e) {
    if (process.env.TEST_POSTGRES_URL) throw e;
    return null;
  } finally {
    await c.end().catch(() => {});
  }
}

/** Retries a seeding step that a busy machine can push past Prisma's 5 s transaction timeout (P2028). */
export async function withRetry<T>(fn: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= attempts || (e as { code?: string }).code !== "P2028") throw e;
      console.log(`seeding: transaction timed out on a busy machine, retrying (${i}/${attempts - 1})`);
    }
  }
}
