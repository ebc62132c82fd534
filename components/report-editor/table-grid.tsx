"use client";

import { memo, useCallback, useEffect, useMemo, useRef, useState, type ClipboardEvent, type FocusEvent, type KeyboardEvent } from "react";
import { CELLS, T3_ROWS, type CellDef, type GridRow, type TableDef } from "@/lib/template";
import {
  carriedFromPrevious,
  MAX_CELL_CHARS,
  isMultiCellPaste,
  normalizeCellInput,
  parsePastedGrid,
  pasteNotice,
  planPaste,
  readCell,
} from "@/lib/report";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { useCell, useEditor, useHighlighted, useInvalid, useMark, useTotal } from "./context";
import { buildNavModel, keyDirection, navTarget } from "./grid-nav";
import { revealRef } from "./reveal";
import { CommentMarker, useCommentDescription } from "@/components/review/comment-marker";

const cellInputClass =
  "block h-8 w-full min-w-0 bg-transparent px-1.5 text-right text-[13px] tabular-nums text-slate-900 " +
  "outline-none focus:bg-white focus:outline-2 focus:-outline-offset-2 focus:outline-blue-600 read-only:cursor-default";

const CellInput = memo(function CellInput({ def, colSpan }: { def: CellDef; colSpan: number }) {
  const { store, readOnly } = useEditor();
  const value = useCell(def.id);
  const highlighted = useHighlighted(def.id);
  const mark = useMark(def.id);
  const comments = useCommentDescription(`cell:${def.id}`);
  const reading = readCell(value, def.kind);
  const error = reading.state === "invalid" ? reading.message : null;
  return (
    <td
      colSpan={colSpan > 1 ? colSpan : undefined}
      className={cn(
        "relative border border-slate-300 p-0",
        mark === "warning" && "bg-amber-50",
        mark === "error" && "bg-red-50",
        error && "bg-red-50",
        highlighted && "bg-yellow-100 ring-2 ring-inset ring-amber-400",
      )}
    >
      <input
        data-cell={def.id}
        aria-label={def.name}
        aria-describedby={comments}
        aria-invalid={error ? true : undefined}
        title={error ? `${def.name}：${error}` : undefined}
        inputMode={def.kind === "count" ? "numeric" : "decimal"}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_CELL_CHARS}
        readOnly={readOnly}
        value={value}
        onChange={(e) => store.setCell(def.id, e.target.value)}
        className={cn(cellInputClass, error && "text-red-700 underline decoration-red-500 decoration-wavy")}
      />
      <CommentMarker anchor={`cell:${def.id}`} cell className="absolute left-0.5 top-0.5" />
    </td>
  );
});

const ComputedCell = memo(function ComputedCell({ def, colSpan }: { def: CellDef; colSpan: number }) {
  const total = useTotal(def.id);
  const highlighted = useHighlighted(def.id);
  const mark = useMark(def.id);
  const comments = useCommentDescription(`cell:${def.id}`);
  return (
    <td
      colSpan={colSpan > 1 ? colSpan : undefined}
      className={cn(
        "relative border border-slate-300 bg-slate-100 p-0",
        mark === "error" && "bg-red-100",
        highlighted && "bg-yellow-100 ring-2 ring-inset ring-amber-400",
      )}
    >
      <output
        data-cell={def.id}
        tabIndex={-1}
        aria-label={def.name}
        aria-describedby={comments}
        title={total === null ? "有单元格的值无效，无法计算合计" : "自动计算，不能输入"}
        className="block h-8 px-1.5 text-right text-[13px] font-semibold leading-8 tabular-nums text-slate-700 outline-none focus:outline-2 focus:-outline-offset-2 focus:outline-blue-600"
      >
        {total === null ? "—" : total}
      </output>
      <CommentMarker anchor={`cell:${def.id}`} cell className="absolute left-0.5 top-0.5" />
    </td>
  );
});

