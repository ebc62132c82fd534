"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { CheckIcon, Loader2Icon, MapPinIcon, MessageSquarePlusIcon, RotateCcwIcon, XIcon } from "lucide-react";
import type { CommentThread, CommentView } from "@/lib/server/services/comment-list";
import { anchorLabel, anchorRefs, anchorSection, COMMENT_MAX_CHARS, refToAnchor } from "@/lib/server/services/comment-anchor";
import { formatDateTime } from "@/lib/labels";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/textarea";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useEditor } from "@/components/report-editor/context";
import { refSelector } from "@/components/report-editor/findings-view";
import { revealRef } from "@/components/report-editor/reveal";
import { useComments, useCommentsUi, useCommentsUiState, type CommentActionResult } from "./comments-context";
import { composerDraftKey, replyDraftKey, useDraft } from "./comment-drafts";

/** The anchor of the place an element of the editor belongs to (a cell, a field, a finding, a section). */
function anchorOf(el: Element): string | null {
  if (el.closest("[data-comments-panel]")) return null;
  const placed = el.closest("[data-cell], [data-field]");
  const ref = placed?.getAttribute("data-cell") ?? placed?.getAttribute("data-field");
  if (ref) return refToAnchor(ref);
  const section = el.closest<HTMLElement>('[id^="section-s"]');
  if (section) return `section:${section.id.slice("section-".length)}`;
  return null;
}

/** The place a comment was begun from by keyboard (Alt+M): the focus goes back there when the composer closes. */
let composedFrom: HTMLElement | null = null;

/**
 * The comments of a report beside the editor: the composer for the place last clicked, the threads
 * in the order of the report with their replies, resolve / reopen. Reads the CommentsProvider; must
 * be rendered inside the editor (it highlights and focuses the commented places).
 */
