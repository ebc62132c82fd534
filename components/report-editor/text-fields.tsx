"use client";

import { useCallback, useId, useState, useSyncExternalStore, type ClipboardEvent } from "react";
import { RotateCcwIcon } from "lucide-react";
import {
  SECTION_ONE_GUIDELINE_CHARS,
  TEXT_FIELD_MAX_CHARS,
  defaultOpening,
  reportTitleSuffix,
  textFieldsOf,
  type TextFieldDef,
} from "@/lib/template";
import {
  FEE_LABEL,
  FEE_REF,
  HEADER_FIELDS,
  countChars,
  feeChoiceLabel,
  feeStatement,
  headerRef,
  normalizeCellInput,
  normalizeSignDate,
  signDateProblem,
  readCell,
  stripLeadingHeading,
  textRef,
} from "@/lib/report/client";
import { titleLines } from "@/lib/export/build-view-model";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Textarea } from "@/components/ui/textarea";
import { useEditor, useFee, useHeader, useHighlighted, useMark, useSaveIssues, useText } from "./context";
import type { MarkSeverity } from "./findings-view";
import { CommentMarker } from "@/components/review/comment-marker";
import { useHydrated } from "@/components/ui/use-hydrated";

function markRing(mark: MarkSeverity | null, highlighted: boolean): string {
  return cn(
    mark === "warning" && "border-amber-400",
    mark === "error" && "border-red-400",
    highlighted && "ring-4 ring-amber-300/70 border-amber-500",
  );
}

/** Message for text over its limit (the text is saved and kept; rule E8 blocks submitting until it is shortened). */
function overLimit(value: string, max: number): string | null {
  const n = [...value].length;
  return n > max ? `共 ${n} 个字符，超过上限 ${max} 个字符（多 ${n - max} 个）：已保存，但须删减后才能提交审核。` : null;
}

