import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyContent, type ReportContent } from "@/lib/template";
import type { SaveInput, SaveResult } from "@/lib/report";
import { Autosave } from "./autosave";

type Pending = { input: SaveInput; resolve: (r: SaveResult) => void; reject: (e: unknown) => void };

function setup() {
  let content: ReportContent = emptyContent("某某镇人民政府", 2023);
  const initial = content;
  const calls: Pending[] = [];
  const save = vi.fn(
    (input: SaveInput) =>
      new Promise<SaveResult>((resolve, reject) => {
        calls.push({ input, resolve, reject });
      }),
  );
  const a = new Autosave({
    reportId: "r1",
    baseVersion: 1,
    savedAt: "2024-01-01T00:00:00.000Z",
    savedContent: initial,
    getContent: () => content,
    save,
    delayMs: 800,
    retryMs: 5000,
  });
  const edit = (s5: string) => {
    content = { ...content, text: { ...content.text, s5 } };
    a.notifyChange();
  };
  return { a, save, calls, edit, get content() { return content; }, set content(c: ReportContent) { content = c; } };
}

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("debounces: one save 800 ms after the last change", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(500);
    t.edit("ab");
    vi.advanceTimersByTime(799);
    expect(t.save).not.toHaveBeenCalled();
    expect(t.a.getState().kind).toBe("dirty");
    vi.advanceTimersByTime(1);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.calls[0]!.input.baseVersion).toBe(1);
    expect(t.calls[0]!.input.content.text.s5).toBe("ab");
    expect(t.a.getState().kind).toBe("saving");
    t.calls[0]!.resolve({ ok: true, version: 2, savedAt: "2024-01-01T00:01:00.000Z" });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getState()).toEqual({ kind: "saved", savedAt: "2024-01-01T00:01:00.000Z" });
    expect(t.a.hasUnsaved()).toBe(false);
  });

  it("never runs two saves at once and then saves the latest content with the new version", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(800);
    t.edit("ab");
    vi.advanceTimersByTime(800); // debounce fires while the first save is in flight
    t.edit("abc");
    vi.advanceTimersByTime(800);
    expect(t.save).toHaveBeenCalledTimes(1);
    t.calls[0]!.resolve({ ok: true, version: 2, savedAt: "t2" });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.save).toHaveBeenCalledTimes(2);
    expect(t.calls[1]!.input).toMatchObject({ baseVersion: 2 });
    expect(t.calls[1]!.input.content.text.s5).toBe("abc");
    t.calls[1]!.resolve({ ok: true, version: 3, savedAt: "t3" });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getState()).toEqual({ kind: "saved", savedAt: "t3" });
  });

  it("stops on a conflict; keepMine re-saves over the server's version", async () => {
    const t = setup();
    t.edit("mine");
    vi.advanceTimersByTime(800);
    const server = { ...t.content, text: { ...t.content.text, s5: "theirs" } };
    t.calls[0]!.resolve({
      ok: false,
      code: "CONFLICT",
      message: "已被他人修改",
      serverVersion: 5,
      serverContent: server,
      serverSavedAt: "t5",
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getState().kind).toBe("conflict");
    t.edit("mine2");
    vi.advanceTimersByTime(5000);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.a.hasUnsaved()).toBe(true);
    void t.a.keepMine();
    expect(t.save).toHaveBeenCalledTimes(2);
    expect(t.calls[1]!.input.baseVersion).toBe(5);
    expect(t.calls[1]!.input.content.text.s5).toBe("mine2");
  });

  it("takeServer returns the server content and counts it as saved", async () => {
    const t = setup();
    t.edit("mine");
    vi.advanceTimersByTime(800);
    const server = { ...t.content, text: { ...t.content.text, s5: "theirs" } };
    t.calls[0]!.resolve({ ok: false, code: "CONFLICT", message: "", serverVersion: 5, serverContent: server, serverSavedAt: "t5" });
    await vi.advanceTimersByTimeAsync(0);
    const taken = t.a.takeServer();
    expect(taken).toBe(server);
    t.content = server;
    t.a.notifyChange();
    expect(t.a.getState()).toEqual({ kind: "saved", savedAt: "t5" });
    expect(t.a.getBaseVersion()).toBe(5);
    expect(t.a.hasUnsaved()).toBe(false);
  });

  it("reports an error, retries transient failures and on the next change", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(800);
    t.calls[0]!.reject(new Error("fetch failed"));
    await vi.advanceTimersByTimeAsync(0);
    const st = t.a.getState();
    expect(st.kind).toBe("error");
    expect(st.kind === "error" && st.message).toContain("fetch failed");
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.save).toHaveBeenCalledTimes(2);
    t.calls[1]!.resolve({ ok: false, code: "INVALID", message: "五、…不能超过 20000 个字符" });
    await vi.advanceTimersByTimeAsync(10000);
    expect(t.save).toHaveBeenCalledTimes(2); // no automatic retry of an invalid save
    t.edit("b");
    expect(t.a.getState().kind).toBe("dirty");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.save).toHaveBeenCalledTimes(3);
  });

  it("saveAll saves pending changes and resolves true", async () => {
    const t = setup();
    t.edit("a");
    const done = t.a.saveAll();
    await flushMicrotasksFake();
    expect(t.save).toHaveBeenCalledTimes(1);
    t.calls[0]!.resolve({ ok: true, version: 2, savedAt: "t2" });
    await expect(done).resolves.toBe(true);
  });
});

async function flushMicrotasksFake() {
  await vi.advanceTimersByTimeAsync(0);
}
