"use client";

import { useDeferredValue, useEffect, useId, useMemo, useState } from "react";
import { AlertCircleIcon, AlertTriangleIcon, CheckCircle2Icon, XIcon } from "lucide-react";
import type { Finding, RejectedField, RuleContext } from "@/lib/report/client";
import { cn } from "@/lib/utils";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useEditor, useFindingsView, useHighlightCount, useSaveIssues } from "./context";
import type { ReportContent } from "@/lib/template";
import { buildFindingsView, type FindingItem } from "./findings-view";
import { revealRefs } from "./reveal";
import { FindingCommentButton } from "@/components/review/comment-marker";

/** Pause in typing after which the checks run again. */
const SETTLE_MS = 120;

/**
 * The store's content once it has stopped changing for `ms` (the first at once). Subscribed outside
 * React's rendering: a keystroke only restarts a timer — no component renders for it here.
 */
function useSettledContent(ms: number): ReportContent {
  const { store } = useEditor();
  const [settled, setSettled] = useState(store.getContent);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = store.subscribe(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => setSettled(store.getContent()), ms);
    });
    // a change between the first render and this subscription
    if (store.getContent() !== settled) timer = setTimeout(() => setSettled(store.getContent()), ms);
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- subscribe once per store
  }, [store, ms]);
  return settled;
}

type Validate = (content: ReportContent, context: RuleContext) => Finding[];

/** The rules (lib/report/rules.ts and what it reads), loaded once, after the page: not in its first load. */
let rules: Promise<Validate> | null = null;
export function loadValidator(): Promise<Validate> {
  rules ??= import("@/lib/report/rules").then((m) => m.validateReport);
  return rules;
}

/**
 * Runs the validator off the typing path — after a short pause in typing, in a deferred render — and
 * publishes the results to the store, where the panel, the toolbar and the cells read them. Until the
 * rules have loaded (just after the page), the panel says 正在检查….
 */
export function ValidationHost({ context }: { context: RuleContext }) {
  const { store } = useEditor();
  const content = useSettledContent(SETTLE_MS);
  const deferred = useDeferredValue(content);
  const [validate, setValidate] = useState<Validate | null>(null);
  useEffect(() => {
    let live = true;
    void loadValidator().then((v) => {
      if (live) setValidate(() => v);
    });
    return () => {
      live = false;
    };
  }, []);
  const view = useMemo(() => (validate ? buildFindingsView(deferred, validate(deferred, context)) : null), [validate, deferred, context]);
  useEffect(() => {
    if (view) store.setFindingsView(view);
  }, [store, view]);
  return null;
}

export function ValidationPanel() {
  const view = useFindingsView();
  const { store, archived } = useEditor();
  const highlighted = useHighlightCount();
  const { rejected } = useSaveIssues();
  if (!view) return <p className="px-4 py-6 text-sm text-slate-500">正在检查…</p>;
  const { errors, warnings, acknowledged } = view;
  return (
    <div className="flex max-h-full flex-col" data-testid="validation-panel">
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3">
        <h2 className="mr-auto text-base font-semibold text-slate-900">检查结果</h2>
        <Badge variant={errors.length ? "error" : "success"} data-testid="error-count">
          {errors.length} 项错误
        </Badge>
        <Badge variant={warnings.length ? "warning" : "secondary"} data-testid="warning-count">
          {warnings.length} 项警告
        </Badge>
      </div>
      {archived && (
        <p className="border-b border-slate-100 bg-slate-50 px-4 py-1.5 text-xs text-slate-600" data-testid="archived-note">
          导入的存档报告按原文保存，不能修改；以下检查结果仅供参考（如作为下一年度报告的底稿时留意）。
        </p>
      )}
      {highlighted > 0 && (
        <div className="flex items-center justify-between border-b border-slate-100 bg-yellow-50 px-4 py-1.5 text-xs text-amber-800">
          已在报告中标出 {highlighted} 处
          <Button variant="ghost" size="xs" onClick={() => store.setHighlight([])}>
            <XIcon /> 取消标出
          </Button>
        </div>
      )}
      <div className="min-h-0 flex-1 overflow-y-auto px-2 py-2">
        {errors.length === 0 && warnings.length === 0 && rejected.length === 0 && (
          <p className="flex items-center gap-2 px-2 py-3 text-sm text-emerald-700">
            <CheckCircle2Icon className="size-4" /> 未发现需要处理的问题。
          </p>
        )}
        <RefusedFields rejected={rejected} />
        <FindingGroup title="错误（改正后才能提交审核）" items={errors} />
        <FindingGroup title="警告（请核实；如无问题，说明理由后确认）" items={warnings} />
        {acknowledged.length > 0 && (
          <details className="mt-2">
            <summary className="cursor-pointer select-none px-2 py-1 text-xs font-medium text-slate-500">
              已确认的警告（{acknowledged.length}）
            </summary>
            <FindingGroup items={acknowledged} />
          </details>
        )}
      </div>
    </div>
  );
}

