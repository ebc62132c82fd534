"use client";

import { useState } from "react";
import { importUsersAction } from "@/app/(app)/admin/actions";
import { Button } from "@/components/ui/button";
import {
  MAX_USER_IMPORT_ROWS,
  USER_IMPORT_ACCEPT,
  USER_IMPORT_COLUMNS,
  USER_IMPORT_TEMPLATE_HREF,
  USER_IMPORT_TEMPLATE_NAME,
  passwordsCsv,
  passwordsFileName,
  userFileProblem,
  type ImportedAccount,
  type UserImportPreview,
  userImportColumnLabel,
} from "@/lib/admin/user-import-columns";
import { ROLE_LABELS } from "@/lib/labels";
import { FormMessage } from "./field";
import { ImportColumnsNote, ImportFilePicker, ImportProblems, ImportSample, useImportFile, type SampleColumn } from "./import-file";
import { INITIAL_USER_IMPORT_STATE } from "./form-state";
import { useAdminForm } from "./use-admin-form";

const FILE_ID = "user-import-file";
const COLUMN_HINTS: Partial<Record<string, string>> = {
  username: "（2 至 32 位小写字母、数字或 _ . -）",
  role: `（${Object.values(ROLE_LABELS).join("、")}）`,
  organ: "（机关全称，须在您的管理范围内）",
  password: "（可选，至少 8 位；留空则自动生成）",
};

/**
 * 批量导入账号: choose a CSV or XLSX file, see what it would create and every problem (row and column as in the
 * file), then import it in one go. After the import the initial passwords are offered once (a CSV made in the
 * browser, a table, 复制): they are in this page's memory only.
 */
export function UserImportForm() {
  const { state, pending, busy, formProps, submit } = useAdminForm(importUsersAction, INITIAL_USER_IMPORT_STATE);
  const { formRef, fresh, preview, fileError, localError, send, chosen } = useImportFile({
    state,
    submit,
    fileProblem: userFileProblem,
    // after an import the field is emptied (the same file again would only find the usernames taken)
    imported: state.accounts.length > 0,
  });

  return (
    <div className="space-y-4">
      <form
        {...formProps}
        ref={formRef}
        onSubmit={(e) => {
          e.preventDefault();
          send("check");
        }}
        noValidate
        className="space-y-4"
        aria-label="批量导入账号"
        data-testid="user-import"
      >
        <div className="space-y-1 text-sm text-slate-600">
          <ImportColumnsNote columns={USER_IMPORT_COLUMNS} hints={COLUMN_HINTS} templateHref={USER_IMPORT_TEMPLATE_HREF} templateName={USER_IMPORT_TEMPLATE_NAME} />
          <p className="text-xs text-slate-500">
            先检查，再导入：文件有任何问题时不导入任何账号；导入时所有账号一次建立，要么全部成功，要么一个也不建立。CSV 可为 UTF-8 或 GBK 编码；每个文件最多{" "}
            {MAX_USER_IMPORT_ROWS} 个账号（每个密码须加密保存，数百个账号的导入约需一两分钟，请耐心等待）。
          </p>
        </div>
        <ImportFilePicker
          id={FILE_ID}
          label="账号文件（CSV 或 XLSX）"
          accept={USER_IMPORT_ACCEPT}
          error={fileError}
          busy={busy}
          pending={pending}
          onChosen={chosen}
          onCheck={() => send("check")}
        />
        {fresh || localError ? <FormMessage ok={localError ? false : state.ok} message={localError ?? state.message} testId="user-import-message" /> : null}
        {preview ? <PreviewView preview={preview} /> : null}
        {preview && preview.problemCount === 0 && preview.create > 0 ? (
          <Button type="button" disabled={busy} onClick={() => send("import")} data-testid="user-import-confirm">
            {pending ? "正在导入…" : `导入 ${preview.create} 个账号`}
          </Button>
        ) : null}
      </form>
      {state.accounts.length ? <PasswordsView key={state.seq} accounts={state.accounts} fileName={state.fileName} /> : null}
    </div>
  );
}

