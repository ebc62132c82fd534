"use client";

import { createContext, useCallback, useContext, useMemo, useSyncExternalStore } from "react";
import type { ReportContent, TableId } from "@/lib/template";
import type { OrganKind } from "@/lib/report/client";
import type { EditorStore, InvalidCell } from "./store";
import type { Autosave } from "./autosave";
import type { FindingsView, MarkSeverity } from "./findings-view";

export type EditorEnv = {
  store: EditorStore;
  autosave: Autosave;
  reportId: string;
  year: number;
  organKind: OrganKind | undefined;
  readOnly: boolean;
  /** A 汇总 report: tables and the fee statement are linked to the roll-up (read-only here). */
  linked: boolean;
  /**
   * Tables whose figures the organ's 依申请公开台账 computes (its source is the register): read-only here, as
   * the register's next change would overwrite what is typed. The register page switches a table to typed figures.
   */
  registerTables: ReadonlySet<TableId>;
  /** the register's page (where a table is switched to typed figures), when the organ keeps one */
  registerHref: string | null;
  previous: { year: number; content: ReportContent } | null;
  /** a published report imported as it was printed (read-only): its checks are for reference, nothing can be changed */
  archived: boolean;
};

const EditorContext = createContext<EditorEnv | null>(null);
export const EditorProvider = EditorContext.Provider;

export function useEditor(): EditorEnv {
  const env = useContext(EditorContext);
  if (!env) throw new Error("useEditor outside <ReportEditor>");
  return env;
}

/**
 * Subscribe to one key of the store. `get` reads what the key names, so it is taken once per store and key:
 * a new snapshot function on every render would make React queue an effect after each keystroke's render.
 */
function useKey<T>(key: string, get: () => T): T {
  const { store } = useEditor();
  const subscribe = useCallback((cb: () => void) => store.subscribeKey(key, cb), [store, key]);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- `get` depends on nothing but the store and the key
  const snapshot = useMemo(() => get, [store, key]);
  return useSyncExternalStore(subscribe, snapshot, snapshot);
}

export function useCell(id: string): string {
  const { store } = useEditor();
  return useKey(`cell:${id}`, () => store.getCell(id));
}
/** The cell's error message (a value that is not a number of its kind), or null. */
export function useCellError(id: string): string | null {
  const { store } = useEditor();
  return useKey(`cell:${id}`, () => store.getCellError(id));
}
export function useInvalid(table: TableId): readonly InvalidCell[] {
  const { store } = useEditor();
  return useKey(`invalid:${table}`, () => store.getInvalid(table));
}
export function useText(id: string): string {
  const { store } = useEditor();
  return useKey(`text:${id}`, () => store.getText(id));
}
export function useHeader(): ReportContent["header"] {
  const { store } = useEditor();
  return useKey("header", store.getHeader);
}
export function useFee(): ReportContent["fee"] {
  const { store } = useEditor();
  return useKey("fee", store.getFee);
}
export function useAcks(): ReportContent["acknowledgements"] {
  const { store } = useEditor();
  return useKey("acks", store.getAcks);
}
export function useHighlighted(ref: string): boolean {
  const { store } = useEditor();
  return useKey(`hl:${ref}`, () => store.isHighlighted(ref));
}
export function useHighlightCount(): number {
  const { store } = useEditor();
  return useKey("highlight", store.highlightCount);
}
export function useMark(ref: string): MarkSeverity | null {
  const { store } = useEditor();
  return useKey(`mark:${ref}`, () => store.getMark(ref));
}
export function useFindingsView(): FindingsView | null {
  const { store } = useEditor();
  return useKey("findings", store.getFindingsView);
}
/** The whole content: re-renders on every change, use only where that is cheap or deferred. */
export function useContent(): ReportContent {
  const { store } = useEditor();
  return useSyncExternalStore(store.subscribe, store.getContent, store.getContent);
}
export function useSaveState() {
  const { autosave } = useEditor();
  return useSyncExternalStore(autosave.subscribe, autosave.getState, autosave.getState);
}
/** Conflicts, refused fields and changes taken in from elsewhere (lib: autosave.ts SaveIssues). */
export function useSaveIssues() {
  const { autosave } = useEditor();
  return useSyncExternalStore(autosave.subscribe, autosave.getIssues, autosave.getIssues);
}