export function CommentsPanel() {
  const data = useComments();
  const ui = useCommentsUi();
  const state = useCommentsUiState();
  const { store } = useEditor();
  const [filter, setFilter] = useState<"all" | "open">("all");
  const hydrated = useHydrated();
  const listRef = useRef<HTMLUListElement>(null);

  // Track the place the user clicks or focuses in the report: the composer's anchor.
  useEffect(() => {
    if (!ui) return;
    const root = document.querySelector('[data-testid="report-editor"]');
    if (!root) return;
    const onEvent = (e: Event) => {
      if (!(e.target instanceof Element)) return;
      const anchor = anchorOf(e.target);
      if (anchor) ui.setPlace(anchor);
    };
    // Alt+M (as 插入批注 in office suites): comment on the focused place without leaving it by Tab
    const onKey = (e: Event) => {
      const k = e as KeyboardEvent;
      if (!k.altKey || k.ctrlKey || k.metaKey || k.code !== "KeyM" || !(k.target instanceof HTMLElement)) return;
      const anchor = anchorOf(k.target);
      if (!anchor) return;
      k.preventDefault();
      composedFrom = k.target;
      ui.compose(anchor);
    };
    // the panel loads after the editor (review-workspace.tsx): a place focused before then is the place
    const focused = document.activeElement;
    if (focused && root.contains(focused)) {
      const anchor = anchorOf(focused);
      if (anchor) ui.setPlace(anchor);
    }
    root.addEventListener("focusin", onEvent);
    root.addEventListener("pointerdown", onEvent);
    root.addEventListener("keydown", onKey);
    return () => {
      root.removeEventListener("focusin", onEvent);
      root.removeEventListener("pointerdown", onEvent);
      root.removeEventListener("keydown", onKey);
    };
  }, [ui]);

  // A marker was clicked: bring its threads into view.
  useEffect(() => {
    if (!state.selected) return;
    const el = listRef.current?.querySelector(`[data-anchor="${CSS.escape(state.selected)}"]`);
    el?.scrollIntoView({ block: "nearest", behavior: "smooth" });
  }, [state.selected, state.seq]);

  if (!data || !ui) return null;
  const threads = data.threads.filter((t) => filter === "all" || !t.resolved);
  const selected = state.selected;
  const ordered = selected ? [...threads.filter((t) => t.anchor === selected), ...threads.filter((t) => t.anchor !== selected)] : threads;

  const reveal = (anchor: string) => {
    ui.select(anchor);
    const refs = anchorRefs(anchor);
    store.setHighlight(refs);
    const first = refs.find((r) => document.querySelector(refSelector(r)));
    if (first) {
      revealRef(first);
      return;
    }
    const section = anchorSection(anchor);
    if (section) document.getElementById(`section-${section}`)?.scrollIntoView({ block: "start", behavior: "smooth" });
  };

  return (
    // loaded on demand (review-workspace.tsx): its controls answer once its script has hydrated them
    <fieldset
      disabled={!hydrated}
      className="flex max-h-full min-h-0 min-w-0 flex-col"
      data-comments-panel
      data-testid="comments-panel"
      data-hydrated={hydrated ? "" : undefined}
    >
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3">
        <h2 className="mr-auto text-base font-semibold text-slate-900">批注</h2>
        <Badge variant={data.unresolved ? "warning" : "secondary"} data-testid="unresolved-count" data-count={data.unresolved}>
          {data.unresolved} 条未解决
        </Badge>
        {data.threads.length > 0 && (
          <div className="flex rounded border border-slate-200 text-xs" role="group" aria-label="筛选批注">
            {(
              [
                ["all", "全部"],
                ["open", "未解决"],
              ] as const
            ).map(([v, label]) => (
              <button
                key={v}
                type="button"
                aria-pressed={filter === v}
                onClick={() => setFilter(v)}
                className={cn("px-2 py-0.5", filter === v ? "bg-slate-800 text-white" : "text-slate-600 hover:bg-slate-50")}
              >
                {label}
              </button>
            ))}
          </div>
        )}
      </div>

      {data.canComment ? null : <HeldDraft reason={data.reason} />}
      {data.canComment ? <Composer /> : data.reason && data.threads.length === 0 ? (
        <p className="px-4 py-3 text-xs text-slate-500">{data.reason}</p>
      ) : null}

      <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        {data.threads.length === 0 ? (
          <p className="px-2 py-3 text-sm text-slate-500">暂无批注。</p>
        ) : (
          <>
            {selected && (
              <div className="mb-1 flex items-center justify-between px-2 text-xs text-slate-500">
                <span>
                  正在查看：<span className="font-medium text-slate-700">{anchorLabel(selected)}</span>
                </span>
                <Button variant="ghost" size="xs" onClick={() => ui.select(null)}>
                  <XIcon /> 显示全部
                </Button>
              </div>
            )}
            <ul ref={listRef} className="space-y-2">
              {ordered.map((t) => (
                <Thread key={t.id} thread={t} selected={t.anchor === selected} onReveal={() => reveal(t.anchor)} />
              ))}
            </ul>
          </>
        )}
      </div>
    </fieldset>
  );
}

function useAction() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [result, setResult] = useState<CommentActionResult | null>(null);
  const run = async (fn: () => Promise<CommentActionResult>): Promise<boolean> => {
    setResult(null);
    let r: CommentActionResult;
    try {
      r = await fn();
    } catch {
      r = { ok: false, message: "操作失败：网络或服务器错误，请稍后重试。" };
    }
    setResult(r);
    // The server decides: show what it holds now (also after a refusal).
    startTransition(() => router.refresh());
    return r.ok;
  };
  return { run, result, pending, setResult };
}

/** The composer's draft as stored: the place it was written for and the text. */
function parseComposerDraft(raw: string): { place: string; body: string } | null {
  if (!raw) return null;
  try {
    const d = JSON.parse(raw) as { place?: unknown; body?: unknown };
    return typeof d.place === "string" && typeof d.body === "string" ? { place: d.place, body: d.body } : null;
  } catch {
    return null;
  }
}

/**
 * A comment typed but not sent when commenting stopped being possible (the clerk withdrew the report
 * meanwhile): shown with the reason, not hidden; it is kept, and the composer offers it again when the
 * report is back for review.
 */
function HeldDraft({ reason }: { reason?: string | null }) {
  const { reportId } = useEditor();
  const [rawDraft, setRawDraft] = useDraft(composerDraftKey(reportId));
  const draft = parseComposerDraft(rawDraft);
  if (!draft?.body) return null;
  return (
    <div className="border-b border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-950" role="status" data-testid="held-comment-draft">
      <p>
        您写的批注（{anchorLabel(draft.place)}）尚未发送{reason ? `：${reason.replace(/[。；]$/, "")}` : ""}。内容已保留，报告再次提交审核后可以发送；也可复制备用。
      </p>
      <Textarea readOnly value={draft.body} aria-label="未发送的批注" className="mt-2 min-h-16 bg-white" />
      <Button size="xs" variant="ghost" className="mt-1" onClick={() => setRawDraft("")}>
        丢弃这条批注
      </Button>
    </div>
  );
}

