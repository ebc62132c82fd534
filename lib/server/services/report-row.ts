// Shared helpers of the report services (no server-only: imported by them only).
import type { ReportContent } from "@/lib/template";
import { parseDraft, REPORT_STATUSES, type ReportStatus } from "@/lib/report";

export function toReportStatus(value: string): ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value) ? (value as ReportStatus) : "DRAFT";
}

/** Stored JSON → content. Falls back to the raw object if it no longer passes the draft schema. */
export function parseStoredContent(json: string): ReportContent {
  const raw: unknown = JSON.parse(json);
  const parsed = parseDraft(raw);
  return parsed.ok ? parsed.content : (raw as ReportContent);
}

/** Audit detail → JSON string (kept small: never the whole content). */
export function auditDetail(detail: Record<string, unknown>): string {
  return JSON.stringify(detail);
}
