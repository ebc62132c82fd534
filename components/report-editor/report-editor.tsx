"use client";

import { useEffect, useMemo, useState, useSyncExternalStore, type ReactNode } from "react";
import dynamic from "next/dynamic";
import { useRouter } from "next/navigation";
import { SECTIONS, sectionHeading, tableOfSection, textFieldsOf, type ReportContent, type TableId } from "@/lib/template";
import { fieldValue, type Day, type OrganKind, type ReportKind, type ReportState, type ReportStatus, type RuleContext, type SaveInput, type SaveResult } from "@/lib/report/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { TooltipProvider } from "@/components/ui/tooltip";
import { AUTOSAVE_INTERVAL_MS, Autosave } from "./autosave";
import { backupEdits, clearBackup, parseBackup, readBackupRaw, writeBackup } from "./backup";
import { takeEarlyInput } from "./early-input";
import { EditorProvider, useSaveIssues, type EditorEnv } from "./context";
import { RestoreOffer } from "./restore-offer";
import { EditorStore } from "./store";
import { TableGrid } from "./table-grid";
import { FeeFields, HeaderFields, PreviousText, SectionOneCount, TextField } from "./text-fields";
import { Toolbar, type RollupCoverage, type SubmitAction } from "./toolbar";
import { FindingsAnnouncer, ValidationHost } from "./validation-panel";
import { SideColumn, usePreviewDocked } from "./side-column";
import { PreviewStateProvider } from "@/components/report-preview/preview-state";
import { cn } from "@/lib/utils";
import { CommentMarker } from "@/components/review/comment-marker";

export type ReportEditorProps = {
  reportId: string;
  year: number;
  organKind: OrganKind | undefined;
  /** ORGAN (own / 本级) or ROLLUP (汇总: its tables and fee come from the roll-up and cannot be typed). */
  reportKind: ReportKind;
  /** The publication deadline (rule T6). */
  deadline: Day;
  /** The 署名 expected with the organ's current name (rule T6). */
  signer?: string;
  status: ReportStatus;
  /** a file imported as the year's report (read-only): shown as 已导入, not by its stored status */
  imported?: boolean;
  initialContent: ReportContent;
  initialVersion: number;
  initialSavedAt: string;
  /** Last year's report, for X1–X3 and the 上年结转 prefill. */
  previous: { year: number; content: ReportContent } | null;
  /** the 依申请公开台账's figures of tables the clerk types instead (rule R1 names every differing cell) */
  register?: Record<string, string> | null;
  /** the tables the register computes (read-only here) and the register's page */
  fromRegister?: { tables: TableId[]; href: string } | null;
  readOnly: boolean;
  /** The autosave call; by default the report's save route (postSave). */
  saveAction?: (input: SaveInput) => Promise<SaveResult>;
  submitAction?: SubmitAction;
  /** A 汇总 report: how many subordinates its roll-up counts, and the ones it does not (named in 提交审核's confirmation). */
  rollupCoverage?: RollupCoverage | null;
  /** Whose supervisors review the report (the organ above), named in the 提交审核 confirmation. */
  submitTo?: string | null;
  /** Link for the 下载 PDF button. */
  pdfUrl: string;
  /** Shown above the check results in the side column (the review's comments panel). */
  sidePanel?: ReactNode;
};

const BACKUP_DELAY_MS = 300;

// Dialogs load when first needed: they are not part of the editor's first load.
const ConflictDialog = dynamic(() => import("./conflict-dialog").then((m) => m.ConflictDialog), { ssr: false });
const RestoreDialog = dynamic(() => import("./restore-dialog").then((m) => m.RestoreDialog), { ssr: false });
const LostEdits = dynamic(() => import("./lost-edits").then((m) => m.LostEdits), { ssr: false });

/** The report's state on the server (GET /reports/[id]/state), for the editor's poll. */
async function fetchReportState(reportId: string, knownVersion: number): Promise<ReportState | null> {
  const res = await fetch(`/reports/${encodeURIComponent(reportId)}/state?v=${knownVersion}`, {
    credentials: "same-origin",
    cache: "no-store",
  });
  if (!res.ok || res.redirected) return null;
  return (await res.json()) as ReportState;
}

/**
 * The autosave: POST /reports/[id]/save (its route answers every request with a SaveResult as JSON).
 * Throws on a network failure or an answer that is not one, which the autosave turns into a retry.
 */
