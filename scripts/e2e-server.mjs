// Serves the production build for the Playwright specs on a scratch SQLite database with the demo seed.
// The database lives in a fresh temp directory per run, so runs never see each other's data.
// The server runs in UTC (TZ=UTC), unlike its users: every run proves that times are shown in China time.
// It runs as production does (npm start): the sign-in rate limit on, the client address rewritten by
// scripts/client-address.cjs — here as if behind one reverse proxy (NIANBAO_TRUST_PROXY=1), so that a spec
// can play a browser at another address by sending X-Forwarded-For (requests without it are 127.0.0.1).
import { spawn, spawnSync } from "node:child_process";
import { nextStartArgs } from "./next-start.mjs";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const port = process.env.E2E_PORT ?? "3100";
// E2E_DATA_DIR: a directory the caller made (a spec running a server of its own, to change its database)
const dir = process.env.E2E_DATA_DIR || mkdtempSync(path.join(tmpdir(), "nianbao-e2e-"));
const env = {
  ...process.env,
  DATABASE_URL: `file:${path.join(dir, "e2e.db")}`,
  BETTER_AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
  BETTER_AUTH_URL: `http://127.0.0.1:${port}`,
  NIANBAO_DATA_DIR: dir,
  NIANBAO_TRUST_PROXY: "1",
  PORT: port,
  TZ: "UTC",
};

const setup = spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-setup.ts"], { env, stdio: "inherit" });
if (setup.status !== 0) process.exit(setup.status ?? 1);

const server = spawn(process.execPath, nextStartArgs(port, "127.0.0.1"), {
  env,
  stdio: "inherit",
});
const stop = () => {
  server.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
server.on("exit", (code) => {
  rmSync(dir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
