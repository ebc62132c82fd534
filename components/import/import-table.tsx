"use client";

import { useMemo } from "react";
import { CELLS, type CellDef, type GridRow, type TableDef } from "@/lib/template";
import { computeTotals, readCell, type Finding } from "@/lib/report/client";
import type { ImportNote } from "@/lib/import/types";
import { cn } from "@/lib/utils";

/** A numbered note about cells, as listed under the tables. */
export type CellNote = { n: number; note: ImportNote };

const NOTE_STYLE: Partial<Record<ImportNote["kind"], string>> = {
  "uncertain-cell": "bg-amber-100 ring-2 ring-inset ring-amber-400",
  "ambiguous-decoding": "bg-orange-100 ring-2 ring-inset ring-orange-400",
  "blank-as-zero": "bg-sky-100 ring-2 ring-inset ring-sky-400",
};

const MIN_WIDTH: Record<TableDef["id"], string> = { t2: "min-w-[560px]", t3: "min-w-[900px]", t4: "min-w-[860px]" };

const textCellClass: Record<"corner" | "header" | "title" | "label", string> = {
  corner: "bg-slate-50 px-2 py-1.5 text-left align-middle text-[11px] font-normal leading-4 text-slate-600",
  header: "bg-slate-50 px-1 py-1.5 text-center align-middle text-xs font-medium leading-4 text-slate-700",
  title: "bg-slate-100 px-2 py-1.5 text-left text-[13px] font-semibold text-slate-800",
  label: "px-2 py-1 text-left align-middle text-[13px] font-normal leading-5 text-slate-800",
};

type Props = {
  table: TableDef;
  cells: Record<string, string>;
  sourceTotals: Record<string, string> | undefined;
  /** Notes per cell id. */
  notesByCell: ReadonlyMap<string, CellNote[]>;
  /** Cells the clerk may correct (inputs); every other cell is read-only. */
  correctable: ReadonlySet<string>;
  /** Cells named by an error finding. */
  errorCells: ReadonlySet<string>;
  onCell: (id: string, value: string) => void;
};

/**
 * Table 二, 三 or 四 of an import under review: the official grid (lib/template), read-only values, inputs for
 * the cells the importer was unsure of, each noted cell highlighted with its note number and message.
 */
export function ImportTable({ table, cells, sourceTotals, notesByCell, correctable, errorCells, onCell }: Props) {
  const totals = useMemo(() => computeTotals(cells), [cells]);
  const row = (r: GridRow, head: boolean) => (
    <tr key={r.key}>
      {r.cells.map((cell, i) => {
        if (cell.type === "text") {
          return (
            <th
              key={i}
              colSpan={cell.colSpan}
              rowSpan={cell.rowSpan}
              scope={cell.role === "label" ? "row" : head || cell.role === "header" ? "col" : undefined}
              className={cn("border border-slate-300", textCellClass[cell.role])}
            >
              {cell.text}
            </th>
          );
        }
        const def = CELLS.get(cell.cellId)!;
        return (
          <ValueCell
            key={cell.cellId}
            def={def}
            colSpan={cell.colSpan}
            value={def.computed ? totals[def.id] ?? null : cells[def.id] ?? ""}
            printed={def.computed ? sourceTotals?.[def.id] : undefined}
            notes={notesByCell.get(def.id) ?? []}
            editable={correctable.has(def.id)}
            error={errorCells.has(def.id)}
            onCell={onCell}
          />
        );
      })}
    </tr>
  );
  return (
    <div className="overflow-x-auto">
      <table className={cn("w-full border-collapse", MIN_WIDTH[table.id])} data-table={table.id}>
        <colgroup>
          {table.columnWidths.map((w, i) => (
            <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        {table.headerRows.length > 0 ? <thead>{table.headerRows.map((r) => row(r, true))}</thead> : null}
        <tbody>{table.bodyRows.map((r) => row(r, false))}</tbody>
      </table>
    </div>
  );
}

function ValueCell(props: {
  def: CellDef;
  colSpan: number;
  value: string | number | null;
  printed: string | undefined;
  notes: CellNote[];
  editable: boolean;
  error: boolean;
  onCell: (id: string, value: string) => void;
}) {
  const { def, colSpan, value, printed, notes, editable, error, onCell } = props;
  const noteClass = notes.map((n) => NOTE_STYLE[n.note.kind]).find(Boolean);
  const title = notes.map((n) => `注${n.n}：${n.note.message}`).join("\n");
  const span = colSpan > 1 ? colSpan : undefined;
  if (def.computed) {
    const printedReading = printed !== undefined ? readCell(printed, "count") : null;
    const mismatch = printedReading?.state === "valid" && typeof value === "number" && printedReading.value !== value;
    return (
      <td colSpan={span} className={cn("border border-slate-300 bg-slate-100 px-1.5 text-right text-[13px] font-semibold tabular-nums", mismatch && "bg-red-100")}>
        <output data-cell={def.id} aria-label={def.name} title={mismatch ? `原文为 ${printed}，按各项相加为 ${value}` : "按各项相加"}>
          {value === null ? "—" : value}
        </output>
        {mismatch ? <span className="block text-[11px] font-normal text-red-700">原文 {printed}</span> : null}
      </td>
    );
  }
  const reading = readCell(typeof value === "string" ? value : "", def.kind);
  const invalid = reading.state === "invalid";
  return (
    <td
      colSpan={span}
      className={cn("relative border border-slate-300 p-0", error && "bg-red-50", noteClass)}
      title={title || undefined}
      data-note-cell={notes.length > 0 ? def.id : undefined}
    >
      {editable ? (
        <input
          data-cell={def.id}
          aria-label={def.name}
          aria-invalid={invalid ? true : undefined}
          value={typeof value === "string" ? value : ""}
          onChange={(e) => onCell(def.id, e.target.value)}
          inputMode={def.kind === "count" ? "numeric" : "decimal"}
          autoComplete="off"
          placeholder="待填"
          className={cn(
            "block h-8 w-full min-w-0 border-b border-dashed border-blue-400 bg-white/70 px-1.5 text-right text-[13px] tabular-nums outline-none focus:bg-white focus:outline-2 focus:-outline-offset-2 focus:outline-blue-600",
            invalid && "text-red-700 underline decoration-red-500 decoration-wavy",
          )}
        />
      ) : (
        <span data-cell={def.id} aria-label={def.name} className="block h-8 px-1.5 text-right text-[13px] leading-8 tabular-nums text-slate-900">
          {value}
        </span>
      )}
      {notes.length > 0 ? (
        <sup className="pointer-events-none absolute left-0.5 top-0.5 text-[10px] font-semibold text-amber-800">
          {notes.map((n) => n.n).join(",")}
        </sup>
      ) : null}
    </td>
  );
}

/** Cells named by error findings (for the red marks). */
export function errorCellsOf(findings: readonly Finding[]): Set<string> {
  const out = new Set<string>();
  for (const f of findings) if (f.severity === "error") for (const c of f.cells) out.add(c);
  return out;
}
