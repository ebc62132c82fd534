import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyContent, type ReportContent } from "@/lib/template";
import { withFields, type FieldValue, type ReportState, type SaveInput, type SaveResult } from "@/lib/report";
import { Autosave, networkMessage, type AutosaveOptions } from "./autosave";

type Pending = { input: SaveInput; resolve: (r: SaveResult) => void; reject: (e: unknown) => void };

const ok = (version: number, savedAt: string, extra: Partial<Extract<SaveResult, { ok: true }>> = {}): SaveResult => ({
  ok: true,
  version,
  savedAt,
  content: null,
  conflicts: [],
  rejected: [],
  ...extra,
});

function setup(opts: Partial<Pick<AutosaveOptions, "fetchState" | "onRemoteStatus" | "onRemoteComments">> = {}) {
  let content: ReportContent = emptyContent("某某镇人民政府", 2023);
  const initial = content;
  const calls: Pending[] = [];
  const save = vi.fn(
    (input: SaveInput) =>
      new Promise<SaveResult>((resolve, reject) => {
        calls.push({ input, resolve, reject });
      }),
  );
  const remote: (readonly [string, FieldValue])[][] = [];
  const a = new Autosave({
    reportId: "r1",
    baseVersion: 1,
    savedAt: "2024-01-01T00:00:00.000Z",
    savedContent: initial,
    getContent: () => content,
    applyRemote: (fields) => {
      remote.push([...fields]);
      content = withFields(content, fields);
    },
    save,
    delayMs: 800,
    maxWaitMs: 4000,
    retryMs: 5000,
    ...opts,
  });
  const set = (ref: string, v: FieldValue) => {
    content = withFields(content, [[ref, v]]);
    a.notifyChange();
  };
  const edit = (s5: string) => set("text.s5", s5);
  return {
    a,
    save,
    calls,
    edit,
    set,
    remote,
    initial,
    get content() {
      return content;
    },
  };
}

const sent = (p: Pending) => Object.fromEntries(p.input.changes.map((c) => [c.ref, c.value]));

