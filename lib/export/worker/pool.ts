/**
 * A small pool of worker threads that render exports (PDF, DOCX), so that a render — which blocks
 * the event loop of the thread it runs on for its whole duration — never stalls the web server.
 *
 * - Workers start lazily (first render), load the renderers through tsx (render-worker.mjs), register
 *   the fonts once and warm up; then each renders one job at a time. Jobs queue in FIFO order.
 * - A job that throws (e.g. a bad view model) is rejected with a RenderError; the worker lives on.
 * - A worker that dies (crash, out of memory) or overruns the time limit is replaced; only the job
 *   it was running fails.
 * - When workers cannot start at all (e.g. the worker script or tsx is missing), the pool logs a
 *   warning once and renders on the calling thread instead: exports keep working, only slower.
 */
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { ViewModel } from "../view-model";
import type { JobKind, RenderFormat, RenderJobResult } from "./render-job";

export type { RenderFormat } from "./render-job";

export type RenderOutput = {
  bytes: Buffer;
  /** Characters the primary body face lacks; they are drawn in the fallback face. */
  missingGlyphs: string[];
  /** Those of missingGlyphs that no face can draw (emoji…); the PDF shows □ for them. */
  unrenderable: string[];
  /** Render time proper (without queueing), ms. */
  ms: number;
  /** Where it ran. */
  via: "worker" | "inline";
};

export class RenderError extends Error {
  constructor(
    message: string,
    readonly reason: "render" | "crash" | "timeout" | "closed",
  ) {
    super(message);
    this.name = "RenderError";
  }
}

export type RenderPoolOptions = {
  /** Number of worker threads; default defaultPoolSize(). 0 renders in-thread. */
  size?: number;
  /** The worker entry; default lib/export/worker/render-worker.mjs under the working directory. */
  script?: string;
  /** A job running longer is abandoned (its worker is terminated and replaced); default 90 s. */
  timeoutMs?: number;
  /** Render a small document when a worker starts; default true. */
  warmUp?: boolean;
  /** Nice value of the worker threads (Linux): renders yield the CPU to the event loop; default 10. */
  nice?: number;
  /** After this many workers in a row failed to start, render in-thread; default 2. */
  maxStartFailures?: number;
  logger?: Pick<Console, "warn" | "error">;
};

export type RenderPoolStats = {
  size: number;
  mode: "worker" | "inline";
  workers: number;
  busy: number;
  queued: number;
  completed: number;
  failed: number;
  crashes: number;
};

/** availableParallelism − 1, at least 1, at most 2 (each worker holds ~250 MB once warm). */
export function defaultPoolSize(): number {
  const cpus = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length;
  return Math.min(2, Math.max(1, cpus - 1));
}

export function defaultWorkerScript(): string {
  return path.join(process.cwd(), "lib", "export", "worker", "render-worker.mjs");
}

type Job = {
  id: number;
  format: JobKind;
  vm: ViewModel;
  resolve: (out: RenderOutput) => void;
  reject: (e: Error) => void;
};

type Slot = {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: ReturnType<typeof setTimeout> | null;
  timedOut: boolean;
};

type WorkerMessage =
  | { type: "ready" }
  | ({ type: "result"; id: number; ok: true } & RenderJobResult)
  | { type: "result"; id: number; ok: false; error: string };

export class RenderPool {
  readonly size: number;
  private readonly script: string;
  private readonly timeoutMs: number;
  private readonly warmUp: boolean;
  private readonly nice: number;
  private readonly maxStartFailures: number;
  private readonly logger: Pick<Console, "warn" | "error">;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private nextId = 1;
  private startFailures = 0;
  private inline: boolean;
  private inlineChain: Promise<unknown> = Promise.resolve();
  private closed = false;
  private counts = { completed: 0, failed: 0, crashes: 0 };

  constructor(opts: RenderPoolOptions = {}) {
    this.size = Math.max(0, Math.floor(opts.size ?? defaultPoolSize()));
    this.script = opts.script ?? defaultWorkerScript();
    this.timeoutMs = opts.timeoutMs ?? 90_000;
    this.warmUp = opts.warmUp ?? true;
    this.nice = opts.nice ?? 10;
    this.maxStartFailures = Math.max(1, opts.maxStartFailures ?? 2);
    this.logger = opts.logger ?? console;
    this.inline = this.size === 0;
  }

  /** Render `vm` as PDF or DOCX. Rejects with a RenderError (never hangs: jobs have a time limit). */
  render(format: RenderFormat, vm: ViewModel): Promise<RenderOutput> {
    return this.submit(format, vm);
  }

  /** The characters of `vm` that the primary body face lacks, and those no face has (a quick job: no document is drawn). */
  async missingGlyphs(vm: ViewModel): Promise<{ missingGlyphs: string[]; unrenderable: string[] }> {
    const { missingGlyphs, unrenderable } = await this.submit("glyphs", vm);
    return { missingGlyphs, unrenderable };
  }

