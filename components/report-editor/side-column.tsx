"use client";

import { useEffect, useId, useState, type ReactNode } from "react";
import { cn } from "@/lib/utils";
import { Card } from "@/components/ui/card";
import dynamic from "next/dynamic";
import { useSavedStamp } from "@/components/report-preview/export-buttons";
import { usePreviewPlacement, usePreviewState } from "@/components/report-preview/preview-state";
import { useCommentsUi } from "@/components/review/comments-context";
import { useEditor, useFindingsView } from "./context";
import { ValidationPanel } from "./validation-panel";

/** The page preview (and pdf.js) loads when first opened. */
const DockedPreview = dynamic(() => import("@/components/report-preview/preview-panel").then((m) => m.DockedPreview), { ssr: false });

/** Whether the page preview is open in the side column (office screens; see PreviewPlacement). */
export function usePreviewDocked(): boolean {
  const { open } = usePreviewState();
  const placement = usePreviewPlacement();
  return open && placement === "docked";
}

/**
 * The editor's side column: the comments (on the report page) above the checks; with the preview docked,
 * the preview, the checks and the comments as tabs of one wider column, the preview shown first.
 */
export function SideColumn({ sidePanel }: { sidePanel?: ReactNode }) {
  const docked = usePreviewDocked();
  if (docked) return <DockedColumn sidePanel={sidePanel} />;
  return (
    <>
      {sidePanel && <Card className="flex min-h-0 shrink flex-col overflow-hidden lg:max-h-[60%]">{sidePanel}</Card>}
      <Card className="flex min-h-0 flex-1 flex-col overflow-hidden">
        <ValidationPanel />
      </Card>
    </>
  );
}

type Tab = "preview" | "checks" | "comments";

function DockedColumn({ sidePanel }: { sidePanel?: ReactNode }) {
  const { reportId } = useEditor();
  const preview = usePreviewState();
  const stamp = useSavedStamp();
  const view = useFindingsView();
  const [tab, setTab] = useState<Tab>("preview");
  const id = useId();
  // a comment marker clicked in the report, or a comment begun on a place: show the comments
  const ui = useCommentsUi();
  useEffect(() => {
    if (!ui || !sidePanel) return;
    let last = ui.get();
    const off = ui.subscribe(() => {
      const now = ui.get();
      // select(anchor) and compose(anchor) make the anchor both the place and the selection; moving the
      // focus elsewhere changes only the place, closing the composer only `composing`
      const picked = now.seq !== last.seq && now.selected !== null && now.place === now.selected && !(last.composing && !now.composing);
      if (picked) setTab("comments");
      last = now;
    });
    return () => {
      off();
    };
  }, [ui, sidePanel]);
  const tabs: { key: Tab; label: ReactNode }[] = [
    { key: "preview", label: "版式预览" },
    {
      key: "checks",
      label: (
        <>
          检查结果
          {view && (
            <span
              className={cn(
                "ml-1.5 rounded px-1.5 py-px text-[11px] font-medium",
                view.errors.length ? "bg-red-100 text-red-700" : "bg-emerald-100 text-emerald-700",
              )}
            >
              {view.errors.length} 错误
            </span>
          )}
          {view && view.warnings.length > 0 && (
            <span className="ml-1 rounded bg-amber-100 px-1.5 py-px text-[11px] font-medium text-amber-800">
              {view.warnings.length} 警告
            </span>
          )}
        </>
      ),
    },
    ...(sidePanel ? [{ key: "comments" as const, label: "批注" }] : []),
  ];
  return (
    <Card className="flex min-h-0 flex-1 flex-col overflow-hidden" data-testid="side-tabs">
      <div role="tablist" aria-label="侧栏" className="flex shrink-0 gap-1 border-b border-slate-200 bg-slate-50 px-2 pt-1.5">
        {tabs.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            id={`${id}-${t.key}-tab`}
            aria-selected={tab === t.key}
            aria-controls={`${id}-${t.key}`}
            onClick={() => setTab(t.key)}
            className={cn(
              "-mb-px inline-flex items-center rounded-t-md border px-3 py-1.5 text-[13px] font-medium",
              tab === t.key
                ? "border-slate-200 border-b-white bg-white text-slate-900"
                : "border-transparent text-slate-600 hover:text-slate-900",
            )}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div id={`${id}-preview`} role="tabpanel" aria-labelledby={`${id}-preview-tab`} hidden={tab !== "preview"} className="flex min-h-0 flex-1 flex-col">
        <DockedPreview reportId={reportId} stamp={stamp} onClose={() => preview.setOpen(false)} />
      </div>
      <div id={`${id}-checks`} role="tabpanel" aria-labelledby={`${id}-checks-tab`} hidden={tab !== "checks"} className="flex min-h-0 flex-1 flex-col">
        <ValidationPanel />
      </div>
      {sidePanel && (
        <div id={`${id}-comments`} role="tabpanel" aria-labelledby={`${id}-comments-tab`} hidden={tab !== "comments"} className="flex min-h-0 flex-1 flex-col overflow-hidden">
          {sidePanel}
        </div>
      )}
    </Card>
  );
}
