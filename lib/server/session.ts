import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { loginPathFor, REQUEST_PATH_HEADER } from "@/lib/request-path";
import { getAuth } from "./auth";
import { getDb } from "./db";
import { getAuthSecret } from "./secret";
import { resolveSessionUser } from "./services/session-user";
import type { SessionUser } from "./types";

export type { SessionUser } from "./types";

let secret: string | undefined;

/** The signed-in user of a request, or null: see resolveSessionUser. */
export async function userFromHeaders(requestHeaders: Headers): Promise<SessionUser | null> {
  secret ??= getAuthSecret();
  return resolveSessionUser(getDb(), requestHeaders, secret, (h) => getAuth().api.getSession({ headers: h }));
}

/** The signed-in user, or null. Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // headers() first: during prerendering it bails out before any database or secret is touched.
  return userFromHeaders(await headers());
});

/** The signed-in user; redirects to /login otherwise, which comes back to the page asked for once signed in. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect(loginPathFor((await headers()).get(REQUEST_PATH_HEADER)));
  return user;
}
