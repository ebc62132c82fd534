import net from "node:net";
import { expect, test } from "./fixtures";

// Behind nginx (README "Deployment": upstream keepalive) the proxy reuses idle connections to the app for
// up to 60 s. If the app closed them sooner (Node's default: 5 s), a request sent down a connection the app
// is closing at that moment fails: a 502 for an autosave POST, ECONNRESET for a test client. The app keeps
// idle connections 75 s (scripts/next-start.mjs).

/** Sends a GET on `socket` and resolves with the status line once the whole answer has arrived. */
function get(socket: net.Socket, host: string, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    const onData = (chunk: Buffer) => {
      data += chunk.toString("latin1");
      const end = data.indexOf("\r\n\r\n");
      if (end < 0) return;
      const length = /\r\ncontent-length: *(\d+)/i.exec(data.slice(0, end));
      const chunked = /\r\ntransfer-encoding: *chunked/i.test(data.slice(0, end));
      const done = length ? data.length >= end + 4 + Number(length[1]) : chunked ? data.endsWith("0\r\n\r\n") : false;
      if (!done) return;
      socket.off("data", onData);
      resolve(data.slice(0, data.indexOf("\r\n")));
    };
    socket.on("data", onData);
    socket.once("error", reject);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
  });
}

test("an idle keep-alive connection stays open longer than a proxy keeps it (more than Node's default 5 s)", async ({ baseURL }) => {
  test.setTimeout(60_000);
  const url = new URL(baseURL!);
  const socket = net.connect(Number(url.port), url.hostname);
  await new Promise<void>((resolve, reject) => socket.once("connect", resolve).once("error", reject));
  let closedAt: number | null = null;
  socket.once("close", () => (closedAt = Date.now()));
  try {
    expect(await get(socket, url.host, "/api/health")).toMatch(/^HTTP\/1\.1 200/);
    const idleFrom = Date.now();
    await new Promise((r) => setTimeout(r, 8_000));
    expect(closedAt, "the app closed the idle connection").toBeNull();
    // and the same connection still serves the next request
    expect(await get(socket, url.host, "/api/health")).toMatch(/^HTTP\/1\.1 200/);
    expect(Date.now() - idleFrom).toBeGreaterThan(8_000);
  } finally {
    socket.destroy();
  }
});
