"use client";

import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { AlertTriangleIcon, Loader2Icon, RefreshCwIcon, XIcon } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Aborted, releasePages, renderPdfPages, type PageImage } from "./pdf-pages";
import { BESIDE_PANEL_WIDTH } from "./preview-state";

/** Wait this long after a save before refreshing, so that a burst of saves renders once. */
export const PREVIEW_REFRESH_DELAY_MS = 700;
/** Width of the page images (CSS px). */
const PAGE_CSS_WIDTH = 520;

type State = { kind: "loading" } | { kind: "ready" } | { kind: "error"; message: string };

function errorMessage(status: number): string {
  if (status === 404) return "找不到该报告，无法预览。";
  if (status === 401 || status === 403) return "登录已失效，请重新登录。";
  return `预览生成失败（服务器错误 ${status}），将在下次保存后重试。`;
}

/**
 * The document as it will be published — pages drawn from the preview PDF (/reports/[id]/preview)
 * with pdf.js. Refreshes a moment after every save (`stamp` changes); the old pages stay visible until
 * the new ones are ready.
 */
function usePreviewPages(reportId: string, stamp: string) {
  const [pages, setPages] = useState<PageImage[]>([]);
  const [state, setState] = useState<State>({ kind: "loading" });
  const [retry, setRetry] = useState(0);
  const shown = useRef<PageImage[]>([]);

  useEffect(() => {
    const ctrl = new AbortController();
    const timer = setTimeout(async () => {
      setState({ kind: "loading" });
      try {
        const res = await fetch(`/reports/${encodeURIComponent(reportId)}/preview`, {
          signal: ctrl.signal,
          credentials: "same-origin",
        });
        if (!res.ok || res.redirected) {
          setState({ kind: "error", message: errorMessage(res.redirected ? 401 : res.status) });
          return;
        }
        const data = await res.arrayBuffer();
        const images = await renderPdfPages(
          data,
          PAGE_CSS_WIDTH,
          (v) => `/reports/${encodeURIComponent(reportId)}/preview/pdf-worker?v=${encodeURIComponent(v)}`,
          ctrl.signal,
        );
        releasePages(shown.current);
        shown.current = images;
        setPages(images);
        setState({ kind: "ready" });
      } catch (e) {
        if (ctrl.signal.aborted || e instanceof Aborted || (e instanceof DOMException && e.name === "AbortError")) return;
        console.error("preview failed", e);
        setState({ kind: "error", message: "预览生成失败（网络错误或无法显示），请稍后重试。" });
      }
    }, PREVIEW_REFRESH_DELAY_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [reportId, stamp, retry]);

  useEffect(
    () => () => {
      releasePages(shown.current);
      shown.current = [];
    },
    [],
  );

  return { pages, state, retry: () => setRetry((n) => n + 1) };
}

function PreviewStatus({ state, count }: { state: State; count: number }) {
  return (
    <span className="inline-flex items-center gap-1 text-xs text-slate-600" role="status">
      {state.kind === "loading" && (
        <>
          <Loader2Icon className="size-3.5 animate-spin" /> 正在生成…
        </>
      )}
      {state.kind === "ready" && <span data-testid="preview-page-count">共 {count} 页</span>}
    </span>
  );
}

function PreviewBody({ pages, state, onRetry }: { pages: PageImage[]; state: State; onRetry: () => void }) {
  return (
    <>
      {state.kind === "error" && (
        <div className="flex items-center gap-2 border-b border-red-200 bg-red-50 px-3 py-2 text-xs text-red-700" role="alert">
          <AlertTriangleIcon className="size-3.5 shrink-0" />
          <span>{state.message}</span>
          <Button variant="outline" size="xs" className="ml-auto" onClick={onRetry}>
            <RefreshCwIcon /> 重试
          </Button>
        </div>
      )}
      {/* focusable, so that the keyboard can scroll the pages (arrows, Page Down) */}
      <div
        className="min-h-0 flex-1 overflow-y-auto bg-slate-200/95 px-4 py-4 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-blue-600"
        data-testid="preview-pages"
        tabIndex={0}
        role="region"
        aria-label="版式预览页面"
      >
        {pages.length === 0 && state.kind === "loading" && (
          <p className="mt-10 text-center text-sm text-slate-600">正在生成预览…</p>
        )}
        <ol className="mx-auto flex flex-col items-center gap-4" style={{ maxWidth: PAGE_CSS_WIDTH }}>
          {pages.map((p, i) => (
            <li key={p.url} className="w-full">
              {/* eslint-disable-next-line @next/next/no-img-element -- object URLs of rendered pages */}
              <img
                src={p.url}
                alt={`第 ${i + 1} 页`}
                width={PAGE_CSS_WIDTH}
                height={Math.round((PAGE_CSS_WIDTH * p.height) / p.width)}
                className="h-auto w-full bg-white shadow-md ring-1 ring-slate-300"
                data-testid="preview-page"
              />
              <div className="mt-1 text-center text-[11px] text-slate-500">
                第 {i + 1} 页 / 共 {pages.length} 页
              </div>
            </li>
          ))}
        </ol>
      </div>
    </>
  );
}

/**
 * The preview in a panel at the right edge of the window: beside the page on wide screens (the page
 * moves left to make room), over it on narrow ones. (On office screens it is docked in the editor's
 * side column instead: DockedPreview.)
 */
export function PreviewPanel({
  reportId,
  stamp,
  placement,
  onClose,
}: {
  reportId: string;
  stamp: string;
  placement: "beside" | "overlay";
  onClose: () => void;
}) {
  const { pages, state, retry } = usePreviewPages(reportId, stamp);

  // Beside: make room for the panel on the right of the page.
  useEffect(() => {
    if (placement !== "beside") return;
    const body = document.body;
    body.style.paddingRight = BESIDE_PANEL_WIDTH;
    return () => {
      body.style.paddingRight = "";
    };
  }, [placement]);

  return createPortal(
    <aside
      className="fixed inset-y-0 right-0 z-40 flex flex-col border-l border-slate-300 bg-slate-200/95 shadow-xl"
      style={{ width: placement === "beside" ? BESIDE_PANEL_WIDTH : "min(580px, calc(100vw - 48px))", minWidth: 320 }}
      aria-label="版式预览"
      data-testid="preview-panel"
      data-placement={placement}
      data-state={state.kind}
    >
      <div className="flex items-center gap-2 border-b border-slate-300 bg-white px-3 py-2">
        <h2 className="text-sm font-semibold text-slate-800">版式预览</h2>
        <span className="text-xs text-slate-500">按正式公开的版式排版，保存后自动更新</span>
        <span className="ml-auto">
          <PreviewStatus state={state} count={pages.length} />
        </span>
        <Button variant="ghost" size="icon" onClick={onClose} aria-label="关闭预览" title="关闭预览">
          <XIcon />
        </Button>
      </div>
      <PreviewBody pages={pages} state={state} onRetry={retry} />
    </aside>,
    document.body,
  );
}

/** The preview in the editor's side column (the column's tab bar carries its title). */
export function DockedPreview({ reportId, stamp, onClose }: { reportId: string; stamp: string; onClose: () => void }) {
  const { pages, state, retry } = usePreviewPages(reportId, stamp);
  return (
    <div
      className="flex min-h-0 flex-1 flex-col"
      aria-label="版式预览"
      data-testid="preview-panel"
      data-placement="docked"
      data-state={state.kind}
    >
      <div className="flex items-center gap-2 border-b border-slate-200 px-3 py-1">
        <span className="text-xs text-slate-500">按正式公开的版式排版，保存后自动更新</span>
        <span className="ml-auto">
          <PreviewStatus state={state} count={pages.length} />
        </span>
        <Button variant="ghost" size="icon" className="size-7" onClick={onClose} aria-label="关闭预览" title="关闭预览">
          <XIcon />
        </Button>
      </div>
      <PreviewBody pages={pages} state={state} onRetry={retry} />
    </div>
  );
}