/** One text field from TEXT_FIELDS as a textarea with its character count. */
export function TextField({ def, showLabel = true }: { def: TextFieldDef; showLabel?: boolean }) {
  const { store, readOnly } = useEditor();
  const value = useText(def.id);
  const ref = textRef(def.id);
  const highlighted = useHighlighted(ref);
  const mark = useMark(ref);
  const id = useId();
  // marks the field once React owns it (a test's select-all before then can be undone by hydration)
  const hydrated = useHydrated();
  // beyond what can be stored at all the server refuses the text: it is kept here, not saved
  const refusal = useSaveIssues().rejected.find((r) => r.ref === ref);
  const limit = overLimit(value, TEXT_FIELD_MAX_CHARS);
  const error = refusal ? `${refusal.message}未保存到服务器（已保留在本机），删减后自动保存。` : limit && `${def.label}：${limit}`;
  /** The heading just removed from the start of the text (pasted from last year's file), for the note. */
  const [removed, setRemoved] = useState<string | null>(null);

  /** Drops a leading copy of the field's own heading (the template prints it); true when it did. */
  const dropHeading = (text: string): boolean => {
    const r = stripLeadingHeading(def.id, text);
    if (!r) return false;
    store.setText(def.id, r.text);
    setRemoved(r.heading);
    return true;
  };
  const onPaste = (e: ClipboardEvent<HTMLTextAreaElement>) => {
    if (readOnly) return;
    const el = e.currentTarget;
    const pasted = e.clipboardData.getData("text/plain");
    if (!pasted) return;
    const next = el.value.slice(0, el.selectionStart) + pasted + el.value.slice(el.selectionEnd);
    if (dropHeading(next)) e.preventDefault();
  };

  return (
    <div>
      {showLabel && (
        <label htmlFor={id} className="mb-1.5 block text-[15px] font-semibold text-slate-800">
          {def.heading ?? def.label}
        </label>
      )}
      <Textarea
        id={id}
        data-field={ref}
        data-hydrated={hydrated ? "" : undefined}
        aria-label={showLabel ? undefined : def.label}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-help`}
        placeholder={readOnly ? undefined : def.hint}
        readOnly={readOnly}
        value={value}
        onChange={(e) => {
          setRemoved(null);
          store.setText(def.id, e.target.value);
        }}
        onPaste={onPaste}
        // typed rather than pasted: checked when the clerk leaves the field (not while typing 「（一）主动公开方面…」)
        onBlur={(e) => {
          if (!readOnly) dropHeading(e.target.value);
        }}
        className={markRing(mark, highlighted)}
      />
      {removed && (
        <p role="status" className="mt-1 text-xs text-blue-800" data-testid="heading-removed">
          已去掉开头重复的{def.heading ? "小标题" : "标题"}“{removed}”（报告中会自动印出该标题）。
        </p>
      )}
      <div id={`${id}-help`} className="mt-1 flex justify-between gap-4 text-xs">
        <span className={error ? "font-medium text-red-700" : "text-slate-500"}>{error || (readOnly ? "" : def.hint)}</span>
        <span className="flex shrink-0 items-center gap-2 tabular-nums text-slate-500">
          <CommentMarker anchor={`text:${def.id}`} />
          {countChars(value)} 字
        </span>
      </div>
    </div>
  );
}

const SECTION_ONE_FIELDS = textFieldsOf("s1");

/** Live character count of section 一 against the guideline. */
export function SectionOneCount() {
  const { store } = useEditor();
  const subscribe = useCallback(
    (cb: () => void) => {
      const offs = SECTION_ONE_FIELDS.map((f) => store.subscribeKey(`text:${f.id}`, cb));
      return () => offs.forEach((off) => off());
    },
    [store],
  );
  const count = () => SECTION_ONE_FIELDS.reduce((a, f) => a + countChars(store.getText(f.id)), 0);
  const total = useSyncExternalStore(subscribe, count, count);
  const over = total > SECTION_ONE_GUIDELINE_CHARS;
  return (
    <span
      data-testid="s1-count"
      className={cn(
        "rounded px-2 py-0.5 text-xs tabular-nums",
        over ? "bg-amber-50 font-medium text-amber-800 ring-1 ring-amber-200" : "bg-slate-100 text-slate-600",
      )}
    >
      共 {total} / {SECTION_ONE_GUIDELINE_CHARS} 字{over ? "，超出建议篇幅" : ""}
    </span>
  );
}

/** 署名, 成文日期, the title (with where it breaks) and the opening paragraph. */
export function HeaderFields() {
  const { store, readOnly, year, linked } = useEditor();
  const header = useHeader();
  const organRef = headerRef("organName");
  const dateRef = headerRef("signDate");
  const openingRef = headerRef("opening");
  const hlOrgan = useHighlighted(organRef);
  const hlDate = useHighlighted(dateRef);
  const hlOpening = useHighlighted(openingRef);
  const markOrgan = useMark(organRef);
  const markDate = useMark(dateRef);
  const markOpening = useMark(openingRef);
  const ids = useId();
  const dateProblem = signDateProblem(header.signDate, `${year + 1}年1月20日`);
  const openingDefault = defaultOpening(header.organName, year);
  const openingError = overLimit(header.opening, HEADER_FIELDS.opening.max);
  const hydrated = useHydrated();

  return (
    <div className="space-y-5">
      <div className="grid gap-4 md:grid-cols-[minmax(0,1fr)_14rem]">
        <div>
          <label htmlFor={`${ids}-organ`} className="mb-1.5 flex items-center gap-2 text-sm font-medium text-slate-700">
            {HEADER_FIELDS.organName.label}
            <CommentMarker anchor="header:organName" />
          </label>
          <Input
            id={`${ids}-organ`}
            data-field={organRef}
            readOnly={readOnly}
            maxLength={HEADER_FIELDS.organName.max}
            aria-describedby={linked ? `${ids}-organ-help` : undefined}
            value={header.organName}
            onChange={(e) => store.setHeader({ organName: e.target.value })}
            className={markRing(markOrgan, hlOrgan)}
          />
          {linked && (
            // a 汇总 report is signed, and titled, with the area it covers (示范县人民政府 → 示范县)
            <p id={`${ids}-organ-help`} className="mt-1 text-xs text-slate-500">
              汇总报告以本地区名称署名（机关全称去掉“人民政府”），与报告标题一致
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${ids}-date`} className="mb-1.5 flex items-center gap-2 text-sm font-medium text-slate-700">
            {HEADER_FIELDS.signDate.label}
            <CommentMarker anchor="header:signDate" />
          </label>
          <Input
            id={`${ids}-date`}
            data-field={dateRef}
            readOnly={readOnly}
            maxLength={HEADER_FIELDS.signDate.max}
            placeholder={`${year + 1}年1月20日`}
            aria-invalid={dateProblem ? true : undefined}
            aria-describedby={`${ids}-date-help`}
            value={header.signDate}
            onChange={(e) => store.setHeader({ signDate: e.target.value })}
            onBlur={(e) => {
              // 「２０２５年１月２０日」 typed with a Chinese input method, 「2025-01-20」, 「2025年01月20日」: the date is
              // printed as the format writes it, with Arabic digits
              const normalized = normalizeSignDate(e.target.value);
              if (!readOnly && normalized !== e.target.value) store.setHeader({ signDate: normalized });
            }}
            className={markRing(markDate, hlDate)}
          />
          <p id={`${ids}-date-help`} className={cn("mt-1 text-xs", dateProblem ? "text-red-700" : "text-slate-500")}>
            {dateProblem ?? (readOnly ? "" : "如“2024年1月19日”，不编虚位")}
          </p>
        </div>
      </div>

      <TitleBreak organName={header.organName} titleBreak={header.titleBreak} />

      <div>
        <div className="mb-1.5 flex items-center justify-between gap-2">
          <label htmlFor={`${ids}-opening`} className="flex items-center gap-2 text-sm font-medium text-slate-700">
            {HEADER_FIELDS.opening.label}
            <CommentMarker anchor="header:opening" />
          </label>
          {!readOnly && header.opening !== openingDefault && (
            <Button
              variant="ghost"
              size="xs"
              disabled={!hydrated}
              onClick={() => store.setHeader({ opening: openingDefault })}
              title="用系统生成的默认开头段落替换当前内容"
            >
              <RotateCcwIcon /> 恢复默认
            </Button>
          )}
        </div>
        <Textarea
          id={`${ids}-opening`}
          data-field={openingRef}
          readOnly={readOnly}
          aria-invalid={openingError ? true : undefined}
          aria-describedby={`${ids}-opening-help`}
          value={header.opening}
          onChange={(e) => store.setHeader({ opening: e.target.value })}
          className={markRing(markOpening, hlOpening)}
        />
        <p id={`${ids}-opening-help`} className={cn("mt-1 text-xs", openingError ? "font-medium text-red-700" : "text-slate-500")}>
          {openingError ? `${HEADER_FIELDS.opening.label}：${openingError}` : readOnly ? "" : "请填写门户网站名称、联系地址和电话。"}
        </p>
      </div>
    </div>
  );
}

