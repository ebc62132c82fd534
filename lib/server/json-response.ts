import "server-only";

/**
 * A JSON answer of the app's own routes (the editor's save and state, the organ search): never cached, for
 * this user only. `noTransform`: not gzipped by Next (small answers sent every few seconds per open editor,
 * where compressing costs more CPU than it saves on an intranet).
 */
export function privateJson(body: unknown, status = 200, opts: { noTransform?: boolean } = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "cache-control": opts.noTransform ? "private, no-store, no-transform" : "private, no-store",
    },
  });
}
