#!/usr/bin/env node
// Runs npm scripts side by side (for `npm test`: the TypeScript check and ESLint are one thread each, and
// the machines here have two cores). Each script's output is printed whole when it ends, under its name;
// the exit code is the first failure's, after all have ended.
//
//   node scripts/run-parallel.mjs typecheck lint
import { spawn } from "node:child_process";

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error("usage: node scripts/run-parallel.mjs SCRIPT...");
  process.exit(2);
}

const results = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const started = Date.now();
        const child = spawn("npm", ["run", "-s", name], { stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.stderr.on("data", (d) => (out += d));
        child.on("close", (code, signal) => {
          const s = ((Date.now() - started) / 1000).toFixed(1);
          console.log(`── npm run ${name}: ${code === 0 ? "ok" : `failed (${signal ?? `exit ${code}`})`}, ${s} s`);
          if (out.trim()) console.log(out.trimEnd());
          resolve(code ?? 1);
        });
      }),
  ),
);
process.exit(results.find((c) => c !== 0) ?? 0);
