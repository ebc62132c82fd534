// Role → permission table. Pure (no server-only): pages and client components may use it to decide
// what to show; the services enforce it.
export const ROLES = ["CLERK", "SUPERVISOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "report:read", // see reports in scope (lib/server/scope.ts)
  "report:create", // create the own organ's report for a year
  "report:edit", // save drafts of reports in scope
  "report:submit", // submit / withdraw
  "report:review", // return / approve / publish
  "admin:manage", // accounts and organs
  "dashboard:view", // the supervisor dashboard and its bulk export (organs in scope)
  "audit:read", // the audit log
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  CLERK: ["report:read", "report:create", "report:edit", "report:submit"],
  SUPERVISOR: ["report:read", "report:review", "dashboard:view"],
  ADMIN: ["report:read", "admin:manage", "dashboard:view", "audit:read"],
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function can(user: { role: string } | null | undefined, permission: Permission): boolean {
  if (!user || !isRole(user.role)) return false;
  return ROLE_PERMISSIONS[user.role].includes(permission);
}

/** Where a user lands after signing in (and on /): supervisors on their review dashboard, others on the reports. */
export function landingPath(user: { role?: string } | null | undefined): string {
  return user?.role === "SUPERVISOR" ? "/dashboard" : "/reports";
}