  private submit(format: JobKind, vm: ViewModel): Promise<RenderOutput> {
    if (this.closed) return Promise.reject(new RenderError("render pool is closed", "closed"));
    return new Promise<RenderOutput>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, format, vm, resolve, reject });
      this.pump();
    });
  }

  /** Start the workers now (otherwise they start with the first render). */
  start(): void {
    if (!this.inline && !this.closed) while (this.slots.length < this.size) this.spawn();
  }

  stats(): RenderPoolStats {
    return {
      size: this.size,
      mode: this.inline ? "inline" : "worker",
      workers: this.slots.length,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      ...this.counts,
    };
  }

  /** Terminate the workers; queued jobs are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new RenderError("render pool is closed", "closed"));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    this.slots = [];
  }

  // -------------------------------------------------------------------------------------------

  private pump() {
    if (this.closed) return;
    if (this.inline) {
      for (const job of this.queue.splice(0)) this.runInline(job);
      return;
    }
    this.start();
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      this.dispatch(slot, job);
    }
  }

  private spawn() {
    let worker: Worker;
    try {
      worker = new Worker(this.script, {
        workerData: { warmUp: this.warmUp, nice: this.nice },
        // a runaway render takes down its worker, not the server
        resourceLimits: { maxOldGenerationSizeMb: 1536 },
        stdout: false,
        stderr: false,
      });
    } catch (e) {
      this.startFailed(e);
      return;
    }
    const slot: Slot = { worker, ready: false, job: null, timer: null, timedOut: false };
    this.slots.push(slot);
    worker.unref();
    let lastError: unknown = null;
    worker.on("message", (m: WorkerMessage) => this.onMessage(slot, m));
    worker.on("error", (e) => {
      lastError = e;
    });
    worker.on("exit", (code) => this.onExit(slot, code, lastError));
  }

  private dispatch(slot: Slot, job: Job) {
    slot.job = job;
    slot.worker.ref();
    slot.timer = setTimeout(() => {
      slot.timedOut = true;
      void slot.worker.terminate();
    }, this.timeoutMs);
    slot.worker.postMessage({ type: "job", id: job.id, format: job.format, vm: job.vm });
  }

  private onMessage(slot: Slot, m: WorkerMessage) {
    if (m.type === "ready") {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || m.id !== job.id) return;
    this.release(slot);
    if (m.ok) {
      this.counts.completed++;
      job.resolve({
        bytes: Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.byteLength),
        missingGlyphs: m.missingGlyphs,
        unrenderable: m.unrenderable ?? [],
        ms: m.ms,
        via: "worker",
      });
    } else {
      this.counts.failed++;
      job.reject(new RenderError(m.error, "render"));
    }
    this.pump();
  }

  private release(slot: Slot) {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.job = null;
    slot.worker.unref();
  }

  private onExit(slot: Slot, code: number, error: unknown) {
    this.slots = this.slots.filter((s) => s !== slot);
    const job = slot.job;
    const timedOut = slot.timedOut;
    this.release(slot);
    if (this.closed) return;
    if (!slot.ready) {
      this.startFailed(error ?? new Error(`worker exited with code ${code} before it was ready`));
    } else if (job) {
      this.counts.crashes++;
      this.counts.failed++;
      const detail = error instanceof Error ? error.message : `exit code ${code}`;
      this.logger.error(`[render-pool] worker ${timedOut ? "timed out" : "died"} rendering a ${job.format}: ${detail}`);
      job.reject(
        timedOut
          ? new RenderError(`render timed out after ${this.timeoutMs} ms`, "timeout")
          : new RenderError(`render worker died: ${detail}`, "crash"),
      );
    }
    if (this.queue.length > 0) this.pump();
  }

  private startFailed(error: unknown) {
    this.startFailures++;
    const detail = error instanceof Error ? error.message : String(error);
    if (this.startFailures >= this.maxStartFailures) {
      this.inline = true;
      this.logger.warn(
        `[render-pool] render workers cannot start (${detail}); rendering on the main thread from now on — ` +
          "each export will block the server while it renders",
      );
    } else {
      this.logger.warn(`[render-pool] a render worker failed to start (${detail}); retrying`);
    }
    this.pump();
  }

  private runInline(job: Job) {
    this.inlineChain = this.inlineChain.then(async () => {
      try {
        const { runRenderJob } = await import("./render-job");
        const r = await runRenderJob({ format: job.format, vm: job.vm });
        this.counts.completed++;
        job.resolve({
          bytes: Buffer.from(r.bytes.buffer, r.bytes.byteOffset, r.bytes.byteLength),
          missingGlyphs: r.missingGlyphs,
          unrenderable: r.unrenderable,
          ms: r.ms,
          via: "inline",
        });
      } catch (e) {
        this.counts.failed++;
        job.reject(new RenderError(e instanceof Error ? e.message : String(e), "render"));
      }
    });
  }
}

const GLOBAL_KEY = Symbol.for("nianbao.renderPool");

/**
 * The process-wide pool (one per server process, also when several bundles load this module).
 * NIANBAO_RENDER_WORKERS overrides the size; 0 renders in-thread.
 */
export function getRenderPool(): RenderPool {
  const g = globalThis as typeof globalThis & { [GLOBAL_KEY]?: RenderPool };
  let pool = g[GLOBAL_KEY];
  if (!pool) {
    const env = process.env.NIANBAO_RENDER_WORKERS;
    const size = env !== undefined && env !== "" && Number.isFinite(Number(env)) ? Number(env) : undefined;
    pool = new RenderPool({ size });
    g[GLOBAL_KEY] = pool;
  }
  return pool;
}
