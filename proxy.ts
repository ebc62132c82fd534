import { NextResponse, type NextRequest } from "next/server";
import { REQUEST_PATH_HEADER } from "@/lib/request-path";
import { makeNonce, securityHeaders, servedOverHttps, trustsProxy } from "@/lib/security-headers";

/**
 * Security headers on every page, route handler and file download (lib/security-headers.ts), with a fresh
 * CSP nonce per request. Next reads the nonce from the request's Content-Security-Policy header and puts it
 * on its own scripts while rendering, which is why every page renders dynamically (app/layout.tsx).
 * Next's hashed build assets (_next/static) get theirs from next.config.ts.
 */
export function proxy(request: NextRequest) {
  const nonce = makeNonce();
  const headers = securityHeaders({
    nonce,
    dev: process.env.NODE_ENV === "development",
    https: servedOverHttps({
      requestUrl: request.url,
      publicUrl: process.env.BETTER_AUTH_URL,
      forwardedProto: request.headers.get("x-forwarded-proto"),
      trustProxy: trustsProxy(process.env.NIANBAO_TRUST_PROXY),
    }),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  // the page asked for, so that a login that has expired comes back to it (lib/server/session.ts requireUser)
  const asked = request.nextUrl.clone();
  asked.searchParams.delete("_rsc"); // a client-side navigation's fetch
  requestHeaders.set(REQUEST_PATH_HEADER, asked.pathname + asked.search);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: ["/((?!_next/static|_next/image).*)"],
};
