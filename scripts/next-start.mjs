// How every `next start` of the project runs (npm start, the e2e server, the benches' instances).
import path from "node:path";

/**
 * Idle keep-alive connections stay open 75 s: longer than a reverse proxy keeps its idle upstream
 * connections (nginx's keepalive_timeout: 60 s), so that the proxy never sends a request down a connection
 * the app is closing at that moment (Node's default is 5 s: an autosave POST would come back as a 502,
 * and a test client reusing a connection after 5 s idle sees ECONNRESET).
 */
export const KEEP_ALIVE_TIMEOUT_MS = 75_000;

/**
 * The node arguments for `next start -p <port>` (and `-H <host>` when given). scripts/client-address.cjs:
 * the client address the app sees (login limits, audit) is the TCP peer, or with NIANBAO_TRUST_PROXY=<number
 * of proxies> the address the reverse proxy saw — never what a client claims.
 */
export function nextStartArgs(port, host) {
  return [
    "--require",
    path.join(import.meta.dirname, "client-address.cjs"),
    "node_modules/next/dist/bin/next",
    "start",
    "-p",
    String(port),
    ...(host ? ["-H", host] : []),
    "--keepAliveTimeout",
    String(KEEP_ALIVE_TIMEOUT_MS),
  ];
}
