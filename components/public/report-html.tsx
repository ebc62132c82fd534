// A report's view model (lib/export/build-view-model.ts) as semantic HTML: headings, paragraphs and
// tables with their merged cells. Plain text only (React escapes every string).
import type { Block, Table, TableRow, ViewModel } from "@/lib/export/view-model";
import { cn } from "@/lib/utils";

const ALIGN = { left: "text-left", center: "text-center", right: "text-right" } as const;

function Row({ row, columns, header }: { row: TableRow; columns: number; header: boolean }) {
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
        const Cell = header ? "th" : "td";
        return (
          <Cell
            key={i}
            colSpan={c.colSpan > 1 ? c.colSpan : undefined}
            rowSpan={c.rowSpan && c.rowSpan > 1 ? c.rowSpan : undefined}
            scope={header ? "col" : undefined}
            className={cn("border border-slate-400 px-2 py-1 align-middle", ALIGN[c.align], header ? "font-normal" : "", c.bold && "font-bold")}
          >
            {c.text}
          </Cell>
        );
      })}
    </tr>
  );
}

function HtmlTable({ table }: { table: Table }) {
  const columns = table.columns.length;
  return (
    <div className="my-4 overflow-x-auto">
      <table className="w-full border-collapse text-[13px] leading-snug" data-table={table.id}>
        <colgroup>
          {table.columns.map((w, i) => (
            <col key={i} style={{ width: `${(w * 100).toFixed(2)}%` }} />
          ))}
        </colgroup>
        {table.header.length ? (
          <thead className="bg-slate-50">
            {table.header.map((r, i) => (
              <Row key={i} row={r} columns={columns} header />
            ))}
          </thead>
        ) : null}
        <tbody>
          {table.body.map((r, i) => (
            <Row key={i} row={r} columns={columns} header={false} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case "heading1":
      return <h2 className="mt-8 mb-3 text-lg font-bold">{block.text}</h2>;
    case "heading2":
      return <h3 className="mt-4 mb-2 font-semibold">{block.text}</h3>;
    case "paragraph":
      return <p className="my-2 indent-8 leading-8">{block.text}</p>;
    case "table":
      return <HtmlTable table={block.table} />;
  }
}

export function ReportHtml({ vm }: { vm: ViewModel }) {
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
        <BlockView key={i} block={b} />
      ))}
      <footer className="mt-10 text-right leading-8">
        <p>{vm.signature.organName}</p>
        <p>{vm.signature.date}</p>
      </footer>
    </article>
  );
}
