"use client";

import { createContext, useCallback, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import type { CommentThread } from "@/lib/server/services/comment-list";

export type CommentActionResult = { ok: boolean; message: string; code?: string };

export type CommentActions = {
  add: (input: { anchor?: string; body: string; parentId?: string | null }) => Promise<CommentActionResult>;
  resolve: (input: { commentId: string; resolved: boolean }) => Promise<CommentActionResult>;
};

export type CommentsData = {
  threads: readonly CommentThread[];
  /** per anchor: unresolved and total threads */
  counts: ReadonlyMap<string, { open: number; total: number }>;
  unresolved: number;
  /** may start threads / reply and resolve */
  canComment: boolean;
  canReply: boolean;
  /** why threads cannot be started, when canComment is false */
  reason: string | null;
  actions: CommentActions;
};

/**
 * UI state of the comments panel, outside React state so that clicking a cell re-renders the
 * panel and the one or two markers concerned, not every cell.
 *   place    — the place of the report last clicked/focused (the composer's anchor)
 *   selected — the anchor whose threads the panel shows first and highlights
 *   composing — the composer is open
 */
export class CommentsUi {
  private state: { place: string; selected: string | null; composing: boolean; seq: number } = {
    place: "report",
    selected: null,
    composing: false,
    seq: 0,
  };
  private listeners = new Set<() => void>();
  subscribe = (l: () => void) => {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  };
  get = () => this.state;
  private set(patch: Partial<CommentsUi["state"]>) {
    this.state = { ...this.state, ...patch, seq: this.state.seq + 1 };
    this.listeners.forEach((l) => l());
  }
  setPlace(anchor: string) {
    if (anchor === this.state.place) return;
    this.set({ place: anchor });
  }
  /** Show the threads of `anchor` (a marker was clicked). */
  select(anchor: string | null) {
    this.set({ selected: anchor, ...(anchor ? { place: anchor } : {}) });
  }
  compose(anchor: string) {
    this.set({ place: anchor, composing: true, selected: anchor });
  }
  closeComposer() {
    if (this.state.composing) this.set({ composing: false });
  }
}

const DataContext = createContext<CommentsData | null>(null);
const UiContext = createContext<CommentsUi | null>(null);

export function CommentsProvider({
  threads,
  canComment,
  canReply,
  reason,
  actions,
  children,
}: Omit<CommentsData, "counts" | "unresolved"> & { children: ReactNode }) {
  const [ui] = useState(() => new CommentsUi());
  const data = useMemo<CommentsData>(() => {
    const counts = new Map<string, { open: number; total: number }>();
    let unresolved = 0;
    for (const t of threads) {
      const c = counts.get(t.anchor) ?? { open: 0, total: 0 };
      c.total++;
      if (!t.resolved) {
        c.open++;
        unresolved++;
      }
      counts.set(t.anchor, c);
    }
    return { threads, counts, unresolved, canComment, canReply, reason, actions };
  }, [threads, canComment, canReply, reason, actions]);
  return (
    <DataContext.Provider value={data}>
      <UiContext.Provider value={ui}>{children}</UiContext.Provider>
    </DataContext.Provider>
  );
}

/** The comments of the report, or null outside a CommentsProvider (the editor without review). */
export function useComments(): CommentsData | null {
  return useContext(DataContext);
}

export function useCommentsUi(): CommentsUi | null {
  return useContext(UiContext);
}

const NO_STATE = { place: "report", selected: null, composing: false, seq: 0 };
const noop = () => () => {};

export function useCommentsUiState() {
  const ui = useCommentsUi();
  const subscribe = useCallback((cb: () => void) => (ui ? ui.subscribe(cb) : noop()), [ui]);
  const get = useCallback(() => (ui ? ui.get() : NO_STATE), [ui]);
  return useSyncExternalStore(subscribe, get, get);
}

/** True when `anchor` is the selected one (re-renders only when that changes). */
export function useIsSelected(anchor: string): boolean {
  const ui = useCommentsUi();
  const subscribe = useCallback((cb: () => void) => (ui ? ui.subscribe(cb) : noop()), [ui]);
  const get = useCallback(() => ui?.get().selected === anchor, [ui, anchor]);
  return useSyncExternalStore(subscribe, get, get);
}
