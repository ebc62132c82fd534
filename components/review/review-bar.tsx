"use client";

import { useEffect, useRef, useState } from "react";
import Link from "next/link";
import {
  CheckIcon,
  HistoryIcon,
  Loader2Icon,
  MegaphoneIcon,
  PlayIcon,
  Undo2Icon,
} from "lucide-react";
import { TimingCaveats } from "./timing-caveats";
import { ACTION_LABELS, statusWord, transitionRefusal, type ReportAction, type ReportStatus } from "@/lib/report/client";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Textarea } from "@/components/ui/textarea";
import { Tooltip, TooltipProvider } from "@/components/ui/tooltip";
import { useHydrated } from "@/components/ui/use-hydrated";
import { Facts, STATUS_BADGE, ActionMessage, useReviewAction, type ActionResult, type ReviewInfo } from "./review-common";

// (re-exported for older imports; the clerk's bar imports review-common, not this supervisor-only module)
export { ActionMessage, Facts, STATUS_BADGE, useReviewAction, type ActionResult, type ReviewInfo } from "./review-common";

const HINTS: Record<ReportStatus, string> = {
  DRAFT: "填报人尚未提交审核，暂不能审核。",
  SUBMITTED: "请审核报告内容：点击单元格或段落可添加批注；需要修改时“退回修改”，无误时“审核通过”。",
  // (SUBMITTED before the review started: see NOT_STARTED_HINT)
  RETURNED: "已退回填报人修改，等待重新提交。",
  APPROVED: "已审核通过，可以发布；如需修改，仍可退回。",
  PUBLISHED: "报告已发布。如发现错误，可“退回修改”：报告将从公开页面撤下，填报人改正后重新提交、审核、发布。",
};

const NOT_STARTED_HINT =
  "审核尚未开始，填报人仍可撤回修改。点击“开始审核”（或添加批注、退回、审核通过）即开始审核，此后填报人不能再撤回。";

/**
 * Puts the focus back on a dialog's button. The action may disable it (退回修改 once returned, 发布 once
 * published) — a disabled button drops the focus, so then it goes to the button's wrapper, which explains
 * why (focusable while the button is refused). Only while the focus is lost, or still on that button or its
 * wrapper: never taken from where the user has moved it since.
 */
function refocusButton(get: () => HTMLButtonElement | null) {
  const b = get();
  if (!b) return;
  const wrap = b.parentElement;
  const active = document.activeElement;
  if (active && active !== document.body && active !== b && active !== wrap) return;
  const target = b.disabled && wrap?.tabIndex === 0 ? wrap : b;
  if (active !== target) target.focus();
}

/**
 * Calls refocusButton now and every 100 ms for a few seconds, while the focus is lost or on the button.
 * Ends as soon as the focus goes anywhere else (a focusin, not the next tick: on a busy page the ticks come
 * late, and a late tick would take the focus back from the next dialog's button). One watch at a time.
 */
let stopWatch = () => {};
function watchFocus(get: () => HTMLButtonElement | null) {
  stopWatch();
  refocusButton(get);
  const started = Date.now();
  const onFocusIn = (e: FocusEvent) => {
    const b = get();
    if (e.target !== b && e.target !== b?.parentElement) stop();
  };
  const timer = setInterval(() => {
    if (Date.now() - started > 5000) stop();
    else refocusButton(get);
  }, 100);
  const stop = () => {
    clearInterval(timer);
    document.removeEventListener("focusin", onFocusIn, true);
  };
  document.addEventListener("focusin", onFocusIn, true);
  stopWatch = stop;
}

/**
 * The supervisor's bar on the report page: status, 退回修改 (with a required comment), 审核通过, 发布 —
 * each disabled with the reason when the status does not allow it. The server decides in the end.
 */
