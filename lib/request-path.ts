/** The request header in which proxy.ts passes the requested path (with its query) to the pages. */
export const REQUEST_PATH_HEADER = "x-nianbao-path";

/**
 * The login page's address for someone whose login is missing or has expired on `path`: /login?next=…
 * for an app page read by GET, plain /login for the login page itself, API routes and anything not a path.
 */
export function loginPathFor(path: string | null | undefined): string {
  if (!path || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return "/login";
  if (path === "/" || path.startsWith("/login") || path.startsWith("/api/") || path.startsWith("/_next/")) return "/login";
  return `/login?next=${encodeURIComponent(path)}`;
}