const textCellClass: Record<"corner" | "header" | "title" | "label", string> = {
  corner: "bg-slate-50 px-2 py-1.5 text-left align-middle text-[11px] font-normal leading-4 text-slate-600",
  header: "bg-slate-50 px-1 py-1.5 text-center align-middle text-xs font-medium leading-4 text-slate-700",
  title: "bg-slate-100 px-2 py-1.5 text-left text-[13px] font-semibold text-slate-800",
  label: "px-2 py-1 text-left align-middle text-[13px] font-normal leading-5 text-slate-800",
};

const GridRowView = memo(function GridRowView({ row, section }: { row: GridRow; section: "head" | "body" }) {
  return (
    <tr>
      {row.cells.map((cell, i) => {
        if (cell.type === "text") {
          return (
            <th
              key={i}
              colSpan={cell.colSpan}
              rowSpan={cell.rowSpan}
              scope={cell.role === "label" ? "row" : cell.role === "corner" ? undefined : section === "head" || cell.role === "header" ? "col" : undefined}
              className={cn("border border-slate-300", textCellClass[cell.role])}
            >
              {cell.text}
            </th>
          );
        }
        const def = CELLS.get(cell.cellId)!;
        return def.computed ? (
          <ComputedCell key={cell.cellId} def={def} colSpan={cell.colSpan} />
        ) : (
          <CellInput key={cell.cellId} def={def} colSpan={cell.colSpan} />
        );
      })}
    </tr>
  );
});

const MIN_WIDTH: Record<TableDef["id"], string> = { t2: "min-w-[560px]", t3: "min-w-[900px]", t4: "min-w-[860px]" };

