"use client";

import { createContext, useContext, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";

/**
 * Where the page preview goes, by window width:
 * - "beside": wide screens (1920): a panel at the right edge of the window; the page moves left to make
 *   room, and the editor keeps its grids and its side column (checks, comments) at full width;
 * - "docked": office screens (1366) down to the two-column layout: the preview takes the place of the side
 *   column (which grows for it), with tabs to reach the checks and comments — the editor keeps the width
 *   its grids need;
 * - "overlay": narrow windows: a panel over the right part of the page.
 */
export type PreviewPlacement = "beside" | "docked" | "overlay";

/**
 * Narrowest window that leaves the editor its full layout beside a panel of at least 480 px: the app's
 * and the editor's paddings (80), the side column and its gap (376) and 800 px for the grids.
 */
export const BESIDE_MIN_WIDTH = 1736;
/** Below this the editor is one column (Tailwind's lg), and a docked preview would land under the report. */
export const DOCKED_MIN_WIDTH = 1024;
/** Width of the "beside" panel: up to 580 px, never taking the room the page needs (1256 px). */
export const BESIDE_PANEL_WIDTH = "min(580px, calc(100vw - 1256px))";

const QUERIES = {
  beside: `(min-width: ${BESIDE_MIN_WIDTH}px)`,
  docked: `(min-width: ${DOCKED_MIN_WIDTH}px)`,
};

function subscribe(onChange: () => void): () => void {
  const lists = Object.values(QUERIES).map((q) => window.matchMedia(q));
  for (const l of lists) l.addEventListener("change", onChange);
  return () => {
    for (const l of lists) l.removeEventListener("change", onChange);
  };
}

function placement(): PreviewPlacement {
  if (window.matchMedia(QUERIES.beside).matches) return "beside";
  return window.matchMedia(QUERIES.docked).matches ? "docked" : "overlay";
}

/** The placement for the current window width (follows resizing). */
export function usePreviewPlacement(): PreviewPlacement {
  return useSyncExternalStore(subscribe, placement, () => "beside");
}

type PreviewState = { open: boolean; setOpen: (open: boolean) => void; toggle: () => void };

const PreviewContext = createContext<PreviewState | null>(null);

/** Whether the page preview is open: shared by the toolbar's 预览 button and the editor's side column. */
export function PreviewStateProvider({ children }: { children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const value = useMemo<PreviewState>(() => ({ open, setOpen, toggle: () => setOpen((o) => !o) }), [open]);
  return <PreviewContext.Provider value={value}>{children}</PreviewContext.Provider>;
}

export function usePreviewState(): PreviewState {
  const state = useContext(PreviewContext);
  if (!state) throw new Error("usePreviewState outside <PreviewStateProvider>");
  return state;
}
