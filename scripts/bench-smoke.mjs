// `npm run bench:smoke`: every `bench:*` script of package.json at BENCH_SMOKE=1 (a tiny size, seconds
// each), so that none can rot unnoticed; the last step of `npm test`. A bench fails the smoke run when it
// exits non-zero or its last output line is not one JSON object. Benches that drive the production
// server need `next build`: it is run first when .next/BUILD_ID is missing (npm test has built already).
//
//   npm run bench:smoke                 every bench
//   npm run bench:smoke -- rollup load  only these
//   BENCH_PORT=N npm run bench:smoke    the benches' servers on ports N to N+4 (see benchPorts)
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The bench scripts the smoke run covers: every `bench:*` script but bench:smoke itself. */
export function benchScripts(pkg) {
  return Object.keys(pkg.scripts ?? {}).filter((name) => name.startsWith("bench:") && name !== "bench:smoke");
}

/** The parallel jobs (2: the machine has 2 cores; the benches are mostly single-threaded). */
const JOBS = Math.max(1, Number(process.env.BENCH_SMOKE_JOBS ?? 2) || 2);

/**
 * Seconds a smoke run of each bench took on the 2-core machine (busy): the queue starts with the longest, so
 * that no long bench is left running alone at the end. A bench not listed counts as 30 s.
 */
const TYPICAL_SECONDS = {
  "bench:a11y": 87,
  "bench:load": 83,
  "bench:crash": 66,
  "bench:export": 54,
  "bench:fuzz": 54,
  "bench:editor": 53,
  "bench:rollup": 37,
  "bench:dashboard": 36,
  "bench:public": 10,
  "bench:import": 13,
  "bench:import-accuracy": 6,
  "bench:rules": 5,
  "bench:bundle": 4,
  "bench:register": 4,
};

/** The benches in the order they are started: longest first. */
export function queueOrder(names) {
  const secs = (n) => TYPICAL_SECONDS[n] ?? 30;
  return [...names].sort((a, b) => secs(b) - secs(a));
}

/**
 * The ports of the benches that start a server, so that benches running side by side never share one:
 * their defaults differ (editor 3190, a11y 3331, load 3301–3302, crash 3305); with BENCH_PORT=N set they
 * are N (editor), N+1 (a11y), N+2–N+3 (load) and N+4 (crash).
 */
export function benchPorts(env) {
  const base = Number(env.BENCH_PORT);
  if (!Number.isInteger(base) || base <= 0) return {};
  return {
    "bench:editor": { BENCH_PORT: String(base) },
    "bench:a11y": { E2E_PORT: String(base + 1) },
    "bench:load": { LOAD_PORT: String(base + 2) },
    "bench:crash": { CRASH_PORT: String(base + 4) },
  };
}

/** True when the last non-empty line of `out` is a JSON object. */
export function endsWithJson(out) {
  const last = out.trimEnd().split("\n").pop() ?? "";
  try {
    const v = JSON.parse(last);
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function runOne(name) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn("npm", ["run", "-s", name], {
      cwd: root,
      env: { ...process.env, ...benchPorts(process.env)[name], BENCH_SMOKE: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => resolve({ name, code, out, err, s: (Date.now() - started) / 1000 }));
  });
}

async function main() {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8"));
  const wanted = process.argv.slice(2).map((a) => (a.startsWith("bench:") ? a : `bench:${a}`));
  const names = benchScripts(pkg).filter((n) => wanted.length === 0 || wanted.includes(n));
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("bench:smoke: no production build yet, running next build");
    const r = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "inherit" });
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  const started = Date.now();
  const queue = queueOrder(names);
  const results = [];
  await Promise.all(
    Array.from({ length: Math.min(JOBS, queue.length) }, async () => {
      for (let name = queue.shift(); name; name = queue.shift()) {
        const r = await runOne(name);
        const ok = r.code === 0 && endsWithJson(r.out);
        results.push({ ...r, ok });
        const last = r.out.trimEnd().split("\n").pop() ?? "";
        console.log(`${ok ? "ok  " : "FAIL"} ${name.padEnd(24)} ${r.s.toFixed(1).padStart(5)} s  ${last.slice(0, 160)}`);
        if (!ok) {
          console.log(`---- ${name} exited ${r.code}; output:\n${r.out.slice(-4000)}\n${r.err.slice(-4000)}\n----`);
        }
      }
    }),
  );
  const failed = results.filter((r) => !r.ok).map((r) => r.name);
  const summary = { benches: results.length, failed, seconds: Math.round((Date.now() - started) / 100) / 10 };
  console.log(JSON.stringify(summary));
  process.exit(failed.length ? 1 : 0);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