export async function postSave(input: SaveInput): Promise<SaveResult> {
  const res = await fetch(`/reports/${encodeURIComponent(input.reportId)}/save`, {
    method: "POST",
    credentials: "same-origin",
    cache: "no-store",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ baseVersion: input.baseVersion, changes: input.changes }),
  });
  const body = (await res.json().catch(() => null)) as SaveResult | null;
  if (!body || typeof body !== "object" || typeof body.ok !== "boolean") throw new Error(`HTTP ${res.status}`);
  return body;
}

/**
 * The client editor of one annual report: tables as grids, text sections, live checks, autosave.
 * Keyed by report id, so that moving to another report never reuses this one's state.
 */
export function ReportEditor(props: ReportEditorProps) {
  return (
    <PreviewStateProvider key={props.reportId}>
      <EditorForReport {...props} />
    </PreviewStateProvider>
  );
}

function EditorForReport(props: ReportEditorProps) {
  const { reportId, year, organKind, reportKind, deadline, signer, readOnly, previous, register, fromRegister, initialContent, initialVersion, initialSavedAt } = props;
  const router = useRouter();
  const [store] = useState(() => new EditorStore(initialContent));
  const [autosave] = useState(
    () =>
      new Autosave({
        reportId,
        baseVersion: initialVersion,
        savedAt: initialSavedAt,
        savedContent: initialContent,
        status: props.status,
        getContent: store.getContent,
        applyRemote: (fields) => store.applyFields(fields),
        save: props.saveAction ?? postSave,
        fetchState: fetchReportState,
        // a status or comments changed elsewhere: the page shows them from the server
        onRemoteStatus: () => router.refresh(),
        onRemoteComments: () => router.refresh(),
      }),
  );
  useEffect(() => autosave.setSaveAction(props.saveAction ?? postSave), [autosave, props.saveAction]);
  const [offer] = useState(
    () => new RestoreOffer(reportId, { version: initialVersion, savedAt: initialSavedAt, content: initialContent }, !readOnly),
  );
  const [conflictDismissed, setConflictDismissed] = useState<string | null>(null);

  const env = useMemo<EditorEnv>(
    () => ({
      store,
      autosave,
      reportId,
      year,
      organKind,
      readOnly,
      linked: reportKind === "ROLLUP",
      registerTables: new Set(fromRegister?.tables ?? []),
      registerHref: fromRegister?.href ?? null,
      previous,
      archived: props.imported ?? false,
    }),
    [store, autosave, reportId, year, organKind, readOnly, reportKind, fromRegister, previous, props.imported],
  );
  const ruleContext = useMemo<RuleContext>(
    () => ({ year, ...(organKind ? { organKind } : {}), reportKind, deadline, signer, previous, register }),
    [year, organKind, reportKind, deadline, signer, previous, register],
  );

  // Autosave on every change (never in read-only mode); flush what is pending when leaving the page.
  useEffect(() => {
    if (readOnly) return;
    const off = store.subscribe(() => autosave.notifyChange());
    // typed before the page was interactive (early-input.tsx): into the store, and so saved
    const early = Object.entries(takeEarlyInput()).filter(([ref, v]) => {
      const current = fieldValue(store.getContent(), ref);
      return typeof current === "string" && current !== v;
    });
    if (early.length) store.applyFields(early);
    // a cell typed before then went into the store before this subscription (table-grid.tsx)
    else if (autosave.hasUnsaved()) autosave.notifyChange();
    return () => {
      off();
      void autosave.flush();
    };
  }, [store, autosave, readOnly]);

  // Learn of changes made elsewhere (another tab, a colleague, the reviewer) while the page is in view.
  useEffect(() => {
    const poll = () => {
      if (document.visibilityState === "visible") void autosave.poll();
    };
    poll();
    const timer = setInterval(poll, AUTOSAVE_INTERVAL_MS);
    window.addEventListener("focus", poll);
    document.addEventListener("visibilitychange", poll);
    return () => {
      clearInterval(timer);
      window.removeEventListener("focus", poll);
      document.removeEventListener("visibilitychange", poll);
    };
  }, [autosave]);

  // Local backup of unsaved content, the beforeunload warning.
  useEffect(() => {
    if (readOnly) return;
    if (!offer.pending()) clearBackup(reportId); // stale or identical copies
    let timer: ReturnType<typeof setTimeout> | null = null;
    const write = () => {
      if (offer.pending() || !autosave.hasUnsaved()) return;
      writeBackup(reportId, store.getContent(), autosave.getBase(), autosave.getBaseVersion());
    };
    const offStore = store.subscribe(() => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(write, BACKUP_DELAY_MS);
    });
    const offSave = autosave.subscribe(() => {
      if (offer.pending()) return;
      if (autosave.getState().kind === "saved" && !autosave.hasUnsaved()) clearBackup(reportId);
      else if (autosave.hasUnsaved()) write(); // e.g. a field the server refused: keep it on this machine
    });
    const onPageHide = () => write();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!autosave.hasUnsaved()) return;
      write();
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("pagehide", onPageHide);
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => {
      if (timer) clearTimeout(timer);
      write();
      offStore();
      offSave();
      window.removeEventListener("pagehide", onPageHide);
      window.removeEventListener("beforeunload", onBeforeUnload);
    };
  }, [store, autosave, offer, reportId, readOnly]);

  return (
    <EditorProvider value={env}>
      <TooltipProvider>
        <ValidationHost context={ruleContext} />
        <FindingsAnnouncer />
        <div className="min-h-screen bg-slate-50" data-testid="report-editor" data-readonly={readOnly || undefined}>
          <Toolbar
            status={props.status}
            imported={props.imported ?? false}
            pdfUrl={props.pdfUrl}
            submitAction={props.submitAction}
            submitTo={props.submitTo ?? null}
            rollupCoverage={props.rollupCoverage ?? null}
            ruleContext={ruleContext}
            onOpenConflict={() => setConflictDismissed(null)}
          />
          {readOnly && (
            <div className="border-b border-slate-200 bg-slate-100 px-4 py-2 text-center text-sm text-slate-600">
              本报告当前不可编辑，仅供查看。
            </div>
          )}
          {readOnly && <LostEditsHost reportId={reportId} serverContent={initialContent} />}
          <EditorColumns sidePanel={props.sidePanel} />
        </div>
        <ConflictDialogHost dismissedFor={conflictDismissed} onDismiss={setConflictDismissed} />
        <RestoreDialogHost offer={offer} serverContent={initialContent} serverVersion={initialVersion} />
      </TooltipProvider>
    </EditorProvider>
  );
}

