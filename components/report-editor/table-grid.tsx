"use client";

import {
  memo,
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ClipboardEvent,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from "react";
import Link from "next/link";
import { CELLS, T3_ROWS, type CellDef, type GridRow, type TableDef } from "@/lib/template";
import {
  carriedFromPrevious,
  MAX_CELL_CHARS,
  isMultiCellPaste,
  normalizeCellInput,
  parsePastedGrid,
  pasteNotice,
  planPaste,
} from "@/lib/report/client";
import { cn } from "@/lib/utils";
import { Button } from "@/components/ui/button";
import { useCell, useCellError, useEditor, useHighlighted, useInvalid, useMark } from "./context";
import { buildNavModel, keyDirection, navTarget } from "./grid-nav";
import { gridLayout, gridPlaces, pinnedWidths, type Pin, type Place } from "./grid-layout";
import { revealRef } from "./reveal";
import { cellAccessibleName } from "./cell-name";
import { CommentMarker, useCommentDescription } from "@/components/review/comment-marker";
import { useHydrated } from "@/components/ui/use-hydrated";

/**
 * The focus ring of a cell: a solid 2px outline inside the cell. (In Tailwind 4, `outline-none` sets the
 * outline style to none, and `focus:outline-2` only sets the width — the style must be named again.)
 */
const focusRing = "outline-none focus:outline-solid focus:outline-2 focus:-outline-offset-2 focus:outline-blue-600";

// contain: what is typed into a cell (and a total's new figure) never changes the size of anything else, so
// a keystroke lays out only its own cell, not the whole table (not paint: the focus ring is drawn outside)
const cellInputClass =
  "block h-8 w-full min-w-0 [contain:size_layout_style] bg-transparent px-1.5 text-right text-[13px] tabular-nums text-slate-900 read-only:cursor-default " +
  focusRing;

/**
 * Borders: each cell draws its right and bottom edges (the first column its left, the table its top), so
 * that a pinned cell carries its own borders while the table scrolls under it — collapsed borders
 * belong to the table and would stay behind.
 */
const border = (place: Place) => cn("border-r border-b border-slate-300", place.first && "border-l");

function pinClass(pin: Pin | null): string | false {
  if (!pin) return false;
  return cn(
    "sticky z-[1]",
    pin.edge &&
      (pin.side === "left"
        ? "group-data-[overflow]/grid:shadow-[2px_0_0_0_var(--color-slate-400)]"
        : "group-data-[overflow]/grid:shadow-[-2px_0_0_0_var(--color-slate-400)]"),
  );
}
const pinStyle = (pin: Pin | null) => (pin ? { [pin.side]: pin.offset } : undefined);

const CellInput = memo(function CellInput({ def, colSpan, place }: { def: CellDef; colSpan: number; place: Place }) {
  const { pin } = place;
  const { store, readOnly: locked, linked, registerTables } = useEditor();
  // a 汇总 report's figures come from the roll-up; a table kept by the register is the register's
  const readOnly = locked || linked || registerTables.has(def.table);
  // The input is uncontrolled: typing puts the value in the input and the store (nothing renders for the
  // keystroke here but what the store's error for this cell changes); a value set elsewhere — a paste, undo,
  // a colleague's save taken in, a restore, the normalisation on leaving the cell — is written into the input.
  const error = useCellError(def.id);
  const inputRef = useRef<HTMLInputElement>(null);
  const [initial] = useState(() => store.getCell(def.id));
  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    // typed before the page was interactive: the input's value is the clerk's
    if (input.value !== initial && store.getCell(def.id) === initial) store.setCell(def.id, input.value);
    const sync = () => {
      const v = store.getCell(def.id);
      if (input.value !== v) input.value = v;
    };
    sync();
    // a native listener: a keystroke does not go through React's event system (no component handles it)
    const onInput = () => store.setCell(def.id, input.value);
    input.addEventListener("input", onInput);
    const off = store.subscribeKey(`cell:${def.id}`, sync);
    return () => {
      input.removeEventListener("input", onInput);
      off();
    };
  }, [store, def.id, initial]);
  const highlighted = useHighlighted(def.id);
  const mark = useMark(def.id);
  const comments = useCommentDescription(`cell:${def.id}`);
  return (
    <td
      colSpan={colSpan > 1 ? colSpan : undefined}
      style={pinStyle(pin)}
      className={cn(
        "relative p-0",
        border(place),
        pin && "bg-white",
        pinClass(pin),
        mark === "warning" && "bg-amber-50",
        mark === "error" && "bg-red-50",
        error && "bg-red-50",
        highlighted && "bg-yellow-100 ring-2 ring-inset ring-amber-400",
      )}
    >
      <input
        data-cell={def.id}
        aria-label={cellAccessibleName(def)}
        aria-describedby={error ? [`${def.id}-error`, comments].filter(Boolean).join(" ") : comments}
        aria-invalid={error ? true : undefined}
        title={error ? `${def.name}：${error}` : undefined}
        inputMode={def.kind === "count" ? "numeric" : "decimal"}
        autoComplete="off"
        spellCheck={false}
        maxLength={MAX_CELL_CHARS}
        readOnly={readOnly}
        ref={inputRef}
        defaultValue={initial}
        className={cn(
          cellInputClass,
          // a cell a finding points at keeps its highlight while it has the focus
          highlighted ? "focus:bg-yellow-50" : "focus:bg-white",
          error && "text-red-700 underline decoration-red-500 decoration-wavy",
        )}
      />
      {error && (
        // the error, naming its cell, read with the cell (the list under the table shows it too)
        <span id={`${def.id}-error`} className="sr-only">
          {def.name}：{error}
        </span>
      )}
      <CommentMarker anchor={`cell:${def.id}`} cell className="absolute left-0.5 top-0.5" />
    </td>
  );
});

