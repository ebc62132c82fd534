"use client";

import { useRef, useState } from "react";
import { useRouter } from "next/navigation";
import {
  AlertTriangleIcon,
  CheckIcon,
  CloudOffIcon,
  GitMergeIcon,
  Loader2Icon,
  PencilIcon,
  SendIcon,
} from "lucide-react";
import { CELLS, reportTitleSuffix } from "@/lib/template";
import { canTransition, statusWord, type ReportStatus, type RuleContext } from "@/lib/report/client";
import { cn } from "@/lib/utils";
import { formatTime } from "@/lib/labels";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Tooltip } from "@/components/ui/tooltip";
import { useHydrated } from "@/components/ui/use-hydrated";
import { useEffect } from "react";
import { fieldLabel } from "@/lib/report/client";
import { useEditor, useFindingsView, useHeader, useSaveIssues, useSaveState } from "./context";
import { loadValidator } from "./validation-panel";
import type { SaveState } from "./autosave";
import { ExportButtons } from "@/components/report-preview/export-buttons";
import dynamic from "next/dynamic";

/** Loaded when 提交审核 is first pressed. */
const SubmitConfirm = dynamic(() => import("./submit-confirm").then((m) => m.SubmitConfirm), { ssr: false });

/** A 汇总 report's roll-up: members counted, all members, and those not counted with why ("南湖镇（尚未审核通过）"). */
/** A 汇总 report: how many subordinates its roll-up counts, whom it leaves out, how many of its figures are not the roll-up's now. */
export type RollupCoverage = { included: number; members: number; excluded: string[]; stale: number };

export type SubmitAction = (input: { reportId: string; baseVersion: number }) => Promise<{ ok: boolean; message: string }>;

/** China time (the same on the server's render and in any browser's time zone). */
function time(iso: string): string {
  return formatTime(iso);
}

/** How long the notice about changes taken in from elsewhere stays. */
const MERGED_NOTICE_MS = 10_000;

/** Conflicts to resolve, fields the server refused, and changes taken in from elsewhere. */
export function SaveIssuesIndicator({ onOpenConflict }: { onOpenConflict: () => void }) {
  const { autosave, linked } = useEditor();
  const { conflicts, rejected, merged } = useSaveIssues();
  // a 汇总 report's figures change only through 更新汇总数据 (nobody types them): not "elsewhere"
  const fromRollup = !!merged && linked && merged.refs.every((ref) => ref === "fee" || CELLS.has(ref));
  useEffect(() => {
    if (!merged) return;
    const t = setTimeout(() => autosave.clearMerged(), MERGED_NOTICE_MS);
    return () => clearTimeout(t);
  }, [merged, autosave]);
  const base = "inline-flex items-center gap-1.5 text-sm";
  return (
    <>
      {conflicts.length > 0 && (
        <span className={cn(base, "text-red-700")} data-testid="save-conflicts" role="alert">
          <GitMergeIcon className="size-4" /> {conflicts.length} 处保存冲突待处理
          <Button variant="outline" size="xs" onClick={onOpenConflict}>
            处理冲突
          </Button>
        </span>
      )}
      {rejected.length > 0 && (
        <span className={cn(base, "text-red-700")} data-testid="save-rejected" role="alert" title={rejected.map((r) => r.message).join("\n")}>
          <CloudOffIcon className="size-4 shrink-0" /> {rejected.length} 处未能保存到服务器（已保留在本机，见检查结果）
        </span>
      )}
      {merged && (
        <span className={cn(base, "text-sky-800")} data-testid="save-merged" role="status">
          <GitMergeIcon className="size-4" />
          {fromRollup ? "已按汇总更新数据：" : "已合并别处保存的修改："}
          {merged.refs.slice(0, 2).map(fieldLabel).join("、")}
          {merged.refs.length > 2 ? ` 等 ${merged.refs.length} 处` : ""}
        </span>
      )}
    </>
  );
}

export function SaveIndicator() {
  const { autosave, readOnly } = useEditor();
  const state: SaveState = useSaveState();
  const issues = useSaveIssues();
  const partly = issues.conflicts.length > 0 || issues.rejected.length > 0;
  if (readOnly)
    return (
      <span className="text-sm text-slate-500" data-testid="save-state" data-state="readonly">
        仅供查看
      </span>
    );
  const base = "inline-flex items-center gap-1.5 text-sm";
  switch (state.kind) {
    case "saved":
      return (
        <span className={cn(base, "text-emerald-700")} data-testid="save-state" data-state="saved">
          <CheckIcon className="size-4" /> {partly ? "其余内容已保存" : "已保存"}
          <span className="tabular-nums text-slate-500" suppressHydrationWarning>
            {time(state.savedAt)}
          </span>
        </span>
      );
    case "dirty":
      return (
        <span className={cn(base, "text-amber-700")} data-testid="save-state" data-state="dirty">
          <PencilIcon className="size-4" /> 未保存
        </span>
      );
    case "saving":
      return (
        <span className={cn(base, "text-slate-600")} data-testid="save-state" data-state="saving">
          <Loader2Icon className="size-4 animate-spin" /> 保存中…
        </span>
      );
    case "error":
      return (
        <span className={cn(base, "text-red-700")} data-testid="save-state" data-state="error" role="alert">
          <CloudOffIcon className="size-4 shrink-0" />
          <span className="max-w-md" title={state.message}>
            保存失败：{state.message}
          </span>
          {state.code === "UNAUTHENTICATED" ? (
            // signed in in another tab, 重试 here saves what this page holds (a reload would go through the login too)
            <a href="/login" target="_blank" rel="noopener" className="whitespace-nowrap text-blue-700 underline" data-testid="login-new-tab">
              在新标签页中登录
            </a>
          ) : null}
          <Button variant="outline" size="xs" onClick={() => void autosave.retry()}>
            重试
          </Button>
        </span>
      );
  }
}

