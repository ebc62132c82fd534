"use client";

import { useEffect, useMemo, useRef, useState, useTransition } from "react";
import Link from "next/link";
import {
  APPLICANT_TYPES,
  CASE_KINDS,
  CASE_RESULTS,
  EMPTY_INPUT,
  FIELD_LABELS,
  METHOD_LABELS,
  METHODS,
  RECEIPT_RULES,
  RESULT_ROWS,
  applicantTypeLabel,
  resultLabel,
  type ApplicationInput,
  type FieldError,
  type Method,
} from "@/lib/register/model";
import { entriesOfT3Cell } from "@/lib/register/tables";
import { T3_COLUMNS, T3_ROWS, T4_GROUPS, T4_RESULTS, t3CellId, t3RowName, t4CellId, CELLS, type CellValues } from "@/lib/template";
import { computeTotals } from "@/lib/report/totals";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { cn } from "@/lib/utils";
import type { ApplicationView } from "@/lib/server/services/register-access";
import type { SaveApplicationResult } from "@/lib/server/services/register-save";
import type { RegisterPage } from "@/lib/server/services/register-list";
import type { EntryHistoryItem } from "@/lib/server/services/register-history";
import { formatDateTime } from "@/lib/labels";
import { RegisterImport } from "./register-import";
import { useHydrated } from "@/components/ui/use-hydrated";

export type RegisterActions = {
  create: (organId: string, year: number, input: ApplicationInput) => Promise<SaveApplicationResult>;
  update: (id: string, version: number, input: ApplicationInput) => Promise<SaveApplicationResult>;
  remove: (id: string, version: number) => Promise<{ ok: boolean; message: string }>;
  carry: (organId: string, year: number) => Promise<{ ok: boolean; message: string }>;
  addCase: (organId: string, year: number, c: { kind: string; result: string; coDefendantOnly: boolean; note: string }) => Promise<{ ok: boolean; message: string }>;
  deleteCase: (id: string) => Promise<{ ok: boolean; message: string }>;
  setSource: (organId: string, year: number, table: "t3" | "t4", source: "register" | "typed") => Promise<{ ok: boolean; message: string }>;
  checkImport: typeof import("@/app/(app)/register/actions").checkImportAction;
  confirmImport: typeof import("@/app/(app)/register/actions").confirmImportAction;
  history: (id: string) => Promise<EntryHistoryItem[]>;
};

/** The register as the service reads it (register-list.ts), its organ and rights spelled out. */
type Props = Omit<RegisterPage, "access" | "unknownHolidayYears"> & {
  organId: string;
  organName: string;
  edit: boolean;
  personal: boolean;
  initialCell: string | null;
  actions: RegisterActions;
};

const STATE_LABELS: Record<string, string> = {
  open: "办理中",
  awaiting_correction: "等待补正",
  consulting: "征求意见中",
  awaiting_fee: "等待缴费",
  ended: "已终止（待登记结果）",
  replied: "已答复",
};

function DaysLeft({ e }: { e: ApplicationView }) {
  if (e.daysLeft === null) return <span className="text-slate-400">—</span>;
  if (e.urgency === "overdue")
    return (
      <span className="rounded bg-red-600 px-1.5 py-0.5 text-xs text-white" data-testid="overdue">
        已逾期 {Math.abs(e.daysLeft)} 个工作日
      </span>
    );
  return (
    <span className={cn("text-xs", e.urgency === "due_soon" ? "rounded bg-amber-100 px-1.5 py-0.5 text-amber-800" : "text-slate-600")} data-testid="days-left">
      剩 {e.daysLeft} 个工作日
    </span>
  );
}