/** Fields the server refused to store (kept here; the toolbar counts them and points here). */
function RefusedFields({ rejected }: { rejected: readonly RejectedField[] }) {
  if (rejected.length === 0) return null;
  return (
    <section className="mb-2 px-1" aria-label="未能保存到服务器" data-testid="refused-fields">
      <h3 className="px-1 py-1 text-xs font-medium text-red-800">未能保存到服务器（已保留在本机，改正后自动保存）</h3>
      <ul className="space-y-1.5">
        {rejected.map((r) => (
          <li key={r.ref} className="rounded-md border border-red-200 bg-red-50/60 px-2.5 py-2 text-[13px] leading-5 text-red-900">
            <button type="button" onClick={() => revealRefs([r.ref])} className="flex w-full items-start gap-2 text-left hover:underline">
              <AlertCircleIcon className="mt-0.5 size-4 shrink-0 text-red-600" />
              <span>{r.message}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FindingGroup({ title, items }: { title?: string; items: readonly FindingItem[] }) {
  if (items.length === 0) return null;
  return (
    <section className="mb-2">
      {title && <h3 className="px-2 pb-1 pt-2 text-xs font-medium text-slate-500">{title}</h3>}
      <ul className="space-y-1">
        {runsByCause(items).map((run) =>
          run.length === 1 ? (
            <FindingRow key={run[0]!.key} item={run[0]!} />
          ) : (
            <li key={run[0]!.key} data-cause={run[0]!.cause} className="rounded-md border border-dashed border-slate-300 p-1">
              <p className="px-1 pb-1 text-xs text-slate-500">同一原因（{run.length} 项）</p>
              <ul className="space-y-1">
                {run.map((item) => (
                  <FindingRow key={item.key} item={item} />
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** Consecutive items with the same cause as one run (buildFindingsView puts them together). */
function runsByCause(items: readonly FindingItem[]): FindingItem[][] {
  const runs: FindingItem[][] = [];
  for (const it of items) {
    const last = runs[runs.length - 1];
    if (last && it.cause && last[0]!.cause === it.cause) last.push(it);
    else runs.push([it]);
  }
  return runs;
}

function FindingRow({ item }: { item: FindingItem }) {
  const { store, readOnly } = useEditor();
  const [acking, setAcking] = useState(false);
  const [reason, setReason] = useState("");
  const id = useId();
  const Icon = item.severity === "error" ? AlertCircleIcon : AlertTriangleIcon;
  const reveal = () => {
    store.setHighlight(item.refs, item.key);
    revealRefs(item.refs);
  };
  return (
    <li
      data-finding={item.key}
      data-rule={item.rule}
      className={cn(
        "rounded-md border px-2.5 py-2 text-[13px] leading-5",
        item.acknowledged
          ? "border-slate-200 bg-slate-50 text-slate-600"
          : item.severity === "error"
            ? "border-red-200 bg-red-50/60 text-red-900"
            : "border-amber-200 bg-amber-50/60 text-amber-950",
      )}
    >
      <button type="button" onClick={reveal} className="flex w-full items-start gap-2 text-left hover:underline">
        <Icon
          className={cn(
            "mt-0.5 size-4 shrink-0",
            item.severity === "error" ? "text-red-600" : item.acknowledged ? "text-slate-400" : "text-amber-600",
          )}
        />
        <span>
          <span className="mr-1 font-mono text-[11px] font-semibold opacity-70">{item.rule}</span>
          {item.message}
        </span>
      </button>
      <FindingCommentButton findingKey={item.key} />
      {item.acknowledged && (
        <div className="mt-1.5 flex items-start justify-between gap-2 pl-6 text-xs">
          <span>确认理由：{item.acknowledged}</span>
          {!readOnly && (
            <Button variant="link" size="xs" className="text-xs" onClick={() => store.setAck(item.key, null)}>
              撤销确认
            </Button>
          )}
        </div>
      )}
      {item.severity === "warning" && !item.acknowledged && item.finding && !readOnly && (
        <div className="mt-1.5 pl-6">
          {acking ? (
            <form
              className="flex flex-col gap-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                if (reason.trim()) store.setAck(item.key, reason.trim());
              }}
            >
              <label htmlFor={id} className="text-xs text-slate-600">
                请说明理由（将随报告提交，供审核人参考）
              </label>
              <Input
                id={id}
                autoFocus
                maxLength={500}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                className="h-8 text-[13px]"
              />
              <div className="flex gap-2">
                <Button type="submit" size="xs" disabled={!reason.trim()}>
                  确认
                </Button>
                <Button variant="ghost" size="xs" onClick={() => setAcking(false)}>
                  取消
                </Button>
              </div>
            </form>
          ) : (
            <Button variant="outline" size="xs" onClick={() => setAcking(true)}>
              已核实，说明理由
            </Button>
          )}
        </div>
      )}
    </li>
  );
}

/**
 * Announces the checks' changes to screen readers in a polite live region (not the whole list): the
 * counts, up to three findings that appeared and how many were resolved. Silent on the first result.
 */
export function FindingsAnnouncer() {
  const { store } = useEditor();
  const [text, setText] = useState("");
  useEffect(() => {
    let seen: Set<string> | null = null;
    const announce = () => {
      const view = store.getFindingsView();
      if (!view) return;
      const open = [...view.errors, ...view.warnings];
      const prev = seen;
      seen = new Set(open.map((i) => i.key));
      if (!prev) return;
      const added = open.filter((i) => !prev.has(i.key));
      const resolved = [...prev].filter((k) => !seen!.has(k)).length;
      if (added.length === 0 && resolved === 0) return;
      const parts = [`检查结果：${view.errors.length} 项错误，${view.warnings.length} 项警告`];
      for (const i of added.slice(0, 3)) parts.push(`新${i.severity === "error" ? "错误" : "警告"}：${i.rule} ${i.message}`);
      if (added.length > 3) parts.push(`另有 ${added.length - 3} 项新问题`);
      if (resolved) parts.push(`${resolved} 项已解决`);
      // the messages end with their own 。: one full stop between parts, not two
      setText(parts.map((p) => p.replace(/[。；]+$/, "")).join("。") + "。");
    };
    announce();
    return store.subscribeKey("findings", announce);
  }, [store]);
  return (
    <div role="status" aria-live="polite" aria-atomic="true" className="sr-only" data-testid="findings-live">
      {text}
    </div>
  );
}
