"use client";

import { MessageSquareIcon, MessageSquarePlusIcon } from "lucide-react";
import { cn } from "@/lib/utils";
import { useComments, useCommentsUi, useIsSelected } from "./comments-context";

/**
 * A small badge beside a place of the report (cell, text field, header field, section) showing how
 * many comment threads point at it; clicking it shows them in the comments panel. Renders nothing
 * outside a CommentsProvider or when the place has no comments.
 */
export function CommentMarker({ anchor, className }: { anchor: string; className?: string }) {
  const data = useComments();
  const ui = useCommentsUi();
  const selected = useIsSelected(anchor);
  const count = data?.counts.get(anchor);
  if (!data || !ui || !count) return null;
  const open = count.open;
  return (
    <button
      type="button"
      data-testid="comment-marker"
      data-anchor={anchor}
      data-open={open}
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
}

/** "批注" of a check result: its comment count and a button starting a thread on it (for those who may comment). */
export function FindingCommentButton({ findingKey }: { findingKey: string }) {
  const data = useComments();
  const ui = useCommentsUi();
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
          title="对这条检查结果添加批注"
          data-testid="finding-comment"
        >
          <MessageSquarePlusIcon className="size-3" aria-hidden /> 批注
        </button>
      )}
    </div>
  );
}
