// Better Auth's session cookie, read without Better Auth (no `server-only`: unit-tested). Every request of a
// signed-in user — each autosave included — needs the session; Better Auth's getSession costs ~3 ms of CPU
// (its endpoint machinery, WebCrypto, a Prisma query), this a synchronous HMAC check and one plain SQL
// statement (lib/server/services/session-user.ts). Better Auth still creates, extends and deletes sessions:
// lib/server/session.ts hands a session over to it whenever one is due to be extended.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Sessions last 7 days and are extended (by Better Auth) once a day while in use. */
export const SESSION_EXPIRES_IN_S = 60 * 60 * 24 * 7;
export const SESSION_UPDATE_AGE_S = 60 * 60 * 24;
/** Better Auth's cookie prefix: the session cookie is `nianbao.session_token` (`__Secure-…` over HTTPS). */
export const COOKIE_PREFIX = "nianbao";
const COOKIE_NAMES = [`__Secure-${COOKIE_PREFIX}.session_token`, `${COOKIE_PREFIX}.session_token`];

/** The value of cookie `name` in a Cookie header (URL-decoded), or null. */
export function cookieValue(header: string | null | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * The session token of a Cookie header when its signature is right (Better Auth signs `token` as
 * `token.base64(HMAC-SHA256(secret, token))`, better-call's signCookieValue); null otherwise.
 */
export function signedSessionToken(cookieHeader: string | null | undefined, secret: string): string | null {
  for (const name of COOKIE_NAMES) {
    const value = cookieValue(cookieHeader, name);
    if (!value) continue;
    const dot = value.lastIndexOf(".");
    if (dot < 1) return null;
    const token = value.slice(0, dot);
    const signature = value.slice(dot + 1);
    if (signature.length !== 44 || !signature.endsWith("=")) return null;
    const expected = createHmac("sha256", secret).update(token).digest();
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected) ? token : null;
  }
  return null;
}

/**
 * Better Auth extends a session when it was last set more than updateAge ago (its getSession: expiresAt −
 * expiresIn + updateAge ≤ now); such a session goes through Better Auth so that it is extended as before.
 */
export function sessionRefreshDue(expiresAt: Date, now: Date): boolean {
  return expiresAt.getTime() - SESSION_EXPIRES_IN_S * 1000 + SESSION_UPDATE_AGE_S * 1000 <= now.getTime();
}
