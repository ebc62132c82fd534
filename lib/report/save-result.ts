import type { ReportContent } from "@/lib/template";

/** What saving a draft answers (server action → editor). */
export type SaveInput = { reportId: string; baseVersion: number; content: ReportContent };

export type SaveResult =
  | { ok: true; version: number; savedAt: string }
  | { ok: false; code: "CONFLICT"; message: string; serverVersion: number; serverContent: ReportContent; serverSavedAt: string }
  | { ok: false; code: "NOT_FOUND" | "READ_ONLY" | "INVALID" | "UNAUTHENTICATED" | "ERROR"; message: string };
