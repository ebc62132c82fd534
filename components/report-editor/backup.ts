/**
 * A local copy of unsaved content in localStorage, one key per report, so that a crash or a closed tab
 * does not lose what the clerk typed. Written while there are unsaved changes, removed once saved.
 * It keeps the base its edits started from (per field), so that restoring it later re-applies only the
 * clerk's own edits and never reverts what others saved meanwhile.
 */
import type { ReportContent } from "@/lib/template";
import { changedFields, fieldEquals, fieldValue } from "@/lib/report/client";
import { contentEquals } from "./diff";

export type Backup = {
  v: 1 | 2;
  content: ReportContent;
  /** Per field, the server value the edits started from (v2); null for copies written by older versions. */
  base: ReportContent | null;
  /** The server version the content was based on. */
  baseVersion: number;
  /** When the copy was written (ISO). */
  writtenAt: string;
};

export const backupKey = (reportId: string) => `nianbao:editor-backup:${reportId}`;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

const looksLikeContent = (c: unknown): c is ReportContent => {
  const x = c as Partial<ReportContent> | null;
  return !!x && typeof x === "object" && !!x.header && !!x.text && !!x.cells && !!x.fee;
};
const withAcks = (c: ReportContent): ReportContent => ({ ...c, acknowledgements: c.acknowledgements ?? {} });

export function readBackup(reportId: string): Backup | null {
  return parseBackup(readBackupRaw(reportId));
}

/** The stored copy as text (a string: the same copy compares equal, for useSyncExternalStore). */
export function readBackupRaw(reportId: string): string | null {
  return storage()?.getItem(backupKey(reportId)) ?? null;
}

export function parseBackup(raw: string | null): Backup | null {
  if (!raw) return null;
  try {
    const b = JSON.parse(raw) as Partial<Backup>;
    if ((b?.v !== 1 && b?.v !== 2) || typeof b.baseVersion !== "number" || typeof b.writtenAt !== "string") return null;
    if (!looksLikeContent(b.content)) return null;
    const base = b.v === 2 && looksLikeContent(b.base) ? withAcks(b.base) : null;
    return { v: b.v, content: withAcks(b.content), base, baseVersion: b.baseVersion, writtenAt: b.writtenAt };
  } catch {
    return null;
  }
}

/** Returns false when the browser refuses (quota, private mode). */
export function writeBackup(
  reportId: string,
  content: ReportContent,
  base: ReportContent,
  baseVersion: number,
  now = new Date(),
): boolean {
  const s = storage();
  if (!s) return false;
  try {
    const b: Backup = { v: 2, content, base, baseVersion, writtenAt: now.toISOString() };
    s.setItem(backupKey(reportId), JSON.stringify(b));
    return true;
  } catch {
    return false;
  }
}

export function clearBackup(reportId: string) {
  try {
    storage()?.removeItem(backupKey(reportId));
  } catch {
    /* ignore */
  }
}

/**
 * What restoring would bring back: for a v2 copy, the clerk's own edits that the server does not hold
 * yet; for an old v1 copy, everything in which it differs from the server.
 */
export function backupEdits(backup: Backup, server: ReportContent): { ref: string }[] {
  if (!backup.base) return changedFields(server, backup.content);
  return changedFields(backup.base, backup.content).filter(
    (e) => !fieldEquals(fieldValue(server, e.ref) ?? null, e.after),
  );
}

/**
 * Offer to restore when the backup holds something the server does not. A v2 copy knows its own edits;
 * an old v1 copy is offered when it differs and is not older than the server's content.
 */
export function shouldOfferRestore(
  backup: Backup | null,
  server: { version: number; savedAt: string; content: ReportContent },
): boolean {
  if (!backup) return false;
  if (backup.base) return backupEdits(backup, server.content).length > 0;
  if (contentEquals(backup.content, server.content)) return false;
  const written = Date.parse(backup.writtenAt);
  const saved = Date.parse(server.savedAt);
  return backup.baseVersion >= server.version || (Number.isFinite(written) && Number.isFinite(saved) && written > saved);
}