describe("Autosave", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("tells its listeners once per change of state: the keystroke's 未保存 in a task of its own, a plain save's answer once", async () => {
    const t = setup();
    const heard: string[] = [];
    t.a.subscribe(() => heard.push(t.a.getState().kind));
    const issues = t.a.getIssues();
    t.edit("a");
    expect(t.a.getState().kind).toBe("dirty");
    expect(heard).toEqual([]); // not within the keystroke
    vi.advanceTimersByTime(0);
    expect(heard).toEqual(["dirty"]);
    t.edit("ab");
    vi.advanceTimersByTime(800);
    expect(heard).toEqual(["dirty", "saving"]);
    t.calls[0]!.resolve(ok(2, "2024-01-01T00:01:00.000Z"));
    await vi.advanceTimersByTimeAsync(0);
    expect(heard).toEqual(["dirty", "saving", "saved"]);
    expect(t.a.getIssues()).toBe(issues); // no conflicts, no refusals: the same issues, nothing re-rendered for them
  });

  it("debounces: one save 800 ms after the last change, carrying only the changed field and its base", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(500);
    t.edit("ab");
    vi.advanceTimersByTime(799);
    expect(t.save).not.toHaveBeenCalled();
    expect(t.a.getState().kind).toBe("dirty");
    vi.advanceTimersByTime(1);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.calls[0]!.input).toEqual({ reportId: "r1", baseVersion: 1, changes: [{ ref: "text.s5", base: "", value: "ab" }] });
    expect(t.a.getState().kind).toBe("saving");
    t.calls[0]!.resolve(ok(2, "2024-01-01T00:01:00.000Z"));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getState()).toEqual({ kind: "saved", savedAt: "2024-01-01T00:01:00.000Z" });
    expect(t.a.hasUnsaved()).toBe(false);
  });

  it("saves at least every 4 s while typing goes on", () => {
    const t = setup();
    for (let i = 0; i < 12; i++) {
      t.edit("x".repeat(i + 1));
      vi.advanceTimersByTime(500);
    }
    expect(t.save).toHaveBeenCalledTimes(1);
  });

  it("never runs two saves at once and then saves the latest value against the new base", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(800);
    t.edit("ab");
    vi.advanceTimersByTime(800); // debounce fires while the first save is in flight
    t.edit("abc");
    vi.advanceTimersByTime(800);
    expect(t.save).toHaveBeenCalledTimes(1);
    t.calls[0]!.resolve(ok(2, "t2"));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.save).toHaveBeenCalledTimes(2);
    expect(t.calls[1]!.input).toEqual({ reportId: "r1", baseVersion: 2, changes: [{ ref: "text.s5", base: "a", value: "abc" }] });
    t.calls[1]!.resolve(ok(3, "t3"));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getState()).toEqual({ kind: "saved", savedAt: "t3" });
  });

  it("takes in fields changed elsewhere that were not edited here; keeps the ones edited meanwhile", async () => {
    const t = setup();
    t.set("t2.coercion.decisions", "3");
    vi.advanceTimersByTime(800);
    t.edit("typed while saving"); // edited after the save was sent
    const server = withFields(t.initial, [
      ["t2.coercion.decisions", "3"],
      ["text.s1.request", "甲窗口写的"],
      ["text.s5", "别处的五"],
    ]);
    t.calls[0]!.resolve(ok(4, "t4", { content: server }));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.content.text["s1.request"]).toBe("甲窗口写的"); // taken in
    expect(t.content.text.s5).toBe("typed while saving"); // kept
    expect(t.a.getIssues().merged?.refs).toEqual(["text.s1.request"]);
    // the kept edit is sent against the base it started from, so the server sees the conflict
    await vi.advanceTimersByTimeAsync(800);
    expect(t.calls[1]!.input).toEqual({ reportId: "r1", baseVersion: 4, changes: [{ ref: "text.s5", base: "", value: "typed while saving" }] });
  });

  it("a conflict pauses only that field; keeping mine saves it against the other side's value", async () => {
    const t = setup();
    t.edit("mine");
    t.set("t2.penalty.decisions", "5");
    vi.advanceTimersByTime(800);
    t.calls[0]!.resolve(
      ok(5, "t5", {
        content: withFields(t.initial, [["text.s5", "theirs"], ["t2.penalty.decisions", "5"]]),
        conflicts: [{ ref: "text.s5", base: "", mine: "mine", theirs: "theirs" }],
      }),
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getIssues().conflicts.map((c) => c.ref)).toEqual(["text.s5"]);
    expect(t.content.text.s5).toBe("mine"); // not replaced while the user decides
    expect(t.a.hasUnsaved()).toBe(true);
    t.set("t2.permit.decisions", "1"); // other fields keep saving
    await vi.advanceTimersByTimeAsync(800);
    expect(sent(t.calls[1]!)).toEqual({ "t2.permit.decisions": "1" });
    t.calls[1]!.resolve(ok(6, "t6"));
    await vi.advanceTimersByTimeAsync(0);
    t.a.resolveConflict("text.s5", "mine");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.calls[2]!.input.changes).toEqual([{ ref: "text.s5", base: "theirs", value: "mine" }]);
    expect(t.a.getIssues().conflicts).toEqual([]);
  });

  it("taking the other side's value puts it in the editor and sends nothing for it", async () => {
    const t = setup();
    t.edit("mine");
    vi.advanceTimersByTime(800);
    t.calls[0]!.resolve(
      ok(5, "t5", { content: withFields(t.initial, [["text.s5", "theirs"]]), conflicts: [{ ref: "text.s5", base: "", mine: "mine", theirs: "theirs" }] }),
    );
    await vi.advanceTimersByTimeAsync(0);
    t.a.resolveConflict("text.s5", "theirs");
    expect(t.content.text.s5).toBe("theirs");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.a.getState().kind).toBe("saved");
    expect(t.a.hasUnsaved()).toBe(false);
  });

  it("a refused field stays in the editor, is not sent again until changed, and blocks saveAll", async () => {
    const t = setup();
    t.edit("x".repeat(10));
    t.set("t2.rules.issued", "2");
    vi.advanceTimersByTime(800);
    t.calls[0]!.resolve(ok(2, "t2", { rejected: [{ ref: "text.s5", message: "太长" }] }));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getIssues().rejected).toEqual([{ ref: "text.s5", message: "太长" }]);
    expect(t.content.text.s5).toBe("x".repeat(10));
    expect(t.a.getState().kind).toBe("saved");
    expect(t.a.hasUnsaved()).toBe(true);
    await expect(t.a.saveAll()).resolves.toBe(false);
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.save).toHaveBeenCalledTimes(1); // not resent as it is
    t.edit("short");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.calls[1]!.input.changes).toEqual([{ ref: "text.s5", base: "", value: "short" }]);
    t.calls[1]!.resolve(ok(3, "t3"));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getIssues().rejected).toEqual([]);
    expect(t.a.hasUnsaved()).toBe(false);
  });

  it("a refused field put back to what the server holds is no longer reported as not saved (nothing is sent for it)", async () => {
    const t = setup();
    t.edit("x".repeat(10));
    vi.advanceTimersByTime(800);
    t.calls[0]!.resolve(ok(2, "t2", { rejected: [{ ref: "text.s5", message: "太长" }] }));
    await vi.advanceTimersByTimeAsync(0);
    expect(t.a.getIssues().rejected).toHaveLength(1);
    // the clerk undoes the paste: the field holds what the server has ("")
    t.edit("");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.save).toHaveBeenCalledTimes(1);
    expect(t.a.getIssues().rejected).toEqual([]);
    expect(t.a.hasUnsaved()).toBe(false);
    expect(t.a.getState().kind).toBe("saved");
    // the same over-long text again is sent again (not taken for the refused value)
    t.edit("x".repeat(10));
    await vi.advanceTimersByTimeAsync(800);
    expect(t.save).toHaveBeenCalledTimes(2);
  });

  it("a poll takes in others' changes to untouched fields, refreshes on a new status or comment, and keeps local edits", async () => {
    const states: ReportState[] = [];
    const fetchState = vi.fn(async () => states.shift() ?? null);
    const onRemoteStatus = vi.fn();
    const onRemoteComments = vi.fn();
    const t = setup({ fetchState, onRemoteStatus, onRemoteComments });
    states.push({ version: 1, savedAt: "t1", status: "DRAFT", commentsStamp: "0:0", content: null });
    await t.a.poll();
    expect(t.remote).toEqual([]);
    t.edit("local edit, not yet saved");
    states.push({
      version: 3,
      savedAt: "t3",
      status: "DRAFT",
      commentsStamp: "1:99",
      content: withFields(t.initial, [["t2.coercion.decisions", "7"], ["text.s5", "other"]]),
    });
    await t.a.poll();
    expect(t.content.cells["t2.coercion.decisions"]).toBe("7");
    expect(t.content.text.s5).toBe("local edit, not yet saved");
    expect(onRemoteComments).toHaveBeenCalledTimes(1);
    expect(t.a.getBaseVersion()).toBe(3);
    await vi.advanceTimersByTimeAsync(800);
    // still based on what this editor last knew of 五, so the server reports the conflict
    expect(t.calls[0]!.input.changes).toEqual([{ ref: "text.s5", base: "", value: "local edit, not yet saved" }]);
    states.push({ version: 3, savedAt: "t3", status: "RETURNED", commentsStamp: "1:99", content: null });
    t.calls[0]!.resolve(ok(3, "t3"));
    await vi.advanceTimersByTimeAsync(0);
    await t.a.poll();
    expect(onRemoteStatus).toHaveBeenCalledWith("RETURNED");
  });

  it("restoring a backup re-applies only its own edits, against the base they started from", () => {
    const t = setup();
    const base = withFields(t.initial, [["text.s5", "old"]]);
    const backup = withFields(base, [["text.s6", "typed offline"]]);
    const restored = t.a.restore({ content: backup, base });
    expect(restored.text.s6).toBe("typed offline");
    expect(restored.text.s5).toBe(""); // the server's value, not the backup's stale "old"
    expect(t.a.pendingChanges(restored)).toEqual([{ ref: "text.s6", base: "", value: "typed offline" }]);
  });

  it("reports an error, retries transient failures and on the next change; stops on read-only", async () => {
    const t = setup();
    t.edit("a");
    vi.advanceTimersByTime(800);
    t.calls[0]!.reject(new TypeError("Failed to fetch"));
    await vi.advanceTimersByTimeAsync(0);
    const st = t.a.getState();
    expect(st.kind).toBe("error");
    expect(st.kind === "error" && st.message).toContain("网络连接中断，未能保存");
    await vi.advanceTimersByTimeAsync(5000);
    expect(t.save).toHaveBeenCalledTimes(2);
    t.calls[1]!.resolve({ ok: false, code: "INVALID", message: "保存请求格式不正确" });
    await vi.advanceTimersByTimeAsync(10000);
    expect(t.save).toHaveBeenCalledTimes(2); // no automatic retry of an invalid save
    t.edit("b");
    expect(t.a.getState().kind).toBe("dirty");
    await vi.advanceTimersByTimeAsync(800);
    expect(t.save).toHaveBeenCalledTimes(3);
    t.calls[2]!.resolve({ ok: false, code: "READ_ONLY", message: "已提交" });
    await vi.advanceTimersByTimeAsync(0);
    t.edit("c");
    await vi.advanceTimersByTimeAsync(10000);
    expect(t.save).toHaveBeenCalledTimes(3);
    expect(t.a.hasUnsaved()).toBe(true);
  });

  it("saveAll saves pending changes and resolves true", async () => {
    const t = setup();
    t.edit("a");
    const done = t.a.saveAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(t.save).toHaveBeenCalledTimes(1);
    t.calls[0]!.resolve(ok(2, "t2"));
    await expect(done).resolves.toBe(true);
  });
});

describe("networkMessage", () => {
  it("tells a lost connection and a server error in Chinese, never the browser's English text", () => {
    expect(networkMessage(new TypeError("Failed to fetch"))).toBe("网络连接中断，未能保存。内容已保留在本机，连接恢复后自动保存。");
    expect(networkMessage(new Error("HTTP 502"))).toBe("服务器错误（502），未能保存。内容已保留在本机，将自动重试。");
    expect(networkMessage(new Error("Unexpected token < in JSON"))).toBe("网络或服务器错误，未能保存。内容已保留在本机，将自动重试。");
    for (const e of [new TypeError("Failed to fetch"), new Error("HTTP 500"), new Error("NetworkError when attempting to fetch resource."), "x"])
      expect(networkMessage(e)).not.toMatch(/[A-Za-z]{3}/);
  });
});