export function ReviewBar(props: {
  reportId: string;
  /** the report's title as printed and published (「…2024年政府信息公开工作年度报告」) */
  title: string;
  /** the report's year and 成文日期: the publish confirmation says when the year is not over or the date to come */
  year: number;
  signDate: string;
  review: ReviewInfo;
  unresolved: number;
  historyHref: string | null;
  actions: {
    startReview: (input: { reportId: string }) => Promise<ActionResult>;
    return: (input: { reportId: string; comment: string; baseVersion?: number }) => Promise<ActionResult>;
    approve: (input: { reportId: string; baseVersion?: number }) => Promise<ActionResult>;
    publish: (input: { reportId: string; baseVersion?: number }) => Promise<ActionResult>;
  };
}) {
  const { review, reportId } = props;
  const { run, busy, result } = useReviewAction();
  const hydrated = useHydrated();
  const [returnOpen, setReturnOpen] = useState(false);
  /** Approving with unresolved comments asks first: they may be questions the clerk never answered. */
  const [approveOpen, setApproveOpen] = useState(false);
  /** Publishing asks first, saying what becomes public. */
  const [publishOpen, setPublishOpen] = useState(false);
  const [comment, setComment] = useState("");
  const [dialogError, setDialogError] = useState<string | null>(null);
  const baseVersion = review.version;
  /**
   * A dialog closed: focus goes back to the button that opened it (Radix only does so for its own triggers),
   * and again once the new status has been drawn — however long the server took to send it, that redraw
   * may disable the button (a disabled button drops the focus).
   */
  const lastAction = useRef<ReportAction | null>(null);
  const actionButton = (action: ReportAction) => () => document.querySelector<HTMLButtonElement>(`[data-testid="review-${action}"]`);
  const refocus = (action: ReportAction) => (e: Event) => {
    e.preventDefault();
    watchFocus(actionButton(action));
  };
  // the button last pressed, not the last dialog closed: the new status may be drawn before that dialog closes
  useEffect(() => {
    if (lastAction.current) watchFocus(actionButton(lastAction.current));
  }, [review.status, review.version]);
  const notStarted = review.status === "SUBMITTED" && !review.reviewStartedAt;

  const button = (action: Exclude<ReportAction, "submit" | "withdraw">, icon: React.ReactNode, onClick: () => void, variant: "default" | "outline" | "destructive") => {
    // a 汇总 whose figures are no longer its subordinates' is refused by the server: said before the click
    const refusal = transitionRefusal(review.status, action, { button: true }) ?? (action !== "return" ? review.rollupStale : null);
    return (
      <Tooltip content={refusal} align="end">
        <span tabIndex={refusal ? 0 : undefined} className="inline-flex" data-testid={`review-${action}-wrap`}>
          <Button
            size="sm"
            variant={variant}
            disabled={!!refusal || busy !== null}
            onClick={() => {
              lastAction.current = action;
              stopWatch();
              onClick();
            }}
            data-testid={`review-${action}`}
            title={refusal ?? undefined}
          >
            {busy === action ? <Loader2Icon className="animate-spin" /> : icon} {ACTION_LABELS[action]}
          </Button>
        </span>
      </Tooltip>
    );
  };

  const publish = async () => {
    await run("publish", () => props.actions.publish({ reportId, baseVersion }));
    setPublishOpen(false);
  };

  const approve = async () => {
    await run("approve", () => props.actions.approve({ reportId, baseVersion }));
    setApproveOpen(false);
  };

  const submitReturn = async () => {
    const text = comment.trim();
    if (!text) {
      setDialogError("请填写退回意见（说明需要修改的内容）。");
      return;
    }
    const r = await run("return", () => props.actions.return({ reportId, comment: text, baseVersion }));
    if (r.ok) {
      setReturnOpen(false);
      setComment("");
      setDialogError(null);
    } else {
      setDialogError(r.message);
    }
  };

  return (
    <TooltipProvider>
      <section className="rounded-lg border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="review-bar" aria-label="审核">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <div className="flex items-center gap-2">
            <span className="text-sm font-semibold text-slate-800">审核</span>
            <Badge variant={STATUS_BADGE[review.status]} data-testid="review-status">
              {statusWord(review.status, review.importedFrom !== null)}
            </Badge>
          </div>
          <Facts review={review} />
          <span className={cn("text-xs", props.unresolved ? "text-orange-700" : "text-slate-500")} data-testid="review-unresolved">
            未解决批注 {props.unresolved} 条
          </span>
          {props.historyHref && (
            <Link href={props.historyHref} className="inline-flex items-center gap-1 text-xs text-blue-700 hover:underline">
              <HistoryIcon className="size-3.5" /> 提交记录与修改对比
            </Link>
          )}
          {/* loaded on demand (review-workspace.tsx): its buttons answer once its script has hydrated them */}
          <fieldset disabled={!hydrated} className="ml-auto flex min-w-0 flex-wrap items-center gap-2" data-hydrated={hydrated ? "" : undefined}>
            {notStarted && (
              <Button
                size="sm"
                variant="outline"
                disabled={busy !== null}
                onClick={() => void run("startReview", () => props.actions.startReview({ reportId }))}
                data-testid="review-start"
                title="开始审核后，填报人不能再撤回该报告"
              >
                {busy === "startReview" ? <Loader2Icon className="animate-spin" /> : <PlayIcon />} 开始审核
              </Button>
            )}
            {button("return", <Undo2Icon />, () => {
              setDialogError(null);
              setReturnOpen(true);
            }, "outline")}
            {button("approve", <CheckIcon />, () => (props.unresolved > 0 ? setApproveOpen(true) : void approve()), "default")}
            {button("publish", <MegaphoneIcon />, () => setPublishOpen(true), "default")}
          </fieldset>
        </div>
        <div className="mt-2 space-y-1">
          {!result && (
            <p className="text-xs text-slate-500" data-testid="review-hint">
              {notStarted ? NOT_STARTED_HINT : HINTS[review.status]}
            </p>
          )}
          {review.rollupStale && !result && (
            <p className="text-xs text-red-700" data-testid="review-rollup-stale">
              {review.rollupStale}
            </p>
          )}
          {review.status === "SUBMITTED" && props.unresolved > 0 && !result && (
            <p className="text-xs text-orange-700">还有 {props.unresolved} 条批注未解决；审核通过前请确认已处理。</p>
          )}
          <ActionMessage result={result} />
        </div>

        <Dialog open={publishOpen} onOpenChange={(o) => !busy && setPublishOpen(o)}>
          <DialogContent
            className="w-[min(96vw,34rem)]"
            data-testid="publish-confirm"
            onOpenAutoFocus={(e) => {
              // the safe choice first: Enter does not publish
              e.preventDefault();
              (e.currentTarget as HTMLElement).querySelector<HTMLElement>("[data-cancel]")?.focus();
            }}
            onCloseAutoFocus={refocus("publish")}
          >
            <DialogHeader>
              <DialogTitle>发布到公开页面？</DialogTitle>
              <DialogDescription>发布后，以下内容将向所有人公开，任何人无需登录即可查看：</DialogDescription>
            </DialogHeader>
            <div className="space-y-2 px-5 py-4 text-sm leading-6 text-slate-800">
              <p className="font-semibold text-slate-900" data-testid="publish-title">
                《{props.title}》
              </p>
              <ul className="list-disc space-y-1 pl-5">
                <li>
                  报告全文（开头段落、六个部分的正文和三张统计表、署名和成文日期）列入公开页面{" "}
                  <Link href="/public" target="_blank" className="font-mono text-blue-700 hover:underline">
                    /public
                  </Link>{" "}
                  的年报目录，所有人都可以在线阅读；
                </li>
                <li>报告的正式 PDF 文件（无“草稿”水印）供所有人下载。</li>
                {publishOpen && <TimingCaveats year={props.year} signDate={props.signDate} />}
              </ul>
              <p className="text-xs text-slate-500">如发布后发现错误，可“退回修改”将报告从公开页面撤下，改正并重新审核后再发布。</p>
            </div>
            <DialogFooter>
              <Button variant="ghost" onClick={() => setPublishOpen(false)} disabled={busy !== null} data-cancel>
                取消
              </Button>
              <Button onClick={() => void publish()} disabled={busy !== null} data-testid="confirm-publish">
                {busy === "publish" ? <Loader2Icon className="animate-spin" /> : <MegaphoneIcon />} 确认发布
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>

        <Dialog open={approveOpen} onOpenChange={(o) => !busy && setApproveOpen(o)}>
          <DialogContent className="w-[min(96vw,32rem)]" data-testid="approve-confirm" onCloseAutoFocus={refocus("approve")}>
            <DialogHeader>
              <DialogTitle>仍有未解决的批注</DialogTitle>
              <DialogDescription>
                该报告还有 {props.unresolved} 条批注未标记为已解决。请确认这些意见已在报告中处理或无需处理，再审核通过；否则请先查看批注或退回修改。
              </DialogDescription>
            </DialogHeader>
            <DialogFooter>
              <Button variant="ghost" onClick={() => setApproveOpen(false)} disabled={busy !== null}>
                返回查看批注
              </Button>
              <Button onClick={() => void approve()} disabled={busy !== null} data-testid="confirm-approve">
                {busy === "approve" ? <Loader2Icon className="animate-spin" /> : <CheckIcon />} 仍然审核通过
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>

        <Dialog open={returnOpen} onOpenChange={(o) => !busy && setReturnOpen(o)}>
          <DialogContent className="w-[min(96vw,36rem)]" data-testid="return-dialog" onCloseAutoFocus={refocus("return")}>
            <DialogHeader>
              <DialogTitle>退回修改</DialogTitle>
              <DialogDescription>请说明需要修改的内容。退回意见将作为批注保存，填报人在报告页面醒目位置看到。</DialogDescription>
              {review.status === "PUBLISHED" && (
                <p className="mt-2 rounded border border-orange-200 bg-orange-50 px-3 py-2 text-sm text-orange-800" data-testid="return-unpublish-warning">
                  该报告已发布。退回后将从公开页面撤下，直至改正并重新审核发布。
                </p>
              )}
              {review.countedIn.length > 0 && (
                <div className="mt-2 rounded border border-orange-200 bg-orange-50 px-3 py-2 text-sm text-orange-800" data-testid="return-rollup-warning">
                  <p>本报告已计入以下汇总报告，退回后其中的数字将与本报告不一致：</p>
                  <ul className="my-1 list-disc pl-5">
                    {review.countedIn.map((r, i) => (
                      <li key={i}>
                        {r.organName}
                        {r.name}（{statusWord(r.status, false)}）
                      </li>
                    ))}
                  </ul>
                  <p>
                    本报告重新审核通过后，须由汇总报告的填报人“更新汇总数据”：已提交或已通过的汇总在此之前不能审核通过或发布，已发布的汇总须退回更新。
                  </p>
                </div>
              )}
            </DialogHeader>
            <form
              className="px-5 py-4"
              onSubmit={(e) => {
                e.preventDefault();
                void submitReturn();
              }}
              id="return-form"
            >
              <label htmlFor="return-comment" className="mb-1.5 block text-sm font-medium text-slate-700">
                退回意见（必填）
              </label>
              <Textarea
                id="return-comment"
                autoFocus
                value={comment}
                onChange={(e) => {
                  setComment(e.target.value);
                  setDialogError(null);
                }}
                aria-invalid={dialogError ? true : undefined}
                className="min-h-28"
              />
              <p className="mt-1 flex justify-between text-xs text-slate-500">
                <span className={dialogError ? "text-red-700" : undefined} role={dialogError ? "alert" : undefined}>
                  {dialogError ?? "1–2000 字"}
                </span>
                <span className="tabular-nums">{[...comment.trim()].length} / 2000</span>
              </p>
            </form>
            <DialogFooter>
              <Button variant="ghost" onClick={() => setReturnOpen(false)} disabled={busy !== null}>
                取消
              </Button>
              <Button type="submit" form="return-form" variant="destructive" disabled={busy !== null} data-testid="confirm-return">
                {busy === "return" ? <Loader2Icon className="animate-spin" /> : <Undo2Icon />} 确认退回
              </Button>
            </DialogFooter>
          </DialogContent>
        </Dialog>
      </section>
    </TooltipProvider>
  );
}
