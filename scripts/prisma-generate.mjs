#!/usr/bin/env node
// Generates both Prisma clients (lib/generated/sqlite and lib/generated/postgres, gitignored).
// Runs as `postinstall` and before build/test. Offline-safe (no engine downloads: engineType "client").
import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { syncSchemas } from "./sync-prisma-schemas.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
syncSchemas();
const prismaBin = path.join(root, "node_modules", ".bin", "prisma");
for (const provider of ["sqlite", "postgres"]) {
  execFileSync(prismaBin, ["generate", "--schema", path.join("prisma", provider, "schema.prisma")], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", PRISMA_PROVIDER: provider },
  });
}
console.log("prisma: generated lib/generated/sqlite and lib/generated/postgres");
