// The Better Auth secret: BETTER_AUTH_SECRET, else a random secret generated once and kept in
// <data dir>/auth-secret (mode 0600) so that `npm start` works with zero configuration and sessions
// survive restarts.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "./data-dir";

export function authSecretFile(): string {
  return path.join(dataDir(), "auth-secret");
}

export function getAuthSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = authSecretFile();
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing) return existing;
  } catch {
    // not created yet
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  try {
    writeFileSync(file, secret + "\n", { flag: "wx", mode: 0o600 });
    return secret;
  } catch {
    // Another process created it first: use theirs.
    return readFileSync(file, "utf8").trim();
  }
}
