import { DETAIL_LABELS } from "@/lib/server/services/audit";
import { ROLE_LABELS } from "@/lib/labels";
import { STATUS_LABELS, type ReportStatus } from "@/lib/report";

const HIDDEN = new Set(["userId", "organId", "parentId", "commentId"]);

function text(key: string, v: unknown): string {
  if (v === null || v === undefined || v === "") return "—";
  if (key === "role" && typeof v === "string") return ROLE_LABELS[v] ?? v;
  if ((key === "status" || key === "fromStatus") && typeof v === "string") return STATUS_LABELS[v as ReportStatus] ?? v;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join("、");
  return JSON.stringify(v);
}

/** An event's detail JSON as "label：value" pairs (plain text). */
export function AuditDetail({ detail }: { detail: Record<string, unknown> }) {
  const entries = Object.entries(detail).filter(([k]) => !HIDDEN.has(k));
  if (entries.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <dl className="flex flex-wrap gap-x-4 gap-y-0.5 text-xs text-slate-600">
      {entries.map(([k, v]) => (
        <div key={k} className="flex gap-1">
          <dt className="text-slate-400">{DETAIL_LABELS[k] ?? k}</dt>
          <dd>
            {k === "changes" && v && typeof v === "object"
              ? Object.entries(v as Record<string, { from?: unknown; to?: unknown }>)
                  .map(([field, c]) => `${DETAIL_LABELS[field] ?? field}：${text(field, c?.from)} → ${text(field, c?.to)}`)
                  .join("；")
              : text(k, v)}
          </dd>
        </div>
      ))}
    </dl>
  );
}