function TitleBreak({ organName, titleBreak }: { organName: string; titleBreak: number | null }) {
  const { store, readOnly, year } = useEditor();
  const full = `${organName}${reportTitleSuffix(year)}`;
  const lines = titleLines(organName, year, titleBreak);
  const mode = titleBreak === null ? "auto" : titleBreak <= 0 || titleBreak >= full.length ? "none" : "custom";
  const at = mode === "custom" ? titleBreak! : Math.max(1, Math.min(organName.length, full.length - 1));
  const name = useId();
  // a choice made before the editor is interactive would be undone by it: disabled until then
  const hydrated = useHydrated();
  const set = (v: number | null) => store.setHeader({ titleBreak: v });
  return (
    <fieldset className="rounded-md border border-slate-200 bg-slate-50/60 px-4 py-3" data-field="header.titleBreak">
      <legend className="flex items-center gap-2 px-1 text-sm font-medium text-slate-700">
        标题换行
        <CommentMarker anchor="header:titleBreak" />
      </legend>
      <div className="flex flex-wrap items-center gap-x-5 gap-y-2 text-sm">
        {(
          [
            ["auto", "自动（机关名称后换行）", null],
            ["none", "不换行", 0],
            ["custom", "自定义位置", at],
          ] as const
        ).map(([m, label, v]) => (
          <label key={m} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name={name}
              checked={mode === m}
              disabled={readOnly || !hydrated}
              onChange={() => set(v)}
              className="accent-blue-700"
            />
            {label}
          </label>
        ))}
        {mode === "custom" && (
          <label className="inline-flex items-center gap-2">
            <span className="text-slate-600">在第</span>
            <input
              type="range"
              min={1}
              max={Math.max(1, full.length - 1)}
              value={at}
              disabled={readOnly || !hydrated}
              onChange={(e) => set(Number(e.target.value))}
              aria-label="标题换行位置（字数）"
              className="w-44 accent-blue-700"
            />
            <span className="tabular-nums text-slate-600">{at} 字后换行</span>
          </label>
        )}
      </div>
      <div
        className="mt-3 rounded border border-slate-200 bg-white px-4 py-3 text-center font-serif text-lg font-bold leading-8 text-slate-900"
        aria-label="标题预览"
      >
        {lines.map((l, i) => (
          <div key={i}>{l}</div>
        ))}
      </div>
    </fieldset>
  );
}

