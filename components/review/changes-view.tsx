import { SECTIONS, TABLES, sectionHeading, type ReportContent } from "@/lib/template";
import { diffStats, type ReportChanges } from "@/lib/report/diff";
import { DiffTable } from "./diff-table";
import { TextDiff, ValueChange } from "./text-diff";

/** Everything that changed between two submissions: fields, texts per section with a diff, changed cells in their tables. */
export function ChangesView({ changes, content }: { changes: ReportChanges; content: ReportContent }) {
  if (changes.count === 0) return <p className="text-sm text-slate-500" data-testid="no-changes">与上次提交相比没有修改。</p>;
  const headerTexts = changes.texts.filter((t) => t.section === null);
  return (
    <div className="space-y-6" data-testid="changes-view">
      {(changes.fields.length > 0 || headerTexts.length > 0) && (
        <section>
          <h3 className="mb-2 text-sm font-semibold text-slate-800">标题、落款与其他</h3>
          <ul className="space-y-1.5 text-sm">
            {changes.fields.map((f) => (
              <li key={f.ref} data-change={f.ref}>
                <span className="mr-2 text-slate-600">{f.label}：</span>
                <ValueChange before={f.before} after={f.after} />
              </li>
            ))}
          </ul>
          {headerTexts.map((t) => (
            <div key={t.ref} className="mt-3" data-change={t.ref}>
              <h4 className="mb-1 text-xs font-medium text-slate-600">{t.label}</h4>
              <TextDiff segments={t.segments} className="rounded border border-slate-200 bg-white px-3 py-2" />
            </div>
          ))}
        </section>
      )}
      {SECTIONS.map((s) => {
        const texts = changes.texts.filter((t) => t.section === s.key);
        const table = TABLES.find((t) => t.section === s.key);
        const cells = table ? changes.cells.filter((c) => c.table === table.id) : [];
        if (texts.length === 0 && cells.length === 0) return null;
        return (
          <section key={s.key} data-change-section={s.key}>
            <h3 className="mb-2 text-sm font-semibold text-slate-800">{sectionHeading(s)}</h3>
            {texts.map((t) => {
              const st = diffStats(t.segments);
              return (
                <div key={t.ref} className="mb-3" data-change={t.ref}>
                  <h4 className="mb-1 flex items-center gap-2 text-xs font-medium text-slate-600">
                    {t.label !== sectionHeading(s) ? t.label : null}
                    <span className="font-normal text-slate-500">
                      新增 {st.inserted} 字，删除 {st.deleted} 字
                    </span>
                  </h4>
                  <TextDiff segments={t.segments} className="rounded border border-slate-200 bg-white px-3 py-2" />
                </div>
              );
            })}
            {table && cells.length > 0 && (
              <div className="space-y-2">
                <ul className="space-y-1 text-sm" aria-label={`${table.name}修改的单元格`}>
                  {cells.map((c) => (
                    <li key={c.id} data-change={c.id}>
                      <span className="mr-2 text-slate-600">{c.name}：</span>
                      <ValueChange before={c.before} after={c.after} />
                    </li>
                  ))}
                </ul>
                <DiffTable table={table} content={content} changes={cells} />
              </div>
            )}
          </section>
        );
      })}
    </div>
  );
}
