// The entry of a render worker thread (see pool.ts). A plain ES module that Node loads as it is,
// both under `next start` (the route bundles never contain it) and under vitest: it registers tsx's
// loader for this thread and imports the TypeScript renderers from the source tree, registers the
// fonts once (with a small warm-up render), then renders the jobs it is sent, one at a time.
//
// Protocol (structured clone):
//   parent → worker  { type: "job", id, format: "pdf" | "docx", vm }
//   worker → parent  { type: "ready" } once, then for each job
//                    { type: "result", id, ok: true, bytes: Uint8Array (transferred), missingGlyphs, unrenderable, ms }
//                    { type: "result", id, ok: false, error }
import { readlinkSync } from "node:fs";
import os from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

if (!parentPort) throw new Error("render-worker.mjs must run in a worker thread");
const port = parentPort;

// Renders are background work: lower this thread's CPU priority (Linux: a thread is a task with its
// own nice value) so that, when the CPUs are busy, the server's event-loop thread runs first.
try {
  const tid = /task\/(\d+)/.exec(readlinkSync("/proc/thread-self"))?.[1];
  if (tid && workerData?.nice !== 0) os.setPriority(Number(tid), workerData?.nice ?? 10);
} catch {
  // not Linux, or not permitted: same priority as the server
}

register();
const { runRenderJob, warmUpViewModel } = await import(new URL("./render-job.ts", import.meta.url).href);

if (workerData?.warmUp !== false) {
  await runRenderJob({ format: "pdf", vm: warmUpViewModel() });
  await runRenderJob({ format: "docx", vm: warmUpViewModel() });
}

port.on("message", async (msg) => {
  if (!msg || msg.type !== "job") return;
  try {
    const r = await runRenderJob({ format: msg.format, vm: msg.vm });
    port.postMessage({ type: "result", id: msg.id, ok: true, bytes: r.bytes, missingGlyphs: r.missingGlyphs, unrenderable: r.unrenderable, ms: r.ms }, [
      r.bytes.buffer,
    ]);
  } catch (e) {
    port.postMessage({ type: "result", id: msg.id, ok: false, error: e instanceof Error ? e.message : String(e) });
  }
});
port.postMessage({ type: "ready" });