/** Section 六's structured 信息处理费 part and the generated statement. */
export function FeeFields() {
  const { store, readOnly: locked, linked } = useEditor();
  // a 汇总 report's fee statement is the sum of its subordinates'
  const readOnly = locked || linked;
  const fee = useFee();
  const highlighted = useHighlighted(FEE_REF);
  const mark = useMark(FEE_REF);
  const name = useId();
  // a choice made before the editor is interactive would be undone by it: disabled until then
  const hydrated = useHydrated();
  const statement = feeStatement(fee);
  const piecesReading = readCell(fee.pieces, "count");
  const amountReading = readCell(fee.amount, "decimal");
  return (
    <fieldset
      data-field={FEE_REF}
      className={cn(
        "rounded-md border border-slate-200 px-4 py-3",
        mark === "warning" && "border-amber-400 bg-amber-50/40",
        mark === "error" && "border-red-400 bg-red-50/40",
        highlighted && "ring-4 ring-amber-300/70",
      )}
    >
      <legend className="px-1 text-sm font-semibold text-slate-800">{FEE_LABEL}</legend>
      <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm">
        {(
          [
            [false, feeChoiceLabel(false)],
            [true, feeChoiceLabel(true)],
          ] as const
        ).map(([v, label]) => (
          <label key={label} className="inline-flex items-center gap-1.5">
            <input
              type="radio"
              name={name}
              checked={fee.charged === v}
              disabled={readOnly || !hydrated}
              onChange={() => store.setFee({ charged: v })}
              className="accent-blue-700"
            />
            {label}
          </label>
        ))}
        {fee.charged === null && <span className="text-xs text-amber-700">尚未说明（未收取也须说明）</span>}
      </div>
      {fee.charged && (
        <div className="mt-3 grid gap-3 sm:grid-cols-2">
          <FeeInput
            label="收费件数"
            unit="件"
            inputMode="numeric"
            value={fee.pieces}
            error={piecesReading.state === "invalid" ? piecesReading.message : null}
            onChange={(v) => store.setFee({ pieces: v })}
          />
          <FeeInput
            label="收费金额"
            unit="元"
            inputMode="decimal"
            value={fee.amount}
            error={amountReading.state === "invalid" ? amountReading.message : null}
            onChange={(v) => store.setFee({ amount: v })}
          />
        </div>
      )}
      {statement && (
        <p className="mt-3 rounded bg-slate-50 px-3 py-2 text-sm text-slate-700">
          <span className="mr-1 text-xs text-slate-500">报告中将写入：</span>
          {statement}
        </p>
      )}
    </fieldset>
  );
}

function FeeInput(props: {
  label: string;
  unit: string;
  inputMode: "numeric" | "decimal";
  value: string;
  error: string | null;
  onChange: (v: string) => void;
}) {
  const { readOnly } = useEditor();
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-xs font-medium text-slate-600">
        {props.label}（{props.unit}）
      </label>
      <Input
        id={id}
        inputMode={props.inputMode}
        readOnly={readOnly}
        maxLength={40}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? `${id}-error` : undefined}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        onBlur={(e) => {
          const n = e.target.value.trim() === "" ? "" : normalizeCellInput(e.target.value);
          if (n !== e.target.value) props.onChange(n);
        }}
        className="h-8 w-40 text-right tabular-nums"
      />
      {props.error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-700">
          {props.label}：{props.error}
        </p>
      )}
    </div>
  );
}

/** Last year's text of a field, folded, to help avoid 年年雷同. */
export function PreviousText({ fieldId }: { fieldId: string }) {
  const { previous } = useEditor();
  const text = previous?.content.text[fieldId]?.trim();
  if (!previous || !text) return null;
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer select-none text-xs text-blue-700 hover:underline">
        查看{previous.year}年报告的本部分内容（避免年年雷同）
      </summary>
      <p className="mt-2 whitespace-pre-wrap rounded border border-slate-200 bg-slate-50 px-3 py-2 text-slate-600">{text}</p>
    </details>
  );
}
