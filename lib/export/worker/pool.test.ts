/**
 * The render worker pool with the real worker (render-worker.mjs through tsx, as under
 * `next start`) and with a stand-in worker for crashes, hangs and start failures.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { zhangliangViewModel } from "../pdf/fixtures/zhangliang";
import { renderPdf } from "../pdf/render";
import { renderDocx } from "../docx/render";
import { unzip } from "../docx/testing/ooxml";
import type { ViewModel } from "../view-model";
import { RenderError, RenderPool, defaultPoolSize } from "./pool";

const FAKE = path.join(import.meta.dirname, "testing", "fake-worker.mjs");
const fixed = (vm: ViewModel): ViewModel => ({ ...vm, meta: { ...vm.meta, creationDate: new Date("2024-01-19T08:00:00Z") } });
const titled = (t: string): ViewModel => ({ ...fixed(zhangliangViewModel()), title: [t] });
const quiet = () => ({ warn: vi.fn(), error: vi.fn() });

describe("the real render worker", () => {
  const pool = new RenderPool({ size: 2 });
  afterAll(() => pool.close());

  it("is sized from the CPUs: at least 1, at most 2", () => {
    expect(defaultPoolSize()).toBeGreaterThanOrEqual(1);
    expect(defaultPoolSize()).toBeLessThanOrEqual(2);
  });

  it("renders PDFs concurrently, byte-identical to an in-thread render, off this thread", async () => {
    const vm = fixed(zhangliangViewModel());
    pool.start();
    const local = await renderPdf(vm);
    const outs = await Promise.all([1, 2, 3, 4].map(() => pool.render("pdf", vm)));
    for (const out of outs) {
      expect(out.via).toBe("worker");
      expect(out.bytes.equals(local)).toBe(true);
    }
    expect(pool.stats()).toMatchObject({ workers: 2, mode: "worker", busy: 0, queued: 0 });
    // Every render ran in a worker ("via"), so this thread only posted messages. How long the event loop
    // stalls is measured by bench/export.ts (max_stall_ms), not asserted here.
  }, 120_000);

  it("renders DOCX with the same document as in-thread", async () => {
    const vm = fixed(zhangliangViewModel());
    const [out, local] = await Promise.all([pool.render("docx", vm), renderDocx(vm)]);
    expect(out.bytes.subarray(0, 2).toString()).toBe("PK");
    expect(unzip(out.bytes).get("word/document.xml")).toBe(unzip(local).get("word/document.xml"));
  }, 60_000);

  it("reports the characters missing from the body face", async () => {
    const vm = { ...fixed(zhangliangViewModel()), opening: ["联系人：王堃、李喆、赵昇、钱镕、孙赟。"] };
    const out = await pool.render("pdf", vm);
    expect(out.missingGlyphs).toEqual(["堃", "喆", "昇", "镕", "赟"]);
    expect(await pool.missingGlyphs(vm)).toEqual({ missingGlyphs: ["堃", "喆", "昇", "镕", "赟"], unrenderable: [] });
    const emoji = await pool.missingGlyphs({ ...vm, opening: ["满意度👍很高，王堃。"] });
    expect(emoji).toEqual({ missingGlyphs: ["👍", "堃"], unrenderable: ["👍"] });
  }, 60_000);

  it.skipIf(process.platform !== "linux")("runs its workers at a lower CPU priority than the event loop (nice 10)", () => {
    const nices = fs.readdirSync("/proc/self/task").map((tid) => {
      const stat = fs.readFileSync(`/proc/self/task/${tid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
    });
    expect(nices).toContain(10);
    expect(Number(fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ")[16])).toBe(0);
  });

  it("rejects a bad view model with a clean error and keeps working", async () => {
    const bad = { title: "not an array" } as unknown as ViewModel;
    await expect(pool.render("pdf", bad)).rejects.toMatchObject({ name: "RenderError", reason: "render" });
    const broken = { ...zhangliangViewModel(), blocks: [{ kind: "table", table: { columns: [1], header: null } }] };
    await expect(pool.render("pdf", broken as unknown as ViewModel)).rejects.toBeInstanceOf(RenderError);
    const ok = await pool.render("pdf", fixed(zhangliangViewModel()));
    expect(ok.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    expect(pool.stats().crashes).toBe(0);
  }, 60_000);
});

describe("the pool's failure handling (stand-in worker)", () => {
  it("replaces a worker that dies; only its job fails", async () => {
    const logger = quiet();
    const pool = new RenderPool({ size: 1, script: FAKE, logger });
    try {
      const crash = pool.render("pdf", titled("crash"));
      const next = pool.render("pdf", titled("after"));
      await expect(crash).rejects.toMatchObject({ reason: "crash" });
      expect((await next).bytes.toString()).toBe("pdf:after");
      expect(pool.stats()).toMatchObject({ crashes: 1, workers: 1, mode: "worker" });
      expect(logger.error).toHaveBeenCalledOnce();
    } finally {
      await pool.close();
    }
  });

  it("abandons a job that overruns the time limit", async () => {
    const pool = new RenderPool({ size: 1, script: FAKE, timeoutMs: 300, logger: quiet() });
    try {
      await expect(pool.render("pdf", titled("hang"))).rejects.toMatchObject({ reason: "timeout" });
      expect((await pool.render("docx", titled("ok"))).bytes.toString()).toBe("docx:ok");
    } finally {
      await pool.close();
    }
  });

  it("passes a job's error through", async () => {
    const pool = new RenderPool({ size: 1, script: FAKE, logger: quiet() });
    try {
      await expect(pool.render("pdf", titled("throw"))).rejects.toThrow("bad input");
      expect(pool.stats()).toMatchObject({ failed: 1, crashes: 0 });
    } finally {
      await pool.close();
    }
  });

  it("falls back to in-thread rendering, with a warning, when workers cannot start", async () => {
    const logger = quiet();
    const pool = new RenderPool({ size: 2, script: path.join(import.meta.dirname, "no-such-worker.mjs"), logger });
    try {
      const out = await pool.render("pdf", fixed(zhangliangViewModel()));
      expect(out.via).toBe("inline");
      expect(out.bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(pool.stats().mode).toBe("inline");
      expect(logger.warn).toHaveBeenCalledWith(expect.stringContaining("rendering on the main thread"));
    } finally {
      await pool.close();
    }
  }, 60_000);

  it("rejects jobs after close", async () => {
    const pool = new RenderPool({ size: 1, script: FAKE });
    await pool.close();
    await expect(pool.render("pdf", titled("x"))).rejects.toMatchObject({ reason: "closed" });
  });
});
