import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth";
import { getDb } from "./db";
import { loadSessionUser } from "./services/session-user";
import type { SessionUser } from "./types";

export type { SessionUser } from "./types";

/** The signed-in user, or null (no/expired session, disabled account, unknown role). Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // headers() first: during prerendering it bails out before any database or secret is touched.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // Re-read the row: role/organ/disabled may have changed since the session was created.
  return loadSessionUser(getDb(), session.user.id);
});

/** The signed-in user; redirects to /login otherwise. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