export function RegisterView(p: Props) {
  const [selected, setSelected] = useState<string | null>(null); // entry id, "new", or null
  const [cell, setCell] = useState<string | null>(p.initialCell);
  const [notice, setNotice] = useState<string>("");
  const [pending, start] = useTransition();
  // the buttons do nothing until the page is interactive: disabled until then
  const hydrated = useHydrated();
  const shown = useMemo(() => {
    if (!cell) return p.entries;
    return entriesOfT3Cell(
      p.entries.map((e) => ({ ...e, id: e.id, applicantType: e.input.applicantType, carried: e.carried, result: e.input.result || null })),
      cell,
    );
  }, [cell, p.entries]);
  const current = p.entries.find((e) => e.id === selected) ?? null;
  // Leaving the open form (another row, 登记新申请, 关闭) saves what is pending; what cannot be saved (a
  // new application not yet registered, a change with an error) is given up only when the clerk says so.
  const leave = useRef<(() => Promise<boolean>) | null>(null);
  const [asking, setAsking] = useState<{ next: string | null } | null>(null);
  const select = async (next: string | null) => {
    if (next === selected) return;
    if (selected !== null && leave.current && !(await leave.current())) {
      setAsking({ next });
      return;
    }
    // opened by the clerk: the focus goes into the form (keyboard users start there, not at 导出 XLSX)
    setOpenedByUser(next !== null);
    setSelected(next);
  };
  const [openedByUser, setOpenedByUser] = useState(false);
  // registered: the form closes; the focus goes to the answer (it fell to the page with the form)
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const focusNotice = useRef(false);
  useEffect(() => {
    if (!focusNotice.current || !notice) return;
    focusNotice.current = false;
    noticeRef.current?.focus();
  }, [notice]);

  return (
    <div className="space-y-6">
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          className="rounded border border-blue-200 bg-blue-50 px-3 py-2 text-sm text-blue-900 outline-none focus-visible:ring-2 focus-visible:ring-blue-600"
          role="status"
          data-testid="register-notice"
        >
          {notice}
        </p>
      ) : null}
      <section className="rounded-lg border border-slate-200 bg-white">
        <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
          <h2 className="text-base font-semibold">申请登记（{p.entries.length} 件）</h2>
          {cell ? (
            <span className="rounded bg-blue-50 px-2 py-0.5 text-xs text-blue-800" data-testid="cell-filter">
              只看 {CELLS.get(cell)?.name ?? cell} 的 {shown.length} 件
              <button type="button" className="ml-2 underline" onClick={() => setCell(null)}>
                全部显示
              </button>
            </span>
          ) : null}
          <div className="ml-auto flex gap-2">
            {p.edit ? (
              <Button size="sm" onClick={() => void select("new")} disabled={!hydrated}>
                登记新申请
              </Button>
            ) : null}
            <Button size="sm" variant="outline" asChild>
              <a href={`/register/export?organ=${p.organId}&year=${p.year}`}>导出 XLSX</a>
            </Button>
            {p.edit && p.carryable > 0 ? (
              <Button
                size="sm"
                variant="outline"
                disabled={pending || !hydrated}
                onClick={() =>
                  start(async () => {
                    const r = await p.actions.carry(p.organId, p.year);
                    setNotice(r.message);
                  })
                }
              >
                结转到 {p.year + 1} 年度（{p.carryable} 件未办结）
              </Button>
            ) : null}
          </div>
        </div>
        {!p.personal ? <p className="px-4 pt-2 text-xs text-slate-500">申请人姓名和联系方式只有本机关填报人和管理员可见。</p> : null}
        <div className="overflow-x-auto">
          {/* a minimum width: on a narrow window (200% zoom) the table scrolls in its box, its columns keep their words */}
          <table className="w-full min-w-[60rem] text-sm" data-testid="register-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2 font-medium">序号</th>
                <th className="px-3 py-2 font-medium">收到日期</th>
                <th className="px-3 py-2 font-medium">方式</th>
                <th className="px-3 py-2 font-medium">申请人类别</th>
                {p.personal ? <th className="px-3 py-2 font-medium">申请人</th> : null}
                <th className="px-3 py-2 font-medium">申请内容</th>
                <th className="px-3 py-2 font-medium">状态</th>
                <th className="px-3 py-2 font-medium">答复期限</th>
                <th className="px-3 py-2 font-medium">剩余</th>
                <th className="px-3 py-2 font-medium">答复日期</th>
                <th className="px-3 py-2 font-medium">处理结果</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 ? (
                <tr>
                  <td colSpan={11} className="px-4 py-6 text-center text-slate-500">
                    还没有登记的申请。
                  </td>
                </tr>
              ) : (
                shown.map((e) => (
                  <tr
                    key={e.id}
                    data-seq={e.seq}
                    className={cn("cursor-pointer border-t border-slate-100 hover:bg-slate-50", selected === e.id && "bg-blue-50")}
                    onClick={() => void select(e.id)}
                  >
                    <td className="px-3 py-2">
                      {/* the row opens on a click; from the keyboard, by this button */}
                      <button
                        type="button"
                        className="font-medium text-blue-700 hover:underline"
                        aria-label={`打开第 ${e.seq} 号申请`}
                        onClick={(ev) => {
                          ev.stopPropagation();
                          void select(e.id);
                        }}
                      >
                        {e.seq}
                      </button>
                      {e.carried ? <span className="ml-1 rounded bg-violet-100 px-1 text-xs text-violet-800">上年结转</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{e.input.receivedAt}</td>
                    <td className="px-3 py-2">{METHOD_LABELS[e.input.method as Method] ?? e.input.method}</td>
                    <td className="px-3 py-2">{applicantTypeLabel(e.input.applicantType)}</td>
                    {p.personal ? <td className="px-3 py-2">{e.input.applicantName}</td> : null}
                    <td className="max-w-[16rem] truncate px-3 py-2" title={e.input.content}>
                      {e.input.content}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{STATE_LABELS[e.deadline.state]}</td>
                    <td className="whitespace-nowrap px-3 py-2" data-testid="due">
                      {e.deadline.due ?? "—"}
                      {e.input.extensionApprovedAt ? <span className="ml-1 text-xs text-slate-500">（已延期）</span> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">
                      <DaysLeft e={e} />
                    </td>
                    <td className="whitespace-nowrap px-3 py-2">{e.input.repliedAt}</td>
                    <td className="max-w-[14rem] truncate px-3 py-2" title={resultLabel(e.input.result)}>
                      {resultLabel(e.input.result) || (e.deadline.state === "replied" ? "" : "（未办结）")}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      {selected ? (
        <EntryForm
          key={selected === "new" ? `new-${p.entries.length}` : `${selected}`}
          organId={p.organId}
          year={p.year}
          entry={selected === "new" ? null : current}
          edit={p.edit}
          personal={p.personal}
          actions={p.actions}
          leave={leave}
          focusOnOpen={openedByUser}
          onClose={() => void select(null)}
          onCreated={(msg) => {
            focusNotice.current = true;
            setSelected(null);
            setNotice(msg);
          }}
        />
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title="放弃未保存的内容？"
        description={
          selected === "new"
            ? "新申请还没有登记，您填写的内容将被丢弃。要保留，请点“继续填写”，改正后点“登记”。"
            : "这条申请有内容需要改正，修改还没有保存，离开后将被丢弃。要保留，请点“继续填写”并改正。"
        }
        confirmLabel="放弃并离开"
        cancelLabel="继续填写"
        testId="confirm-leave-entry"
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          const next = asking?.next ?? null;
          setAsking(null);
          setSelected(next);
        }}
      />

      <Table3 table3={p.table3} year={p.year} empty={p.entries.length === 0} source={p.setting.t3Source} edit={p.edit} onCell={setCell}
        onSource={(s) => start(async () => setNotice((await p.actions.setSource(p.organId, p.year, "t3", s)).message))} />
      <Cases {...p} onNotice={setNotice} />
      {p.edit ? <RegisterImport organId={p.organId} year={p.year} check={p.actions.checkImport} confirm={p.actions.confirmImport} /> : null}
    </div>
  );
}

// ---- one application: create (explicit) or edit (autosaved) ---------------------------------------

type SaveState = { kind: "idle" | "saving" | "saved" | "error" | "conflict"; message: string };

function EntryForm({
  organId,
  year,
  entry,
  edit,
  personal,
  actions,
  onClose,
  onCreated,
  leave,
  focusOnOpen = false,
}: {
  /** opened by the clerk (a row, 登记新申请): the focus goes to the form's heading */
  focusOnOpen?: boolean;
  organId: string;
  year: number;
  entry: ApplicationView | null;
  edit: boolean;
  personal: boolean;
  actions: RegisterActions;
  /** set by the form: whether it may be left (saves what is pending first) */
  leave: React.MutableRefObject<(() => Promise<boolean>) | null>;
  onClose: () => void;
  onCreated: (message: string) => void;
}) {
  const [input, setInput] = useState<ApplicationInput>(entry ? entry.input : { ...EMPTY_INPUT });
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [state, setState] = useState<SaveState>({ kind: "idle", message: "" });
  const [deleting, setDeleting] = useState(false);
  const [theirs, setTheirs] = useState<ApplicationView | null>(null);
  const version = useRef(entry?.version ?? 0);
  const dirty = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(input);
  latest.current = input;
  // refused (登记 or a save): the first field to correct gets the focus, and with it comes into view — the
  // message above the form was out of sight below a long form, and the disabled button had dropped the focus
  const root = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusOnOpen) heading.current?.focus();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, as the form opens
  }, []);
  const refusedAt = useRef(0);
  useEffect(() => {
    if (errors.length === 0 || refusedAt.current === 0) return;
    refusedAt.current = 0;
    root.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const save = async (): Promise<boolean> => {
    if (!entry || !edit) return true;
    dirty.current = false;
    setState({ kind: "saving", message: "正在保存…" });
    const r = await actions.update(entry.id, version.current, latest.current);
    if (r.ok) {
      version.current = r.entry.version;
      setErrors([]);
      setTheirs(null);
      setState({ kind: "saved", message: "已自动保存" });
      return true;
    }
    if (r.code === "CONFLICT") {
      setTheirs(r.current ?? null);
      setState({ kind: "conflict", message: r.message });
    } else {
      setErrors(r.errors ?? []);
      setState({ kind: "error", message: r.errors?.length ? "有内容需要改正，尚未保存（您填写的内容仍保留）。" : r.message });
    }
    return false;
  };
  const typedNew = !entry && (Object.keys(input) as (keyof ApplicationInput)[]).some((k) => (input[k] ?? "") !== (EMPTY_INPUT[k] ?? ""));
  const unsaved = state.kind === "error" || state.kind === "conflict";
  leave.current = async () => {
    if (!edit) return true;
    if (!entry) return !typedNew;
    if (timer.current) clearTimeout(timer.current);
    if (dirty.current) return save();
    return !unsaved;
  };

  // Leaving the page (a reload after 登录已过期, a closed tab) while something typed is not stored: the
  // browser asks first (the form keeps it only on this page).
  const pending = useRef(false);
  pending.current = edit && (typedNew || dirty.current || unsaved || state.kind === "saving");
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (!pending.current) return;
      e.preventDefault();
      e.returnValue = "";
    };
    window.addEventListener("beforeunload", onBeforeUnload);
    return () => window.removeEventListener("beforeunload", onBeforeUnload);
  }, []);

  // closing the form (or leaving the page) saves what is still pending rather than dropping it
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
      if (dirty.current) void saveRef.current();
    },
    [],
  );

  const set = (field: keyof ApplicationInput, value: string) => {
    setInput((x) => ({ ...x, [field]: value }));
    if (entry && edit) {
      dirty.current = true;
      setState({ kind: "idle", message: "有未保存的修改…" });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void save(), 1200);
    }
  };

  const create = async () => {
    setState({ kind: "saving", message: "正在登记…" });
    const r = await actions.create(organId, year, input);
    if (r.ok) onCreated(`已登记第 ${r.entry.seq} 号申请，答复期限 ${r.entry.deadline.due ?? "（计时暂停）"}。`);
    else {
      refusedAt.current = Date.now();
      setErrors(r.errors ?? []);
      setState({ kind: "error", message: r.errors?.length ? "有内容需要改正，尚未登记（您填写的内容仍保留）。" : r.message });
    }
  };

  const err = (f: keyof ApplicationInput) => errors.find((e) => e.field === f)?.message;
  const text = (f: keyof ApplicationInput, opts: { hint?: string; wide?: boolean; date?: boolean } = {}) => (
    <label className={cn("flex flex-col gap-1 text-sm", opts.wide && "md:col-span-2")}>
      <span className="font-medium text-slate-700">{FIELD_LABELS[f]}</span>
      <Input
        name={f}
        value={input[f]}
        readOnly={!edit}
        placeholder={opts.date ? `如 ${year}-03-09` : undefined}
        aria-invalid={err(f) ? true : undefined}
        onChange={(ev) => set(f, ev.target.value)}
      />
      {err(f) ? (
        <span className="text-sm text-red-600" data-testid={`error-${f}`}>
          {err(f)}
        </span>
      ) : opts.hint ? (
        <span className="text-xs text-slate-500">{opts.hint}</span>
      ) : null}
    </label>
  );
  const select = (f: keyof ApplicationInput, options: { id: string; label: string }[], empty?: string) => (
    <label className="flex flex-col gap-1 text-sm">
      <span className="font-medium text-slate-700">{FIELD_LABELS[f]}</span>
      <select
        name={f}
        className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm"
        value={input[f]}
        disabled={!edit}
        aria-invalid={err(f) ? true : undefined}
        onChange={(ev) => set(f, ev.target.value)}
      >
        {empty !== undefined ? <option value="">{empty}</option> : null}
        {options.map((o) => (
          <option key={o.id} value={o.id}>
            {o.label}
          </option>
        ))}
      </select>
      {err(f) ? (
        <span className="text-sm text-red-600" data-testid={`error-${f}`}>
          {err(f)}
        </span>
      ) : null}
    </label>
  );

  return (
    <section ref={root} className="rounded-lg border border-blue-200 bg-white p-4" data-testid="entry-form">
      <div className="mb-3 flex items-center gap-3">
        <h2 ref={heading} tabIndex={-1} className="rounded text-base font-semibold outline-none focus-visible:ring-2 focus-visible:ring-blue-600">
          {entry ? `第 ${entry.seq} 号申请` : "登记新申请"}
        </h2>
        {entry ? (
          <span className="text-sm text-slate-600">
            答复期限：<b data-testid="form-due">{entry.deadline.due ?? "计时暂停"}</b>（补正告知期限 {entry.deadline.correctionNoticeDue}）
          </span>
        ) : null}
        <span
          className={cn("text-sm", state.kind === "error" || state.kind === "conflict" ? "text-red-700" : "text-slate-500")}
          data-testid="save-state"
          role="status"
        >
          {state.message}
          {state.message.startsWith("登录已过期") ? (
            <a href="/login" target="_blank" rel="noopener" className="ml-1 text-blue-700 underline" data-testid="login-new-tab">
              在新标签页中登录
            </a>
          ) : null}
        </span>
        {entry && edit ? (
          <Button
            size="sm"
            variant="ghost"
            className="ml-auto text-red-700"
            onClick={() => setDeleting(true)}
          >
            删除
          </Button>
        ) : null}
        {entry ? (
          <ConfirmDialog
            open={deleting}
            title={`删除第 ${entry.seq} 号申请？`}
            description="删除后表三随之更新；审计日志保留这条申请的记录。"
            confirmLabel="删除"
            testId="confirm-delete-entry"
            onCancel={() => setDeleting(false)}
            onConfirm={async () => {
              setDeleting(false);
              const r = await actions.remove(entry.id, version.current);
              if (r.ok) onClose();
              else setState({ kind: "error", message: r.message });
            }}
          />
        ) : null}
        <Button size="sm" variant="ghost" className={entry && edit ? "" : "ml-auto"} onClick={onClose}>
          关闭
        </Button>
      </div>
      {state.kind === "conflict" && theirs ? (
        <div className="mb-3 rounded border border-red-200 bg-red-50 p-3 text-sm" data-testid="conflict">
          <p className="mb-2">{state.message}</p>
          <div className="flex gap-2">
            <Button
              size="sm"
              onClick={() => {
                version.current = theirs.version;
                void save();
              }}
            >
              用我填写的内容覆盖
            </Button>
            <Button
              size="sm"
              variant="outline"
              onClick={() => {
                version.current = theirs.version;
                setInput(theirs.input);
                setTheirs(null);
                setState({ kind: "saved", message: "已改用已保存的内容" });
              }}
            >
              放弃我的修改，用已保存的内容
            </Button>
          </div>
        </div>
      ) : null}
      <div className="grid gap-3 md:grid-cols-4">
        {select("method", METHODS.map((m) => ({ id: m, label: METHOD_LABELS[m] })))}
        {text("receivedAt", { date: true, hint: RECEIPT_RULES[(input.method as Method) in RECEIPT_RULES ? (input.method as Method) : "other"] })}
        {select("applicantType", APPLICANT_TYPES)}
        {personal ? text("applicantName") : null}
        {personal ? text("contact") : null}
        {text("content", { wide: true })}
        {text("correctionNoticeAt", { date: true, hint: "第三十条：收到申请之日起7个工作日内一次性告知" })}
        {text("correctionReceivedAt", { date: true, hint: "答复期限自收到补正之日起重新计算" })}
        {text("correctionExpiredAt", { date: true })}
        {text("consultFrom", { date: true, hint: "征求第三方和其他机关意见的时间不计入期限" })}
        {text("consultTo", { date: true })}
        {text("extensionApprovedAt", { date: true, hint: "经政府信息公开工作机构负责人同意" })}
        {text("extensionDays", { hint: "不填为 20 个工作日（最长）" })}
        {text("feeNoticeAt", { date: true })}
        {text("feePaidAt", { date: true })}
        {text("feeExpiredAt", { date: true })}
        {text("repliedAt", { date: true })}
        <div className="md:col-span-2">{select("result", RESULT_ROWS, "（未办结）")}</div>
        {text("note", { wide: true })}
      </div>
      {entry ? <EntryHistory id={entry.id} load={actions.history} /> : null}
      {!entry && edit ? (
        <div className="mt-3 flex gap-2">
          <Button onClick={() => void create()} disabled={state.kind === "saving"}>
            登记
          </Button>
        </div>
      ) : null}
    </section>
  );
}

