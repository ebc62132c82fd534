import "server-only";
import { notFound } from "next/navigation";
import { requireUser, type SessionUser } from "@/lib/server/session";
import { can } from "@/lib/server/permissions";

/** The signed-in administrator; others get a 404 (the pages' existence does not leak), visitors the login page. */
export async function requireAdmin(): Promise<SessionUser> {
  const user = await requireUser();
  if (!can(user, "admin:manage")) notFound();
  return user;
}
