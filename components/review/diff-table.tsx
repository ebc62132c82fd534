import { CELLS, type ReportContent, type TableDef } from "@/lib/template";
import { computeTotals } from "@/lib/report/client";
import type { CellChange } from "@/lib/report/diff";
import { cn } from "@/lib/utils";

const textCellClass: Record<"corner" | "header" | "title" | "label", string> = {
  corner: "bg-slate-50 px-2 py-1 text-left text-[11px] font-normal leading-4 text-slate-600",
  header: "bg-slate-50 px-1 py-1 text-center text-xs font-medium leading-4 text-slate-700",
  title: "bg-slate-100 px-2 py-1 text-left text-[13px] font-semibold text-slate-800",
  label: "px-2 py-1 text-left text-[13px] font-normal leading-5 text-slate-800",
};

/**
 * A table of the report as submitted (read-only, with the official merged headers), the changed input
 * cells highlighted with old → new, and so are the totals that changed with them (recomputed from the
 * values before and after).
 */
export function DiffTable({ table, content, changes }: { table: TableDef; content: ReportContent; changes: readonly CellChange[] }) {
  const totals = computeTotals(content.cells);
  const before = computeTotals({ ...content.cells, ...Object.fromEntries(changes.map((c) => [c.id, c.before])) });
  const changed = new Map<string, { before: string; after: string; derived?: true }>(changes.map((c) => [c.id, c]));
  for (const [id, v] of Object.entries(totals)) {
    const was = before[id];
    if (was !== undefined && was !== v) changed.set(id, { before: was === null ? "—" : String(was), after: v === null ? "—" : String(v), derived: true });
  }
  const rows = [...table.headerRows, ...table.bodyRows];
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[640px] table-fixed border-collapse border border-slate-300 bg-white" data-diff-table={table.id}>
        <colgroup>
          {table.columnWidths.map((w, i) => (
            <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) => {
                if (cell.type === "text")
                  return (
                    <th key={i} colSpan={cell.colSpan} rowSpan={cell.rowSpan} className={cn("border border-slate-300", textCellClass[cell.role])}>
                      {cell.text}
                    </th>
                  );
                const def = CELLS.get(cell.cellId)!;
                const change = changed.get(cell.cellId);
                const value = def.computed ? (totals[def.id] ?? "—") : (content.cells[def.id] ?? "");
                return (
                  <td
                    key={cell.cellId}
                    colSpan={cell.colSpan > 1 ? cell.colSpan : undefined}
                    data-cell-diff={cell.cellId}
                    data-changed={change ? (change.derived ? "total" : "true") : undefined}
                    title={change ? `${def.name}：${change.before || "（空）"} → ${change.after || "（空）"}` : def.name}
                    className={cn(
                      "border border-slate-300 px-1.5 py-1 text-right text-[13px] tabular-nums",
                      def.computed && "bg-slate-100 font-semibold text-slate-700",
                      change && (change.derived ? "bg-amber-50 ring-1 ring-inset ring-amber-300" : "bg-amber-100 ring-2 ring-inset ring-amber-400"),
                    )}
                  >
                    {change ? (
                      <span className="inline-flex flex-wrap justify-end gap-0.5">
                        <del className="text-red-700 line-through">{change.before || "空"}</del>
                        <span className="text-slate-500">→</span>
                        <ins className="font-semibold text-emerald-800 no-underline">{change.after || "空"}</ins>
                      </span>
                    ) : (
                      String(value)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
