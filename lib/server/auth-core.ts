// Better Auth configuration (no `server-only`: used by lib/server/auth.ts for Next, and directly by
// scripts and integration tests with their own database client).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import type { Db } from "./db-core";
import type { DbProvider } from "./db-url";
import { COOKIE_PREFIX, SESSION_EXPIRES_IN_S, SESSION_UPDATE_AGE_S } from "./session-cookie";
import { recordEvent, recordLoginAttempt } from "./services/audit";
import { ACCOUNT_LOCKED_CODE, checkLogin, normalizeUsername, recordLoginOutcome } from "./services/login-limits";

/** Error code returned by sign-in when the account is disabled (shown as 账号已停用…). */
export const ACCOUNT_DISABLED = "ACCOUNT_DISABLED";
/** Error code (HTTP 429) when too many failed logins locked the username (lib/server/services/login-limits.ts). */
export const ACCOUNT_LOCKED = ACCOUNT_LOCKED_CODE;

let warnedUnchecked = false;

/**
 * The client's address. scripts/client-address.cjs (preloaded into `next start` by `npm start`) rewrites
 * X-Forwarded-For to the one address it can vouch for: the TCP peer, or behind NIANBAO_TRUST_PROXY
 * proxies the address they saw. Without it (plain `next start`, `next dev`) the header is whatever the
 * client sent, so a stranger could pose as a clerk's address: a warning says so in production.
 */
export function clientIp(headers: Headers | undefined): string | null {
  if (!warnedUnchecked && process.env.NODE_ENV === "production" && !(globalThis as Record<symbol, unknown>)[Symbol.for("nianbao.clientAddress")]) {
    warnedUnchecked = true;
    console.warn("nianbao: client addresses are read from X-Forwarded-For unchecked; start the app with `npm start` (scripts/client-address.cjs)");
  }
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded ?? "").slice(0, 64) || null;
}

/** Audit writes never break signing in or out. */
async function quietly(what: string, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (e) {
    console.error(`audit: ${what} not recorded`, e);
  }
}

/** Synthetic e-mail for username-only accounts (Better Auth requires an e-mail column). */
export function syntheticEmail(username: string): string {
  return `${username.toLowerCase()}@nianbao.local`;
}

const HOST_RE = /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/;

/** http(s)://<host> for the Host and X-Forwarded-Host headers of a request (valid host names only). */
export function requestOrigins(headers: Headers): string[] {
  const hosts = [headers.get("host"), headers.get("x-forwarded-host")?.split(",")[0]?.trim()];
  return hosts
    .filter((h): h is string => !!h && HOST_RE.test(h))
    .flatMap((h) => [`http://${h}`, `https://${h}`]);
}

function secureCookies(publicUrl: string | undefined): boolean {
  const forced = process.env.NIANBAO_SECURE_COOKIES;
  if (forced === "on") return true;
  if (forced === "off") return false;
  return (publicUrl ?? "").startsWith("https://");
}

export type CreateAuthOptions = {
  db: Db;
  provider: DbProvider;
  secret: string;
  /** Fixed public URL (e.g. https://nianbao.example.gov.cn). Default: BETTER_AUTH_URL, else derived per request. */
  baseURL?: string;
  /** Rate-limit sign-in attempts. Default: on in production unless NIANBAO_AUTH_RATE_LIMIT=off. */
  rateLimit?: boolean;
};

