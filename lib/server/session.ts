import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getAuth } from "./auth";
import { getDb } from "./db";
import { isRole } from "./permissions";
import type { SessionUser } from "./types";

export type { SessionUser } from "./types";

/** The signed-in user, or null (no/expired session, disabled account, unknown role). Cached per request. */
export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  // headers() first: during prerendering it bails out before any database or secret is touched.
  const requestHeaders = await headers();
  const session = await getAuth().api.getSession({ headers: requestHeaders });
  if (!session) return null;
  // Re-read the row: role/organ/disabled may have changed since the session was created.
  const user = await getDb().user.findUnique({
    where: { id: session.user.id },
    select: {
      id: true,
      username: true,
      displayName: true,
      name: true,
      role: true,
      organId: true,
      disabled: true,
      organ: { select: { fullName: true, shortName: true, kind: true } },
    },
  });
  if (!user || user.disabled || !isRole(user.role)) return null;
  return {
    id: user.id,
    username: user.username ?? "",
    displayName: user.displayName || user.name,
    role: user.role,
    organId: user.organId,
    organName: user.organ?.fullName ?? "",
    organShortName: user.organ?.shortName ?? "",
    organKind: user.organ?.kind ?? "",
  };
});

/** The signed-in user; redirects to /login otherwise. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getCurrentUser();
  if (!user) redirect("/login");
  return user;
}
