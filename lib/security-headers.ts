/**
 * The security headers of every response (set by proxy.ts): a nonce-based Content-Security-Policy and the
 * usual hardening headers. Pure (no I/O), so that proxy.ts and the tests share it.
 *
 * Scripts: only Next's own scripts, which carry the per-request nonce, and what they load ('strict-dynamic');
 * no 'unsafe-eval' in production (React's dev overlay needs it in `next dev`). Styles: the app sets style
 * attributes (column widths, indents) and Radix injects <style> elements without a nonce, so styles are
 * 'self' 'unsafe-inline' — styles cannot run script. The preview (pdf.js) runs its worker from our own
 * route (worker-src 'self', blob: for pdf.js's fallback) and shows pages as blob: PNGs (img-src blob:).
 */

export type SecurityHeaderOptions = {
  nonce: string;
  /** `next dev` (NODE_ENV=development): React needs eval for its error overlay. */
  dev: boolean;
  /** The request reached us over HTTPS: HSTS and upgrade-insecure-requests. */
  https: boolean;
};

export function contentSecurityPolicy({ nonce, dev, https }: SecurityHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "manifest-src 'self'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "bluetooth=()",
  "midi=()",
  "magnetometer=()",
  "gyroscope=()",
  "accelerometer=()",
  "interest-cohort=()",
  "browsing-topics=()",
].join(", ");

/** One year, subdomains included; only ever sent over HTTPS. */
export const HSTS = "max-age=31536000; includeSubDomains";

export function securityHeaders(opts: SecurityHeaderOptions): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(opts),
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(opts.https ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/** NIANBAO_TRUST_PROXY as scripts/client-address.cjs reads it: a reverse proxy is trusted when it names ≥ 1 hop. */
export function trustsProxy(value: string | undefined): boolean {
  const v = String(value ?? "").trim().toLowerCase();
  if (v === "on" || v === "true" || v === "yes") return true;
  return /^\d{1,2}$/.test(v) && Number(v) > 0;
}

/**
 * Whether the client reached us over HTTPS: the request URL is https (TLS terminated by Node), the public
 * URL (BETTER_AUTH_URL) is https, or a trusted reverse proxy says so in X-Forwarded-Proto (the first entry).
 * X-Forwarded-Proto from an untrusted client is ignored.
 */
export function servedOverHttps(input: {
  requestUrl: string;
  publicUrl: string | undefined;
  forwardedProto: string | null;
  trustProxy: boolean;
}): boolean {
  if (input.requestUrl.startsWith("https:")) return true;
  if (input.publicUrl?.trim().toLowerCase().startsWith("https:")) return true;
  if (input.trustProxy && input.forwardedProto) {
    return input.forwardedProto.split(",")[0]!.trim().toLowerCase() === "https";
  }
  return false;
}

/** A fresh unguessable nonce (128 random bits, base64). */
export function makeNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s);
}