export default ReportEditor;

/** Opens the conflict dialog when a new conflict arrives; closed, it stays closed until the next one (or 处理冲突). */
function ConflictDialogHost({
  dismissedFor,
  onDismiss,
}: {
  dismissedFor: string | null;
  onDismiss: (key: string | null) => void;
}) {
  const { conflicts } = useSaveIssues();
  const key = conflicts.length ? conflicts.map((c) => c.ref).join(",") : null;
  // mounted from the first conflict on (closing, it gives the focus back)
  const [needed, setNeeded] = useState(false);
  if (key !== null && !needed) setNeeded(true);
  if (!needed) return null;
  return <ConflictDialog open={key !== null && dismissedFor !== key} onOpenChange={(open) => onDismiss(open ? null : key)} />;
}

/** A read-only report with unsaved local edits (typed while it was submitted elsewhere): they are shown, not dropped. */
function LostEditsHost({ reportId, serverContent }: { reportId: string; serverContent: ReportContent }) {
  // localStorage, read on the client only (none while rendering on the server: hydration matches)
  const raw = useSyncExternalStore(noChanges, () => readBackupRaw(reportId), () => null);
  const lost = useMemo(() => {
    const backup = parseBackup(raw);
    return backup && backupEdits(backup, serverContent).length > 0 ? backup : null;
  }, [raw, serverContent]);
  return lost ? <LostEdits backup={lost} serverContent={serverContent} /> : null;
}
const noChanges = () => () => {};

/** The restore dialog, loaded only when a local backup is offered. */
function RestoreDialogHost(props: { offer: RestoreOffer; serverContent: ReportContent; serverVersion: number }) {
  const backup = useSyncExternalStore(props.offer.subscribe, props.offer.getSnapshot, props.offer.getServerSnapshot);
  if (!backup) return null;
  return <RestoreDialog {...props} />;
}

/**
 * The report and the side column. The side column (comments, checks) is 22rem; with the page preview
 * docked in it (office screens) it grows to what the grids leave — they keep 796 px, what table 三 needs
 * with its labels and 总计 — between 22rem and 36rem.
 */
