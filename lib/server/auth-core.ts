// Better Auth configuration (no `server-only`: used by lib/server/auth.ts for Next, and directly by
// scripts and integration tests with their own database client).
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { nextCookies } from "better-auth/next-js";
import { username } from "better-auth/plugins";
import type { Db } from "./db-core";
import type { DbProvider } from "./db-url";
import {
  LOGIN_LOCKED_CODE,
  LOGIN_LOCKED_MESSAGE,
  loginLockState,
  normalizeUsername,
  recordEvent,
  recordLoginAttempt,
} from "./services/audit";

/** Error code returned by sign-in when the account is disabled (shown as 账号已停用…). */
export const ACCOUNT_DISABLED = "ACCOUNT_DISABLED";
/** Error code (HTTP 429) when too many failed logins locked the username (lib/server/services/audit.ts). */
export const ACCOUNT_LOCKED = LOGIN_LOCKED_CODE;

function clientIp(headers: Headers | undefined): string | null {
  const forwarded = headers?.get("x-forwarded-for")?.split(",")[0]?.trim();
  return (forwarded || headers?.get("x-real-ip") || "").slice(0, 64) || null;
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
      expiresIn: 60 * 60 * 24 * 7, // 7 days
      updateAge: 60 * 60 * 24, // refreshed daily while in use
    },
    rateLimit: {
      enabled: rateLimitEnabled,
      customRules: { "/sign-in/username": { window: 60, max: 20 } },
    },
    advanced: {
      cookiePrefix: "nianbao",
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
        // Too many failed logins for this username (from any IP) → refused until the window passes.
        // Independent of NIANBAO_AUTH_RATE_LIMIT (Better Auth's per-IP limit).
        const username = normalizeUsername((ctx.body as { username?: unknown } | undefined)?.username);
        if (username && (await loginLockState(db, username)).locked) {
          const ip = clientIp(ctx.request?.headers ?? ctx.headers);
          await quietly("locked login", () => recordEvent(db, { actorId: null, action: "auth.login_locked", detail: { username, ip } }));
          throw new APIError("TOO_MANY_REQUESTS", { message: LOGIN_LOCKED_MESSAGE, code: LOGIN_LOCKED_CODE });
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
          } else {
            const userId = (returned as { user?: { id?: string } } | undefined)?.user?.id ?? null;
            await recordLoginAttempt(db, { username, ok: true, userId, ip });
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
