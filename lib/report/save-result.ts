import type { ReportContent } from "@/lib/template";
import type { FieldValue } from "./content-fields";
import type { FieldChange, FieldConflict } from "./merge";

/**
 * What saving a draft sends (editor → server action): the fields the user changed, each with the value
 * it started from, merged field by field on the server (lib/report/merge.ts). `baseVersion` is the
 * version the editor last heard of: when the server is still there, nothing else changed.
 */
export type SaveInput = { reportId: string; baseVersion: number; changes: FieldChange<FieldValue>[] };

/** A field the server refused to store (the value stays in the editor and its local backup). */
export type RejectedField = { ref: string; message: string };

export type SaveResult =
  | {
      ok: true;
      version: number;
      savedAt: string;
      /** The whole stored content when others changed the report since `baseVersion`; null otherwise. */
      content: ReportContent | null;
      /** Fields changed here and elsewhere to different values: nothing was written for them. */
      conflicts: FieldConflict<FieldValue>[];
      rejected: RejectedField[];
    }
  | { ok: false; code: "NOT_FOUND" | "READ_ONLY" | "INVALID" | "UNAUTHENTICATED" | "ERROR"; message: string };

/** What an open editor polls (GET /reports/[id]/state?v=…) to learn of changes made elsewhere. */
export type ReportState = {
  version: number;
  savedAt: string;
  status: string;
  /** Changes whenever a comment is added, replied to or resolved. */
  commentsStamp: string;
  /** The stored content, only when `version` differs from the one asked about. */
  content: ReportContent | null;
};
