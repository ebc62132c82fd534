import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, makeNonce, securityHeaders, servedOverHttps, trustsProxy } from "./security-headers";

describe("security headers", () => {
  it("production CSP: nonce and strict-dynamic, no eval, no framing; dev allows eval", () => {
    const csp = contentSecurityPolicy({ nonce: "abc", dev: false, https: false });
    expect(csp).toContain("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("upgrade-insecure-requests");
    expect(contentSecurityPolicy({ nonce: "abc", dev: true, https: false })).toContain("'unsafe-eval'");
  });

  it("HSTS only over HTTPS", () => {
    expect(securityHeaders({ nonce: "n", dev: false, https: false })["Strict-Transport-Security"]).toBeUndefined();
    expect(securityHeaders({ nonce: "n", dev: false, https: true })["Strict-Transport-Security"]).toMatch(/^max-age=31536000/);
  });

  it("HTTPS: the request, the public URL, or a trusted proxy's X-Forwarded-Proto — never an untrusted one", () => {
    const base = { requestUrl: "http://10.0.0.5:3000/x", publicUrl: undefined, forwardedProto: null, trustProxy: false };
    expect(servedOverHttps(base)).toBe(false);
    expect(servedOverHttps({ ...base, requestUrl: "https://a/x" })).toBe(true);
    expect(servedOverHttps({ ...base, publicUrl: "https://nianbao.example.gov.cn" })).toBe(true);
    expect(servedOverHttps({ ...base, forwardedProto: "https" })).toBe(false);
    expect(servedOverHttps({ ...base, forwardedProto: "https, http", trustProxy: true })).toBe(true);
    expect(servedOverHttps({ ...base, forwardedProto: "http", trustProxy: true })).toBe(false);
    expect(trustsProxy("1")).toBe(true);
    expect(trustsProxy("on")).toBe(true);
    expect(trustsProxy("0")).toBe(false);
    expect(trustsProxy(undefined)).toBe(false);
  });

  it("a fresh 128-bit nonce each time", () => {
    const a = makeNonce();
    expect(a).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(makeNonce()).not.toBe(a);
  });
});