function EntryHistory({ id, load }: { id: string; load: (id: string) => Promise<EntryHistoryItem[]> }) {
  const [items, setItems] = useState<EntryHistoryItem[] | null>(null);
  return (
    <details
      className="mt-3 text-sm"
      data-testid="entry-history"
      onToggle={(e) => {
        if ((e.target as HTMLDetailsElement).open) void load(id).then(setItems);
      }}
    >
      <summary className="cursor-pointer text-blue-700">修改记录</summary>
      {items === null ? (
        <p className="text-slate-500">正在读取…</p>
      ) : (
        <ul className="mt-1 space-y-0.5">
          {items.map((h, i) => (
            <li key={i}>
              {formatDateTime(new Date(h.at))} {h.actor} {h.action}
              {h.fields.length ? `：${h.fields.join("、")}` : ""}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

// ---- table 三 computed from the register, with drill-down ---------------------------------------

function Table3({
  table3,
  year,
  empty,
  source,
  edit,
  onCell,
  onSource,
}: {
  table3: CellValues;
  year: number;
  /** no application this year: the report's table 三 is what the clerk types (as table 四 without cases) */
  empty: boolean;
  source: "register" | "typed";
  edit: boolean;
  onCell: (id: string) => void;
  onSource: (s: "register" | "typed") => void;
}) {
  const totals = computeTotals(table3);
  const v = (id: string) => (CELLS.get(id)?.computed ? String(totals[id] ?? 0) : (table3[id] ?? "0"));
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" id="t3" data-testid="register-t3">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">表三（由台账计算，{year} 年度）</h2>
        <span className="text-sm text-slate-600">
          年度报告的表三：
          {empty ? "尚无申请，按报告中填写的数字" : source === "register" ? "按台账自动填入" : "手工填写（与台账不一致的单元格在报告页列出）"}
        </span>
        {edit && !empty ? (
          <Button size="xs" variant="outline" onClick={() => onSource(source === "register" ? "typed" : "register")}>
            {source === "register" ? "改为手工填写" : "改为按台账填入"}
          </Button>
        ) : null}
      </div>
      <p className="mb-2 text-xs text-slate-500">点击数字查看计入该单元格的申请。部分公开的申请只计入（二），不计其他情形。</p>
      <div className="overflow-x-auto">
        <table className="text-xs">
          <thead>
            <tr className="bg-slate-50">
              <th className="px-2 py-1 text-left font-medium">行</th>
              {T3_COLUMNS.map((c) => (
                <th key={c.id} className="px-2 py-1 font-medium">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {T3_ROWS.map((r) => (
              <tr key={r.id} className="border-t border-slate-100">
                <td className="max-w-[22rem] truncate px-2 py-1" title={t3RowName(r)}>
                  {t3RowName(r)}
                </td>
                {T3_COLUMNS.map((c) => {
                  const id = t3CellId(r.id, c.id);
                  return (
                    <td key={c.id} className="px-2 py-1 text-center">
                      <button type="button" className="text-blue-700 hover:underline" data-cell={id} onClick={() => onCell(id)}>
                        {v(id)}
                      </button>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

// ---- table 四: cases --------------------------------------------------------------------------

function Cases(p: Props & { onNotice: (m: string) => void }) {
  const [kind, setKind] = useState(CASE_KINDS[0]!.id);
  const [result, setResult] = useState(CASE_RESULTS[0]!.id);
  const [co, setCo] = useState(false);
  const [note, setNote] = useState("");
  const [pending, start] = useTransition();
  const totals = computeTotals(p.table4);
  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="register-t4">
      <div className="mb-2 flex flex-wrap items-center gap-3">
        <h2 className="text-base font-semibold">行政复议、行政诉讼（表四）</h2>
        <span className="text-sm text-slate-600">
          年度报告的表四：{p.cases.length === 0 ? "尚无案件，按报告中填写的数字" : p.setting.t4Source === "register" ? "按登记的案件自动填入" : "手工填写"}
        </span>
        {p.edit && p.cases.length ? (
          <Button
            size="xs"
            variant="outline"
            disabled={pending}
            onClick={() =>
              start(async () =>
                p.onNotice((await p.actions.setSource(p.organId, p.year, "t4", p.setting.t4Source === "register" ? "typed" : "register")).message),
              )
            }
          >
            {p.setting.t4Source === "register" ? "改为手工填写" : "改为按案件填入"}
          </Button>
        ) : null}
      </div>
      <table className="mb-3 text-xs">
        <thead>
          <tr className="bg-slate-50">
            <th className="px-2 py-1" />
            {T4_RESULTS.map((r) => (
              <th key={r.id} className="px-2 py-1 font-medium">
                {r.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {T4_GROUPS.map((g) => (
            <tr key={g.id} className="border-t border-slate-100">
              <td className="px-2 py-1">{g.label}</td>
              {T4_RESULTS.map((r) => {
                const id = t4CellId(g.id, r.id);
                return (
                  <td key={r.id} className="px-2 py-1 text-center">
                    {r.computed ? (totals[id] ?? 0) : (p.table4[id] ?? "0")}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="mb-3 space-y-1 text-sm">
        {p.cases.map((c) => (
          <li key={c.id} className="flex items-center gap-2">
            <span>
              {CASE_KINDS.find((k) => k.id === c.kind)?.label} · {CASE_RESULTS.find((r) => r.id === c.result)?.label}
              {c.coDefendantOnly ? "（本机关为复议机关共同被告，不计入本机关）" : ""} {c.note}
            </span>
            {p.edit ? (
              <Button size="xs" variant="ghost" onClick={() => start(async () => p.onNotice((await p.actions.deleteCase(c.id)).message))}>
                删除
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {p.edit ? (
        <div className="flex flex-wrap items-end gap-2 text-sm">
          <select className="h-8 rounded border border-slate-300 px-2" value={kind} onChange={(e) => setKind(e.target.value)} aria-label="案件类型">
            {CASE_KINDS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
          <select className="h-8 rounded border border-slate-300 px-2" value={result} onChange={(e) => setResult(e.target.value)} aria-label="结果">
            {CASE_RESULTS.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <label className="flex items-center gap-1">
            <input type="checkbox" checked={co} onChange={(e) => setCo(e.target.checked)} />
            本机关仅为复议机关（共同被告）
          </label>
          <Input className="h-8 w-48" placeholder="备注" value={note} onChange={(e) => setNote(e.target.value)} />
          <Button
            size="sm"
            variant="outline"
            disabled={pending}
            onClick={() =>
              start(async () => {
                const r = await p.actions.addCase(p.organId, p.year, { kind, result, coDefendantOnly: co, note });
                p.onNotice(r.message);
                if (r.ok) setNote("");
              })
            }
          >
            登记案件
          </Button>
        </div>
      ) : null}
      <p className="mt-2 text-xs text-slate-500">
        <Link href="/reports" className="text-blue-700 hover:underline">
          年度报告
        </Link>
        的表三、表四随台账自动更新（报告为草稿或被退回时）。
      </p>
    </section>
  );
}
