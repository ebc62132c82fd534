// Preloaded (node --require) into `next start` by scripts/start.mjs and scripts/e2e-server.mjs.
//
// The app reads the client's address from X-Forwarded-For (the login limits, Better Auth's rate limit,
// the audit log). Any client can send that header, and `next start` passes a client's value through
// unchanged (it only fills it in when missing), so a stranger could pose as a clerk's office address.
// Before Next sees a request, this rewrites X-Forwarded-For to ONE address it can vouch for:
//
//   NIANBAO_TRUST_PROXY unset / 0 / off   the TCP peer (the app is reached directly; what the client sent is ignored)
//   NIANBAO_TRUST_PROXY=1 (or on)         behind one reverse proxy (nginx …) that appends the peer it saw:
//                                         the last X-Forwarded-For entry; 2 for two proxies in a row, etc.
//
// With a proxy, the app must be reachable only through it (listen on 127.0.0.1 or firewall the port):
// a client talking to the app directly could otherwise choose its address. X-Real-IP and Forwarded are
// removed so that nothing downstream reads a client's value.
"use strict";
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS preload (node --require) */
const http = require("node:http");
const https = require("node:https");
const net = require("node:net");

/** "on"/"true" → 1, a number of proxies → that number, anything else → 0 (trust no header). */
function proxyHops(value) {
  const v = String(value ?? "").trim().toLowerCase();
  if (v === "on" || v === "true" || v === "yes") return 1;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  if (v && v !== "off" && v !== "false" && v !== "no") {
    console.warn(`NIANBAO_TRUST_PROXY=${value} is not understood (use a number of proxies, e.g. 1, or off): no proxy trusted`);
  }
  return 0;
}

/** An address as written in headers ("1.2.3.4:567", "[::1]:80", "::ffff:1.2.3.4") → the bare address, or "" if none. */
function canonical(value) {
  let v = String(value ?? "").trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(v);
  if (bracketed) v = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(v)) v = v.slice(0, v.lastIndexOf(":"));
  if (/^::ffff:\d{1,3}(\.\d{1,3}){3}$/i.test(v)) v = v.slice(7);
  return net.isIP(v) ? v.toLowerCase() : "";
}

/**
 * The client's address: the TCP peer, or with `hops` trusted proxies the entry they appended
 * (counted from the right of X-Forwarded-For, the peer being the last proxy).
 */
function resolveClientAddress({ forwardedFor, socketAddress, hops }) {
  const peer = canonical(socketAddress);
  if (!hops) return peer;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(",") : String(forwardedFor ?? "");
  const chain = [...header.split(",").map((s) => s.trim()).filter(Boolean), peer];
  const picked = chain[Math.max(0, chain.length - 1 - hops)];
  return canonical(picked) || peer;
}

let config = { hops: proxyHops(process.env.NIANBAO_TRUST_PROXY) };

/** Changes the number of trusted proxies (tests). */
function configure(next) {
  config = { ...config, ...next };
}

function rewrite(req) {
  const address = resolveClientAddress({
    forwardedFor: req.headers["x-forwarded-for"],
    socketAddress: req.socket && req.socket.remoteAddress,
    hops: config.hops,
  });
  delete req.headers["x-real-ip"];
  delete req.headers["forwarded"];
  if (address) req.headers["x-forwarded-for"] = address;
  else delete req.headers["x-forwarded-for"];
}

const PATCHED = Symbol.for("nianbao.clientAddress");

function install() {
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype;
    if (proto[PATCHED]) continue;
    const emit = proto.emit;
    proto.emit = function (event, req, ...rest) {
      if (event === "request" && req && req.headers) rewrite(req);
      return emit.call(this, event, req, ...rest);
    };
    proto[PATCHED] = true;
  }
  globalThis[PATCHED] = true;
}

install();

module.exports = { resolveClientAddress, canonical, proxyHops, configure, install };