export function Toolbar(props: {
  status: ReportStatus;
  imported: boolean;
  pdfUrl: string;
  submitAction?: SubmitAction;
  /** the organ whose supervisors review the report (named in the confirmation) */
  submitTo?: string | null;
  rollupCoverage: RollupCoverage | null;
  ruleContext: RuleContext;
  onOpenConflict: () => void;
}) {
  const { store, autosave, reportId, readOnly, year } = useEditor();
  const header = useHeader();
  const view = useFindingsView();
  const router = useRouter();
  const [submitting, setSubmitting] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; message: string } | null>(null);
  const issues = useSaveIssues();
  // drawn by the server before the checks have run: a click then would be lost
  const hydrated = useHydrated();
  const errorCount = view?.errors.length ?? 0;
  const canSubmit = !readOnly && !!props.submitAction && canTransition(props.status, "submit");

  const [confirmOpen, setConfirmOpen] = useState(false);
  /** The confirmation has been opened once: mounted from then on (closing, it gives the focus back). */
  const [confirmUsed, setConfirmUsed] = useState(false);
  if (confirmOpen && !confirmUsed) setConfirmUsed(true);
  const submitButton = useRef<HTMLButtonElement>(null);

  /** 提交审核: checks first, then asks (to whom, and that editing stops), then saves and submits. */
  const askSubmit = async () => {
    if (!props.submitAction) return;
    setResult(null);
    // Decide on the current content, not on the (deferred) panel.
    const validate = await loadValidator();
    if (validate(store.getContent(), props.ruleContext).some((f) => f.severity === "error")) {
      setResult({ ok: false, message: "还有错误未改正，不能提交。" });
      return;
    }
    setConfirmOpen(true);
  };

  const submit = async () => {
    if (!props.submitAction) return;
    setResult(null);
    setSubmitting(true);
    try {
      if (!(await autosave.saveAll())) {
        setResult({ ok: false, message: "报告未能保存，请先处理保存问题再提交。" });
        return;
      }
      const r = await props.submitAction({ reportId, baseVersion: autosave.getBaseVersion() });
      setResult(r);
      if (r.ok) router.refresh();
    } catch {
      // a server action that did not answer: the network or the server (its text is not for the clerk)
      setResult({ ok: false, message: "提交失败：网络或服务器错误，报告未提交，请稍后重试。" });
    } finally {
      setSubmitting(false);
      setConfirmOpen(false);
    }
  };

  const submitBlocked =
    issues.conflicts.length > 0
      ? `有 ${issues.conflicts.length} 处保存冲突待处理，处理后才能提交审核。`
      : errorCount > 0
        ? `还有 ${errorCount} 项错误未改正，改正后才能提交审核（见右侧检查结果）。`
        : null;

  return (
    <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 shadow-sm backdrop-blur">
      <div className="mx-auto flex max-w-[1440px] flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2.5">
        <div className="min-w-0 mr-auto">
          <div className="flex items-center gap-2">
            <h1 className="truncate text-[15px] font-semibold text-slate-900">
              {header.organName}
              {reportTitleSuffix(year)}
            </h1>
            <Badge variant={props.status === "RETURNED" ? "warning" : "secondary"} data-testid="editor-status">
              {statusWord(props.status, props.imported)}
            </Badge>
          </div>
        </div>
        <SaveIndicator />
        {!readOnly && <SaveIssuesIndicator onOpenConflict={props.onOpenConflict} />}
        <div className="flex items-center gap-2">
          <ExportButtons pdfUrl={props.pdfUrl} />
          {canSubmit && (
            <Tooltip content={submitBlocked} align="end">
              <span tabIndex={submitBlocked ? 0 : undefined} className="inline-flex">
                <Button
                  ref={submitButton}
                  size="sm"
                  disabled={!!submitBlocked || submitting || !hydrated}
                  onClick={() => void askSubmit()}
                  data-testid="submit-button"
                  aria-describedby={submitBlocked ? "submit-blocked" : undefined}
                >
                  {submitting ? <Loader2Icon className="animate-spin" /> : <SendIcon />} 提交审核
                </Button>
              </span>
            </Tooltip>
          )}
        </div>
      </div>
      {(result || (canSubmit && submitBlocked)) && (
        <div className="mx-auto max-w-[1440px] px-4 pb-2 text-xs">
          {result ? (
            <p role="status" className={cn("flex items-center gap-1", result.ok ? "text-emerald-700" : "text-red-700")}>
              {result.ok ? <CheckIcon className="size-3.5" /> : <AlertTriangleIcon className="size-3.5" />}
              {result.message}
            </p>
          ) : (
            <p id="submit-blocked" className="text-slate-500">
              {submitBlocked}
            </p>
          )}
        </div>
      )}
      {canSubmit && confirmUsed && (
        <SubmitConfirm
          open={confirmOpen}
          onOpenChange={setConfirmOpen}
          onConfirm={() => void submit()}
          busy={submitting}
          title={`${header.organName.trim()}${reportTitleSuffix(year)}`}
          submitTo={props.submitTo ?? null}
          returnFocus={() => submitButton.current}
          reportId={reportId}
          year={year}
          signDate={header.signDate}
          rollupCoverage={props.rollupCoverage}
          openWarnings={view?.warnings.length ?? 0}
        />
      )}
    </header>
  );
}