function EditorColumns({ sidePanel }: { sidePanel?: ReactNode }) {
  const docked = usePreviewDocked();
  useToolbarScrollPadding();
  return (
    <div
      className={cn(
        "mx-auto grid max-w-[1440px] gap-6 px-4 py-6",
        docked ? "lg:grid-cols-[minmax(0,1fr)_clamp(22rem,calc(100%-820px),36rem)]" : "lg:grid-cols-[minmax(0,1fr)_22rem]",
      )}
      data-preview-docked={docked || undefined}
    >
      {/* the page's layout holds the one <main>: the report is a region of it */}
      <div className="min-w-0 space-y-6" role="region" aria-label="报告内容">
        <Card className={OFFSCREEN_SKIPPED}>
          <CardHeader>
            <CardTitle>标题、落款与开头</CardTitle>
          </CardHeader>
          <CardContent>
            <HeaderFields />
          </CardContent>
        </Card>
        {SECTIONS.map((section) => (
          <SectionCard key={section.key} sectionKey={section.key} />
        ))}
      </div>
      <aside
        className={cn(
          // below the sticky toolbar, however tall a long save message makes it (--editor-bar, set below)
          "flex flex-col gap-4 lg:sticky lg:top-[var(--editor-aside-top,5rem)] lg:max-h-[calc(100vh-var(--editor-aside-top,5rem)-1rem)] lg:self-start",
          docked && "lg:h-[calc(100vh-var(--editor-aside-top,5rem)-1rem)]",
        )}
      >
        <SideColumn sidePanel={sidePanel} />
      </aside>
    </div>
  );
}

/**
 * Keeps what the keyboard focuses (Tab, arrows in a grid) and the side column clear of the sticky toolbar:
 * the page's scroll-padding-top and the side column's sticky top follow the toolbar's height.
 */
function useToolbarScrollPadding() {
  useEffect(() => {
    const bar = document.querySelector<HTMLElement>('[data-testid="report-editor"] > header');
    if (!bar) return;
    const root = document.documentElement;
    const apply = () => {
      const height = Math.ceil(bar.getBoundingClientRect().height);
      root.style.scrollPaddingTop = `${height + 8}px`;
      // the side column sticks below the toolbar: 80 px, or lower while a long message makes the toolbar taller
      root.style.setProperty("--editor-aside-top", `${Math.max(80, height + 3)}px`);
    };
    apply();
    const ro = new ResizeObserver(apply);
    ro.observe(bar);
    return () => {
      ro.disconnect();
      root.style.scrollPaddingTop = "";
      root.style.removeProperty("--editor-aside-top");
    };
  }, []);
}

/**
 * A part of the report out of view is not laid out, painted or hit-tested (content-visibility: auto): on a
 * page of several hundred inputs, each keystroke's frame then costs what the part in view costs. Until first
 * drawn it counts as 600 px high (the demo's sections average 630), then keeps its last size
 * (contain-intrinsic-size: auto), so what is in view does not move; find-in-page and screen readers still
 * reach it.
 */
const OFFSCREEN_SKIPPED = "[content-visibility:auto] [contain-intrinsic-size:auto_600px]";

function SectionCard({ sectionKey }: { sectionKey: (typeof SECTIONS)[number]["key"] }) {
  const section = SECTIONS.find((s) => s.key === sectionKey)!;
  const heading = sectionHeading(section);
  const table = tableOfSection(section.key);
  const fields = textFieldsOf(section.key);
  return (
    <Card id={`section-${section.key}`} aria-labelledby={`heading-${section.key}`} className={OFFSCREEN_SKIPPED}>
      <CardHeader>
        <CardTitle id={`heading-${section.key}`} className="flex items-center gap-2 font-serif text-[17px]">
          {heading}
          <CommentMarker anchor={`section:${section.key}`} />
        </CardTitle>
        {section.key === "s1" && <SectionOneCount />}
      </CardHeader>
      <CardContent className="space-y-5">
        {table && <TableGrid table={table} />}
        {section.key === "s6" && <FeeFields />}
        {fields.map((f) => (
          <div key={f.id}>
            <TextField def={f} showLabel={section.key === "s1"} />
            {section.key !== "s1" && <PreviousText fieldId={f.id} />}
          </div>
        ))}
        {section.key === "s1" && <PreviousText fieldId="s1.lead" />}
      </CardContent>
    </Card>
  );
}