function Composer() {
  const data = useComments()!;
  const ui = useCommentsUi()!;
  const state = useCommentsUiState();
  const { reportId } = useEditor();
  // An unsent comment is kept (sessionStorage) while typed: it survives the page re-rendering or a reload.
  const [rawDraft, setRawDraft] = useDraft(composerDraftKey(reportId));
  const draft = parseComposerDraft(rawDraft);
  const body = draft?.body ?? "";
  // Composing, or a draft restored after a reload (then it still points at the place it was written for).
  const composing = state.composing || body !== "";
  const place = state.composing || !draft ? state.place : draft.place;
  const setBody = (v: string) => setRawDraft(v ? JSON.stringify({ place, body: v }) : "");
  const [busy, setBusy] = useState(false);
  const { run, result, setResult } = useAction();
  const id = useId();
  const textRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (state.composing) textRef.current?.focus({ preventScroll: true });
  }, [state.composing, state.place]);
  const length = [...body.trim()].length;
  const tooLong = length > COMMENT_MAX_CHARS;

  const close = () => {
    setBody("");
    ui.closeComposer();
    const back = composedFrom;
    composedFrom = null;
    if (back?.isConnected) back.focus();
  };

  const save = async () => {
    setBusy(true);
    const ok = await run(() => data.actions.add({ anchor: place, body }));
    setBusy(false);
    if (ok) close();
  };

  return (
    <div className="border-b border-slate-100 px-4 py-3 text-sm">
      <div className="flex items-center gap-2">
        <MapPinIcon className="size-4 shrink-0 text-slate-400" aria-hidden />
        <span className="min-w-0 flex-1 truncate text-slate-700" data-testid="comment-place" data-anchor={place} title={anchorLabel(place)}>
          {anchorLabel(place)}
        </span>
        {!composing && (
          <Button size="xs" variant="outline" onClick={() => { setResult(null); ui.compose(place); }} data-testid="add-comment">
            <MessageSquarePlusIcon /> 添加批注
          </Button>
        )}
      </div>
      {!composing && !result && <p className="mt-1 text-xs text-slate-500">点击报告中的单元格、段落或检查结果，可对该处添加批注。<span className="sr-only">键盘：在单元格或段落中按 Alt+M 添加批注。</span></p>}
      {composing && (
        <form
          className="mt-2 space-y-2"
          onKeyDown={(e) => {
            if (e.key === "Escape" && !busy) {
              e.preventDefault();
              close();
            }
          }}
          onSubmit={(e) => {
            e.preventDefault();
            if (length > 0 && !tooLong && !busy) void save();
          }}
        >
          <label htmlFor={id} className="sr-only">
            批注内容
          </label>
          <Textarea
            id={id}
            ref={textRef}
            aria-label="批注内容"
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={`对“${anchorLabel(place)}”的意见`}
            className="min-h-20 text-sm leading-6"
            aria-invalid={tooLong || undefined}
          />
          <div className="flex items-center gap-2">
            <span className={cn("mr-auto text-xs tabular-nums", tooLong ? "text-red-700" : "text-slate-500")}>
              {length} / {COMMENT_MAX_CHARS}
            </span>
            <Button size="xs" variant="ghost" onClick={close}>
              取消
            </Button>
            <Button size="xs" type="submit" disabled={length === 0 || tooLong || busy} data-testid="save-comment">
              {busy ? <Loader2Icon className="animate-spin" /> : null} 保存批注
            </Button>
          </div>
        </form>
      )}
      {result && (
        <p role="status" className={cn("mt-1 text-xs", result.ok ? "text-emerald-700" : "text-red-700")} data-testid="comment-result">
          {result.message}
        </p>
      )}
    </div>
  );
}

function Meta({ c }: { c: CommentView }) {
  return (
    <span className="text-[11px] text-slate-500">
      {c.author ? (
        <>
          {c.author.name}
          <span className="ml-1 rounded bg-slate-100 px-1">{c.author.roleLabel}</span>
        </>
      ) : (
        "（已删除的账号）"
      )}
      <span className="ml-1.5 tabular-nums" suppressHydrationWarning>
        {formatDateTime(c.createdAt)}
      </span>
    </span>
  );
}

