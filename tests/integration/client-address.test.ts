// scripts/client-address.cjs: the one client address the app sees in X-Forwarded-For.
import { createRequire } from "node:module";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

type ClientAddress = {
  resolveClientAddress(a: { forwardedFor?: string | string[]; socketAddress?: string; hops: number }): string;
  proxyHops(value: string | undefined): number;
  configure(c: { hops: number }): void;
};
// loading it installs the rewrite into this process's HTTP servers, as `node --require` does for next start
const clientAddress = createRequire(import.meta.url)("../../scripts/client-address.cjs") as ClientAddress;

describe("resolveClientAddress", () => {
  const resolve = clientAddress.resolveClientAddress;
  it("without a trusted proxy: the TCP peer, whatever the client claims", () => {
    expect(resolve({ forwardedFor: "198.51.100.10", socketAddress: "203.0.113.5", hops: 0 })).toBe("203.0.113.5");
    expect(resolve({ forwardedFor: undefined, socketAddress: "::ffff:127.0.0.1", hops: 0 })).toBe("127.0.0.1");
  });
  it("behind one proxy: the address the proxy appended, not what the client put before it", () => {
    // nginx: proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for
    expect(resolve({ forwardedFor: "198.51.100.10, 203.0.113.5", socketAddress: "10.0.0.2", hops: 1 })).toBe("203.0.113.5");
    expect(resolve({ forwardedFor: "203.0.113.5", socketAddress: "10.0.0.2", hops: 1 })).toBe("203.0.113.5");
    expect(resolve({ forwardedFor: ["198.51.100.10", "203.0.113.5:4711"], socketAddress: "10.0.0.2", hops: 1 })).toBe("203.0.113.5");
    expect(resolve({ forwardedFor: "[2001:db8::1]:443", socketAddress: "10.0.0.2", hops: 1 })).toBe("2001:db8::1");
    // two proxies in a row
    expect(resolve({ forwardedFor: "198.51.100.10, 203.0.113.5, 10.0.0.1", socketAddress: "10.0.0.2", hops: 2 })).toBe("203.0.113.5");
  });
  it("falls back to the peer when the header is missing or garbage", () => {
    expect(resolve({ forwardedFor: "", socketAddress: "10.0.0.2", hops: 1 })).toBe("10.0.0.2");
    expect(resolve({ forwardedFor: "evil, <script>", socketAddress: "10.0.0.2", hops: 1 })).toBe("10.0.0.2");
  });
  it("reads NIANBAO_TRUST_PROXY", () => {
    expect(clientAddress.proxyHops(undefined)).toBe(0);
    expect(clientAddress.proxyHops("off")).toBe(0);
    expect(clientAddress.proxyHops("1")).toBe(1);
    expect(clientAddress.proxyHops("on")).toBe(1);
    expect(clientAddress.proxyHops("2")).toBe(2);
  });
});

describe("an HTTP server in a process that preloaded it", () => {
  let server: http.Server;
  let url = "";
  const seen: Record<string, string | undefined>[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ xff: req.headers["x-forwarded-for"] as string | undefined, realIp: req.headers["x-real-ip"] as string | undefined });
      res.end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    clientAddress.configure({ hops: 0 });
    await new Promise((r) => server.close(r));
  });

  it("replaces a spoofed X-Forwarded-For with the peer, drops X-Real-IP", async () => {
    clientAddress.configure({ hops: 0 });
    await fetch(url, { headers: { "x-forwarded-for": "198.51.100.10", "x-real-ip": "198.51.100.11" } });
    expect(seen.at(-1)).toEqual({ xff: "127.0.0.1", realIp: undefined });
  });

  it("behind a trusted proxy keeps the proxy's entry only", async () => {
    clientAddress.configure({ hops: 1 });
    await fetch(url, { headers: { "x-forwarded-for": "198.51.100.10, 203.0.113.5" } });
    expect(seen.at(-1)).toEqual({ xff: "203.0.113.5", realIp: undefined });
    await fetch(url);
    expect(seen.at(-1)).toEqual({ xff: "127.0.0.1", realIp: undefined });
  });
});
