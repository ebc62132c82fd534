/**
 * Autosave without loss, field by field. The editor keeps, per field, the server value its edits
 * started from (the base); a save sends only the changed fields with their base, and the server merges
 * them three-way (lib/report/merge.ts). Changes made elsewhere come back with the answer or with a poll
 * and are taken into every field the user has not touched; a field changed on both sides is a conflict
 * put to the user — and meanwhile every other field keeps saving. A field the server refuses stays in
 * the editor (and its local backup) with the server's message. Framework-free, tested with fake timers.
 */
import type { ReportContent } from "@/lib/template";
import {
  absorbServer,
  changedFields,
  contentFields,
  fieldEquals,
  fieldValue,
  withFields,
  type FieldChange,
  type FieldConflict,
  type FieldValue,
  type RejectedField,
  type ReportState,
  type SaveInput,
  type SaveResult,
} from "@/lib/report/client";

export type SaveState =
  | { kind: "saved"; savedAt: string }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; code: string; message: string };

/** What needs the user: fields changed on both sides, fields the server refused, what came in from elsewhere. */
export type SaveIssues = {
  conflicts: readonly FieldConflict<FieldValue>[];
  rejected: readonly RejectedField[];
  /** Fields taken in from changes made elsewhere, the last time that happened. */
  merged: { refs: readonly string[]; at: number } | null;
};

export type AutosaveOptions = {
  reportId: string;
  baseVersion: number;
  savedAt: string;
  /** The content as last saved on the server (the editor's initial content). */
  savedContent: ReportContent;
  /** The report's status when the page was rendered (a poll reporting another one refreshes the page). */
  status?: string;
  getContent: () => ReportContent;
  /** Writes fields changed elsewhere into the editor (never recorded as the user's edit). */
  applyRemote: (fields: readonly (readonly [string, FieldValue])[]) => void;
  save: (input: SaveInput) => Promise<SaveResult>;
  /** Reads the report's state (GET /reports/[id]/state); without it there is no polling. */
  fetchState?: (reportId: string, knownVersion: number) => Promise<ReportState | null>;
  /** The status or the comments changed elsewhere (the page refreshes what it shows). */
  onRemoteStatus?: (status: string) => void;
  onRemoteComments?: () => void;
  delayMs?: number;
  /** While typing goes on, save at least this often. */
  maxWaitMs?: number;
  /** Retry delay after a transient failure (network, server error). */
  retryMs?: number;
};

type Listener = () => void;
const NO_ISSUES: SaveIssues = { conflicts: [], rejected: [], merged: null };

/** Autosave waits this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 800;
/** …and saves at least this often while typing goes on; an open editor also polls at this interval. */
export const AUTOSAVE_INTERVAL_MS = 4000;

