"use client";

import { MessageSquareIcon, MessageSquarePlusIcon } from "lucide-react";
import { useHydrated } from "@/components/ui/use-hydrated";
import { cn } from "@/lib/utils";
import { useComments, useCommentsUi, useIsSelected } from "./comments-context";

function summary(count: { open: number; total: number }): string {
  return count.open ? `有 ${count.open} 条未解决的批注` : `${count.total} 条批注均已解决`;
}

/** The id of a cell marker's description (「有 1 条未解决的批注」) for the cell's aria-describedby. */
export const commentDescriptionId = (anchor: string) => `comment-desc-${anchor}`;

/** The id of the description of the comments on `anchor` when there are any (a cell marker renders it), else undefined. */
export function useCommentDescription(anchor: string): string | undefined {
  return useComments()?.counts.get(anchor) ? commentDescriptionId(anchor) : undefined;
}

/**
 * A small badge beside a place of the report (cell, text field, header field, section) showing how
 * many comment threads point at it; clicking it shows them in the comments panel. Renders nothing
 * outside a CommentsProvider or when the place has no comments.
 *
 * `cell`: the badge sits in a table cell (a positioned <td>); a cell with an open comment is marked as
 * a whole — tinted, with an orange corner — so that it stands out in a grid of numbers; a cell whose
 * comments are all resolved keeps only the grey badge.
 */
export function CommentMarker({ anchor, className, cell = false }: { anchor: string; className?: string; cell?: boolean }) {
  const data = useComments();
  const ui = useCommentsUi();
  const selected = useIsSelected(anchor);
  // drawn by the server: a click before the page is interactive would be lost, so it is disabled until then
  const hydrated = useHydrated();
  const count = data?.counts.get(anchor);
  if (!data || !ui || !count) return null;
  const open = count.open;
  const badge = (
    <button
      type="button"
      data-testid="comment-marker"
      data-anchor={anchor}
      data-open={open}
      disabled={!hydrated}
      title={open ? `${open} 条未解决的批注（共 ${count.total} 条），点击查看` : `${count.total} 条批注（均已解决），点击查看`}
      aria-label={open ? `${open} 条未解决的批注` : `${count.total} 条已解决的批注`}
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => {
        e.stopPropagation();
        ui.select(anchor);
      }}
      className={cn(
        "inline-flex h-4 min-w-4 items-center justify-center gap-0.5 rounded-sm px-0.5 text-[10px] font-semibold leading-none shadow-sm",
        open ? "bg-orange-500 text-white hover:bg-orange-600" : "bg-slate-300 text-slate-700 hover:bg-slate-400",
        selected && "ring-2 ring-blue-500 ring-offset-1",
        className,
      )}
    >
      <MessageSquareIcon className="size-2.5" aria-hidden />
      {open || count.total}
    </button>
  );
  if (!cell) return badge;
  const description = (
    <span id={commentDescriptionId(anchor)} className="sr-only">
      {summary(count)}
    </span>
  );
  if (!open)
    return (
      <>
        {description}
        {badge}
      </>
    );
  return (
    <>
      {description}
      {/* multiply: the numbers, the focus outline and a finding's highlight stay visible through the tint */}
      <span
        aria-hidden
        data-testid="comment-cell-mark"
        data-anchor={anchor}
        className="pointer-events-none absolute inset-0 bg-orange-200/80 mix-blend-multiply"
      />
      <span
        aria-hidden
        className="pointer-events-none absolute right-0 top-0 size-0 border-l-[9px] border-t-[9px] border-l-transparent border-t-orange-500"
      />
      {badge}
    </>
  );
}

/** "批注" of a check result: its comment count and a button starting a thread on it (for those who may comment). */
export function FindingCommentButton({ findingKey }: { findingKey: string }) {
  const data = useComments();
  const ui = useCommentsUi();
  const hydrated = useHydrated();
  const anchor = `finding:${findingKey}`;
  if (!data || !ui || (!data.canComment && !data.counts.has(anchor))) return null;
  return (
    <div className="mt-1 flex items-center justify-end gap-1 pl-6">
      <CommentMarker anchor={anchor} />
      {data.canComment && (
        <button
          type="button"
          className="inline-flex items-center gap-0.5 rounded px-1 text-[11px] text-blue-700 hover:bg-blue-50"
          onClick={() => ui.compose(anchor)}
          disabled={!hydrated}
          title="对这条检查结果添加批注"
          data-testid="finding-comment"
        >
          <MessageSquarePlusIcon className="size-3" aria-hidden /> 批注
        </button>
      )}
    </div>
  );
}
