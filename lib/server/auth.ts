import "server-only";
import { createAuth, type Auth } from "./auth-core";
import { getDb, getDbProvider } from "./db-core";
import { getAuthSecret } from "./secret";

export { ACCOUNT_DISABLED } from "./auth-core";

// Module-level (not globalThis) so that dev hot reload picks up configuration changes; the database
// client underneath is the shared one.
let instance: Auth | undefined;

/** The app's Better Auth instance (created lazily so `next build` touches no database or secret). */
export function getAuth(): Auth {
  instance ??= createAuth({
    db: getDb(),
    provider: getDbProvider(),
    secret: getAuthSecret(),
  });
  return instance;
}

/**
 * Lazy alias of getAuth() for call sites written as `auth.api.…` (the instance is created on first
 * property access, not at import time).
 */
export const auth: Auth = new Proxy({} as Auth, {
  get(_target, prop) {
    // Only real members create the instance: bundler/runtime probes (then, __esModule, symbols…)
    // must not, or `next build` would open the database.
    if (typeof prop !== "string" || !AUTH_MEMBERS.has(prop)) return undefined;
    return Reflect.get(getAuth(), prop);
  },
});

const AUTH_MEMBERS = new Set(["api", "handler", "fetch", "options", "$context", "$ERROR_CODES"]);
