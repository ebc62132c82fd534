import "server-only";
import { createAuth, type Auth } from "./auth-core";
import { getDb, getDbProvider } from "./db-core";
import { getAuthSecret } from "./secret";

export { ACCOUNT_DISABLED } from "./auth-core";

const globalForAuth = globalThis as unknown as { __nianbaoAuth?: Auth };

/** The app's Better Auth instance (created lazily so `next build` touches no database or secret). */
export function getAuth(): Auth {
  globalForAuth.__nianbaoAuth ??= createAuth({
    db: getDb(),
    provider: getDbProvider(),
    secret: getAuthSecret(),
  });
  return globalForAuth.__nianbaoAuth;
}

/**
 * Lazy alias of getAuth() for call sites written as `auth.api.…` (the instance is created on first
 * property access, not at import time).
 */
export const auth: Auth = new Proxy({} as Auth, {
  get(_target, prop) {
    return Reflect.get(getAuth(), prop);
  },
});