export class Autosave {
  private state: SaveState;
  private issues: SaveIssues = NO_ISSUES;
  private baseVersion: number;
  /** Per field: the server value the editor's edits started from. */
  private base: ReportContent;
  private lastSavedAt: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private dirtySince: number | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private stopped: string | null = null;
  private disposed = false;
  private pollSeq = 0;
  private status: string | null = null;
  private commentsStamp: string | null = null;
  private listeners = new Set<Listener>();
  private saveAction: AutosaveOptions["save"];
  private readonly delayMs: number;
  private readonly maxWaitMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: AutosaveOptions) {
    this.baseVersion = opts.baseVersion;
    this.base = opts.savedContent;
    this.lastSavedAt = opts.savedAt;
    this.state = { kind: "saved", savedAt: opts.savedAt };
    this.status = opts.status ?? null;
    this.saveAction = opts.save;
    this.delayMs = opts.delayMs ?? AUTOSAVE_DELAY_MS;
    this.maxWaitMs = opts.maxWaitMs ?? AUTOSAVE_INTERVAL_MS;
    this.retryMs = opts.retryMs ?? 10_000;
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getState = (): SaveState => this.state;
  getIssues = (): SaveIssues => this.issues;
  getBaseVersion = (): number => this.baseVersion;
  /** Per field, the server value the editor's edits started from (for the local backup). */
  getBase = (): ReportContent => this.base;

  /** The fields to send: changed here, not waiting for the user (conflict), not refused as they are now. */
  pendingChanges(content: ReportContent = this.opts.getContent()): FieldChange<FieldValue>[] {
    const conflicted = new Set(this.issues.conflicts.map((c) => c.ref));
    const refused = new Map(this.issues.rejected.map((r) => [r.ref, r]));
    const out: FieldChange<FieldValue>[] = [];
    for (const c of changedFields(this.base, content)) {
      if (conflicted.has(c.ref)) continue;
      if (refused.has(c.ref) && this.refusedValue.get(c.ref) !== undefined && fieldEquals(this.refusedValue.get(c.ref), c.after))
        continue;
      out.push({ ref: c.ref, base: c.before, value: c.after });
    }
    return out;
  }
  /** The value each refused field had when refused (it is sent again once the user changes it). */
  private refusedValue = new Map<string, FieldValue>();

  /** Something here is not on the server yet (edits, a save under way, a conflict or a refused field). */
  hasUnsaved(): boolean {
    return (
      this.inFlight !== null ||
      this.issues.conflicts.length > 0 ||
      this.issues.rejected.length > 0 ||
      changedFields(this.base, this.opts.getContent()).length > 0
    );
  }

  private set(state: SaveState) {
    this.state = state;
    this.listeners.forEach((l) => l());
  }
  /**
   * The "unsaved" state of a keystroke: set at once, told to listeners (the toolbar's indicator) in a task
   * of its own, so that the keystroke's own input and totals are not held up by that render.
   */
  private setSoon(state: SaveState) {
    this.state = state;
    setTimeout(() => {
      if (this.state === state && !this.disposed) this.listeners.forEach((l) => l());
    }, 0);
  }
  private setIssues(patch: Partial<SaveIssues>) {
    const next = { ...this.issues, ...patch };
    const same = <T>(a: readonly T[], b: readonly T[]) => a.length === b.length && a.every((x, i) => x === b[i]);
    // every save answers with its conflicts and refusals, mostly none: nothing to tell (no render) then
    if (same(next.conflicts, this.issues.conflicts) && same(next.rejected, this.issues.rejected) && next.merged === this.issues.merged) return;
    this.issues = next;
    this.listeners.forEach((l) => l());
  }

  private schedule(ms: number) {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, ms);
  }

  /** The page may pass a new server action reference on re-render. */
  setSaveAction(save: AutosaveOptions["save"]) {
    this.saveAction = save;
  }

  /** Call on every content change. */
  notifyChange() {
    if (this.disposed || this.stopped) return;
    if (!this.inFlight && this.state.kind !== "dirty") this.setSoon({ kind: "dirty" });
    const now = Date.now();
    if (this.dirtySince === null) this.dirtySince = now;
    // debounce, but never later than maxWaitMs after the first unsaved change
    this.schedule(Math.max(0, Math.min(this.delayMs, this.dirtySince + this.maxWaitMs - now)));
  }

  /** Save now (cancelling the debounce). While a save is in flight, queue one more with the latest content. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.disposed || this.stopped) return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const sent = this.opts.getContent();
    const changes = this.pendingChanges(sent);
    if (changes.length === 0) {
      this.dirtySince = null;
      this.dropSettledRefusals();
      if (this.state.kind !== "saved") this.set({ kind: "saved", savedAt: this.lastSavedAt });
      return Promise.resolve();
    }
    this.dirtySince = null;
    this.set({ kind: "saving" });
    const base = this.base;
    const run = async () => {
      let result: SaveResult;
      try {
        result = await this.saveAction({ reportId: this.opts.reportId, baseVersion: this.baseVersion, changes });
      } catch (e) {
        result = { ok: false, code: "ERROR", message: networkMessage(e) };
      }
      this.inFlight = null;
      if (this.disposed) return;
      this.handle(result, changes, sent, base);
    };
    this.pollSeq++; // a poll answered while this save runs is stale
    this.inFlight = run();
    return this.inFlight;
  }

  private handle(result: SaveResult, changes: FieldChange<FieldValue>[], sent: ReportContent, oldBase: ReportContent) {
    const again = this.again;
    this.again = false;
    if (!result.ok) {
      if (result.code === "READ_ONLY" || result.code === "NOT_FOUND" || result.code === "UNAUTHENTICATED") {
        // nothing more can be saved here; what is typed stays in the editor and the local backup
        if (result.code !== "UNAUTHENTICATED") this.stopped = result.code;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
      }
      this.set({ kind: "error", code: result.code, message: result.message });
      if (result.code === "ERROR" && !this.timer) this.schedule(this.retryMs);
      return;
    }
    const conflicts = new Map(result.conflicts.map((c) => [c.ref, c]));
    const refused = new Map(result.rejected.map((r) => [r.ref, r]));
    // The new base: what the server now holds of the fields this save wrote…
    let base = withFields(
      oldBase,
      changes.filter((c) => !conflicts.has(c.ref) && !refused.has(c.ref)).map((c) => [c.ref, c.value] as const),
    );
    // …and, when others saved meanwhile, everything they changed.
    let taken: string[] = [];
    if (result.content) {
      const r = this.absorb(result.content, base, sent, (ref) => conflicts.has(ref) || refused.has(ref));
      base = r.base;
      taken = r.taken;
    }
    this.base = base;
    this.baseVersion = result.version;
    this.lastSavedAt = result.savedAt;
    for (const r of result.rejected) {
      const c = changes.find((x) => x.ref === r.ref);
      if (c) this.refusedValue.set(r.ref, c.value);
    }
    this.updateIssues(result.conflicts, result.rejected, taken);

    if (this.pendingChanges().length === 0) {
      this.set({ kind: "saved", savedAt: result.savedAt });
    } else {
      this.set({ kind: "dirty" });
      if (again) void this.flush();
      else if (!this.timer) this.schedule(this.delayMs);
    }
  }

  /**
   * Take the server's content into the editor: every field not edited since `sent` gets the server's
   * value. Returns the new base and the fields taken in.
   */
  private absorb(server: ReportContent, base: ReportContent, sent: ReportContent, skip: (ref: string) => boolean) {
    const local = this.opts.getContent();
    const refs = new Set([...contentFields(server).keys(), ...contentFields(base).keys(), ...contentFields(local).keys()]);
    const v = (c: ReportContent) => (ref: string) => fieldValue(c, ref) ?? null;
    const r = absorbServer(refs, { base: v(base), sent: v(sent), local: v(local), server: v(server) }, fieldEquals, skip);
    if (r.local.length) this.opts.applyRemote(r.local);
    return { base: withFields(base, r.base), taken: r.local.map(([ref]) => ref) };
  }

  /**
   * A refused field put back to what the server holds (the over-long text cut back or undone) has nothing
   * left to save: it is no longer reported as not saved.
   */
  private dropSettledRefusals() {
    if (this.issues.rejected.length === 0) return;
    const content = this.opts.getContent();
    const rejected = this.issues.rejected.filter((r) => !fieldEquals(fieldValue(content, r.ref) ?? null, fieldValue(this.base, r.ref) ?? null));
    if (rejected.length === this.issues.rejected.length) return;
    for (const ref of this.refusedValue.keys()) if (!rejected.some((r) => r.ref === ref)) this.refusedValue.delete(ref);
    this.setIssues({ rejected });
  }

  private updateIssues(newConflicts: readonly FieldConflict<FieldValue>[], newRejected: readonly RejectedField[], taken: string[]) {
    const conflicts = new Map(this.issues.conflicts.map((c) => [c.ref, c]));
    for (const c of newConflicts) conflicts.set(c.ref, c);
    // a refused field stays refused until a save of a new value for it succeeds
    const content = this.opts.getContent();
    const rejected = new Map<string, RejectedField>();
    for (const r of this.issues.rejected)
      if (!fieldEquals(fieldValue(content, r.ref) ?? null, fieldValue(this.base, r.ref) ?? null)) rejected.set(r.ref, r);
    for (const r of newRejected) rejected.set(r.ref, r);
    for (const ref of this.refusedValue.keys()) if (!rejected.has(ref)) this.refusedValue.delete(ref);
    this.setIssues({
      conflicts: [...conflicts.values()],
      rejected: [...rejected.values()],
      ...(taken.length ? { merged: { refs: taken, at: Date.now() } } : {}),
    });
  }

  /**
   * Ask the server whether the report changed elsewhere; takes changed fields into the editor where the
   * user has not edited them. Skipped while a save is under way (its answer carries the same news).
   */
  async poll(): Promise<void> {
    const fetchState = this.opts.fetchState;
    if (!fetchState || this.disposed || this.inFlight) return;
    const seq = ++this.pollSeq;
    const version = this.baseVersion;
    let state: ReportState | null;
    try {
      state = await fetchState(this.opts.reportId, version);
    } catch {
      return; // a missed poll is harmless: the next one or the next save catches up
    }
    if (!state || this.disposed || seq !== this.pollSeq || this.inFlight || version !== this.baseVersion) return;
    if (this.status !== null && state.status !== this.status) this.opts.onRemoteStatus?.(state.status);
    this.status = state.status;
    if (this.commentsStamp !== null && state.commentsStamp !== this.commentsStamp) this.opts.onRemoteComments?.();
    this.commentsStamp = state.commentsStamp;
    if (!state.content || state.version === this.baseVersion) return;
    const conflicted = new Set(this.issues.conflicts.map((c) => c.ref));
    const refused = new Set(this.issues.rejected.map((r) => r.ref));
    // A poll sent nothing: fields edited here (local ≠ base) keep their edit and their base.
    const r = this.absorb(state.content, this.base, this.base, (ref) => conflicted.has(ref) || refused.has(ref));
    this.base = r.base;
    this.baseVersion = state.version;
    this.lastSavedAt = state.savedAt;
    // a conflict whose other side changed again shows the newest value
    const conflicts = this.issues.conflicts.map((c) => {
      const theirs = fieldValue(state.content!, c.ref) ?? null;
      return fieldEquals(theirs, c.theirs) ? c : { ...c, theirs };
    });
    this.setIssues({ conflicts, ...(r.taken.length ? { merged: { refs: r.taken, at: Date.now() } } : {}) });
    if (this.state.kind === "saved") this.set({ kind: "saved", savedAt: state.savedAt });
  }

  /**
   * A field changed here and elsewhere: keep this side's value (saved over the other side's, which the
   * user has seen) or take the other side's.
   */
  resolveConflict(ref: string, choice: "mine" | "theirs") {
    const c = this.issues.conflicts.find((x) => x.ref === ref);
    if (!c) return;
    this.base = withFields(this.base, [[ref, c.theirs]]);
    if (choice === "theirs") this.opts.applyRemote([[ref, c.theirs]]);
    this.setIssues({ conflicts: this.issues.conflicts.filter((x) => x.ref !== ref) });
    this.notifyChange();
  }

  resolveAll(choice: "mine" | "theirs") {
    for (const c of [...this.issues.conflicts]) this.resolveConflict(c.ref, choice);
  }

  /** The user dismissed the notice about changes taken in from elsewhere. */
  clearMerged() {
    if (this.issues.merged) this.setIssues({ merged: null });
  }

  /**
   * Restore a local backup: its edits (fields where it differs from the base it was written on) go
   * into the editor on top of the server's content and are saved like any edit — against the backup's
   * base, so a field someone else changed since becomes a conflict instead of being overwritten.
   */
  restore(backup: { content: ReportContent; base: ReportContent }): ReportContent {
    const edits = changedFields(backup.base, backup.content);
    const local = withFields(
      this.opts.getContent(),
      edits.map((e) => [e.ref, e.after] as const),
    );
    this.base = withFields(
      this.base,
      edits.map((e) => [e.ref, e.before] as const),
    );
    return local;
  }

  /** Retry after a failure, now. */
  retry(): Promise<void> {
    if (this.state.kind === "error") this.set({ kind: "dirty" });
    return this.flush();
  }

  /**
   * Save everything now and wait. Resolves true when the server holds the current content, false when
   * something is left (a conflict, a refused field or an error — the state and issues say which).
   */
  async saveAll(): Promise<boolean> {
    for (let i = 0; i < 10; i++) {
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.issues.conflicts.length || this.issues.rejected.length || this.stopped) return false;
      if (this.pendingChanges().length === 0) return true;
      if (this.state.kind === "error") this.set({ kind: "dirty" });
      await this.flush();
      if (this.state.kind === "error") return false;
    }
    return false;
  }

  dispose() {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.listeners.clear();
  }
}

/**
 * The save's failure in Chinese: no connection (fetch's own TypeError, in the browser's language), or the
 * server's answer that was not a save result (postSave throws "HTTP <status>"); never the raw English text.
 */
export function networkMessage(e: unknown): string {
  const status = e instanceof Error ? /^HTTP (\d{3})$/.exec(e.message)?.[1] : undefined;
  if (status) return `服务器错误（${status}），未能保存。内容已保留在本机，将自动重试。`;
  if (e instanceof TypeError) return "网络连接中断，未能保存。内容已保留在本机，连接恢复后自动保存。";
  return "网络或服务器错误，未能保存。内容已保留在本机，将自动重试。";
}
