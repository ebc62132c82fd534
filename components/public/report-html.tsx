// A report's view model (lib/export/build-view-model.ts) as semantic HTML: headings, paragraphs and
// tables with their merged cells. Plain text only (React escapes every string).
import type { Block, Table, TableRow, ViewModel } from "@/lib/export/view-model";
import { TABLES, type GridRow, type GridTextCell } from "@/lib/template";
import { cn } from "@/lib/utils";

const ALIGN = { left: "text-left", center: "text-center", right: "text-right" } as const;

/** The template's role of each cell of a printed row (lib/template), to tell headers from data. */
type Roles = readonly (GridTextCell["role"] | "value")[];

function rolesOf(rows: readonly GridRow[]): Roles[] {
  return rows.map((r) => r.cells.map((c) => (c.type === "text" ? c.role : "value")));
}

function Row({ row, columns, roles }: { row: TableRow; columns: number; roles: Roles | undefined }) {
  if (row.kind === "title") {
    return (
      <tr>
        <th colSpan={columns} scope="colgroup" className={cn("border border-slate-400 px-2 py-1 font-normal", ALIGN[row.align ?? "left"])}>
          {row.text}
        </th>
      </tr>
    );
  }
  return (
    <tr>
      {row.cells.map((c, i) => {
        const role = roles?.[i] ?? "value";
        const className = cn("border border-slate-400 px-2 py-1 align-middle", ALIGN[c.align], role !== "value" && "font-normal", c.bold && "font-bold");
        const colSpan = c.colSpan > 1 ? c.colSpan : undefined;
        const rowSpan = c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined;
        if (role === "value")
          return (
            <td key={i} colSpan={colSpan} rowSpan={rowSpan} className={className}>
              {c.text}
            </td>
          );
        // row labels head their row (or group of rows), headers their column (or group of columns)
        const scope = role === "label" ? (rowSpan ? "rowgroup" : "row") : colSpan ? "colgroup" : "col";
        return (
          <th key={i} colSpan={colSpan} rowSpan={rowSpan} scope={scope} className={className}>
            {c.text}
          </th>
        );
      })}
    </tr>
  );
}

function HtmlTable({ table, caption }: { table: Table; caption: string }) {
  const columns = table.columns.length;
  const def = TABLES.find((t) => t.id === table.id);
  const headerRoles = def ? rolesOf(def.headerRows) : [];
  const bodyRoles = def ? rolesOf(def.bodyRows) : [];
  // tables 三 and 四 keep a readable width on a phone (their labels a few characters a line at most) and
  // scroll sideways in their box, which says so
  const wide = columns > 4;
  return (
    <div className="my-4">
      {wide ? (
        <p className="mb-1 text-xs text-slate-500 md:hidden" data-testid="table-scroll-hint">
          表格较宽，可左右滑动查看完整内容。
        </p>
      ) : null}
      <div className="overflow-x-auto">
        <table className={`w-full border-collapse text-[13px] leading-snug ${wide ? "min-w-[46rem]" : ""}`} data-table={table.id}>
          {/* the section heading printed above names the table */}
          <caption className="sr-only">{caption}</caption>
          <colgroup>
            {table.columns.map((w, i) => (
              <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
            ))}
          </colgroup>
          {table.header.length ? (
            <thead className="bg-slate-50">
              {table.header.map((r, i) => (
                <Row key={i} row={r} columns={columns} roles={headerRoles[i] ?? (r.kind === "title" ? undefined : r.cells.map(() => "header"))} />
              ))}
            </thead>
          ) : null}
          <tbody>
            {table.body.map((r, i) => (
              <Row key={i} row={r} columns={columns} roles={bodyRoles[i]} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function BlockView({ block, caption }: { block: Block; caption: string }) {
  switch (block.kind) {
    case "heading1":
      return <h2 className="mt-8 mb-3 text-lg font-bold">{block.text}</h2>;
    case "heading2":
      return <h3 className="mt-4 mb-2 font-semibold">{block.text}</h3>;
    case "paragraph":
      return <p className="my-2 indent-8 leading-8">{block.text}</p>;
    case "table":
      return <HtmlTable table={block.table} caption={caption} />;
  }
}

/** The heading each block stands under (a table's caption). */
function headingsOf(blocks: readonly Block[]): string[] {
  let last = "";
  return blocks.map((b) => (b.kind === "heading1" ? (last = b.text) : last));
}

export function ReportHtml({ vm }: { vm: ViewModel }) {
  const captions = headingsOf(vm.blocks);
  return (
    <article className="mx-auto max-w-4xl rounded-lg border border-slate-200 bg-white px-6 py-10 text-[15px] text-slate-900 md:px-14" data-testid="public-report">
      <header className="mb-8 text-center">
        <h1 className="text-2xl leading-relaxed font-bold">
          {vm.title.map((line, i) => (
            <span key={i} className="block">
              {line}
            </span>
          ))}
        </h1>
      </header>
      {vm.opening.map((p, i) => (
        <p key={i} className="my-2 indent-8 leading-8">
          {p}
        </p>
      ))}
      {vm.blocks.map((b, i) => (
        <BlockView key={i} block={b} caption={captions[i]!} />
      ))}
      <footer className="mt-10 text-right leading-8">
        <p>{vm.signature.organName}</p>
        <p>{vm.signature.date}</p>
      </footer>
    </article>
  );
}
