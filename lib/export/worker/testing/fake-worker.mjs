// A stand-in render worker for the pool tests: speaks the protocol of render-worker.mjs without
// rendering. The first title line of the view model says what to do: "crash" exits the thread,
// "hang" never answers, "throw" answers with an error; anything else answers with the title bytes.
import { parentPort, workerData } from "node:worker_threads";

const port = parentPort;
if (workerData?.failStart) throw new Error("cannot start");
port.on("message", (msg) => {
  const what = msg.vm?.title?.[0];
  if (what === "crash") process.exit(3);
  if (what === "hang") return;
  if (what === "throw") return port.postMessage({ type: "result", id: msg.id, ok: false, error: "bad input" });
  const bytes = new TextEncoder().encode(`${msg.format}:${what}`);
  port.postMessage({ type: "result", id: msg.id, ok: true, bytes, missingGlyphs: [], ms: 1 }, [bytes.buffer]);
});
port.postMessage({ type: "ready" });
