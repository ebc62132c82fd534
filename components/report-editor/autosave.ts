/**
 * Autosave without loss: debounced saves of the latest content, never two in flight, conflicts stop
 * autosaving until the user decides. Framework-free so it can be tested with fake timers.
 */
import type { ReportContent } from "@/lib/template";
import type { SaveInput, SaveResult } from "@/lib/report";

export type SaveState =
  | { kind: "saved"; savedAt: string }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "error"; code: string; message: string }
  | {
      kind: "conflict";
      message: string;
      serverVersion: number;
      serverContent: ReportContent;
      serverSavedAt: string;
    };

export type AutosaveOptions = {
  reportId: string;
  baseVersion: number;
  savedAt: string;
  /** The content as last saved on the server (the editor's initial content). */
  savedContent: ReportContent;
  getContent: () => ReportContent;
  save: (input: SaveInput) => Promise<SaveResult>;
  delayMs?: number;
  /** Retry delay after a transient failure (network, server error). */
  retryMs?: number;
};

type Listener = () => void;

export class Autosave {
  private state: SaveState;
  private baseVersion: number;
  private savedContent: ReportContent;
  private lastSavedAt: string;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private disposed = false;
  private listeners = new Set<Listener>();
  private saveAction: AutosaveOptions["save"];
  private readonly delayMs: number;
  private readonly retryMs: number;

  constructor(private readonly opts: AutosaveOptions) {
    this.baseVersion = opts.baseVersion;
    this.savedContent = opts.savedContent;
    this.lastSavedAt = opts.savedAt;
    this.state = { kind: "saved", savedAt: opts.savedAt };
    this.saveAction = opts.save;
    this.delayMs = opts.delayMs ?? 800;
    this.retryMs = opts.retryMs ?? 10_000;
  }

  subscribe = (l: Listener): (() => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  getState = (): SaveState => this.state;
  getBaseVersion = (): number => this.baseVersion;

  /** Content differs from what the server holds (or a save is under way). */
  hasUnsaved(): boolean {
    return this.opts.getContent() !== this.savedContent || this.inFlight !== null;
  }

  private set(state: SaveState) {
    this.state = state;
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
    if (this.disposed || this.state.kind === "conflict") return;
    if (this.opts.getContent() === this.savedContent && !this.inFlight) {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      if (this.state.kind !== "saved") this.set({ kind: "saved", savedAt: this.lastSavedAt });
      return;
    }
    if (!this.inFlight && this.state.kind !== "dirty") this.set({ kind: "dirty" });
    this.schedule(this.delayMs);
  }

  /** Save now (cancelling the debounce). While a save is in flight, queue one more with the latest content. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.disposed || this.state.kind === "conflict") return Promise.resolve();
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    const content = this.opts.getContent();
    if (content === this.savedContent) {
      if (this.state.kind !== "saved") this.set({ kind: "saved", savedAt: this.lastSavedAt });
      return Promise.resolve();
    }
    this.set({ kind: "saving" });
    const run = async () => {
      let result: SaveResult;
      try {
        result = await this.saveAction({ reportId: this.opts.reportId, baseVersion: this.baseVersion, content });
      } catch (e) {
        result = { ok: false, code: "ERROR", message: networkMessage(e) };
      }
      this.inFlight = null;
      if (this.disposed) return;
      this.handle(result, content);
    };
    this.inFlight = run();
    return this.inFlight;
  }

  private handle(result: SaveResult, content: ReportContent) {
    const again = this.again;
    this.again = false;
    if (result.ok) {
      this.baseVersion = result.version;
      this.lastSavedAt = result.savedAt;
      this.savedContent = content;
      if (this.opts.getContent() === content) {
        this.set({ kind: "saved", savedAt: result.savedAt });
      } else {
        this.set({ kind: "dirty" });
        if (again) void this.flush();
        else if (!this.timer) this.schedule(this.delayMs);
      }
      return;
    }
    if (result.code === "CONFLICT") {
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
      this.set({
        kind: "conflict",
        message: result.message,
        serverVersion: result.serverVersion,
        serverContent: result.serverContent,
        serverSavedAt: result.serverSavedAt,
      });
      return;
    }
    this.set({ kind: "error", code: result.code, message: result.message });
    if (result.code === "ERROR" && !this.timer) this.schedule(this.retryMs);
  }

  /** Retry after a failure, now. */
  retry(): Promise<void> {
    if (this.state.kind === "error") this.set({ kind: "dirty" });
    return this.flush();
  }

  /** Conflict: keep the user's content, saving it over the server's version. */
  keepMine(): Promise<void> {
    if (this.state.kind !== "conflict") return Promise.resolve();
    this.baseVersion = this.state.serverVersion;
    this.set({ kind: "dirty" });
    return this.flush();
  }

  /**
   * Conflict: adopt the server's version. Returns the server content, which the caller puts in the
   * editor; from then on it counts as saved.
   */
  takeServer(): ReportContent | null {
    if (this.state.kind !== "conflict") return null;
    const { serverContent, serverVersion, serverSavedAt } = this.state;
    this.baseVersion = serverVersion;
    this.savedContent = serverContent;
    this.lastSavedAt = serverSavedAt;
    this.set({ kind: "saved", savedAt: serverSavedAt });
    return serverContent;
  }

  /**
   * Save everything now and wait. Resolves true when the server holds the current content,
   * false on a conflict or an error (the state says which).
   */
  async saveAll(): Promise<boolean> {
    for (let i = 0; i < 10; i++) {
      if (this.state.kind === "conflict") return false;
      if (this.inFlight) {
        await this.inFlight;
        continue;
      }
      if (this.opts.getContent() === this.savedContent) return true;
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

function networkMessage(e: unknown): string {
  const detail = e instanceof Error && e.message ? `（${e.message}）` : "";
  return `网络或服务器错误，未能保存${detail}。内容已保留在本机，将自动重试。`;
}
