import type { DetailEntry } from "@/lib/server/services/audit-labels";

/** An event's detail as "label value" pairs (already in words: lib/server/services/audit-labels.ts). */
export function AuditDetail({ details }: { details: readonly DetailEntry[] }) {
  if (details.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
      {details.map((d) => (
        <div key={d.key} className="flex gap-1" data-detail={d.key}>
          <dt className="text-slate-500">{d.label}</dt>
          <dd>{d.text}</dd>
        </div>
      ))}
    </dl>
  );
}
