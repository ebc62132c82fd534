/**
 * Unsent comments and replies, kept in sessionStorage per report and thread while they are typed, so
 * that they survive the page re-rendering under them (after 提交审核 or 撤回 the editor and its comments
 * panel are re-created) and a reload of the tab. Cleared when sent or cancelled.
 */
import { useCallback, useSyncExternalStore } from "react";

const PREFIX = "nianbao:comment-draft:";

export const replyDraftKey = (reportId: string, threadId: string) => `${PREFIX}${reportId}:reply:${threadId}`;
export const composerDraftKey = (reportId: string) => `${PREFIX}${reportId}:new`;

/** This page's copy (also when sessionStorage is unavailable); sessionStorage carries drafts across reloads. */
const memory = new Map<string, string>();
const listeners = new Set<() => void>();

function read(key: string): string {
  if (memory.has(key)) return memory.get(key)!;
  try {
    return window.sessionStorage.getItem(key) ?? "";
  } catch {
    return "";
  }
}

/** Stores `value` under `key`; a blank value is not kept across reloads. */
export function writeDraft(key: string, value: string): void {
  memory.set(key, value);
  try {
    if (value.trim() === "") window.sessionStorage.removeItem(key);
    else window.sessionStorage.setItem(key, value);
  } catch {
    // quota or privacy mode: the draft lives on in this page only
  }
  listeners.forEach((l) => l());
}

function subscribe(l: () => void) {
  listeners.add(l);
  return () => {
    listeners.delete(l);
  };
}

const serverSnapshot = () => "";

/** The draft under `key` ("" when none) and its setter. Rendered on the server as "" (no storage there). */
export function useDraft(key: string): [string, (value: string) => void] {
  const get = useCallback(() => read(key), [key]);
  const value = useSyncExternalStore(subscribe, get, serverSnapshot);
  const set = useCallback((v: string) => writeDraft(key, v), [key]);
  return [value, set];
}

/** A draft's text: the composer's is stored with its place, {"place":…,"body":…}. */
function draftBody(key: string, value: string): string {
  if (!key.endsWith(":new")) return value;
  try {
    return String((JSON.parse(value) as { body?: unknown }).body ?? "");
  } catch {
    return value;
  }
}

/** How many comments and replies of the report are typed but not sent (this page's and the tab's). */
export function unsentDrafts(reportId: string): number {
  const prefix = `${PREFIX}${reportId}:`;
  const keys = new Set([...memory.keys()].filter((k) => k.startsWith(prefix)));
  try {
    for (let i = 0; i < window.sessionStorage.length; i++) {
      const k = window.sessionStorage.key(i);
      if (k?.startsWith(prefix)) keys.add(k);
    }
  } catch {
    // no storage: this page's copy only
  }
  let n = 0;
  for (const k of keys) {
    const v = read(k);
    if (draftBody(k, v).trim()) n++;
  }
  return n;
}