/** Table 二, 三 or 四 as an HTML table with the official merged headers; input cells behave like a spreadsheet. */
export function TableGrid({ table }: { table: TableDef }) {
  const { store, readOnly, previous, year } = useEditor();
  const tableRef = useRef<HTMLTableElement>(null);
  const model = useMemo(() => buildNavModel(table), [table]);
  const [notice, setNotice] = useState<{ text: string; tone: "info" | "warn"; undo?: boolean } | null>(null);
  const noticeTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  /** A message beside the buttons; `undo`: it reports a block operation, offer to take it back. */
  const say = useCallback((text: string, tone: "info" | "warn" = "info", undo = false) => {
    setNotice({ text, tone, undo });
    if (noticeTimer.current) clearTimeout(noticeTimer.current);
    noticeTimer.current = setTimeout(() => setNotice(null), 10_000);
  }, []);

  useEffect(
    () => () => {
      if (noticeTimer.current) clearTimeout(noticeTimer.current);
    },
    [],
  );

  const focusCell = (id: string) => {
    const el = tableRef.current?.querySelector<HTMLInputElement>(`input[data-cell="${id}"]`);
    if (!el) return;
    el.focus();
    el.select();
  };

  const undo = () => {
    const r = store.undo();
    if (!r) return;
    say(
      `已撤销“${r.label}”，恢复 ${r.restored} 个单元格${r.kept ? `；${r.kept} 个单元格此后又修改过，保留修改` : ""}。`,
      "info",
      store.peekUndo() !== null,
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTableElement>) => {
    const el = e.target;
    if (!(el instanceof HTMLInputElement) || !el.dataset.cell) return;
    // Ctrl/⌘+Z right after a paste or fill takes the whole block back (the input's own undo cannot)
    if (!readOnly && (e.ctrlKey || e.metaKey) && !e.shiftKey && !e.altKey && e.key.toLowerCase() === "z" && store.peekUndo()?.latest) {
      e.preventDefault();
      undo();
      return;
    }
    const dir = keyDirection({
      key: e.key,
      shiftKey: e.shiftKey,
      altKey: e.altKey,
      ctrlKey: e.ctrlKey,
      metaKey: e.metaKey,
      isComposing: e.nativeEvent.isComposing || e.keyCode === 229,
      selectionStart: el.selectionStart,
      selectionEnd: el.selectionEnd,
      valueLength: el.value.length,
    });
    if (!dir) return;
    e.preventDefault();
    const next = navTarget(model, el.dataset.cell, dir);
    if (next) focusCell(next);
  };

  const onBlur = (e: FocusEvent<HTMLTableElement>) => {
    const el = e.target;
    if (readOnly || !(el instanceof HTMLInputElement) || !el.dataset.cell) return;
    const normalized = normalizeCellInput(el.value);
    if (normalized !== el.value) store.setCell(el.dataset.cell, normalized);
  };

  const onPaste = (e: ClipboardEvent<HTMLTableElement>) => {
    const el = e.target;
    if (readOnly || !(el instanceof HTMLInputElement) || !el.dataset.cell) return;
    const grid = parsePastedGrid(e.clipboardData.getData("text/plain"));
    if (!isMultiCellPaste(grid)) return; // a single value: the input pastes it at the caret
    e.preventDefault();
    const plan = planPaste(table, el.dataset.cell, grid);
    const changed = store.setCells(plan.writes, { undo: "粘贴" });
    const extra = pasteNotice(plan);
    say(extra ?? `已粘贴 ${plan.writes.length} 个单元格。`, extra ? "warn" : "info", changed > 0);
  };

  const fillZero = () => {
    const n = store.fillBlanks(table.id);
    say(n > 0 ? `已将${table.name}中 ${n} 个空白单元格填为 0。` : `${table.name}没有空白单元格。`, "info", n > 0);
  };

  const prevCarry =
    table.id === "t3" && previous && previous.year === year - 1 && !readOnly
      ? Object.entries(carriedFromPrevious(previous.content.cells)).map(([id, value]) => ({ id, value }))
      : null;
  const carriedLabel = T3_ROWS.find((r) => r.id === "carried")?.label;
  const carryoverLabel = T3_ROWS.find((r) => r.id === "carryover")?.label;

  return (
    <div>
      <div className="overflow-x-auto">
        <table
          ref={tableRef}
          data-table={table.id}
          aria-label={table.name}
          className={cn("w-full table-fixed border-collapse border border-slate-300 bg-white", MIN_WIDTH[table.id])}
          onKeyDown={onKeyDown}
          onBlur={onBlur}
          onPaste={onPaste}
        >
          <colgroup>
            {table.columnWidths.map((w, i) => (
              <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          {table.headerRows.length > 0 && (
            <thead>
              {table.headerRows.map((row) => (
                <GridRowView key={row.key} row={row} section="head" />
              ))}
            </thead>
          )}
          <tbody>
            {table.bodyRows.map((row) => (
              <GridRowView key={row.key} row={row} section="body" />
            ))}
          </tbody>
        </table>
      </div>
      <TableErrors table={table} />
      {!readOnly && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button variant="outline" size="sm" onClick={fillZero}>
            空白单元格填 0
          </Button>
          {prevCarry && (
            <Button
              variant="outline"
              size="sm"
              title={`把${previous!.year}年报告「${carryoverLabel}」的数字填入本年「${carriedLabel}」`}
              onClick={() => {
                const changed = store.setCells(prevCarry, { undo: "按上年报告填入上年结转" });
                say(`已按${previous!.year}年报告填入「${carriedLabel}」。`, "info", changed > 0);
              }}
            >
              按上年报告填入上年结转
            </Button>
          )}
          <span className="text-xs text-slate-500">可从 Excel/WPS 复制整块数据粘贴（Ctrl+Z 撤销整块）；回车下移，方向键移动。</span>
          <span
            role="status"
            aria-live="polite"
            className={cn("text-xs", notice?.tone === "warn" ? "text-amber-700" : "text-emerald-700")}
          >
            {notice?.text}
          </span>
          {notice?.undo && (
            <Button variant="ghost" size="sm" onClick={undo} data-testid="undo-block" title="Ctrl+Z">
              撤销
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

function TableErrors({ table }: { table: TableDef }) {
  const invalid = useInvalid(table.id);
  const { store } = useEditor();
  if (invalid.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-[13px] text-red-800" aria-live="polite">
      {invalid.map((c) => (
        <li key={c.id}>
          <button
            type="button"
            className="text-left hover:underline"
            onClick={() => {
              store.setHighlight([c.id]);
              revealRef(c.id);
            }}
          >
            {CELLS.get(c.id)!.name}：{c.message}（当前为“<CurrentValue id={c.id} />”）
          </button>
        </li>
      ))}
    </ul>
  );
}

function CurrentValue({ id }: { id: string }) {
  return <>{useCell(id)}</>;
}
