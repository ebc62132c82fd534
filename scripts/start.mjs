// `npm start`: prepares the database (migrations + demo seed on first start), builds the app when there is
// no production build yet, then serves it on PORT (default 3000).
import { spawn, spawnSync } from "node:child_process";
import { nextStartArgs } from "./next-start.mjs";
import { existsSync } from "node:fs";

const run = (args, opts = {}) => {
  const r = spawnSync(process.execPath, args, { stdio: "inherit", ...opts });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

// --conditions=react-server: the demo seed runs the app's services, which import "server-only"
run(["--conditions=react-server", "--import", "tsx", "scripts/db-setup.ts"]);
if (!existsSync(".next/BUILD_ID") || process.env.NIANBAO_REBUILD === "1") {
  console.log("首次启动：正在构建应用（约 1–2 分钟）…");
  run(["node_modules/next/dist/bin/next", "build"]);
}
const port = process.env.PORT ?? "3000";
const server = spawn(process.execPath, nextStartArgs(port), { stdio: "inherit" });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => server.kill(sig));
server.on("exit", (code) => process.exit(code ?? 0));
