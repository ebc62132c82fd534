"use client";

import { useMemo, useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import {
  SECTIONS,
  storedOpening,
  sectionHeading,
  tableOfSection,
  textFieldsOf,
  reportTitleSuffix,
  type ReportContent,
} from "@/lib/template";
import {
  feeStatement,
  isGovernment,
  isOrganKind,
  parseWholeNumber,
  REPORT_KINDS,
  reportKindLabel,
  reportName,
  groupByCause,
  type Finding,
  type ReportKind,
} from "@/lib/report/client";
import { validateReport } from "@/lib/report/rules";
import type { ImportNote } from "@/lib/import/types";
import {
  applyCorrections,
  existingLabel,
  importWarnings,
  targetState,
  archiveYearProblem,
  type TargetState,
} from "@/lib/server/services/import-checks";
import type { ImportPreview } from "@/lib/server/services/import-report";
import { confirmImportAction } from "@/app/(app)/reports/import/actions";
import { Button } from "@/components/ui/button";
import { cn } from "@/lib/utils";
import { ImportTable, errorCellsOf, type CellNote } from "./import-table";

const CELL_NOTE_KINDS: ReadonlySet<ImportNote["kind"]> = new Set(["uncertain-cell", "blank-as-zero", "ambiguous-decoding"]);
const SOURCE_LABEL = { pdf: "PDF", docx: "Word（DOCX）", txt: "纯文本（TXT）", html: "网页（HTML）" } as const;

/** The review screen: what was recognised in the file, the clerk's corrections and choices, the confirmation. */
/** The content as the import stores it (lib/server/services/import-report.ts): the importer's generated opening dropped. */
const asStored = (content: ReportContent): ReportContent => ({ ...content, header: { ...content.header, opening: storedOpening(content.header) } });

export function ImportReview({ preview, onRestart }: { preview: ImportPreview; onRestart: () => void }) {
  const router = useRouter();
  const [yearText, setYearText] = useState(String(preview.year ?? ""));
  const [organName, setOrganName] = useState(preview.organName ?? preview.content.header.organName ?? "");
  const [corrections, setCorrections] = useState<Record<string, string>>({});
  // a government writes two reports a year: which one the file is (suggested from its opening)
  const [reportKind, setReportKind] = useState<ReportKind>(preview.reportKind);
  const government = isGovernment(preview.organ.kind);
  /** What follows 「2024年度」 in the report's name: 报告, 本级报告 or 汇总报告 */
  const kindWord = reportName(0, preview.organ.kind, reportKind).replace(/^0年度/, "");
  const [storeImport, setStoreImport] = useState(true);
  const [startNext, setStartNext] = useState(true);
  const [replaceImport, setReplaceImport] = useState(false);
  const [replaceNext, setReplaceNext] = useState(false);
  const [ackOrgan, setAckOrgan] = useState(false);
  const [ackYear, setAckYear] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const year = parseWholeNumber(yearText); // 「２０２３」 too
  const yearOk = year !== null && year >= preview.years.min && year <= preview.years.max;
  const correctable = useMemo(() => new Set(preview.correctable), [preview.correctable]);
  const content: ReportContent = useMemo(
    () => applyCorrections(preview.content, corrections, preview.correctable).content,
    [preview.content, preview.correctable, corrections],
  );
  const opening = storedOpening(content.header);
  const organKind = isOrganKind(preview.organ.kind) ? preview.organ.kind : undefined;
  const findings = useMemo(
    // findings on the same cause (a printed total and a sentence about it) listed together
    // as it is stored: a file without an opening paragraph keeps none (not the template's, with its empty 地址/电话)
    () => (yearOk ? groupByCause(validateReport(asStored(content), { year: year!, organKind, reportKind })) : []),
    [content, year, yearOk, organKind, reportKind],
  );
  const errorCells = useMemo(() => errorCellsOf(findings), [findings]);

  // Notes: numbered cell notes (shown on the tables), the file's defects, unplaced paragraphs, the fee.
  const { cellNotes, notesByCell, defects, unplaced, feeNotes } = useMemo(() => {
    const cellNotes: CellNote[] = [];
    const notesByCell = new Map<string, CellNote[]>();
    const defects: ImportNote[] = [];
    const unplaced: ImportNote[] = [];
    const feeNotes: ImportNote[] = [];
    for (const note of preview.notes) {
      if (CELL_NOTE_KINDS.has(note.kind) && note.cells?.length) {
        const cn: CellNote = { n: cellNotes.length + 1, note };
        cellNotes.push(cn);
        for (const id of note.cells) notesByCell.set(id, [...(notesByCell.get(id) ?? []), cn]);
      } else if (note.kind === "unplaced-paragraph") unplaced.push(note);
      else if (note.kind === "fee-statement") feeNotes.push(note);
      else defects.push(note);
    }
    return { cellNotes, notesByCell, defects, unplaced, feeNotes };
  }, [preview.notes]);

  const warnings = yearOk
    ? importWarnings({ year: year!, organName, fileYear: preview.year }, { organ: preview.organ, expectedYear: preview.expectedYear })
    : { organ: null, year: null };
  const importTarget: TargetState | null = yearOk && storeImport ? targetState(preview.existing, year!, preview.organ, reportKind, "archive") : null;
  const archiveProblem = yearOk && storeImport ? archiveYearProblem(year!, preview.years.archiveMax) : null;
  const nextTarget: TargetState | null = yearOk && startNext ? targetState(preview.existing, year! + 1, preview.organ, reportKind) : null;

  const blockers: string[] = [];
  if (!yearOk) blockers.push(`请填写报告年度（${preview.years.min}–${preview.years.max}）。`);
  if (!storeImport && !startNext) blockers.push("请至少选择一项导入方式。");
  if (archiveProblem) blockers.push(archiveProblem);
  if (warnings.organ && !ackOrgan) blockers.push("请确认机关名称的提示。");
  if (warnings.year && !ackYear) blockers.push("请确认年度的提示。");
  for (const [t, ok] of [
    [importTarget, replaceImport],
    [nextTarget, replaceNext],
  ] as const) {
    if (t?.kind === "locked") blockers.push(t.message);
    if (t?.kind === "replaceable" && !ok) blockers.push("请勾选“确认替换”已有的报告。");
  }

  const confirm = async () => {
    if (!yearOk || blockers.length > 0) return;
    setPending(true);
    setError(null);
    try {
      const r = await confirmImportAction({
        token: preview.token,
        year: year!,
        organName,
        cells: corrections,
        storeImport,
        reportKind,
        startNext,
        replaceImport,
        replaceNext,
        ackOrgan,
        ackYear,
      });
      if (!r.ok) {
        setError(r.message);
        setPending(false);
        return;
      }
      router.push(r.redirectTo ?? "/reports");
      router.refresh();
    } catch {
      setError("导入失败：网络或服务器出错，请稍后重试。");
      setPending(false);
    }
  };

  const errors = findings.filter((f) => f.severity === "error");
  const warningsFound = findings.filter((f) => f.severity === "warning");

  return (
    <div className="space-y-5" data-testid="import-review">
      {/* ---- what the file is ---------------------------------------------------------------------- */}
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1">
          <h2 className="text-base font-semibold">识别结果：{preview.fileName}</h2>
          <span className="text-sm text-slate-500">
            {SOURCE_LABEL[preview.source.kind]}
            {preview.source.pages ? `，${preview.source.pages} 页` : ""}
          </span>
          <FormatBadge format={preview.format} />
          <Button variant="link" className="ml-auto text-sm" onClick={onRestart} disabled={pending}>
            重新选择文件
          </Button>
        </div>
        {preview.format === "2019" ? (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid="old-format-note">
            该文件使用的是2019年旧版格式（国办公开办函〔2019〕60号）。已尽可能对应到2021年格式：能对应的数据已导入，无法对应的单元格留空，请逐项核对。
          </p>
        ) : preview.format === "unknown" ? (
          <p className="mt-2 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">未能确定该文件使用的格式，请仔细核对下面的内容。</p>
        ) : null}

        <div className="mt-4 grid gap-4 sm:grid-cols-2">
          <label className="flex flex-col gap-1 text-sm">
            <span className="text-slate-600">
              报告年度{preview.year ? <span className="text-slate-400">（文件中为 {preview.year} 年）</span> : <span className="text-amber-700">（文件中未识别到年度）</span>}
            </span>
            <input
              name="year"
              inputMode="numeric"
              value={yearText}
              onChange={(e) => {
                setYearText(e.target.value);
                setAckYear(false);
              }}
              aria-invalid={!yearOk || undefined}
              className="w-32 rounded border border-slate-300 px-2 py-1.5 focus:border-blue-600 focus:outline-none"
            />
          </label>
          <label className="flex flex-col gap-1 text-sm">
            <span className="text-slate-600">
              机关名称{preview.organName ? <span className="text-slate-400">（文件标题中为「{preview.organName}」）</span> : null}
            </span>
            <input
              name="organName"
              value={organName}
              maxLength={100}
              onChange={(e) => {
                setOrganName(e.target.value);
                setAckOrgan(false);
              }}
              className="rounded border border-slate-300 px-2 py-1.5 focus:border-blue-600 focus:outline-none"
            />
          </label>
        </div>
        {warnings.organ || warnings.year ? (
          <div className="mt-4 space-y-2" data-testid="import-warnings">
            {warnings.organ ? (
              <Ack checked={ackOrgan} onChange={setAckOrgan} label="我已核对，确认导入该文件" testId="ack-organ">
                {warnings.organ}
              </Ack>
            ) : null}
            {warnings.year ? (
              <Ack checked={ackYear} onChange={setAckYear} label={`确认报告年度为${year}年`} testId="ack-year">
                {warnings.year}
              </Ack>
            ) : null}
          </div>
        ) : null}
      </section>

      {/* ---- the file's own defects and the checks ------------------------------------------------ */}
      <section className="grid gap-4 lg:grid-cols-2">
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-notes">
          <h3 className="mb-2 text-sm font-semibold">文件本身的问题（{defects.length + unplaced.length + cellNotes.length}）</h3>
          {defects.length + unplaced.length + cellNotes.length + feeNotes.length === 0 ? (
            <p className="text-sm text-slate-500">没有发现结构问题。</p>
          ) : null}
          <ul className="space-y-1.5 text-sm">
            {defects.map((n, i) => (
              <li key={`d${i}`} className="flex gap-2" data-note-kind={n.kind}>
                <KindTag kind={n.kind} />
                <span>{n.message}</span>
              </li>
            ))}
            {cellNotes.map((c) => (
              <li key={`c${c.n}`} className="flex gap-2" data-note-kind={c.note.kind}>
                <KindTag kind={c.note.kind} />
                <span>
                  <b className="mr-1">注{c.n}</b>
                  {c.note.message}
                </span>
              </li>
            ))}
            {feeNotes.map((n, i) => (
              <li key={`f${i}`} className="flex gap-2" data-note-kind={n.kind}>
                <KindTag kind={n.kind} />
                <span>{n.message}</span>
              </li>
            ))}
          </ul>
          {unplaced.length > 0 ? (
            <div className="mt-3" data-testid="unplaced">
              <h4 className="mb-1 text-sm font-medium text-slate-700">未导入的段落（{unplaced.length}）</h4>
              <ul className="space-y-1 text-sm text-slate-600">
                {unplaced.map((n, i) => (
                  <li key={i} className="rounded bg-slate-50 px-2 py-1">
                    {/* the paragraph quoted once: a message that quotes it already stands alone */}
                    {n.text && !n.message.includes(n.text) ? <q className="text-slate-800">{n.text}</q> : null}
                    <span className="ml-1 text-xs text-slate-500">{n.message}</span>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="import-findings">
          <h3 className="mb-2 text-sm font-semibold">
            规则检查：<span className="text-red-700">{errors.length} 个错误</span>，
            <span className="text-amber-700">{warningsFound.length} 个提示</span>
          </h3>
          {!yearOk ? <p className="text-sm text-slate-500">填写报告年度后显示检查结果。</p> : null}
          <ul className="max-h-80 space-y-1 overflow-y-auto text-sm">
            {findings.map((f, i) => (
              <FindingItem key={f.key} finding={f} sameCause={!!f.cause && findings[i - 1]?.cause === f.cause} />
            ))}
          </ul>
          {yearOk && findings.length === 0 ? <p className="text-sm text-green-700">未发现问题。</p> : null}
          <p className="mt-2 text-xs text-slate-500">
            检查针对导入的内容；表格中的合计按各项重新计算，与原文合计不一致时列为错误（E2–E4）。
          </p>
        </div>
      </section>

      {/* ---- the content, section by section ------------------------------------------------------- */}
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="text-sm font-semibold">
          导入的内容：{organName || preview.organ.fullName}
          {year ? reportTitleSuffix(year) : ""}
        </h3>
        <Collapsible title="开头段落" empty={!opening}>
          {/* as it is stored: the importer's generated opening (with its empty 地址/电话) is not the file's */}
          {opening ? (
            <Prose text={opening} />
          ) : (
            <p className="text-sm text-slate-500" data-testid="no-opening">
              （文件中没有开头段落，存档时不加）
            </p>
          )}
        </Collapsible>
        {SECTIONS.map((s) => {
          const table = tableOfSection(s.key);
          if (table) {
            const notesHere = cellNotes.filter((c) => c.note.cells?.some((id) => id.startsWith(`${table.id}.`)));
            return (
              <Collapsible key={s.key} title={sectionHeading(s)} open testId={`section-${s.key}`}>
                <ImportTable
                  table={table}
                  cells={content.cells}
                  sourceTotals={content.sourceTotals}
                  notesByCell={notesByCell}
                  correctable={correctable}
                  errorCells={errorCells}
                  onCell={(id, v) => setCorrections((c) => ({ ...c, [id]: v }))}
                />
                {notesHere.length > 0 ? (
                  <ul className="mt-2 space-y-1 text-xs text-slate-700">
                    {notesHere.map((c) => (
                      <li key={c.n}>
                        <b>注{c.n}</b> {c.note.message}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {table.cells.some((c) => correctable.has(c.id)) ? (
                  <p className="mt-1 text-xs text-slate-500">
                    带虚线的单元格可以修改（导入时不确定、原文空白或无法识别的单元格）；其余单元格按原文导入，不可修改。
                  </p>
                ) : null}
              </Collapsible>
            );
          }
          const fields = textFieldsOf(s.key);
          const filled = fields.some((f) => (content.text[f.id] ?? "").trim() !== "");
          return (
            <Collapsible key={s.key} title={sectionHeading(s)} testId={`section-${s.key}`} empty={!filled && !(s.key === "s6" && content.fee.charged !== null)}>
              {s.key === "s6" && content.fee.charged !== null ? (
                <p className="mb-2 rounded bg-blue-50 px-2 py-1 text-sm text-blue-900" data-testid="fee-statement">
                  信息处理费（结构化说明，导出时写在本部分开头）：{feeStatement(content.fee)}
                </p>
              ) : null}
              {fields.map((f) =>
                (content.text[f.id] ?? "").trim() ? (
                  <div key={f.id} className="mb-2">
                    {f.heading ? <h4 className="text-sm font-medium text-slate-700">{f.heading}</h4> : null}
                    <Prose text={content.text[f.id] ?? ""} />
                  </div>
                ) : null,
              )}
              {!filled ? <p className="text-sm text-slate-400">（空）</p> : null}
            </Collapsible>
          );
        })}
        <Collapsible title="署名和成文日期">
          <p className="text-sm">
            {content.header.organName || <span className="text-slate-400">（无署名）</span>}
            <br />
            {content.header.signDate || <span className="text-slate-400">（无日期）</span>}
          </p>
        </Collapsible>
      </section>

      {/* ---- what to do with it -------------------------------------------------------------------- */}
      <section className="space-y-3 rounded-lg border border-blue-200 bg-blue-50/40 p-4" data-testid="import-targets">
        {government ? (
          <fieldset className="rounded border border-slate-200 bg-white px-3 py-2 text-sm" data-testid="import-report-kind">
            <legend className="px-1 font-semibold">这份文件是{preview.organ.fullName}的</legend>
            <div className="flex flex-wrap gap-x-6 gap-y-1">
              {REPORT_KINDS.map((k) => (
                <label key={k} className="flex items-center gap-2">
                  <input
                    type="radio"
                    name="reportKind"
                    value={k}
                    checked={reportKind === k}
                    onChange={() => {
                      setReportKind(k);
                      setReplaceImport(false);
                      setReplaceNext(false);
                    }}
                  />
                  {reportKindLabel(preview.organ.kind, k)}
                  <span className="text-xs text-slate-500">
                    {k === "ROLLUP" ? "（汇总本地区各单位情况编制）" : "（本级政府自身的年度报告）"}
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        ) : null}
        <h3 className="text-sm font-semibold">导入方式（可同时选择）</h3>
        <Target
          checked={storeImport}
          onChange={(v) => {
            setStoreImport(v);
            setReplaceImport(false);
          }}
          label={`作为${year ?? "该"}年度${kindWord}存档（只读，用于下一年的核对）`}
          hint="按导入的内容保存为本机关该年度的报告，标记为“已导入”，任何人都不能修改；下一年度报告的上年结转、现行有效件数和雷同检查以它为准。"
          state={importTarget}
          problem={archiveProblem}
          confirmed={replaceImport}
          onConfirm={setReplaceImport}
          testId="target-import"
        />
        <Target
          checked={startNext}
          onChange={(v) => {
            setStartNext(v);
            setReplaceNext(false);
          }}
          label={`以此为底稿新建${year ? year + 1 : "下一"}年度${kindWord}`}
          hint={
            reportKind === "ROLLUP"
              ? `正文各部分沿用导入的内容（请逐段更新，避免与上年雷同）；表格和信息处理费与任何汇总报告一样，取自下级机关${year ? year + 1 : "新"}年度已通过或已发布报告的汇总，并随之更新；开头段落按${year ? year + 1 : "新"}年度重新生成。`
              : `正文各部分沿用导入的内容（请逐段更新，避免与上年雷同）；表三「二、上年结转」取自导入报告的「四、结转下年度继续办理」，其余单元格留空；开头段落按${year ? year + 1 : "新"}年度重新生成。`
          }
          state={nextTarget}
          confirmed={replaceNext}
          onConfirm={setReplaceNext}
          testId="target-next"
        />
        {error ? (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-800" data-testid="import-error">
            {error}
          </p>
        ) : null}
        <div className="flex flex-wrap items-center gap-3">
          <Button onClick={confirm} disabled={pending || blockers.length > 0}>
            {pending ? "正在导入…" : "确认导入"}
          </Button>
          <Button variant="outline" onClick={onRestart} disabled={pending}>
            取消
          </Button>
          {blockers.length > 0 ? (
            <span className="text-sm text-slate-600" data-testid="import-blockers">
              {blockers[0]}
            </span>
          ) : null}
        </div>
        <p className="text-xs text-slate-500">确认之前不会保存任何内容。</p>
      </section>
    </div>
  );
}

function FormatBadge({ format }: { format: ImportPreview["format"] }) {
  const label = format === "2021" ? "2021年格式" : format === "2019" ? "2019年旧版格式" : "格式未知";
  return (
    <span
      data-testid="import-format"
      className={cn(
        "rounded px-2 py-0.5 text-xs",
        format === "2021" ? "bg-green-100 text-green-800" : "bg-amber-100 text-amber-900",
      )}
    >
      {label}
    </span>
  );
}

const KIND_LABEL: Record<ImportNote["kind"], string> = {
  "uncertain-cell": "不确定",
  "blank-as-zero": "空白按0",
  "unplaced-paragraph": "未归入",
  "missing-section": "缺少部分",
  "duplicate-section": "重复部分",
  "old-format": "旧版格式",
  "ambiguous-decoding": "数字不明",
  "fee-statement": "信息处理费",
  other: "提示",
};

function KindTag({ kind }: { kind: ImportNote["kind"] }) {
  return <span className="h-fit shrink-0 rounded bg-slate-100 px-1.5 py-0.5 text-[11px] text-slate-700">{KIND_LABEL[kind]}</span>;
}

function FindingItem({ finding, sameCause }: { finding: Finding; sameCause: boolean }) {
  return (
    <li className={cn("flex gap-2", sameCause && "ml-6")} data-rule={finding.rule} data-cause={finding.cause}>
      {sameCause ? <span className="shrink-0 text-xs text-slate-500">同一原因</span> : null}
      <span
        className={cn(
          "h-fit shrink-0 rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold",
          finding.severity === "error" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900",
        )}
      >
        {finding.rule}
      </span>
      <span>{finding.message}</span>
    </li>
  );
}

function Collapsible(props: { title: string; open?: boolean; empty?: boolean; testId?: string; children: ReactNode }) {
  return (
    <details open={props.open} className="rounded border border-slate-200" data-testid={props.testId}>
      <summary className="cursor-pointer select-none px-3 py-2 text-sm font-medium text-slate-800 hover:bg-slate-50">
        {props.title}
        {props.empty ? <span className="ml-2 text-xs font-normal text-amber-700">（未找到内容）</span> : null}
      </summary>
      <div className="border-t border-slate-100 px-3 py-2">{props.children}</div>
    </details>
  );
}

function Prose({ text }: { text: string }) {
  return <div className="whitespace-pre-wrap text-sm leading-6 text-slate-800">{text || <span className="text-slate-400">（空）</span>}</div>;
}

function Ack(props: { checked: boolean; onChange: (v: boolean) => void; label: string; testId: string; children: ReactNode }) {
  return (
    <div className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" data-testid={props.testId}>
      <p>{props.children}</p>
      <label className="mt-1 flex items-center gap-2 font-medium">
        <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        {props.label}
      </label>
    </div>
  );
}

function Target(props: {
  checked: boolean;
  onChange: (v: boolean) => void;
  label: string;
  hint: string;
  state: TargetState | null;
  /** why this way of importing is not possible (the year), shown under it */
  problem?: string | null;
  confirmed: boolean;
  onConfirm: (v: boolean) => void;
  testId: string;
}) {
  const { state } = props;
  return (
    <div className="rounded border border-slate-200 bg-white px-3 py-2" data-testid={props.testId}>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" checked={props.checked} onChange={(e) => props.onChange(e.target.checked)} />
        {props.label}
      </label>
      <p className="ml-6 mt-0.5 text-xs text-slate-500">{props.hint}</p>
      {props.problem ? (
        <p className="ml-6 mt-1 text-sm text-red-700" role="alert" data-testid={`${props.testId}-problem`}>
          {props.problem}
        </p>
      ) : null}
      {!props.problem && state?.kind === "locked" ? (
        <p className="ml-6 mt-1 text-sm text-red-700" role="alert">
          {state.message}
        </p>
      ) : null}
      {state?.kind === "replaceable" ? (
        <div className="ml-6 mt-1 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
          <p>
            {state.message}
            <span className="ml-1 text-xs">（现有报告：{existingLabel(state.report)}）</span>
          </p>
          <label className="mt-1 flex items-center gap-2 font-medium">
            <input type="checkbox" checked={props.confirmed} onChange={(e) => props.onConfirm(e.target.checked)} />
            确认替换
          </label>
        </div>
      ) : null}
    </div>
  );
}
