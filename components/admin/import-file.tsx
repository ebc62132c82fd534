"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import type { OrganImportProblem } from "@/lib/admin/organ-import-columns";
import { Field, errorProps } from "./field";
import type { AdminFormState } from "./form-state";

/** What both imports' previews carry (organs: organ-import-columns.ts, accounts: user-import-columns.ts). */
type PreviewBase = { fileName: string; create: number; problems: OrganImportProblem[]; problemCount: number };

/**
 * The file-import forms' logic (批量导入机关, 批量导入账号): the chosen file is checked in the browser (its name
 * and size), then sent with mode=check or mode=import (with the count the admin was shown); an answer about a
 * file chosen before the current one is not shown; after an import (`imported`) the field is emptied.
 */
export function useImportFile<P extends PreviewBase>(opts: {
  state: AdminFormState & { preview: P | null };
  submit: (data: FormData) => void;
  fileProblem: (name: string, size: number) => string | null;
  imported: boolean;
}) {
  const { state, submit, fileProblem, imported } = opts;
  const formRef = useRef<HTMLFormElement>(null);
  const [localError, setLocalError] = useState<string | null>(null);
  // the state.seq at which the file was last changed: an older answer is about another file
  const [changedAt, setChangedAt] = useState(-1);
  const fresh = state.seq > changedAt;
  const preview = fresh ? state.preview : null;
  const fileError = localError ?? (fresh ? state.fieldErrors.file : undefined);

  useEffect(() => {
    if (imported) formRef.current?.reset();
  }, [state.seq, imported]);

  const send = (mode: "check" | "import") => {
    const form = formRef.current;
    if (!form) return;
    const data = new FormData(form);
    const file = data.get("file");
    if (!(file instanceof File) || !file.name) {
      setLocalError("请选择要导入的文件（CSV 或 XLSX）");
      return;
    }
    const problem = fileProblem(file.name, file.size);
    setLocalError(problem);
    if (problem) return;
    data.set("mode", mode);
    if (mode === "import" && preview) data.set("expected", String(preview.create));
    submit(data);
  };
  const chosen = () => {
    setChangedAt(state.seq);
    setLocalError(null);
  };
  return { formRef, fresh, preview, fileError, localError, send, chosen };
}

/** The file field (checked as soon as a file is chosen) and 检查文件. */
export function ImportFilePicker({
  id,
  label,
  accept,
  error,
  busy,
  pending,
  onChosen,
  onCheck,
}: {
  id: string;
  label: string;
  accept: string;
  error: string | undefined;
  busy: boolean;
  pending: boolean;
  onChosen: () => void;
  onCheck: () => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-3">
      <Field id={id} label={label} error={error} className="min-w-[18rem]">
        <input
          id={id}
          name="file"
          type="file"
          accept={accept}
          disabled={busy}
          onChange={(e) => {
            onChosen();
            if (e.target.files?.length) onCheck();
          }}
          className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm"
          {...errorProps(id, error)}
        />
      </Field>
      <Button type="submit" variant="outline" disabled={busy}>
        {pending ? "正在处理…" : "检查文件"}
      </Button>
    </div>
  );
}

/** The file's problems by row and column, as in the file (the first ones, and how many in all). */
export function ImportProblems({ preview, testId }: { preview: PreviewBase; testId: string }) {
  if (!preview.problems.length) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="mb-1 text-left font-medium text-red-700">「{preview.fileName}」中的问题（行号、列名按您的文件）</caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">行</th>
            <th scope="col" className="px-3 py-1.5 font-medium">列</th>
            <th scope="col" className="px-3 py-1.5 font-medium">问题</th>
          </tr>
        </thead>
        <tbody>
          {preview.problems.map((p, i) => (
            <tr key={i} className="border-t border-slate-100">
              <td className="whitespace-nowrap px-3 py-1.5">{p.row === null ? "—" : `第 ${p.row} 行`}</td>
              <td className="whitespace-nowrap px-3 py-1.5">{p.column ?? "—"}</td>
              <td className="px-3 py-1.5 text-red-700">{p.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.problemCount > preview.problems.length ? (
        <p className="mt-1 text-xs text-slate-500">只列出前 {preview.problems.length} 处，共 {preview.problemCount} 处问题。</p>
      ) : null}
    </div>
  );
}

/** A column of the sample table: its heading and how a row shows in it. */
export type SampleColumn<R> = { label: string; cell: (row: R) => ReactNode; className?: string };

/**
 * What the import will create, when the file has no problem: the first rows (`sample`), with the row number
 * of the file and the given columns; the caption says how many of how many (`noun`: 机关, 账号).
 */
export function ImportSample<R extends { row: number }>({
  preview,
  noun,
  columns,
  testId,
}: {
  preview: PreviewBase & { sample: readonly R[] };
  noun: string;
  columns: readonly SampleColumn<R>[];
  testId: string;
}) {
  if (preview.problemCount > 0 || preview.sample.length === 0) return null;
  const { create, sample } = preview;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid={testId}>
        <caption className="mb-1 text-left font-medium text-slate-700">
          将新建的{noun}
          {create > sample.length ? `（前 ${sample.length} 个，共 ${create} 个）` : `（${create} 个）`}
        </caption>
        <thead className="bg-slate-50 text-left text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-1.5 font-medium">行</th>
            {columns.map((c) => (
              <th key={c.label} scope="col" className="px-3 py-1.5 font-medium">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {sample.map((r) => (
            <tr key={r.row} className="border-t border-slate-100">
              <td className="whitespace-nowrap px-3 py-1.5">第 {r.row} 行</td>
              {columns.map((c) => (
                <td key={c.label} className={c.className ?? "px-3 py-1.5"}>
                  {c.cell(r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** 文件的列: each column's label (bold) with its hint, and the template's download link. */
export function ImportColumnsNote({
  columns,
  hints,
  templateHref,
  templateName,
}: {
  columns: readonly { field: string; label: string }[];
  hints: Partial<Record<string, string>>;
  templateHref: string;
  templateName: string;
}) {
  return (
    <p>
      文件的列：
      {columns.map((c, i) => (
        <span key={c.field}>
          {i ? "、" : ""}
          <strong className="font-medium text-slate-800">{c.label}</strong>
          {hints[c.field] ?? ""}
        </span>
      ))}
      。按表头的列名识别，列的顺序不限。
      <a href={templateHref} download={templateName} className="ml-1 text-blue-700 underline">
        下载模板（CSV）
      </a>
    </p>
  );
}