const totalText = (total: number | null) => (total === null ? "—" : String(total));
const totalTitle = (total: number | null) => (total === null ? "有单元格的值无效，无法计算合计" : "自动计算，不能输入");

const ComputedCell = memo(function ComputedCell({ def, colSpan, place }: { def: CellDef; colSpan: number; place: Place }) {
  const { pin } = place;
  const { store } = useEditor();
  // The total is rendered once and then written straight into its text node when the store's total
  // changes: a keystroke renders no component at all (the input is uncontrolled too).
  const [initial] = useState(() => store.getTotal(def.id));
  const outputRef = useRef<HTMLOutputElement>(null);
  useEffect(() => {
    const el = outputRef.current;
    const text = el?.firstChild;
    if (!el || !text) return;
    const sync = () => {
      const total = store.getTotal(def.id);
      if (text.nodeValue !== totalText(total)) text.nodeValue = totalText(total);
      if (el.title !== totalTitle(total)) el.title = totalTitle(total);
    };
    sync();
    return store.subscribeKey(`total:${def.id}`, sync);
  }, [store, def.id]);
  const highlighted = useHighlighted(def.id);
  const mark = useMark(def.id);
  const comments = useCommentDescription(`cell:${def.id}`);
  return (
    <td
      colSpan={colSpan > 1 ? colSpan : undefined}
      style={pinStyle(pin)}
      className={cn(
        "relative bg-slate-100 p-0",
        border(place),
        pinClass(pin),
        mark === "error" && "bg-red-100",
        highlighted && "bg-yellow-100 ring-2 ring-inset ring-amber-400",
      )}
    >
      <output
        data-cell={def.id}
        tabIndex={-1}
        aria-label={cellAccessibleName(def)}
        aria-describedby={comments}
        ref={outputRef}
        title={totalTitle(initial)}
        className={cn("block h-8 px-1.5 [contain:size_layout_style] text-right text-[13px] font-semibold leading-8 tabular-nums text-slate-700", focusRing)}
      >
        {totalText(initial)}
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

const GridRowView = memo(function GridRowView({
  row,
  section,
  places,
}: {
  row: GridRow;
  section: "head" | "body";
  places: readonly Place[];
}) {
  return (
    <tr>
      {row.cells.map((cell, i) => {
        const place = places[i]!;
        const { pin } = place;
        if (cell.type === "text") {
          return (
            <th
              key={i}
              colSpan={cell.colSpan}
              rowSpan={cell.rowSpan}
              scope={cell.role === "label" ? "row" : cell.role === "corner" ? undefined : section === "head" || cell.role === "header" ? "col" : undefined}
              style={pinStyle(pin)}
              className={cn(border(place), pin && "bg-white", textCellClass[cell.role], pinClass(pin))}
            >
              {cell.text}
            </th>
          );
        }
        const def = CELLS.get(cell.cellId)!;
        return def.computed ? (
          <ComputedCell key={cell.cellId} def={def} colSpan={cell.colSpan} place={place} />
        ) : (
          <CellInput key={cell.cellId} def={def} colSpan={cell.colSpan} place={place} />
        );
      })}
    </tr>
  );
});

/**
 * A horizontal scrollbar for `target` that stays at the bottom of the window while the table is in view
 * (the table's own scrollbar would be far below, under its last row). Shown only when the table overflows.
 */
function StickyScrollbar({
  target,
  table,
  onScrollLeft,
}: {
  target: RefObject<HTMLDivElement | null>;
  table: RefObject<HTMLTableElement | null>;
  onScrollLeft: (left: number) => void;
}) {
  const bar = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState<{ scroll: number; client: number } | null>(null);
  useEffect(() => {
    const box = target.current;
    const inner = table.current;
    if (!box || !inner) return;
    const measure = () => {
      const next = box.scrollWidth > box.clientWidth + 1 ? { scroll: box.scrollWidth, client: box.clientWidth } : null;
      setWidth((w) => (w?.scroll === next?.scroll && w?.client === next?.client ? w : next));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(box);
    ro.observe(inner);
    const onScroll = () => {
      if (bar.current && bar.current.scrollLeft !== box.scrollLeft) bar.current.scrollLeft = box.scrollLeft;
    };
    box.addEventListener("scroll", onScroll, { passive: true });
    return () => {
      ro.disconnect();
      box.removeEventListener("scroll", onScroll);
    };
  }, [target, table]);
  useEffect(() => {
    // keep the groups' data-overflow (pinned-column shadows) in step
    const box = target.current?.parentElement;
    if (box) box.toggleAttribute("data-overflow", width !== null);
    if (width && bar.current && target.current) bar.current.scrollLeft = target.current.scrollLeft;
  }, [width, target]);
  if (!width) return null;
  return (
    <div
      ref={bar}
      data-testid="grid-scrollbar"
      aria-hidden
      className="sticky bottom-0 z-[2] overflow-x-auto overflow-y-hidden border-t border-slate-200 bg-slate-50/95"
      onScroll={(e) => onScrollLeft(e.currentTarget.scrollLeft)}
    >
      <div style={{ width: width.scroll, height: 1 }} />
    </div>
  );
}

/** Table 二, 三 or 四 as an HTML table with the official merged headers; input cells behave like a spreadsheet. */
export function TableGrid({ table }: { table: TableDef }) {
  const { store, readOnly: locked, linked, registerTables, registerHref, previous, year } = useEditor();
  const fromRegister = registerTables.has(table.id);
  const readOnly = locked || linked || fromRegister;
  // the buttons below do nothing until the editor is interactive: disabled until then (the cells keep what is typed)
  const hydrated = useHydrated();
  const tableRef = useRef<HTMLTableElement>(null);
  const scrollRef = useRef<HTMLDivElement>(null);
  const model = useMemo(() => buildNavModel(table), [table]);
  const layout = useMemo(() => gridLayout(table), [table]);
  const places = useMemo(() => gridPlaces(table, layout), [table, layout]);
  const pinned = pinnedWidths(layout);
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
      <div className="group/grid relative">
        <div
          ref={scrollRef}
          data-grid-scroll={table.id}
          // the sticky bar below is the scrollbar; scroll-padding keeps a focused cell clear of the pinned columns
          className="overflow-x-auto overscroll-x-contain [scrollbar-width:none] [&::-webkit-scrollbar]:hidden"
          style={{ scrollPaddingLeft: pinned.left, scrollPaddingRight: pinned.right }}
        >
          <table
            ref={tableRef}
            data-table={table.id}
            aria-label={table.name}
            className="w-full table-fixed border-separate border-spacing-0 border-t border-slate-300 bg-white"
            style={{ minWidth: layout.minWidth }}
            onKeyDown={onKeyDown}
            onBlur={onBlur}
            onPaste={onPaste}
          >
            <colgroup>
              {layout.widths.map((w, i) => (
                <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
              ))}
            </colgroup>
            {table.headerRows.length > 0 && (
              <thead>
                {table.headerRows.map((row) => (
                  <GridRowView key={row.key} row={row} section="head" places={places.get(row.key)!} />
                ))}
              </thead>
            )}
            <tbody>
              {table.bodyRows.map((row) => (
                <GridRowView key={row.key} row={row} section="body" places={places.get(row.key)!} />
              ))}
            </tbody>
          </table>
        </div>
        <StickyScrollbar
          target={scrollRef}
          table={tableRef}
          onScrollLeft={(left) => {
            const box = scrollRef.current;
            if (box && box.scrollLeft !== left) box.scrollLeft = left;
          }}
        />
      </div>
      <TableErrors table={table} />
      {table.id === "t3" && !readOnly && !fromRegister && (!previous || previous.year !== year - 1) && (
        // no report of the year before in the system: nothing to carry over from, and X1 cannot check 二
        <p className="mt-3 text-xs text-slate-600" data-testid="no-previous-report">
          系统中没有 {year - 1} 年度的报告：「{carriedLabel}」请按上年报告的「{carryoverLabel}」填写（也可先
          <Link href="/reports/import" className="mx-1 text-blue-700 underline">
            导入上年报告
          </Link>
          ，系统将自动带入并核对）。
        </p>
      )}
      {fromRegister && !locked && (
        <p className="mt-3 text-xs text-slate-600" data-testid={`register-locked-${table.id}`}>
          {table.name}按本机关的依申请公开台账自动计算，在此不能修改，台账变动时自动更新。需要手工填写时，请在
          {registerHref ? (
            <a href={registerHref} className="mx-1 text-blue-700 underline">
              台账
            </a>
          ) : (
            "台账"
          )}
          中点「改为手工填写」。
        </p>
      )}
      {!readOnly && (
        <div className="mt-3 flex flex-wrap items-center gap-2">
          <Button variant="outline" size="sm" onClick={fillZero} disabled={!hydrated}>
            空白单元格填 0
          </Button>
          {prevCarry && (
            <Button
              variant="outline"
              size="sm"
              disabled={!hydrated}
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
