"use client";

import { importOrgansAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import {
  MAX_ORGAN_IMPORT_BYTES,
  MAX_ORGAN_IMPORT_ROWS,
  ORGAN_IMPORT_ACCEPT,
  ORGAN_IMPORT_COLUMNS,
  ORGAN_IMPORT_TEMPLATE_HREF,
  ORGAN_IMPORT_TEMPLATE_NAME,
  organFileProblem,
  type OrganImportPreview,
} from "@/lib/admin/organ-import-columns";
import { ORGAN_FIELD_LABELS } from "@/lib/labels";
import { ORGAN_KIND_INFO, ORGAN_KINDS } from "@/lib/report/client";
import { FormMessage } from "./field";
import { ImportColumnsNote, ImportFilePicker, ImportProblems, ImportSample, useImportFile, type SampleColumn } from "./import-file";
import { INITIAL_ORGAN_IMPORT_STATE } from "./form-state";
import { useAdminForm } from "./use-admin-form";

const FILE_ID = "organ-import-file";
const KINDS = ORGAN_KINDS.map((k) => ORGAN_KIND_INFO[k].label).join("、");
const COLUMN_HINTS: Partial<Record<string, string>> = {
  kind: `（${KINDS}）`,
  parent: `（已有机关或本文件中另一行的${ORGAN_FIELD_LABELS.fullName}；最高一级留空）`,
  sortOrder: "（可选，0 至 9999 的整数）",
};

/**
 * 批量导入机关: choose a CSV or XLSX file, see what it would create and every problem (row and column as in
 * the file), then import it in one go. The chosen file stays in the field after an error.
 */
export function OrganImportForm() {
  const { state, pending, busy, formProps, submit } = useAdminForm(importOrgansAction, INITIAL_ORGAN_IMPORT_STATE);
  const { formRef, fresh, preview, fileError, localError, send, chosen } = useImportFile({
    state,
    submit,
    fileProblem: organFileProblem,
    // after an import the field is emptied (the same file imported again would only skip)
    imported: state.imported > 0,
  });

  return (
    <form
      {...formProps}
      ref={formRef}
      onSubmit={(e) => {
        e.preventDefault();
        send("check");
      }}
      noValidate
      className="space-y-4"
      aria-label="批量导入机关"
      data-testid="organ-import"
    >
      <div className="space-y-1 text-sm text-slate-600">
        <ImportColumnsNote columns={ORGAN_IMPORT_COLUMNS} hints={COLUMN_HINTS} templateHref={ORGAN_IMPORT_TEMPLATE_HREF} templateName={ORGAN_IMPORT_TEMPLATE_NAME} />
        <p className="text-xs text-slate-500">
          先检查，再导入：文件有任何问题时不导入任何机关；导入时所有机关一次建立，要么全部成功，要么一个也不建立。
          与已有机关的{ORGAN_FIELD_LABELS.fullName}、{ORGAN_FIELD_LABELS.kind}、{ORGAN_FIELD_LABELS.parentId}都相同的行视为已存在，跳过（不修改已有机关），
          因此改正后可以再次上传同一文件。CSV 可为 UTF-8 或 GBK 编码；每个文件最多 {MAX_ORGAN_IMPORT_ROWS} 个机关、
          {MAX_ORGAN_IMPORT_BYTES / 1024 / 1024} MB。
        </p>
      </div>
      <ImportFilePicker
        id={FILE_ID}
        label="机关文件（CSV 或 XLSX）"
        accept={ORGAN_IMPORT_ACCEPT}
        error={fileError}
        busy={busy}
        pending={pending}
        onChosen={chosen}
        onCheck={() => send("check")}
      />
      {fresh || localError ? <FormMessage ok={localError ? false : state.ok} message={localError ?? state.message} testId="organ-import-message" /> : null}
      {preview ? <PreviewView preview={preview} /> : null}
      {preview && preview.problemCount === 0 && preview.create > 0 ? (
        <Button type="button" disabled={busy} onClick={() => send("import")} data-testid="organ-import-confirm">
          {pending ? "正在导入…" : `导入 ${preview.create} 个机关`}
        </Button>
      ) : null}
    </form>
  );
}

const SAMPLE_COLUMNS: SampleColumn<OrganImportPreview["sample"][number]>[] = [
  { label: ORGAN_FIELD_LABELS.fullName, cell: (o) => o.fullName },
  { label: ORGAN_FIELD_LABELS.kind, cell: (o) => o.kind },
  { label: ORGAN_FIELD_LABELS.parentId, cell: (o) => o.parent || "—", className: "px-3 py-1.5 text-slate-500" },
];

function PreviewView({ preview }: { preview: OrganImportPreview }) {
  return (
    <div className="space-y-3 text-sm" data-testid="organ-import-preview">
      <ImportProblems preview={preview} testId="organ-import-problems" />
      <ImportSample preview={preview} noun="机关" columns={SAMPLE_COLUMNS} testId="organ-import-sample" />
      {preview.skipped.length ? (
        <details data-testid="organ-import-skipped">
          <summary className="cursor-pointer text-slate-700">已存在，跳过 {preview.skippedCount} 行</summary>
          <ul className="mt-1 max-h-48 list-inside list-disc overflow-y-auto text-slate-600">
            {preview.skipped.map((s) => (
              <li key={s.row}>
                第 {s.row} 行：{s.fullName}（已存在，跳过）
              </li>
            ))}
          </ul>
          {preview.skippedCount > preview.skipped.length ? <p className="mt-1 text-xs text-slate-500">只列出前 {preview.skipped.length} 行。</p> : null}
        </details>
      ) : null}
    </div>
  );
}