const SAMPLE_COLUMNS: SampleColumn<UserImportPreview["sample"][number]>[] = [
  { label: userImportColumnLabel("username"), cell: (u) => u.username, className: "px-3 py-1.5 font-mono" },
  { label: userImportColumnLabel("displayName"), cell: (u) => u.displayName },
  { label: userImportColumnLabel("role"), cell: (u) => u.role },
  { label: userImportColumnLabel("organ"), cell: (u) => u.organ || "—", className: "px-3 py-1.5 text-slate-600" },
  { label: userImportColumnLabel("password"), cell: (u) => (u.generated ? "自动生成" : "文件中已填"), className: "px-3 py-1.5 text-slate-600" },
];

function PreviewView({ preview }: { preview: UserImportPreview }) {
  return (
    <div className="space-y-3 text-sm" data-testid="user-import-preview">
      <ImportProblems preview={preview} testId="user-import-problems" />
      <ImportSample preview={preview} noun="账号" columns={SAMPLE_COLUMNS} testId="user-import-sample" />
    </div>
  );
}

/** The imported accounts' initial passwords, offered once: a CSV made here, a table, 复制. */
function PasswordsView({ accounts, fileName }: { accounts: ImportedAccount[]; fileName: string }) {
  const [copied, setCopied] = useState<string | null>(null);
  const download = () => {
    const url = URL.createObjectURL(new Blob([passwordsCsv(accounts)], { type: "text/csv;charset=utf-8" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = passwordsFileName(fileName);
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1_000);
  };
  const copy = async () => {
    const text = ["用户名\t姓名\t所属机关\t初始密码", ...accounts.map((a) => [a.username, a.displayName, a.organ, a.password].join("\t"))].join("\n");
    try {
      await navigator.clipboard.writeText(text);
      setCopied("已复制到剪贴板，可粘贴到 Excel 或 WPS 表格中。");
    } catch {
      setCopied("无法访问剪贴板：请改用“下载初始密码（CSV）”。");
    }
  };
  return (
    <section className="space-y-3 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="user-import-passwords">
      <h3 className="font-medium text-slate-800">
        {accounts.length} 个账号的初始密码
      </h3>
      <p className="text-amber-900">
        初始密码只在此显示这一次：系统不保存明文密码，离开或刷新本页后无法再查看。请立即下载或复制，并通过安全的方式（当面或加密渠道）分别交给本人，不要通过群聊或邮件整表发送；交付后请删除该文件。忘记密码的账号可在其账号页面重置密码。
      </p>
      <div className="flex flex-wrap items-center gap-3">
        <Button type="button" onClick={download} data-testid="user-import-download">
          下载初始密码（CSV）
        </Button>
        <Button type="button" variant="outline" onClick={() => void copy()}>
          复制
        </Button>
        {copied ? (
          <span role="status" className="text-slate-700">
            {copied}
          </span>
        ) : null}
      </div>
      <details>
        <summary className="cursor-pointer text-slate-700">查看初始密码</summary>
        <div className="mt-2 max-h-80 overflow-auto">
          <table className="w-full bg-white text-sm" data-testid="user-import-password-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-1.5 font-medium">用户名</th>
                <th scope="col" className="px-3 py-1.5 font-medium">姓名</th>
                <th scope="col" className="px-3 py-1.5 font-medium">所属机关</th>
                <th scope="col" className="px-3 py-1.5 font-medium">初始密码</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.username} className="border-t border-slate-100">
                  <td className="px-3 py-1.5 font-mono">{a.username}</td>
                  <td className="px-3 py-1.5">{a.displayName}</td>
                  <td className="px-3 py-1.5 text-slate-600">{a.organ || "—"}</td>
                  <td className="px-3 py-1.5 font-mono">{a.password}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </section>
  );
}