export function createAuth(opts: CreateAuthOptions) {
  const { db } = opts;
  const rateLimitEnabled =
    opts.rateLimit ?? (process.env.NODE_ENV === "production" && process.env.NIANBAO_AUTH_RATE_LIMIT !== "off");
  return betterAuth({
    appName: "年报通",
    secret: opts.secret,
    // Unset → Better Auth uses BETTER_AUTH_URL, else the origin of each request (any host/port),
    // and trusts that same origin for its CSRF/origin check.
    baseURL: opts.baseURL,
    // Same-origin requests are trusted whatever host/port/IP the app is reached on: the browser's
    // Origin must match the Host (or X-Forwarded-Host behind a proxy) it sent. Further origins:
    // BETTER_AUTH_TRUSTED_ORIGINS (comma-separated, read by Better Auth).
    trustedOrigins: (request) => (request ? requestOrigins(request.headers) : []),
    database: prismaAdapter(db, { provider: opts.provider === "postgres" ? "postgresql" : "sqlite" }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by administrators (or the seed), never by the public.
      disableSignUp: true,
      minPasswordLength: 8,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: false, defaultValue: "CLERK", input: false },
        organId: { type: "string", required: false, input: false },
        displayName: { type: "string", required: false, defaultValue: "", input: false },
        disabled: { type: "boolean", required: false, defaultValue: false, input: false },
      },
    },
    session: {
      expiresIn: SESSION_EXPIRES_IN_S,
      updateAge: SESSION_UPDATE_AGE_S,
    },
    rateLimit: {
      enabled: rateLimitEnabled,
      // Per address and app instance, in memory: only a guard against floods. The login limits that
      // matter are in the database (lib/server/services/login-limits.ts); a training room of 60 people
      // behind one NAT logging in within a minute must pass.
      customRules: { "/sign-in/username": { window: 60, max: 300 } },
    },
    advanced: {
      cookiePrefix: COOKIE_PREFIX,
      // Better Auth defaults to Secure cookies in production, which browsers drop on plain-HTTP
      // intranet addresses (http://192.168.x.x): login would silently fail. Secure only when the
      // public URL is https (or forced with NIANBAO_SECURE_COOKIES=on|off).
      useSecureCookies: secureCookies(opts.baseURL ?? process.env.BETTER_AUTH_URL),
      // HttpOnly and SameSite=Lax are Better Auth's defaults; stated here for clarity.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    hooks: {
      // Better Auth checks the Origin of cookie-bearing requests only, and its username sign-in has
      // no form-CSRF guard: refuse cross-site sign-in attempts (login CSRF) here.
      before: createAuthMiddleware(async (ctx) => {
        // Over HTTP, only the endpoints the app uses. Better Auth's others would bypass the app: e-mail
        // sign-in (a second door without the login limits), update-user (a user renaming their own login
        // name), is-username-available (an account directory for anyone)…
        if (ctx.request && !HTTP_ENDPOINTS.has(ctx.path)) throw new APIError("NOT_FOUND");
        if (ctx.path !== "/sign-in/username") return;
        if (ctx.request) {
          const h = ctx.request.headers;
          const invalid = () => new APIError("FORBIDDEN", { message: "Invalid origin", code: "INVALID_ORIGIN" });
          if (h.get("sec-fetch-site") === "cross-site") throw invalid();
          const source = h.get("origin") || h.get("referer");
          if (source && source !== "null") {
            // (no Origin/Referer: non-browser clients)
            let origin: string;
            try {
              origin = new URL(source).origin;
            } catch {
              throw invalid();
            }
            if (!ctx.context.isTrustedOrigin(origin)) throw invalid();
          }
        }
        // Too many failed logins (per username and address, per username from unknown addresses, per
        // address) → refused before the password is checked, until the window passes or an admin clears
        // it. Independent of NIANBAO_AUTH_RATE_LIMIT (Better Auth's in-memory flood guard).
        const username = normalizeUsername((ctx.body as { username?: unknown } | undefined)?.username);
        if (username) {
          const ip = clientIp(ctx.request?.headers ?? ctx.headers);
          const verdict = await checkLogin(db, { username, ip });
          if (!verdict.allowed) {
            await quietly("locked login", () =>
              recordEvent(db, { actorId: null, action: "auth.login_locked", detail: { username, ip, rule: verdict.rule } }),
            );
            throw new APIError("TOO_MANY_REQUESTS", { message: verdict.message, code: verdict.code });
          }
        }
      }),
      // Audit: every sign-in attempt (the username tried, never the password).
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/username") return;
        const username = normalizeUsername((ctx.body as { username?: unknown } | undefined)?.username);
        const returned: unknown = ctx.context.returned;
        const ip = clientIp(ctx.request?.headers ?? ctx.headers);
        await quietly("login", async () => {
          if (isAPIError(returned)) {
            const reason = typeof returned.body?.code === "string" ? returned.body.code : String(returned.status);
            await recordLoginAttempt(db, { username, ok: false, reason, ip });
            // a disabled account's right password is no guess: it does not count towards the limits
            if (reason !== ACCOUNT_DISABLED) await recordLoginOutcome(db, { username, ip, ok: false });
          } else {
            const userId = (returned as { user?: { id?: string } } | undefined)?.user?.id ?? null;
            await recordLoginAttempt(db, { username, ok: true, userId, ip });
            await recordLoginOutcome(db, { username, ip, ok: true });
          }
        });
      }),
    },
    databaseHooks: {
      session: {
        create: {
          // Runs after the password was verified: a disabled account gets no session.
          async before(session) {
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { disabled: true },
            });
            if (!user || user.disabled) {
              throw new APIError("FORBIDDEN", { message: "账号已停用，请联系管理员", code: ACCOUNT_DISABLED });
            }
          },
        },
        delete: {
          // Audit: signing out (not expired-session clean-up, nor sessions revoked by an admin).
          async after(session, context) {
            if (context?.path !== "/sign-out") return;
            await quietly("logout", () => recordEvent(db, { actorId: session.userId, action: "auth.logout" }));
          },
        },
      },
    },
    plugins: [
      username({ minUsernameLength: 2, maxUsernameLength: 32 }),
      nextCookies(), // must stay last
    ],
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** The Better Auth endpoints reachable over HTTP (/api/auth/…): the login form's, sign-out, the session. */
export const HTTP_ENDPOINTS: ReadonlySet<string> = new Set(["/sign-in/username", "/sign-out", "/get-session"]);
