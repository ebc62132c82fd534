"use client";

import { useState } from "react";
import { IMPORT_FIELDS, REGISTER_TEMPLATE_NAME, columnLetter, type ImportProblem } from "@/lib/register/columns";
import { Button } from "@/components/ui/button";
import { useHydrated } from "@/components/ui/use-hydrated";
import type { ImportCheck } from "@/lib/server/services/register-import";

type Uploaded = { name: string; rows: string[][]; headerRow: number; mapping: string[] };

const MAPPING_KEY = "nianbao.register.mapping";

/** The clerk's mapping of last time, by header text (so a 台账 of the same layout maps itself). */
function rememberedMapping(header: string[], guessed: string[]): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(MAPPING_KEY) ?? "{}") as Record<string, string>;
    return header.map((h, i) => (h in saved ? saved[h]! : guessed[i] ?? ""));
  } catch {
    return guessed;
  }
}

export function RegisterImport({
  organId,
  year,
  check,
  confirm,
}: {
  organId: string;
  year: number;
  check: (organId: string, year: number, rows: string[][], mapping: string[], headerRow: number) => Promise<ImportCheck>;
  confirm: (organId: string, year: number, file: Uploaded) => Promise<ImportCheck>;
}) {
  const [file, setFile] = useState<Uploaded | null>(null);
  const [result, setResult] = useState<ImportCheck | null>(null);
  const [message, setMessage] = useState("");
  const [busy, setBusy] = useState(false);
  // drawn by the server: a file chosen before the page is interactive would be dropped
  const hydrated = useHydrated();

  const upload = async (f: File) => {
    setBusy(true);
    setResult(null);
    setMessage("正在读取…");
    const form = new FormData();
    form.set("file", f);
    try {
      const res = await fetch("/register/upload", { method: "POST", body: form });
      const body = (await res.json()) as { ok: boolean; message?: string } & Partial<Uploaded>;
      if (!body.ok || !body.rows) {
        setMessage(body.message ?? "无法读取该文件。");
        setFile(null);
      } else {
        const header = body.rows[0] ?? [];
        const up = { name: body.name ?? f.name, rows: body.rows, headerRow: body.headerRow ?? 1, mapping: rememberedMapping(header, body.mapping ?? []) };
        setFile(up);
        setMessage(`已读取「${up.name}」：表头在第 ${up.headerRow} 行，共 ${up.rows.length - 1} 行。请确认各列对应的项目，然后检查。`);
        setResult(await check(organId, year, up.rows, up.mapping, up.headerRow));
      }
    } catch {
      setMessage("上传失败，请检查网络后重试。");
    } finally {
      setBusy(false);
    }
  };

  const remap = async (i: number, field: string) => {
    if (!file) return;
    const mapping = file.mapping.map((m, k) => (k === i ? field : m === field && field ? "" : m));
    const next = { ...file, mapping };
    setFile(next);
    setResult(await check(organId, year, next.rows, mapping, next.headerRow));
  };

  const doConfirm = async () => {
    if (!file) return;
    setBusy(true);
    const r = await confirm(organId, year, file);
    setBusy(false);
    setResult(r);
    if (r.ok) {
      try {
        const header = file.rows[0] ?? [];
        localStorage.setItem(MAPPING_KEY, JSON.stringify(Object.fromEntries(header.map((h, i) => [h, file.mapping[i] ?? ""]))));
      } catch {
        /* private mode: the mapping is simply not remembered */
      }
      // said once, below the file choice (the check's result is done with)
      setMessage(r.message);
      setResult(null);
      setFile(null);
    }
  };

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="register-import">
      <h2 className="mb-2 text-base font-semibold">导入已有台账（XLSX 或 CSV）</h2>
      <p className="mb-2 text-xs text-slate-500">
        先检查，再确认：确认之前不保存任何数据。文件中有问题的行会逐行列出（行号和列名按您的文件）。
        <a href={`/register/template?year=${year}`} download={REGISTER_TEMPLATE_NAME} className="ml-1 text-blue-700 underline" data-testid="register-template">
          下载模板（CSV）
        </a>
      </p>
      <input
        type="file"
        accept=".xlsx,.csv,.txt"
        aria-label="选择台账文件"
        disabled={busy || !hydrated}
        onChange={(e) => {
          const f = e.target.files?.[0];
          if (f) void upload(f);
          e.target.value = "";
        }}
      />
      {message ? (
        <p className="mt-2 text-sm text-slate-700" data-testid="import-message">
          {message}
        </p>
      ) : null}
      {file ? (
        <div className="mt-3 overflow-x-auto">
          <table className="text-xs">
            <thead>
              <tr>
                {(file.rows[0] ?? []).map((h, i) => (
                  <th key={i} className="px-1 py-1 text-left font-medium">
                    <div>
                      {columnLetter(i)} · {h || "（空）"}
                    </div>
                    <select
                      className="mt-1 h-7 rounded border border-slate-300 text-xs"
                      aria-label={`第 ${columnLetter(i)} 列对应`}
                      value={file.mapping[i] ?? ""}
                      onChange={(e) => void remap(i, e.target.value)}
                    >
                      <option value="">（不导入）</option>
                      {IMPORT_FIELDS.map((f) => (
                        <option key={f.field} value={f.field}>
                          {f.label}
                        </option>
                      ))}
                    </select>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {file.rows.slice(1, 6).map((r, k) => (
                <tr key={k} className="border-t border-slate-100">
                  {r.map((c, i) => (
                    <td key={i} className="max-w-[10rem] truncate px-1 py-1">
                      {c}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {result ? (
        <div className="mt-3 text-sm" data-testid="import-result">
          <p className={result.ok ? "text-green-800" : "text-red-700"}>{result.message}</p>
          {result.problems.length ? (
            <ul className="mt-1 list-disc pl-5 text-red-700" data-testid="import-problems">
              {result.problems.slice(0, 200).map((p: ImportProblem, i) => (
                <li key={i}>
                  第 {p.row} 行「{p.column}」：{p.message}
                </li>
              ))}
            </ul>
          ) : null}
          {file && result.ok ? (
            <Button className="mt-2" size="sm" disabled={busy} onClick={() => void doConfirm()}>
              确认导入 {result.count} 件
            </Button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