function Thread({ thread, selected, onReveal }: { thread: CommentThread; selected: boolean; onReveal: () => void }) {
  const data = useComments()!;
  const { reportId } = useEditor();
  /** opened with 回复 (then the box takes the focus) */
  const [open, setOpen] = useState(false);
  // An unsent reply is kept (sessionStorage) while typed: it survives the page re-rendering under it
  // (after 提交审核 the editor is re-created) and a reload; shown again without taking the focus.
  const [body, setBody] = useDraft(replyDraftKey(reportId, thread.id));
  const replying = open || body !== "";
  const [busy, setBusy] = useState(false);
  const { run, result } = useAction();
  const length = [...body.trim()].length;

  const close = () => {
    setBody("");
    setOpen(false);
  };

  const reply = async () => {
    setBusy(true);
    const ok = await run(() => data.actions.add({ parentId: thread.id, body }));
    setBusy(false);
    if (ok) close();
  };
  const toggle = async () => {
    setBusy(true);
    await run(() => data.actions.resolve({ commentId: thread.id, resolved: !thread.resolved }));
    setBusy(false);
  };

  return (
    <li
      data-thread={thread.id}
      data-anchor={thread.anchor}
      data-resolved={thread.resolved || undefined}
      className={cn(
        "rounded-md border px-3 py-2 text-[13px] leading-5",
        thread.resolved ? "border-slate-200 bg-slate-50 text-slate-600" : "border-orange-200 bg-orange-50/50 text-slate-900",
        selected && "ring-2 ring-blue-400",
      )}
    >
      <button
        type="button"
        onClick={onReveal}
        className="mb-1 flex max-w-full items-center gap-1 text-left text-xs font-medium text-blue-800 hover:underline"
        title={thread.anchorValid ? "在报告中定位" : "该位置已不在当前模板中"}
        data-testid="thread-anchor"
      >
        <MapPinIcon className="size-3 shrink-0" aria-hidden />
        <span className="truncate">{thread.anchorLabel}</span>
        {thread.resolved && (
          <Badge variant="success" className="ml-1">
            已解决
          </Badge>
        )}
      </button>
      <p className="whitespace-pre-wrap break-words" data-testid="comment-body">
        {thread.body}
      </p>
      <Meta c={thread} />
      {thread.replies.length > 0 && (
        <ul className="mt-2 space-y-1.5 border-l-2 border-slate-200 pl-2.5">
          {thread.replies.map((r) => (
            <li key={r.id} data-reply={r.id}>
              <p className="whitespace-pre-wrap break-words" data-testid="reply-body">
                {r.body}
              </p>
              <Meta c={r} />
            </li>
          ))}
        </ul>
      )}
      {thread.resolved && thread.resolvedBy && (
        <p className="mt-1 text-[11px] text-emerald-700">
          {thread.resolvedBy} 已标记为已解决
        </p>
      )}
      {data.canReply && (
        <div className="mt-2">
          {replying ? (
            <form
              className="space-y-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                if (length > 0 && length <= COMMENT_MAX_CHARS && !busy) void reply();
              }}
            >
              <Textarea
                aria-label="回复内容"
                autoFocus={open}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                className="min-h-16 text-sm leading-6"
              />
              <div className="flex justify-end gap-2">
                <Button size="xs" variant="ghost" onClick={close}>
                  取消
                </Button>
                <Button size="xs" type="submit" disabled={length === 0 || length > COMMENT_MAX_CHARS || busy}>
                  发送回复
                </Button>
              </div>
            </form>
          ) : (
            <div className="flex flex-wrap gap-1.5">
              <Button size="xs" variant="outline" onClick={() => setOpen(true)}>
                回复
              </Button>
              <Button size="xs" variant={thread.resolved ? "ghost" : "outline"} onClick={() => void toggle()} disabled={busy}>
                {thread.resolved ? (
                  <>
                    <RotateCcwIcon /> 重新打开
                  </>
                ) : (
                  <>
                    <CheckIcon /> 标记为已解决
                  </>
                )}
              </Button>
            </div>
          )}
        </div>
      )}
      {result && !result.ok && (
        <p role="status" className="mt-1 text-xs text-red-700">
          {result.message}
        </p>
      )}
    </li>
  );
}
