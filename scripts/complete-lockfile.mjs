// Completes package-lock.json with the other platforms' optional native packages (e.g. @next/swc-darwin-arm64).
// On these machines `npm install` leaves them out of the lock file (the registry served here lacks several of
// them), and `npm ci` then refuses the lock file ("Missing: … from lock file"). Run after changing dependencies:
//   node scripts/complete-lockfile.mjs && npm ci --dry-run --ignore-scripts
import fs from "node:fs";
import { execFileSync, spawnSync } from "node:child_process";
const lockPath = "package-lock.json";
const lock = JSON.parse(fs.readFileSync(lockPath, "utf8"));
const dry = spawnSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { encoding: "utf8" });
const missing = [...`${dry.stdout}${dry.stderr}`.matchAll(/Missing: (\S+?)@\S* from lock file/g)].map((m) => m[1]);
if (missing.length === 0) {
  console.log("package-lock.json is complete");
  process.exit(0);
}
for (const name of missing) {
  // find the parent that declares it, and the version range
  let range = null, dev = false;
  for (const v of Object.values(lock.packages)) {
    const r = v.optionalDependencies?.[name];
    if (r) { range = r; dev = !!v.dev; break; }
  }
  if (!range) { console.error("no parent for", name); continue; }
  let i;
  try {
    const info = JSON.parse(execFileSync("npm", ["view", `${name}@${range}`, "version", "dist.integrity", "os", "cpu", "libc", "engines", "license", "--json"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }));
    i = Array.isArray(info) ? info[info.length - 1] : info;
  } catch {
    // Not served by this registry: record it by name, version and platform only (never installed here).
    const parts = name.split("/").pop().split("-");
    const os = parts.find((p) => ["android", "darwin", "freebsd", "linux", "win32", "openharmony", "sunos", "aix", "netbsd", "openbsd"].includes(p));
    const cpu = parts.find((p) => ["arm64", "x64", "arm", "ia32", "loong64", "ppc64", "riscv64", "s390x", "wasm32"].includes(p));
    i = { version: range.replace(/^[\^~=]/, ""), os: os ? [os] : undefined, cpu: cpu ? [cpu] : undefined };
    console.log("inferred", name, JSON.stringify(i));
  }
  const entry = { version: i.version };
  if (i["dist.integrity"]) entry.integrity = i["dist.integrity"];
  if (i.cpu) entry.cpu = i.cpu;
  if (dev) entry.dev = true;
  if (i.engines) entry.engines = i.engines;
  if (i.libc) entry.libc = i.libc;
  if (i.license) entry.license = i.license;
  entry.optional = true;
  if (i.os) entry.os = i.os;
  lock.packages[`node_modules/${name}`] = entry;
  console.log(name, i.version);
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))));
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + "\n");
